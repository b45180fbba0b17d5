"""SQLite rows for the clustering state (copy groups, story clusters): each component's
``to_rows()`` tables, stored row by row as JSON (bytes as base64) and read back as tuples."""

from __future__ import annotations

import base64
import json
import sqlite3


def _encode(value: object) -> object:
    if isinstance(value, (bytes, bytearray, memoryview)):
        return {"b64": base64.b64encode(bytes(value)).decode("ascii")}
    if isinstance(value, (list, tuple)):
        return [_encode(v) for v in value]
    return value


def _decode(value: object) -> object:
    if isinstance(value, dict) and set(value) == {"b64"}:
        return base64.b64decode(value["b64"])
    if isinstance(value, list):
        return tuple(_decode(v) for v in value)
    return value


def replace_state(conn: sqlite3.Connection, component: str, tables: dict[str, list[tuple]]) -> None:
    """Replace the whole stored state of ``component`` (inside the caller's transaction)."""
    conn.execute("DELETE FROM cluster_state WHERE component = ?", (component,))
    # position -1 records the table itself, so an empty table reads back as empty, not absent
    conn.executemany(
        "INSERT INTO cluster_state (component, tbl, position, row) VALUES (?, ?, ?, ?)",
        [(component, table, -1, "null") for table in tables]
        + [(component, table, i, json.dumps(_encode(row)))
           for table, rows in tables.items() for i, row in enumerate(rows)],
    )


def read_state(conn: sqlite3.Connection, component: str) -> dict[str, list[tuple]]:
    """The stored tables of ``component`` ({} when it has none)."""
    tables: dict[str, list[tuple]] = {}
    for table, row in conn.execute(
        "SELECT tbl, row FROM cluster_state WHERE component = ? ORDER BY tbl, position", (component,)
    ):
        rows = tables.setdefault(table, [])
        if row != "null":
            rows.append(_decode(json.loads(row)))
    return tables
