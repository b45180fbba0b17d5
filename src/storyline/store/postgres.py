"""The PostgreSQL store (psycopg 3): the Store interface of ``base.py`` on a server database.

It keeps the SQLite store's promises (see ``sqlite.py``): the same orders, the same errors,
the same query language for ``search()``, one transaction per ``save_batch``. Its tables live
in the connection's current schema (``public`` unless the URL sets ``options=-csearch_path=...``).

One connection serves the store, in autocommit mode with explicit transactions; a lock
serializes its use so threads may share the store. Readers never wait for writers (MVCC); a
batch takes an advisory lock, so writers in other processes queue behind it the way SQLite's
``BEGIN IMMEDIATE`` makes them, and two ingests of the same article can't both store it.
The URL's password never appears in ``target``, messages or logs.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from urllib.parse import unquote

import psycopg
from psycopg.rows import dict_row

from storyline.errors import NotFoundError, StoreError
from storyline.models import (
    Article, Claim, Entity, EntityMerge, Event, Extraction, FramingTerm, Mention, Quote, Repair,
    RemovedLine, Role, Sentence, Timex,
)
from storyline.store import postgres_rows as rows
from storyline.store import postgres_search
from storyline.store.base import EntitySummary, SaveResult, SearchHit
from storyline.store.checks import event_filters
from storyline.store.postgres_migrations import MIGRATIONS, WRITE_LOCK, PgMigration, migrate
from storyline.store.postgres_checks import integrity_problems
# The row<->model conversions SQLite uses, shared so both backends store the same values.
from storyline.store.sqlite import _article_values, _check_belongs, _check_page, _now
from storyline.store.urls import password_of, redact_url

CONNECT_TIMEOUT_S = 10
# Redacted target -> the URL it was opened with, so code holding only ``store.target`` (say,
# ``serve`` handing it to the API, which opens a store per request) can open it again in
# this process. The password stays in memory; other processes need the real URL.
_OPENED: dict[str, str] = {}
_ARTICLE_COLUMNS = (
    "id, source, text, raw_text, content_hash, title, outlet, authors, published, url, "
    "language, provenance, extra, nlp_skipped, published_range"
)
_INSERT_ARTICLE = (
    "INSERT INTO articles (id, content_hash, source, url, outlet, title, authors, published, "
    "language, text, raw_text, provenance, extra, nlp_skipped, ingested_at, published_range) "
    "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"
)
_MENTION_COLUMNS = (
    'm.article_id, m."start", m."end", m.text, m.label, m.sentence, m.entity_id, m.kind, '
    "m.antecedent"
)


class PostgresStore:
    """A Storyline store in a PostgreSQL database (migrated on open)."""

    def __init__(self, url: str, migrations: tuple[PgMigration, ...] = MIGRATIONS) -> None:
        url = _OPENED.get(url, url)
        _scheme, rest = url.split("://", 1)
        self._url = "postgresql://" + rest  # libpq reads only lower-case schemes
        self.target = redact_url(url)
        self._lock = threading.RLock()
        self._closed = False
        self._conn = self._connect()
        try:
            self._check_is_store()
            migrate(self._conn, migrations)
        except psycopg.Error as exc:
            self._conn.close()
            raise StoreError(f"{self.target}: could not open the store: {self._scrub(exc)}") from exc
        except StoreError as exc:
            self._conn.close()
            raise StoreError(self._scrub(f"{self.target}: {exc}")) from exc
        _OPENED[self.target] = url

    def __repr__(self) -> str:
        return f"PostgresStore({self.target!r})"

    def __enter__(self) -> PostgresStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- opening ----------------------------------------------------------------------------

    def _connect(self) -> psycopg.Connection:
        try:
            return psycopg.connect(
                self._url, autocommit=True, connect_timeout=CONNECT_TIMEOUT_S,
                application_name="storyline",
            )
        except psycopg.Error as exc:
            raise StoreError(
                f"{self.target}: could not connect to PostgreSQL ({self._scrub(exc)}); "
                "check the URL and that the server is running"
            ) from exc

    def _check_is_store(self) -> None:
        # Refuse to add our tables to some other application's schema.
        names = [row[0] for row in self._conn.execute(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = current_schema() ORDER BY table_name"
        )]
        if names and "schema_migrations" not in names:
            raise StoreError(
                f"{self.target} is not a Storyline store (PostgreSQL): its schema holds another "
                f"application's tables ({', '.join(names[:5])}); pass another --db"
            )

    def _scrub(self, message: object) -> str:
        """A driver message without the URL's password (libpq seldom echoes it; never risk it)."""
        text = "; ".join(line.strip() for line in str(message).strip().splitlines())  # one line
        password = password_of(self._url)
        for secret in {password, password and unquote(password)} - {None, ""}:
            text = text.replace(secret, "***")
        return text

    # -- plumbing ---------------------------------------------------------------------------

    @contextmanager
    def _session(self, action: str) -> Iterator[psycopg.Connection]:
        """Serialize use of the connection and turn driver errors into StoreError."""
        with self._lock:
            if self._closed:
                raise StoreError(f"{self.target}: the store is closed; open it again")
            if self._conn.broken:  # the server restarted or the network dropped: reconnect
                self._conn = self._connect()
            try:
                yield self._conn
            except psycopg.Error as exc:
                raise StoreError(
                    f"{self.target}: could not {action}: {self._scrub(exc)}"
                ) from exc

    def close(self) -> None:
        with self._lock:
            if not self._closed:
                self._closed = True
                self._conn.close()

    # -- writing ----------------------------------------------------------------------------

    def save_batch(
        self,
        extractions: Iterable[Extraction],
        entities: Iterable[Entity] = (),
        merges: Iterable[EntityMerge] = (),
        event_updates: Iterable[Event] = (),
    ) -> SaveResult:
        """Write the batch in one transaction: all of it, or (on any error) none of it."""
        result = SaveResult()
        with self._session("save the batch") as conn, conn.transaction():
            conn.execute(WRITE_LOCK)
            rows.save_entities(conn, entities)  # first, so the mentions' foreign keys find them
            rows.apply_merges(conn, merges)
            ingested_at = _now()
            for extraction in extractions:
                stored = _stored_id(conn, extraction.article)  # also finds this batch's own
                if stored is not None:
                    result.duplicates.append(stored)
                    continue
                _insert_extraction(conn, extraction, ingested_at)
                result.saved.append(extraction.article.id)
            rows.update_event_ids(conn, event_updates)
        return result

    # -- reading articles -------------------------------------------------------------------

    def find_by_hash(self, content_hash: str) -> str | None:
        with self._session("look up a content hash") as conn:
            row = conn.execute(
                "SELECT id FROM articles WHERE content_hash = %s", (content_hash,)
            ).fetchone()
        return None if row is None else row[0]

    def article(self, article_id: str) -> Article:
        with self._session(f"read article {article_id}") as conn:
            found = _select_articles(conn, "WHERE id = %s", (article_id,))
        if not found:
            raise NotFoundError(f"no article with id {article_id}; list them with `storyline articles`")
        return found[0]

    def articles(self, limit: int | None = None, offset: int = 0) -> list[Article]:
        _check_page(limit, offset)
        with self._session("list articles") as conn:
            return _select_articles(
                conn, "ORDER BY published NULLS LAST, seq LIMIT %s OFFSET %s", (limit, offset)
            )

    def count_articles(self) -> int:
        with self._session("count articles") as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]

    def article_ids(self) -> list[str]:
        """Every stored article id, in ingestion order."""
        with self._session("list article ids") as conn:
            return [row[0] for row in conn.execute("SELECT id FROM articles ORDER BY seq")]

    def sentences(self, article_id: str) -> list[Sentence]:
        """The article's sentences by index ([] for an unknown article)."""
        found = self._article_rows(
            "sentences", 'SELECT article_id, idx, "start", "end" FROM sentences', "idx", article_id
        )
        return [Sentence(*row) for row in found]

    def timexes(self, article_id: str) -> list[Timex]:
        """The article's time expressions in text order ([] for an unknown article)."""
        select = ('SELECT article_id, "start", "end", text, type, value, precision, anchored, '
                  "sentence FROM timexes")
        found = self._article_rows("time expressions", select, "position", article_id)
        return [Timex(*row[:7], anchored=row[7], sentence=row[8]) for row in found]

    def _article_rows(self, what: str, select: str, order: str, article_id: str) -> list[tuple]:
        with self._session(f"read the {what} of article {article_id}") as conn:
            return conn.execute(f"{select} WHERE article_id = %s ORDER BY {order}",
                                (article_id,)).fetchall()

    def mentions(self, article_id: str | None = None, entity_id: str | None = None) -> list[Mention]:
        clauses, params = [], []
        for column, value in (("m.article_id", article_id), ("m.entity_id", entity_id)):
            if value is not None:
                clauses.append(f"{column} = %s")
                params.append(value)
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        with self._session("read mentions") as conn:
            found = conn.execute(
                f"SELECT {_MENTION_COLUMNS} FROM mentions m JOIN articles a ON a.id = m.article_id "
                f'{where} ORDER BY a.seq, m."start", m."end", m.id', params,
            ).fetchall()
        return [Mention(*row) for row in found]

    # -- reading entities and facts ---------------------------------------------------------

    def entities(self, type: str | None = None) -> list[EntitySummary]:
        where, params = ("WHERE e.type = %s", (type,)) if type is not None else ("", ())
        with self._session("list entities") as conn:
            return _entity_summaries(conn, where, params)

    def entity(self, entity_id: str) -> EntitySummary:
        """One entity; an id merged into another entity is followed to it."""
        with self._session(f"read entity {entity_id}") as conn:
            entity_id = rows.redirected(conn, entity_id) or entity_id
            found = _entity_summaries(conn, "WHERE e.id = %s", (entity_id,))
        if not found:
            raise NotFoundError(f"no entity with id {entity_id}; list them with `storyline entities`")
        return found[0]

    def known_entities(self, keys: Iterable[str]) -> list[Entity]:
        """Stored entities found under any of the resolver's lookup ``keys``."""
        with self._session("look up known entities") as conn:
            return rows.known_entities(conn, keys)

    def entity_evidence(self, entity_id: str) -> list[str]:
        with self._session(f"read the evidence of entity {entity_id}") as conn:
            return rows.evidence(conn, rows.redirected(conn, entity_id) or entity_id)

    def roles(self, entity_id: str | None = None, head_words: Iterable[str] = ()) -> list[Role]:
        """An entity's roles by date, or the dated roles whose title holds one of ``head_words``."""
        with self._session("read roles") as conn:
            if entity_id is not None:
                entity_id = rows.redirected(conn, entity_id) or entity_id
            return rows.select_roles(conn, entity_id, head_words)

    def framing_terms(self, article_ids: Iterable[str] | None = None) -> list[FramingTerm]:
        """Stored word choices (each with its article's outlet), of some articles or all."""
        with self._session("read framing terms") as conn:
            return rows.select_framing(conn, article_ids)

    def events(self, date_from: str | None = None, date_to: str | None = None,
               types: Iterable[str] = (), dates: Iterable[str] = ()) -> list[Event]:
        """Event mentions by date (undated last); filtered by a date range, types or exact dates."""
        where, params = event_filters(date_from, date_to, types, dates, "%s",
                                      lambda column, values: (f"{column} = ANY(%s)", [values]))
        with self._session("read events") as conn:
            return rows.select_facts(conn, "events", where, params)

    def claims(self) -> list[Claim]:
        with self._session("read claims") as conn:
            return rows.select_facts(conn, "claims")

    def quotes(self, speaker_entity: str | None = None) -> list[Quote]:
        where, params = ("WHERE speaker_entity = %s", [speaker_entity]) if speaker_entity else ("", [])
        with self._session("read quotes") as conn:
            return rows.select_facts(conn, "quotes", where, params)

    def cluster_state(self, component: str) -> dict[str, list[tuple]]:
        """A clustering component's stored tables ({} when none were saved)."""
        with self._session(f"read the {component} state") as conn:
            return rows.read_cluster_state(conn, component)

    def save_cluster_state(self, component: str, tables: dict[str, list[tuple]]) -> None:
        """Replace a clustering component's stored tables, in one transaction."""
        with self._session(f"save the {component} state") as conn, conn.transaction():
            rows.replace_cluster_state(conn, component, tables)

    # -- search and checks ------------------------------------------------------------------

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """Full-text search in the SQLite store's query language (see ``postgres_search``);
        no user input fails or reaches SQL as anything but a parameter."""
        query = query.replace("\x00", " ")  # PostgreSQL text can't hold NUL
        if not query.strip():
            raise StoreError("empty search query")
        _check_page(limit, 0)
        query_sql, params = postgres_search.tsquery_sql(query)
        with self._session(f"search for {query!r}") as conn:
            found = conn.execute(postgres_search.search_sql(query_sql), [*params, limit]).fetchall()
        return [SearchHit(row[0], row[1], row[2], float(row[3])) for row in found]

    def integrity_check(self) -> list[str]:
        """Problems found: schema version, invalid indexes, offsets outside their texts."""
        with self._session("check the store") as conn:
            return integrity_problems(conn)


# -- helpers: writing ----------------------------------------------------------------------


def _stored_id(conn: psycopg.Connection, article: Article) -> str | None:
    """The id of a stored article with the same content (or, defensively, the same id)."""
    row = conn.execute(
        "SELECT id FROM articles WHERE content_hash = %s OR id = %s LIMIT 1",
        (article.content_hash, article.id),
    ).fetchone()
    return None if row is None else row[0]


def _insert_extraction(conn: psycopg.Connection, extraction: Extraction, now: str) -> None:
    article = extraction.article
    _check_belongs(extraction)
    conn.execute(_INSERT_ARTICLE, _article_values(article, now))
    rows._many(conn, "INSERT INTO removed_lines (article_id, position, text, reason) "
                     "VALUES (%s, %s, %s, %s)",
               [(article.id, i, line.text, line.reason) for i, line in enumerate(article.removed)])
    rows._many(conn, "INSERT INTO repairs (article_id, position, original, replacement, reason) "
                     "VALUES (%s, %s, %s, %s, %s)",
               [(article.id, i, fix.original, fix.replacement, fix.reason)
                for i, fix in enumerate(article.repairs)])
    rows._many(conn, 'INSERT INTO sentences (article_id, idx, "start", "end") VALUES (%s, %s, %s, %s)',
               [(s.article_id, s.index, s.start, s.end) for s in extraction.sentences])
    _check_entities_known(conn, extraction)
    rows._many(conn, 'INSERT INTO mentions (article_id, "start", "end", text, label, sentence, '
                     "entity_id, kind, antecedent) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)",
               [(m.article_id, m.start, m.end, m.text, m.label, m.sentence, m.entity_id, m.kind,
                 m.antecedent) for m in extraction.mentions])
    rows._many(conn, 'INSERT INTO timexes (article_id, position, "start", "end", text, type, '
                     "value, precision, anchored, sentence) "
                     "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
               [(t.article_id, i, t.start, t.end, t.text, t.type, t.value, t.precision,
                 t.anchored, t.sentence) for i, t in enumerate(extraction.timexes)])
    rows.insert_roles(conn, extraction.roles)
    rows.insert_framing(conn, extraction.framing)
    rows.insert_facts(conn, extraction.events, extraction.claims, extraction.quotes)


def _check_entities_known(conn: psycopg.Connection, extraction: Extraction) -> None:
    # Checked here to name the entity; the foreign key alone would only say "violates".
    wanted = sorted({m.entity_id for m in extraction.mentions if m.entity_id is not None})
    if not wanted:
        return
    stored = {row[0] for row in conn.execute("SELECT id FROM entities WHERE id = ANY(%s)", (wanted,))}
    for entity_id in wanted:
        if entity_id not in stored:
            raise StoreError(
                f"a mention in article {extraction.article.id} refers to entity {entity_id}, "
                "which is neither stored nor in this batch; pass it in save_batch's entities"
            )


# -- helpers: reading ----------------------------------------------------------------------


def _select_articles(conn: psycopg.Connection, clause: str, params: tuple) -> list[Article]:
    with conn.cursor(row_factory=dict_row) as cursor:
        found = cursor.execute(f"SELECT {_ARTICLE_COLUMNS} FROM articles {clause}", params).fetchall()
    return [_article_from_row(conn, fields) for fields in found]


def _article_from_row(conn: psycopg.Connection, fields: dict) -> Article:
    removed = conn.execute(
        "SELECT text, reason FROM removed_lines WHERE article_id = %s ORDER BY position",
        (fields["id"],),
    ).fetchall()
    repairs = conn.execute(
        "SELECT original, replacement, reason FROM repairs WHERE article_id = %s ORDER BY position",
        (fields["id"],),
    ).fetchall()
    for name in ("authors", "provenance", "extra"):
        fields[name] = json.loads(fields[name])
    fields["published_range"] = json.loads(fields["published_range"] or "null")
    return Article(**fields, removed=[RemovedLine(*r) for r in removed],
                   repairs=[Repair(*r) for r in repairs])


def _entity_summaries(conn: psycopg.Connection, where: str, params: tuple) -> list[EntitySummary]:
    """Summaries of the entities selected by ``where`` (a clause on ``e``)."""
    found = conn.execute(
        "SELECT e.id, e.name, e.type, count(m.id) AS mention_count, "
        "count(DISTINCT m.article_id) AS article_count "
        f"FROM entities e LEFT JOIN mentions m ON m.entity_id = e.id {where} "
        "GROUP BY e.id ORDER BY mention_count DESC, e.name, e.id", params,
    ).fetchall()
    aliases = _aliases(conn, where, params)
    return [
        EntitySummary(Entity(eid, name, type_, aliases.get(eid, [])), mentions=n, articles=a)
        for eid, name, type_, n, a in found
    ]


def _aliases(conn: psycopg.Connection, where: str, params: tuple) -> dict[str, list[str]]:
    """Entity id -> distinct surface forms of its mentions, most frequent first."""
    found: dict[str, list[str]] = {}
    for entity_id, text, _uses in conn.execute(
        "SELECT m.entity_id, m.text, count(*) AS uses "
        f"FROM mentions m JOIN entities e ON e.id = m.entity_id {where} "
        f"{'AND' if where else 'WHERE'} m.kind = 'name' "
        "GROUP BY m.entity_id, m.text ORDER BY m.entity_id, uses DESC, m.text", params,
    ):
        found.setdefault(entity_id, []).append(text)
    return found
