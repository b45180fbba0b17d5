"""PostgreSQL rows for everything but the articles themselves: entities (names, lookup keys,
evidence, merges with redirects), roles, framing terms, events/claims/quotes and the clustering
state. The twins of ``sqlite_entities``, ``sqlite_framing``, ``sqlite_facts`` and
``sqlite_clusters``, whose row<->model conversions they share; only the SQL differs.

Module-level functions over an open connection, called inside ``PostgresStore``'s sessions and
transactions; they never commit.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime, timezone

import psycopg

from storyline.models import Claim, Entity, EntityMerge, Event, FramingTerm, Quote, Role
from storyline.store.sqlite_clusters import _decode, _encode
from storyline.store.sqlite_facts import _FROM_JSON, _SORT, _json

_ROLE_COLUMNS = 'article_id, "start", "end", title, qualifier, holder_start, sentence, entity_id, date'
_FRAMING_COLUMNS = ('f.article_id, a.outlet, f.referent, f.term, f."start", f."end", f.sentence, '
                    "f.kind, f.head, f.anchor, f.entity_type, f.context")


def _many(conn: psycopg.Connection, sql: str, rows: list[tuple]) -> None:
    if rows:
        with conn.cursor() as cursor:
            cursor.executemany(sql, rows)


# -- entities ------------------------------------------------------------------------------


def save_entities(conn: psycopg.Connection, entities: Iterable[Entity]) -> None:
    """Insert new entities and update changed ones (name, acronyms); ids never change."""
    for entity in entities:
        conn.execute(
            "INSERT INTO entities (id, name, type, acronyms, wikidata) VALUES (%s, %s, %s, %s, %s) "
            "ON CONFLICT (id) DO UPDATE SET name = excluded.name, acronyms = excluded.acronyms, "
            "wikidata = coalesce(excluded.wikidata, entities.wikidata)",
            (entity.id, entity.name, entity.type, json.dumps(entity.acronyms), entity.wikidata),
        )
        for table, column, values in (("entity_aliases", "alias", entity.aliases),
                                      ("entity_keys", "key", entity.keys),
                                      ("entity_evidence", "reason", entity.evidence)):
            _many(conn, f"INSERT INTO {table} (entity_id, {column}) VALUES (%s, %s) "
                        "ON CONFLICT DO NOTHING", [(entity.id, value) for value in values])


def apply_merges(conn: psycopg.Connection, merges: Iterable[EntityMerge]) -> None:
    """Move everything of ``absorbed`` to ``into``, drop it, and leave a redirect behind."""
    now = datetime.now(timezone.utc).isoformat(timespec="milliseconds")
    for merge in merges:
        pair = (merge.into, merge.absorbed)
        conn.execute("UPDATE mentions SET entity_id = %s WHERE entity_id = %s", pair)
        conn.execute("UPDATE roles SET entity_id = %s WHERE entity_id = %s", pair)
        for table, column in (("entity_aliases", "alias"), ("entity_keys", "key"),
                              ("entity_evidence", "reason")):
            conn.execute(
                f"INSERT INTO {table} (entity_id, {column}) SELECT %s, {column} FROM {table} "
                f"WHERE entity_id = %s ORDER BY {'id' if table == 'entity_evidence' else column} "
                "ON CONFLICT DO NOTHING", pair,
            )
        conn.execute("DELETE FROM entities WHERE id = %s", (merge.absorbed,))
        conn.execute("UPDATE entity_redirects SET new_id = %s WHERE new_id = %s", pair)
        conn.execute(
            "INSERT INTO entity_redirects (old_id, new_id, reason, merged_at) "
            "VALUES (%s, %s, %s, %s) ON CONFLICT (old_id) DO UPDATE SET new_id = excluded.new_id, "
            "reason = excluded.reason, merged_at = excluded.merged_at",
            (merge.absorbed, merge.into, merge.reason, now),
        )


def known_entities(conn: psycopg.Connection, keys: Iterable[str]) -> list[Entity]:
    """Stored entities found under any of ``keys``, with their names and acronyms."""
    keys = sorted(set(keys))
    if not keys:
        return []
    ids = [row[0] for row in conn.execute(
        "SELECT DISTINCT entity_id FROM entity_keys WHERE key = ANY(%s) ORDER BY entity_id", (keys,))]
    return [entity_row(conn, entity_id) for entity_id in ids]


def entity_row(conn: psycopg.Connection, entity_id: str) -> Entity:
    row = conn.execute(
        "SELECT id, name, type, acronyms, wikidata FROM entities WHERE id = %s", (entity_id,)
    ).fetchone()
    aliases = [r[0] for r in conn.execute(
        "SELECT alias FROM entity_aliases WHERE entity_id = %s ORDER BY alias", (entity_id,))]
    return Entity(row[0], row[1], row[2], aliases, json.loads(row[3]), wikidata=row[4])


def evidence(conn: psycopg.Connection, entity_id: str) -> list[str]:
    return [r[0] for r in conn.execute(
        "SELECT reason FROM entity_evidence WHERE entity_id = %s ORDER BY id", (entity_id,))]


def redirected(conn: psycopg.Connection, entity_id: str) -> str | None:
    """The id a merged-away entity now lives under (None when it was never merged)."""
    row = conn.execute("SELECT new_id FROM entity_redirects WHERE old_id = %s", (entity_id,)).fetchone()
    return None if row is None else row[0]


# -- roles and framing ---------------------------------------------------------------------


def insert_roles(conn: psycopg.Connection, roles: list[Role]) -> None:
    _many(conn, f"INSERT INTO roles (position, {_ROLE_COLUMNS}) "
                "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
          [(i, r.article_id, r.start, r.end, r.title, r.qualifier, r.holder_start, r.sentence,
            r.entity_id, r.date) for i, r in enumerate(roles)])


def select_roles(conn: psycopg.Connection, entity_id: str | None = None,
                 head_words: Iterable[str] = ()) -> list[Role]:
    """Roles of one entity (by date), or dated, resolved roles whose title has a head word."""
    if entity_id is not None:
        sql, params = "WHERE entity_id = %s", [entity_id]
    else:
        words = sorted(set(head_words))
        if not words:
            return []
        # strpos, not LIKE: a head word holding % or _ must match only itself
        sql = ("WHERE entity_id IS NOT NULL AND date IS NOT NULL AND "
               "EXISTS (SELECT 1 FROM unnest(%s::text[]) w WHERE strpos(' ' || title || ' ', ' ' || w || ' ') > 0)")
        params = [words]
    rows = conn.execute(
        f"SELECT {_ROLE_COLUMNS} FROM roles {sql} "
        "ORDER BY date NULLS LAST, article_id, position", params,
    ).fetchall()
    return [Role(*row) for row in rows]


def insert_framing(conn: psycopg.Connection, rows: list[FramingTerm]) -> None:
    _many(conn, 'INSERT INTO framing_terms (article_id, position, "start", "end", sentence, kind, '
                "term, referent, head, anchor, entity_type, context) "
                "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
          [(r.article_id, i, r.start, r.end, r.sentence, r.kind, r.term, r.referent, r.head,
            r.anchor, r.entity_type, json.dumps(r.context)) for i, r in enumerate(rows)])


def select_framing(conn: psycopg.Connection, article_ids: Iterable[str] | None = None) -> list[FramingTerm]:
    """Framing rows (with the article's outlet) of some articles, or of all, in store order."""
    where, params = "", []
    if article_ids is not None:
        where, params = "WHERE f.article_id = ANY(%s)", [sorted(set(article_ids))]
    rows = conn.execute(
        f"SELECT {_FRAMING_COLUMNS} FROM framing_terms f JOIN articles a ON a.id = f.article_id "
        f"{where} ORDER BY a.seq, f.position", params,
    ).fetchall()
    return [FramingTerm(*row[:11], context=json.loads(row[11])) for row in rows]


# -- events, claims, quotes ----------------------------------------------------------------


def insert_facts(conn: psycopg.Connection, events: list[Event], claims: list[Claim],
                 quotes: list[Quote]) -> None:
    _many(conn, 'INSERT INTO events (article_id, position, "start", "end", type, date, event_id, '
                "data) VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
          [(e.article_id, i, e.start, e.end, e.type, e.date, e.id, _json(e))
           for i, e in enumerate(events)])
    _many(conn, 'INSERT INTO claims (article_id, position, "start", "end", counts, as_of, data) '
                "VALUES (%s, %s, %s, %s, %s, %s, %s)",
          [(c.article_id, i, c.start, c.end, c.counts, c.as_of, _json(c))
           for i, c in enumerate(claims)])
    _many(conn, 'INSERT INTO quotes (article_id, position, "start", "end", speaker_entity, data) '
                "VALUES (%s, %s, %s, %s, %s, %s)",
          [(q.article_id, i, q.start, q.end, q.speaker_entity, _json(q))
           for i, q in enumerate(quotes)])


def update_event_ids(conn: psycopg.Connection, events: Iterable[Event]) -> None:
    """Stored events that a new batch showed to be one real-world event with others."""
    for event in events:
        conn.execute(
            'UPDATE events SET event_id = %s, data = %s WHERE article_id = %s AND "start" = %s '
            "AND type = %s", (event.id, _json(event), event.article_id, event.start, event.type),
        )


def select_facts(conn: psycopg.Connection, table: str, where: str = "", params: Iterable = ()) -> list:
    rows = conn.execute(f"SELECT data FROM {table} {where} ORDER BY {_SORT[table]}", list(params)).fetchall()
    return [_FROM_JSON[table](json.loads(row[0])) for row in rows]


# -- clustering state ----------------------------------------------------------------------


def replace_cluster_state(conn: psycopg.Connection, component: str,
                          tables: dict[str, list[tuple]]) -> None:
    """Replace the whole stored state of ``component`` (inside the caller's transaction)."""
    conn.execute("DELETE FROM cluster_state WHERE component = %s", (component,))
    # position -1 records the table itself, so an empty table reads back as empty, not absent
    _many(conn, "INSERT INTO cluster_state (component, tbl, position, row) VALUES (%s, %s, %s, %s)",
          [(component, table, -1, "null") for table in tables]
          + [(component, table, i, json.dumps(_encode(row)))
             for table, rows in tables.items() for i, row in enumerate(rows)])


def read_cluster_state(conn: psycopg.Connection, component: str) -> dict[str, list[tuple]]:
    """The stored tables of ``component`` ({} when it has none)."""
    tables: dict[str, list[tuple]] = {}
    for table, row in conn.execute(
        'SELECT tbl, row FROM cluster_state WHERE component = %s ORDER BY tbl, position',
        (component,),
    ):
        rows = tables.setdefault(table, [])
        if row != "null":
            rows.append(_decode(json.loads(row)))
    return tables
