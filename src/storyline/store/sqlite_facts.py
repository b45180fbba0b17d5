"""SQLite rows for events, claims and quotes.

Each fact is one row: the columns queries filter and sort on (article, offsets, type, date,
canonical ids) plus ``data``, the whole dataclass as JSON, so a field added to a model is
stored without a migration. Called inside SQLiteStore's sessions and transactions.
"""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from collections.abc import Iterable

from storyline.models import Claim, Event, EventActor, Quote

_SORT = {"events": 'date NULLS LAST, article_id, "start"', "claims": 'as_of NULLS LAST, article_id, "start"',
         "quotes": 'article_id, "start"'}


def insert_facts(conn: sqlite3.Connection, events: list[Event], claims: list[Claim], quotes: list[Quote]) -> None:
    conn.executemany(
        'INSERT INTO events (article_id, position, "start", "end", type, date, event_id, data) '
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [(e.article_id, i, e.start, e.end, e.type, e.date, e.id, _json(e)) for i, e in enumerate(events)],
    )
    conn.executemany(
        'INSERT INTO claims (article_id, position, "start", "end", counts, as_of, data) '
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(c.article_id, i, c.start, c.end, c.counts, c.as_of, _json(c)) for i, c in enumerate(claims)],
    )
    conn.executemany(
        'INSERT INTO quotes (article_id, position, "start", "end", speaker_entity, data) '
        "VALUES (?, ?, ?, ?, ?, ?)",
        [(q.article_id, i, q.start, q.end, q.speaker_entity, _json(q)) for i, q in enumerate(quotes)],
    )


def update_event_ids(conn: sqlite3.Connection, events: Iterable[Event]) -> None:
    """Stored events that a new batch showed to be one real-world event with others."""
    for event in events:
        data = json.loads(_json(event))
        conn.execute(
            'UPDATE events SET event_id = ?, data = ? WHERE article_id = ? AND "start" = ? AND type = ?',
            (event.id, json.dumps(data, ensure_ascii=False), event.article_id, event.start, event.type),
        )


def select_facts(conn: sqlite3.Connection, table: str, where: str = "", params: Iterable = ()) -> list:
    rows = conn.execute(f"SELECT data FROM {table} {where} ORDER BY {_SORT[table]}", list(params)).fetchall()
    return [_FROM_JSON[table](json.loads(row[0])) for row in rows]


def _json(fact: object) -> str:
    return json.dumps(dataclasses.asdict(fact), ensure_ascii=False)


def _event(data: dict) -> Event:
    actors = [EventActor(**_known(EventActor, a)) for a in data.pop("actors", [])]
    return Event(**_known(Event, data), actors=actors)


def _known(cls: type, data: dict) -> dict:
    """Only the fields this version's model has: rows written by a newer one still read."""
    names = {f.name for f in dataclasses.fields(cls)}
    return {k: v for k, v in data.items() if k in names}


_FROM_JSON = {
    "events": _event,
    "claims": lambda d: Claim(**_known(Claim, d)),
    "quotes": lambda d: Quote(**_known(Quote, d)),
}
