"""SQLite rows for what the resolve step keeps: entities with their names, lookup keys and
evidence, merges (with redirects from merged-away ids), and roles.

Module-level functions over an open connection, called inside ``SQLiteStore``'s sessions and
transactions; they never commit.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from datetime import datetime, timezone

from storyline.models import Entity, EntityMerge, Role

_ROLE_COLUMNS = 'article_id, "start", "end", title, qualifier, holder_start, sentence, entity_id, date'


def save_entities(conn: sqlite3.Connection, entities: Iterable[Entity]) -> None:
    """Insert new entities and update changed ones (name, acronyms); ids never change."""
    for entity in entities:
        conn.execute(
            "INSERT INTO entities (id, name, type, acronyms, wikidata) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT(id) DO UPDATE SET name = excluded.name, acronyms = excluded.acronyms, "
            "wikidata = coalesce(excluded.wikidata, entities.wikidata)",
            (entity.id, entity.name, entity.type, json.dumps(entity.acronyms), entity.wikidata),
        )
        _insert_pairs(conn, "entity_aliases", "entity_id, alias", entity.id, entity.aliases)
        _insert_pairs(conn, "entity_keys", "entity_id, key", entity.id, entity.keys)
        _insert_pairs(conn, "entity_evidence", "entity_id, reason", entity.id, entity.evidence)


def _insert_pairs(conn: sqlite3.Connection, table: str, columns: str, entity_id: str,
                  values: Iterable[str]) -> None:
    conn.executemany(
        f"INSERT OR IGNORE INTO {table} ({columns}) VALUES (?, ?)",
        [(entity_id, value) for value in values],
    )


def apply_merges(conn: sqlite3.Connection, merges: Iterable[EntityMerge]) -> None:
    """Move everything of ``absorbed`` to ``into``, drop it, and leave a redirect behind."""
    now = datetime.now(timezone.utc).isoformat(timespec="milliseconds")
    for merge in merges:
        pair = (merge.into, merge.absorbed)
        conn.execute("UPDATE mentions SET entity_id = ? WHERE entity_id = ?", pair)
        conn.execute("UPDATE roles SET entity_id = ? WHERE entity_id = ?", pair)
        for table, column in (("entity_aliases", "alias"), ("entity_keys", "key"),
                              ("entity_evidence", "reason")):
            conn.execute(
                f"INSERT OR IGNORE INTO {table} (entity_id, {column}) "
                f"SELECT ?, {column} FROM {table} WHERE entity_id = ?", pair,
            )
        conn.execute("DELETE FROM entities WHERE id = ?", (merge.absorbed,))
        conn.execute("UPDATE entity_redirects SET new_id = ? WHERE new_id = ?", pair)
        conn.execute(
            "INSERT OR REPLACE INTO entity_redirects (old_id, new_id, reason, merged_at) "
            "VALUES (?, ?, ?, ?)", (merge.absorbed, merge.into, merge.reason, now),
        )


def known_entities(conn: sqlite3.Connection, keys: Iterable[str]) -> list[Entity]:
    """Stored entities found under any of ``keys``, with their names and acronyms."""
    keys = sorted(set(keys))
    ids: set[str] = set()
    for chunk in _chunks(keys, 500):  # stay under SQLite's bound-parameter limit
        marks = ",".join("?" * len(chunk))
        ids |= {row[0] for row in conn.execute(
            f"SELECT DISTINCT entity_id FROM entity_keys WHERE key IN ({marks})", chunk)}
    return [entity_row(conn, entity_id) for entity_id in sorted(ids)]


def entity_row(conn: sqlite3.Connection, entity_id: str) -> Entity:
    row = conn.execute(
        "SELECT id, name, type, acronyms, wikidata FROM entities WHERE id = ?", (entity_id,)
    ).fetchone()
    aliases = [r[0] for r in conn.execute(
        "SELECT alias FROM entity_aliases WHERE entity_id = ? ORDER BY alias", (entity_id,))]
    return Entity(row[0], row[1], row[2], aliases, json.loads(row[3]), wikidata=row[4])


def evidence(conn: sqlite3.Connection, entity_id: str) -> list[str]:
    return [r[0] for r in conn.execute(
        "SELECT reason FROM entity_evidence WHERE entity_id = ? ORDER BY id", (entity_id,))]


def redirected(conn: sqlite3.Connection, entity_id: str) -> str | None:
    """The id a merged-away entity now lives under (None when it was never merged)."""
    row = conn.execute("SELECT new_id FROM entity_redirects WHERE old_id = ?", (entity_id,)).fetchone()
    return None if row is None else row[0]


def insert_roles(conn: sqlite3.Connection, roles: list[Role]) -> None:
    conn.executemany(
        f"INSERT INTO roles (position, {_ROLE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(i, r.article_id, r.start, r.end, r.title, r.qualifier, r.holder_start, r.sentence,
          r.entity_id, r.date) for i, r in enumerate(roles)],
    )


def select_roles(conn: sqlite3.Connection, entity_id: str | None = None,
                 head_words: Iterable[str] = ()) -> list[Role]:
    """Roles of one entity (by date), or dated, resolved roles whose title has a head word."""
    if entity_id is not None:
        sql, params = "WHERE entity_id = ?", [entity_id]
    else:
        words = sorted(set(head_words))
        if not words:
            return []
        likes = " OR ".join("(' ' || title || ' ') LIKE ?" for _ in words)
        sql = f"WHERE entity_id IS NOT NULL AND date IS NOT NULL AND ({likes})"
        params = [f"% {w} %" for w in words]
    rows = conn.execute(
        f"SELECT {_ROLE_COLUMNS} FROM roles {sql} ORDER BY date NULLS LAST, article_id, position",
        params,
    ).fetchall()
    return [Role(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8]) for r in rows]


def _chunks(items: list[str], size: int) -> Iterable[list[str]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]
