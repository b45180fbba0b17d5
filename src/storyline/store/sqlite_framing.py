"""SQLite rows for framing terms (one article's word choices); called inside SQLiteStore's
sessions and transactions."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable

from storyline.models import FramingTerm

_COLUMNS = ('f.article_id, a.outlet, f.referent, f.term, f."start", f."end", f.sentence, f.kind, '
            "f.head, f.anchor, f.entity_type, f.context")


def insert_framing(conn: sqlite3.Connection, rows: list[FramingTerm]) -> None:
    conn.executemany(
        'INSERT INTO framing_terms (article_id, position, "start", "end", sentence, kind, term, '
        "referent, head, anchor, entity_type, context) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(r.article_id, i, r.start, r.end, r.sentence, r.kind, r.term, r.referent, r.head,
          r.anchor, r.entity_type, json.dumps(r.context)) for i, r in enumerate(rows)],
    )


def select_framing(conn: sqlite3.Connection, article_ids: Iterable[str] | None = None) -> list[FramingTerm]:
    """Framing rows (with the article's outlet) of some articles, or of all, in store order."""
    where, params = "", []
    if article_ids is not None:
        params = sorted(set(article_ids))
        where = f"WHERE f.article_id IN ({','.join('?' * len(params))})" if params else "WHERE 0"
    rows = conn.execute(
        f"SELECT {_COLUMNS} FROM framing_terms f JOIN articles a ON a.id = f.article_id {where} "
        "ORDER BY a.seq, f.position", params,
    ).fetchall()
    return [FramingTerm(*row[:11], context=json.loads(row[11])) for row in rows]
