"""The SQLite store: one file, WAL journal, FTS5 full-text search.

Orders, as every backend must give them:

* ``articles()``: by ``published`` date (oldest first, undated last), then ingestion order;
* ``sentences()``: by index; ``mentions()``: by article ingestion order, then start, end;
* ``entities()``: by mention count (most first), then name; aliases most frequent first;
* ``search()``: most relevant first (``SearchHit.rank`` is higher for better matches).

One connection serves the store; a lock serializes its use so the store may be shared by
threads (e.g. an API server's worker pool). Writers in other processes queue on
``busy_timeout``.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timezone
from typing import Any

from storyline.errors import NotFoundError, StoreError
from storyline.models import (
    Article, Claim, Entity, EntityMerge, Event, Extraction, FramingTerm, Mention, Quote, Repair,
    RemovedLine, Role, Sentence, Timex,
)
from storyline.store import sqlite_entities as entity_rows
from storyline.store import sqlite_clusters as cluster_rows
from storyline.store import sqlite_facts as fact_rows
from storyline.store import sqlite_framing as framing_rows
from storyline.store.base import EntitySummary, SaveResult, SearchHit
from storyline.store.checks import event_filters, offset_problems
from storyline.store.migrations import MIGRATIONS, Migration, migrate, write_transaction

BUSY_TIMEOUT_MS = 5000

_ARTICLE_COLUMNS = (
    "id, source, text, raw_text, content_hash, title, outlet, authors, published, url, "
    "language, provenance, extra, nlp_skipped, published_range"
)
_INSERT_ARTICLE = (
    "INSERT INTO articles (id, seq, content_hash, source, url, outlet, title, authors, "
    "published, language, text, raw_text, provenance, extra, nlp_skipped, ingested_at, "
    "published_range) "
    # seq: next ingestion number; safe because the batch holds the write lock.
    "VALUES (?, (SELECT coalesce(max(seq), 0) + 1 FROM articles), "
    "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_MENTION_COLUMNS = (
    'm.article_id, m."start", m."end", m.text, m.label, m.sentence, m.entity_id, m.kind, '
    "m.antecedent"
)
# Title matches weigh double: a headline naming the query is a strong signal. Every match is
# ranked, but snippets (the costly part) are cut only for the ``limit`` best (?1 query, ?2 limit).
_SEARCH = (
    "WITH ranked AS (SELECT rowid AS seq, bm25(articles_fts, 2.0, 1.0) AS score "
    "FROM articles_fts WHERE articles_fts MATCH ?1 ORDER BY score, rowid LIMIT ?2) "
    "SELECT a.id, a.title, snippet(articles_fts, -1, '[', ']', '…', 16) AS snippet, r.score "
    "FROM ranked r JOIN articles_fts ON articles_fts.rowid = r.seq JOIN articles a ON a.seq = r.seq "
    "WHERE articles_fts MATCH ?1 ORDER BY r.score, r.seq"
)


class SQLiteStore:
    """A Storyline store in one SQLite file (created and migrated on open)."""

    def __init__(
        self, path: str | os.PathLike[str], migrations: Sequence[Migration] = MIGRATIONS
    ) -> None:
        self.target = os.fspath(path)
        self._lock = threading.RLock()
        self._closed = False
        self._conn = self._connect()
        try:
            self._check_is_store()
            migrate(self._conn, migrations)
        except sqlite3.Error as exc:
            self._conn.close()
            raise self._not_a_store(exc) from exc
        except StoreError as exc:
            self._conn.close()
            raise StoreError(f"{self.target}: {exc}") from exc

    def __repr__(self) -> str:
        return f"SQLiteStore({self.target!r})"

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- opening ----------------------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        try:
            # Autocommit mode: every transaction is an explicit BEGIN IMMEDIATE ... COMMIT.
            conn = sqlite3.connect(
                self.target,
                isolation_level=None,
                check_same_thread=False,
                timeout=BUSY_TIMEOUT_MS / 1000,
            )
        except sqlite3.Error as exc:
            raise self._not_a_store(exc) from exc
        try:
            _configure(conn)
        except sqlite3.Error as exc:
            conn.close()
            raise self._not_a_store(exc) from exc
        return conn

    def _check_is_store(self) -> None:
        # Refuse to add our tables to some other application's database.
        names = [
            row[0]
            for row in self._conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        if names and "schema_migrations" not in names:
            shown = ", ".join(sorted(names)[:5])
            raise StoreError(
                f"{self.target} is not a Storyline store (SQLite): it is another application's "
                f"database (tables: {shown}); pass another --db"
            )

    def _not_a_store(self, exc: sqlite3.Error) -> StoreError:
        return StoreError(
            f"{self.target} is not a Storyline store (SQLite): {exc}; pass another --db"
        )

    # -- plumbing ---------------------------------------------------------------------------

    @contextmanager
    def _session(self, action: str) -> Iterator[sqlite3.Connection]:
        """Serialize use of the connection and turn sqlite3 errors into StoreError."""
        with self._lock:
            if self._closed:
                raise StoreError(f"{self.target}: the store is closed; open it again")
            try:
                yield self._conn
            except sqlite3.Error as exc:
                raise StoreError(self._describe(action, exc)) from exc

    def _describe(self, action: str, exc: sqlite3.Error) -> str:
        if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc):
            return (
                f"{self.target}: could not {action}: the store is busy (another process held "
                f"it for over {BUSY_TIMEOUT_MS // 1000} s); try again"
            )
        return f"{self.target}: could not {action}: {exc}"

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
        with self._session("save the batch") as conn, write_transaction(conn):
            # Entities first, so the mentions' foreign keys find them.
            entity_rows.save_entities(conn, entities)
            entity_rows.apply_merges(conn, merges)
            ingested_at = _now()
            for extraction in extractions:
                # Also finds an article written earlier in this same batch.
                stored = _stored_id(conn, extraction.article)
                if stored is not None:
                    result.duplicates.append(stored)
                    continue
                _insert_extraction(conn, extraction, ingested_at)
                result.saved.append(extraction.article.id)
            fact_rows.update_event_ids(conn, event_updates)
        return result

    # -- reading articles -------------------------------------------------------------------

    def find_by_hash(self, content_hash: str) -> str | None:
        with self._session("look up a content hash") as conn:
            row = conn.execute(
                "SELECT id FROM articles WHERE content_hash = ?", (content_hash,)
            ).fetchone()
        return None if row is None else row[0]

    def article(self, article_id: str) -> Article:
        with self._session(f"read article {article_id}") as conn:
            row = conn.execute(
                f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id = ?", (article_id,)
            ).fetchone()
            if row is None:
                raise NotFoundError(
                    f"no article with id {article_id}; list them with `storyline articles`"
                )
            return _article_from_row(conn, row)

    def articles(self, limit: int | None = None, offset: int = 0) -> list[Article]:
        _check_page(limit, offset)
        with self._session("list articles") as conn:
            rows = conn.execute(
                f"SELECT {_ARTICLE_COLUMNS} FROM articles "
                "ORDER BY published NULLS LAST, seq LIMIT ? OFFSET ?",
                (-1 if limit is None else limit, offset),  # LIMIT -1: no limit
            ).fetchall()
            return [_article_from_row(conn, row) for row in rows]

    def count_articles(self) -> int:
        with self._session("count articles") as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]

    def sentences(self, article_id: str) -> list[Sentence]:
        """The article's sentences by index ([] for an unknown article)."""
        rows = self._article_rows(
            "sentences", 'SELECT article_id, idx, "start", "end" FROM sentences', "idx", article_id
        )
        return [Sentence(*row) for row in rows]

    def timexes(self, article_id: str) -> list[Timex]:
        """The article's time expressions in text order ([] for an unknown article)."""
        select = (
            'SELECT article_id, "start", "end", text, type, value, precision, anchored, sentence '
            "FROM timexes"
        )
        rows = self._article_rows("time expressions", select, "position", article_id)
        return [Timex(*row[:7], anchored=bool(row[7]), sentence=row[8]) for row in rows]

    def _article_rows(self, what: str, select: str, order: str, article_id: str) -> list[tuple]:
        with self._session(f"read the {what} of article {article_id}") as conn:
            sql = f"{select} WHERE article_id = ? ORDER BY {order}"
            return conn.execute(sql, (article_id,)).fetchall()

    def mentions(
        self, article_id: str | None = None, entity_id: str | None = None
    ) -> list[Mention]:
        # Filters are added only when given, so SQLite can use the matching index.
        clauses, params = [], []
        if article_id is not None:
            clauses.append("m.article_id = ?")
            params.append(article_id)
        if entity_id is not None:
            clauses.append("m.entity_id = ?")
            params.append(entity_id)
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        with self._session("read mentions") as conn:
            rows = conn.execute(
                f"SELECT {_MENTION_COLUMNS} FROM mentions m "
                f"JOIN articles a ON a.id = m.article_id {where} "
                'ORDER BY a.seq, m."start", m."end", m.id',
                params,
            ).fetchall()
        return [Mention(*row) for row in rows]

    # -- reading entities -------------------------------------------------------------------

    def entities(self, type: str | None = None) -> list[EntitySummary]:
        where, params = ("WHERE e.type = ?", (type,)) if type is not None else ("", ())
        with self._session("list entities") as conn:
            return _entity_summaries(conn, where, params)

    def entity(self, entity_id: str) -> EntitySummary:
        """One entity; an id merged into another entity is followed to it."""
        with self._session(f"read entity {entity_id}") as conn:
            entity_id = entity_rows.redirected(conn, entity_id) or entity_id
            found = _entity_summaries(conn, "WHERE e.id = ?", (entity_id,))
        if not found:
            raise NotFoundError(
                f"no entity with id {entity_id}; list them with `storyline entities`"
            )
        return found[0]

    def known_entities(self, keys: Iterable[str]) -> list[Entity]:
        """Stored entities found under any of the resolver's lookup ``keys``."""
        with self._session("look up known entities") as conn:
            return entity_rows.known_entities(conn, keys)

    def entity_evidence(self, entity_id: str) -> list[str]:
        with self._session(f"read the evidence of entity {entity_id}") as conn:
            return entity_rows.evidence(conn, entity_rows.redirected(conn, entity_id) or entity_id)

    def roles(self, entity_id: str | None = None, head_words: Iterable[str] = ()) -> list[Role]:
        """An entity's roles by date, or the dated roles whose title holds one of ``head_words``."""
        with self._session("read roles") as conn:
            if entity_id is not None:
                entity_id = entity_rows.redirected(conn, entity_id) or entity_id
            return entity_rows.select_roles(conn, entity_id, head_words)

    def framing_terms(self, article_ids: Iterable[str] | None = None) -> list[FramingTerm]:
        """Stored word choices (each with its article's outlet), of some articles or all."""
        with self._session("read framing terms") as conn:
            return framing_rows.select_framing(conn, article_ids)

    def events(self, date_from: str | None = None, date_to: str | None = None,
               types: Iterable[str] = (), dates: Iterable[str] = ()) -> list[Event]:
        """Event mentions by date (undated last); filtered by a date range, types or exact dates."""
        where, params = event_filters(date_from, date_to, types, dates, "?", _sqlite_one_of)
        with self._session("read events") as conn:
            return fact_rows.select_facts(conn, "events", where, params)

    def claims(self) -> list[Claim]:
        with self._session("read claims") as conn:
            return fact_rows.select_facts(conn, "claims")

    def quotes(self, speaker_entity: str | None = None) -> list[Quote]:
        where, params = ("WHERE speaker_entity = ?", [speaker_entity]) if speaker_entity else ("", [])
        with self._session("read quotes") as conn:
            return fact_rows.select_facts(conn, "quotes", where, params)

    def cluster_state(self, component: str) -> dict[str, list[tuple]]:
        """A clustering component's stored tables ({} when none were saved)."""
        with self._session(f"read the {component} state") as conn:
            return cluster_rows.read_state(conn, component)

    def save_cluster_state(self, component: str, tables: dict[str, list[tuple]]) -> None:
        """Replace a clustering component's stored tables, in one transaction."""
        with self._session(f"save the {component} state") as conn, write_transaction(conn):
            cluster_rows.replace_state(conn, component, tables)

    def article_ids(self) -> list[str]:
        """Every stored article id, in ingestion order."""
        with self._session("list article ids") as conn:
            return [row[0] for row in conn.execute("SELECT id FROM articles ORDER BY seq")]

    # -- search -----------------------------------------------------------------------------

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """Full-text search; ``query`` may use FTS5 syntax, and is taken word by word when
        it is not valid FTS5 syntax (so user input never fails on a stray quote or AND)."""
        query = query.replace("\x00", " ")  # a NUL would cut the query short inside SQLite
        if not query.strip():
            raise StoreError("empty search query")
        _check_page(limit, 0)
        with self._session(f"search for {query!r}") as conn:
            try:
                rows = conn.execute(_SEARCH, (query, limit)).fetchall()
            except sqlite3.OperationalError:
                rows = conn.execute(_SEARCH, (_as_phrases(query), limit)).fetchall()
        # bm25() is lower for better matches; flip it so every backend's rank reads the same.
        return [SearchHit(row[0], row[1], row[2], -row[3]) for row in rows]

    # -- checking ---------------------------------------------------------------------------

    def integrity_check(self) -> list[str]:
        """Problems found in the file, its foreign keys, the search index and the offsets."""
        with self._session("check the store") as conn:
            return [
                *_sqlite_problems(conn),
                *_search_index_problems(conn),
                *offset_problems(conn),
            ]


# -- helpers: configuration ----------------------------------------------------------------


def _configure(conn: sqlite3.Connection) -> None:
    conn.row_factory = sqlite3.Row
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    # The first statement that reads the file: a non-SQLite file fails here, unchanged.
    conn.execute("PRAGMA journal_mode = WAL")
    # NORMAL is durable against application crashes in WAL mode, and much faster than FULL.
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA foreign_keys = ON")


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


def _check_page(limit: int | None, offset: int) -> None:
    if limit is not None and limit < 1:
        raise StoreError(f"limit must be 1 or more, got {limit}")
    if offset < 0:
        raise StoreError(f"offset must be 0 or more, got {offset}")


# -- helpers: writing ----------------------------------------------------------------------


def _stored_id(conn: sqlite3.Connection, article: Article) -> str | None:
    """The id of a stored article with the same content (or, defensively, the same id)."""
    row = conn.execute(
        "SELECT id FROM articles WHERE content_hash = ? OR id = ? LIMIT 1",
        (article.content_hash, article.id),
    ).fetchone()
    return None if row is None else row[0]


def _insert_extraction(conn: sqlite3.Connection, extraction: Extraction, now: str) -> None:
    article = extraction.article
    _check_belongs(extraction)
    conn.execute(_INSERT_ARTICLE, _article_values(article, now))
    _insert_cleaning_record(conn, article)
    conn.executemany(
        'INSERT INTO sentences (article_id, idx, "start", "end") VALUES (?, ?, ?, ?)',
        [(s.article_id, s.index, s.start, s.end) for s in extraction.sentences],
    )
    _check_entities_known(conn, extraction)
    conn.executemany(
        'INSERT INTO mentions (article_id, "start", "end", text, label, sentence, entity_id, '
        "kind, antecedent) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (m.article_id, m.start, m.end, m.text, m.label, m.sentence, m.entity_id, m.kind,
             m.antecedent)
            for m in extraction.mentions
        ],
    )
    _insert_timexes(conn, extraction.timexes)
    entity_rows.insert_roles(conn, extraction.roles)
    framing_rows.insert_framing(conn, extraction.framing)
    fact_rows.insert_facts(conn, extraction.events, extraction.claims, extraction.quotes)


def _insert_timexes(conn: sqlite3.Connection, timexes: list[Timex]) -> None:
    if not timexes:  # also keeps stores at schema 1 (no timexes table) writable in tests
        return
    conn.executemany(
        'INSERT INTO timexes (article_id, position, "start", "end", text, type, value, '
        "precision, anchored, sentence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (t.article_id, i, t.start, t.end, t.text, t.type, t.value, t.precision,
             int(t.anchored), t.sentence)
            for i, t in enumerate(timexes)
        ],
    )


def _insert_cleaning_record(conn: sqlite3.Connection, article: Article) -> None:
    """Removed lines and repairs, with their list positions so they read back in order."""
    conn.executemany(
        "INSERT INTO removed_lines (article_id, position, text, reason) VALUES (?, ?, ?, ?)",
        [(article.id, i, line.text, line.reason) for i, line in enumerate(article.removed)],
    )
    conn.executemany(
        "INSERT INTO repairs (article_id, position, original, replacement, reason) "
        "VALUES (?, ?, ?, ?, ?)",
        [
            (article.id, i, fix.original, fix.replacement, fix.reason)
            for i, fix in enumerate(article.repairs)
        ],
    )


def _article_values(article: Article, now: str) -> tuple[Any, ...]:
    return (
        article.id, article.content_hash, article.source, article.url, article.outlet,
        article.title, _to_json(article, "authors", article.authors), article.published,
        article.language, article.text, article.raw_text,
        _to_json(article, "provenance", article.provenance),
        _to_json(article, "extra", article.extra), article.nlp_skipped, now,
        None if article.published_range is None
        else _to_json(article, "published_range", article.published_range),
    )  # fmt: skip


def _to_json(article: Article, field: str, value: object) -> str:
    try:
        return json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError) as exc:
        raise StoreError(
            f"article {article.id}: {field} can't be stored as JSON ({exc}); "
            "use strings, numbers, booleans, lists and objects"
        ) from exc


def _check_belongs(extraction: Extraction) -> None:
    # Facts are stored under their own article_id: one filed under another article would
    # point its offsets into the wrong text.
    own = extraction.article.id
    facts = (*extraction.sentences, *extraction.mentions, *extraction.timexes, *extraction.roles,
             *extraction.framing, *extraction.events, *extraction.claims, *extraction.quotes)
    for fact in facts:
        if fact.article_id != own:
            kind = type(fact).__name__.lower()
            raise StoreError(
                f"the extraction of article {own} holds a {kind} of article "
                f"{fact.article_id}; an extraction holds only its own article's facts"
            )


def _check_entities_known(conn: sqlite3.Connection, extraction: Extraction) -> None:
    # Checked here to name the entity; the foreign key alone would only say "failed".
    wanted = {m.entity_id for m in extraction.mentions if m.entity_id is not None}
    for entity_id in sorted(wanted):
        if conn.execute("SELECT 1 FROM entities WHERE id = ?", (entity_id,)).fetchone() is None:
            raise StoreError(
                f"a mention in article {extraction.article.id} refers to entity {entity_id}, "
                "which is neither stored nor in this batch; pass it in save_batch's entities"
            )


# -- helpers: reading ----------------------------------------------------------------------


def _article_from_row(conn: sqlite3.Connection, row: sqlite3.Row) -> Article:
    removed = conn.execute(
        "SELECT text, reason FROM removed_lines WHERE article_id = ? ORDER BY position",
        (row["id"],),
    ).fetchall()
    repairs = conn.execute(
        "SELECT original, replacement, reason FROM repairs WHERE article_id = ? ORDER BY position",
        (row["id"],),
    ).fetchall()
    fields = dict(row)
    for name in ("authors", "provenance", "extra"):
        fields[name] = json.loads(fields[name])
    fields["published_range"] = json.loads(fields["published_range"] or "null")
    return Article(
        **fields,
        removed=[RemovedLine(*r) for r in removed],
        repairs=[Repair(*r) for r in repairs],
    )


def _entity_summaries(
    conn: sqlite3.Connection, where: str, params: Sequence[object]
) -> list[EntitySummary]:
    """Summaries of the entities selected by ``where`` (a clause on ``e``)."""
    rows = conn.execute(
        "SELECT e.id, e.name, e.type, count(m.id) AS mention_count, "
        "count(DISTINCT m.article_id) AS article_count "
        f"FROM entities e LEFT JOIN mentions m ON m.entity_id = e.id {where} "
        "GROUP BY e.id ORDER BY mention_count DESC, e.name, e.id",
        params,
    ).fetchall()
    aliases = _aliases(conn, where, params)
    return [
        EntitySummary(
            Entity(row["id"], row["name"], row["type"], aliases.get(row["id"], [])),
            mentions=row["mention_count"],
            articles=row["article_count"],
        )
        for row in rows
    ]


def _aliases(
    conn: sqlite3.Connection, where: str, params: Sequence[object]
) -> dict[str, list[str]]:
    """Entity id -> distinct surface forms of its mentions, most frequent first."""
    rows = conn.execute(
        "SELECT m.entity_id, m.text, count(*) AS uses "
        f"FROM mentions m JOIN entities e ON e.id = m.entity_id {where} "
        f"{'AND' if where else 'WHERE'} m.kind = 'name' "
        "GROUP BY m.entity_id, m.text ORDER BY m.entity_id, uses DESC, m.text",
        params,
    ).fetchall()
    found: dict[str, list[str]] = {}
    for entity_id, text, _uses in rows:
        found.setdefault(entity_id, []).append(text)
    return found


def _as_phrases(query: str) -> str:
    """Each whitespace-separated term as a quoted FTS5 phrase: no operator survives."""
    return " ".join('"' + term.replace('"', '""') + '"' for term in query.split())


# -- helpers: checking ---------------------------------------------------------------------


def _sqlite_problems(conn: sqlite3.Connection) -> list[str]:
    problems = [
        f"integrity_check: {row[0]}"
        for row in conn.execute("PRAGMA integrity_check")
        if row[0] != "ok"
    ]
    for table, rowid, parent, _fk in conn.execute("PRAGMA foreign_key_check"):
        problems.append(f"{table} row {rowid} refers to a missing {parent} row")
    return problems


def _search_index_problems(conn: sqlite3.Connection) -> list[str]:
    # count(*) on an external-content table counts the content table, so count the index's
    # own per-document table instead.
    indexed = conn.execute("SELECT count(*) FROM articles_fts_docsize").fetchone()[0]
    stored = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    problems = []
    if indexed != stored:
        problems.append(f"search index holds {indexed} articles but the store holds {stored}")
    try:
        # rank 1: also compare the index with the articles' current title and text.
        conn.execute(
            "INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)"
        )
    except sqlite3.DatabaseError as exc:
        problems.append(f"search index does not match the articles ({exc}); rebuild it")
    return problems


def _sqlite_one_of(column: str, values: list[str]) -> tuple[str, list[str]]:
    return f"{column} IN ({','.join('?' * len(values))})", values
