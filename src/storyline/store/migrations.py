"""Schema migrations for the SQLite store: plain functions, applied in version order.

A store records what it holds in ``schema_migrations``; ``migrate(conn)`` applies the missing
migrations, each in its own transaction, so a failure leaves the store at the last good
version. To change the schema, append a ``Migration(2, "what it does", _v2_function)`` to
``MIGRATIONS``; never edit a migration that has shipped.

The connection must be in autocommit mode (``isolation_level=None``): transactions here are
explicit ``BEGIN IMMEDIATE`` ... ``COMMIT``, and statements are run one by one because
``executescript`` would commit behind our back.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone

from storyline.errors import StoreError


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    apply: Callable[[sqlite3.Connection], None]


def _run(conn: sqlite3.Connection, statements: Sequence[str]) -> None:
    for statement in statements:
        conn.execute(statement)


# Articles keep ``id`` as their primary key (children refer to it), plus ``seq``: an integer
# that survives VACUUM (unlike the implicit rowid) and serves as the full-text rowid and as
# ingestion order.
_V1_TABLES = (
    """CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        seq INTEGER NOT NULL UNIQUE,
        content_hash TEXT NOT NULL UNIQUE,
        source TEXT NOT NULL,
        url TEXT,
        outlet TEXT,
        title TEXT,
        authors TEXT NOT NULL DEFAULT '[]',      -- JSON list of names
        published TEXT,                          -- YYYY-MM-DD
        language TEXT,
        text TEXT NOT NULL,
        raw_text TEXT NOT NULL,
        provenance TEXT NOT NULL DEFAULT '{}',   -- JSON object
        extra TEXT NOT NULL DEFAULT '{}',        -- JSON object
        nlp_skipped TEXT,
        ingested_at TEXT NOT NULL
    )""",
    """CREATE TABLE removed_lines (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        text TEXT NOT NULL,
        reason TEXT NOT NULL,
        PRIMARY KEY (article_id, position)
    )""",
    """CREATE TABLE repairs (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        original TEXT NOT NULL,
        replacement TEXT NOT NULL,
        reason TEXT NOT NULL,
        PRIMARY KEY (article_id, position)
    )""",
    """CREATE TABLE sentences (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        "start" INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        PRIMARY KEY (article_id, idx)
    )""",
    """CREATE TABLE entities (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        type TEXT NOT NULL
    )""",
    # Deleting an entity un-resolves its mentions rather than losing them.
    """CREATE TABLE mentions (
        id INTEGER PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        "start" INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        text TEXT NOT NULL,
        label TEXT NOT NULL,
        sentence INTEGER NOT NULL,
        entity_id TEXT REFERENCES entities(id) ON DELETE SET NULL
    )""",
)

_V1_INDEXES = (
    "CREATE INDEX articles_by_published ON articles(published, seq)",
    'CREATE INDEX mentions_by_article ON mentions(article_id, "start")',
    "CREATE INDEX mentions_by_entity ON mentions(entity_id)",
    "CREATE INDEX entities_by_type ON entities(type)",
)

# External-content FTS5: the index stores no second copy of the text, and snippet() reads it
# back from ``articles``. Triggers keep the index in the same transaction as the row change.
_V1_SEARCH = (
    """CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, text, content='articles', content_rowid='seq',
        tokenize='unicode61 remove_diacritics 2'
    )""",
    """CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
    END""",
    """CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text)
        VALUES ('delete', old.seq, old.title, old.text);
    END""",
    """CREATE TRIGGER articles_fts_update AFTER UPDATE OF seq, title, text ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text)
        VALUES ('delete', old.seq, old.title, old.text);
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
    END""",
)


def _v1_initial_schema(conn: sqlite3.Connection) -> None:
    _run(conn, _V1_TABLES + _V1_INDEXES + _V1_SEARCH)


_V2_TIMEXES = (
    """CREATE TABLE timexes (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        "start" INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        text TEXT NOT NULL,
        type TEXT NOT NULL,
        value TEXT,
        precision TEXT,
        anchored INTEGER NOT NULL DEFAULT 0,
        sentence INTEGER,
        PRIMARY KEY (article_id, position)
    )""",
    "CREATE INDEX timexes_by_value ON timexes(value)",
)


def _v2_timexes(conn: sqlite3.Connection) -> None:
    _run(conn, _V2_TIMEXES)


# Incremental entity resolution: every name an entity was seen under, lookup keys to find it
# again from a new batch, why mentions were merged, where merged-away ids went; roles (offices
# held at a date); title and pronoun mentions; a publication date range estimated from text.
_V3_ENTITIES_AND_ROLES = (
    "ALTER TABLE mentions ADD COLUMN kind TEXT NOT NULL DEFAULT 'name'",
    "ALTER TABLE mentions ADD COLUMN antecedent INTEGER",
    "ALTER TABLE articles ADD COLUMN published_range TEXT",  # JSON object or NULL
    "ALTER TABLE entities ADD COLUMN acronyms TEXT NOT NULL DEFAULT '[]'",
    "ALTER TABLE entities ADD COLUMN wikidata TEXT",
    """CREATE TABLE entity_aliases (
        entity_id TEXT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
        alias TEXT NOT NULL,
        PRIMARY KEY (entity_id, alias)
    ) WITHOUT ROWID""",
    """CREATE TABLE entity_keys (
        key TEXT NOT NULL,
        entity_id TEXT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
        PRIMARY KEY (key, entity_id)
    ) WITHOUT ROWID""",
    "CREATE INDEX entity_keys_by_entity ON entity_keys(entity_id)",
    """CREATE TABLE entity_evidence (
        id INTEGER PRIMARY KEY,
        entity_id TEXT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
        reason TEXT NOT NULL,
        UNIQUE (entity_id, reason)
    )""",
    """CREATE TABLE entity_redirects (
        old_id TEXT PRIMARY KEY,
        new_id TEXT NOT NULL,
        reason TEXT NOT NULL,
        merged_at TEXT NOT NULL
    )""",
    """CREATE TABLE roles (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        "start" INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        title TEXT NOT NULL,
        qualifier TEXT,
        holder_start INTEGER NOT NULL,
        sentence INTEGER,
        entity_id TEXT REFERENCES entities(id) ON DELETE SET NULL,
        date TEXT,
        PRIMARY KEY (article_id, position)
    )""",
    "CREATE INDEX roles_by_entity ON roles(entity_id, date)",
    "CREATE INDEX roles_by_title ON roles(title, date)",
)


def _v3_entities_and_roles(conn: sqlite3.Connection) -> None:
    _run(conn, _V3_ENTITIES_AND_ROLES)
    # entities stored before v3: their names and aliases so far become their lookup names
    conn.execute(
        "INSERT OR IGNORE INTO entity_aliases (entity_id, alias) "
        "SELECT DISTINCT entity_id, text FROM mentions WHERE entity_id IS NOT NULL"
    )


# Framing: each article's word choices (noun phrases, labels on names, the names themselves)
# with the evidence the collection-level grouping uses (head noun, anchor entity, contexts).
_V4_FRAMING = (
    """CREATE TABLE framing_terms (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        "start" INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        sentence INTEGER,
        kind TEXT NOT NULL,
        term TEXT NOT NULL,
        referent TEXT NOT NULL,
        head TEXT NOT NULL DEFAULT '',
        anchor TEXT,
        entity_type TEXT,
        context TEXT NOT NULL DEFAULT '[]',
        PRIMARY KEY (article_id, position)
    )""",
)


def _v4_framing(conn: sqlite3.Connection) -> None:
    _run(conn, _V4_FRAMING)


# Clustering state: each component's tables (copy groups, story clusters) as JSON rows.
_V5_CLUSTERS = (
    """CREATE TABLE cluster_state (
        component TEXT NOT NULL,
        tbl TEXT NOT NULL,
        position INTEGER NOT NULL,
        row TEXT NOT NULL,
        PRIMARY KEY (component, tbl, position)
    ) WITHOUT ROWID""",
)


def _v5_clusters(conn: sqlite3.Connection) -> None:
    _run(conn, _V5_CLUSTERS)


# Events, claims and quotes: filter/sort columns plus the whole fact as JSON (``data``).
_V6_FACTS = tuple(
    f"""CREATE TABLE {table} (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        "start" INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        {columns},
        data TEXT NOT NULL,
        PRIMARY KEY (article_id, position)
    )"""
    for table, columns in (
        ("events", "type TEXT NOT NULL, date TEXT, event_id TEXT"),
        ("claims", "counts TEXT NOT NULL, as_of TEXT"),
        ("quotes", "speaker_entity TEXT"),
    )
) + (
    "CREATE INDEX events_by_date ON events(date, type)",
    "CREATE INDEX events_by_event ON events(event_id)",
    "CREATE INDEX claims_by_counts ON claims(counts, as_of)",
    "CREATE INDEX quotes_by_speaker ON quotes(speaker_entity)",
)


def _v6_facts(conn: sqlite3.Connection) -> None:
    _run(conn, _V6_FACTS)


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "initial schema", _v1_initial_schema),
    Migration(2, "time expressions", _v2_timexes),
    Migration(3, "entity aliases, keys, evidence, redirects; roles; reference mentions",
              _v3_entities_and_roles),
    Migration(4, "framing terms", _v4_framing),
    Migration(5, "clustering state", _v5_clusters),
    Migration(6, "events, claims and quotes", _v6_facts),
)


def latest_version(migrations: Sequence[Migration] = MIGRATIONS) -> int:
    return max((m.version for m in migrations), default=0)


def current_version(conn: sqlite3.Connection) -> int:
    """The highest version applied to this database (0 for a new one)."""
    row = conn.execute("SELECT max(version) FROM schema_migrations").fetchone()
    return row[0] or 0


def migrate(conn: sqlite3.Connection, migrations: Sequence[Migration] = MIGRATIONS) -> list[int]:
    """Apply the migrations this database lacks, in order; return the versions applied."""
    _check_sequence(migrations)
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations "
        "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
    )
    stored = current_version(conn)
    if stored > latest_version(migrations):
        raise StoreError(
            f"the store has schema version {stored} but this Storyline knows only up to "
            f"{latest_version(migrations)}; upgrade Storyline or pass another --db"
        )
    # Look before taking the write lock: opening an up-to-date store (every reader does) must
    # not queue behind an ingest's batch transaction once per migration.
    return [m.version for m in migrations if not _is_recorded(conn, m.version) and _apply(conn, m)]


def _check_sequence(migrations: Sequence[Migration]) -> None:
    # Versions must be 1, 2, 3, ... so "the missing ones" is well defined and none is skipped.
    versions = [m.version for m in migrations]
    if versions != list(range(1, len(versions) + 1)):
        raise StoreError(f"migrations must be numbered 1, 2, 3, ... in order; got {versions}")


def _apply(conn: sqlite3.Connection, migration: Migration) -> bool:
    """Apply one migration in its own transaction unless it is already recorded."""
    try:
        with write_transaction(conn):
            # Checked inside the write lock: another process may have migrated meanwhile.
            if _is_recorded(conn, migration.version):
                return False
            migration.apply(conn)
            conn.execute(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                (migration.version, migration.name, _now()),
            )
    except sqlite3.Error as exc:
        raise StoreError(f"migration {migration.version} ({migration.name}) failed: {exc}") from exc
    return True


def _is_recorded(conn: sqlite3.Connection, version: int) -> bool:
    query = "SELECT 1 FROM schema_migrations WHERE version = ?"
    return conn.execute(query, (version,)).fetchone() is not None


@contextmanager
def write_transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE ... COMMIT; roll back on any error, so nothing is half-written.

    IMMEDIATE takes the write lock up front: two writers then queue on busy_timeout instead
    of one failing mid-transaction when it tries to upgrade a read lock.
    """
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException:
        # A failed COMMIT (e.g. busy) leaves the transaction open; an error SQLite already
        # rolled back does not.
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")
