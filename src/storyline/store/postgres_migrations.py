"""Schema migrations for the PostgreSQL store: the same logical versions as SQLite's
(``migrations.py``), written in PostgreSQL's dialect and applied in version order on open.

A database records what it holds in ``schema_migrations``; ``migrate(conn)`` applies the
missing versions, each in its own transaction under an advisory lock, so two processes opening
a new store at once migrate it once, and a failure leaves it at the last good version. Never
edit a migration that has shipped; append one (and its SQLite twin).

Differences from SQLite, all invisible through the Store interface: every TEXT column uses
the "C" collation (bytewise, like SQLite's BINARY); integer keys are identity columns; JSON stays in TEXT columns (jsonb would reorder keys and turn floats into numerics);
full-text search is a stored, weighted tsvector (title A, text B) with a GIN index, built with
the ``storyline_search`` configuration (words unaccented, then taken as they are, like
SQLite's ``unicode61 remove_diacritics``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone

import psycopg

from storyline.errors import StoreError

# Schema changes and batch writes of one store (one schema) take this advisory lock
# (1398034258 is "STOR" in ASCII; PostgreSQL 15 reads no hex literals).
WRITE_LOCK = "SELECT pg_advisory_xact_lock(1398034258, hashtext(current_schema()))"
SEARCH_CONFIG = "storyline_search"
# to_tsvector fails on vectors over 1 MB; 300k characters of text stay under it for any words.
SEARCH_PREFIX_CHARS = 300_000


@dataclass(frozen=True)
class PgMigration:
    version: int
    name: str
    apply: Callable[[psycopg.Connection], None]


def _run(conn: psycopg.Connection, statements: Sequence[str]) -> None:
    for statement in statements:
        # Text compares bytewise (as in SQLite) whatever the database's locale, so both
        # backends list names, dates and ids in one order.
        conn.execute(re.sub(r"\bTEXT\b", 'TEXT COLLATE "C"', statement))


_V1_TABLES = (
    """CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        seq BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
        content_hash TEXT NOT NULL UNIQUE,
        source TEXT NOT NULL,
        url TEXT,
        outlet TEXT,
        title TEXT,
        authors TEXT NOT NULL DEFAULT '[]',
        published TEXT,
        language TEXT,
        text TEXT NOT NULL,
        raw_text TEXT NOT NULL,
        provenance TEXT NOT NULL DEFAULT '{}',
        extra TEXT NOT NULL DEFAULT '{}',
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
    "CREATE TABLE entities (id TEXT PRIMARY KEY, name TEXT NOT NULL, type TEXT NOT NULL)",
    """CREATE TABLE mentions (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        "start" INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        text TEXT NOT NULL,
        label TEXT NOT NULL,
        sentence INTEGER NOT NULL,
        entity_id TEXT REFERENCES entities(id) ON DELETE SET NULL
    )""",
    "CREATE INDEX articles_by_published ON articles(published, seq)",
    'CREATE INDEX mentions_by_article ON mentions(article_id, "start")',
    "CREATE INDEX mentions_by_entity ON mentions(entity_id)",
    "CREATE INDEX entities_by_type ON entities(type)",
)

# Every word-like token type is unaccented first; numbers, URLs, e-mails are kept as they are.
_WORD_TOKENS = "word, hword, hword_part, numword, numhword, hword_numpart"


def _v1_initial_schema(conn: psycopg.Connection) -> None:
    _run(conn, _V1_TABLES)
    _create_search_config(conn)
    conn.execute(
        "ALTER TABLE articles ADD COLUMN search tsvector GENERATED ALWAYS AS ("
        f"setweight(to_tsvector('{SEARCH_CONFIG}', coalesce(title, '')), 'A') || "
        f"setweight(to_tsvector('{SEARCH_CONFIG}', left(text, {SEARCH_PREFIX_CHARS})), 'B')"
        ") STORED"
    )
    conn.execute("CREATE INDEX articles_search ON articles USING gin (search)")


def _create_search_config(conn: psycopg.Connection) -> None:
    conn.execute(f"CREATE TEXT SEARCH CONFIGURATION {SEARCH_CONFIG} (COPY = simple)")
    try:
        # unaccent is a trusted extension (PostgreSQL 13+): a database owner may create it.
        # It lives in one schema per database, maybe another store's: name it with its schema.
        with conn.transaction():
            conn.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
            schema = conn.execute(
                "SELECT quote_ident(extnamespace::regnamespace::text) FROM pg_extension "
                "WHERE extname = 'unaccent'"
            ).fetchone()[0]
            conn.execute(
                f"ALTER TEXT SEARCH CONFIGURATION {SEARCH_CONFIG} "
                f"ALTER MAPPING FOR {_WORD_TOKENS} WITH {schema}.unaccent, simple"
            )
    except psycopg.Error:
        pass  # without contrib's unaccent, search still works; "zurich" just won't find "Zürich"


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
        anchored BOOLEAN NOT NULL DEFAULT false,
        sentence INTEGER,
        PRIMARY KEY (article_id, position)
    )""",
    "CREATE INDEX timexes_by_value ON timexes(value)",
)

_V3_ENTITIES_AND_ROLES = (
    "ALTER TABLE mentions ADD COLUMN kind TEXT NOT NULL DEFAULT 'name'",
    "ALTER TABLE mentions ADD COLUMN antecedent INTEGER",
    "ALTER TABLE articles ADD COLUMN published_range TEXT",
    "ALTER TABLE entities ADD COLUMN acronyms TEXT NOT NULL DEFAULT '[]'",
    "ALTER TABLE entities ADD COLUMN wikidata TEXT",
    """CREATE TABLE entity_aliases (
        entity_id TEXT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
        alias TEXT NOT NULL,
        PRIMARY KEY (entity_id, alias)
    )""",
    """CREATE TABLE entity_keys (
        key TEXT NOT NULL,
        entity_id TEXT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
        PRIMARY KEY (key, entity_id)
    )""",
    "CREATE INDEX entity_keys_by_entity ON entity_keys(entity_id)",
    """CREATE TABLE entity_evidence (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
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
    # entities stored before v3: their mentions' texts become their lookup names
    "INSERT INTO entity_aliases (entity_id, alias) "
    "SELECT DISTINCT entity_id, text FROM mentions WHERE entity_id IS NOT NULL "
    "ON CONFLICT DO NOTHING",
)

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

_V5_CLUSTERS = (
    """CREATE TABLE cluster_state (
        component TEXT NOT NULL,
        tbl TEXT NOT NULL,
        position INTEGER NOT NULL,
        row TEXT NOT NULL,
        PRIMARY KEY (component, tbl, position)
    )""",
)

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


def _statements(statements: Sequence[str]) -> Callable[[psycopg.Connection], None]:
    return lambda conn: _run(conn, statements)


MIGRATIONS: tuple[PgMigration, ...] = (
    PgMigration(1, "initial schema", _v1_initial_schema),
    PgMigration(2, "time expressions", _statements(_V2_TIMEXES)),
    PgMigration(3, "entity aliases, keys, evidence, redirects; roles; reference mentions",
                _statements(_V3_ENTITIES_AND_ROLES)),
    PgMigration(4, "framing terms", _statements(_V4_FRAMING)),
    PgMigration(5, "clustering state", _statements(_V5_CLUSTERS)),
    PgMigration(6, "events, claims and quotes", _statements(_V6_FACTS)),
)


def latest_version(migrations: Sequence[PgMigration] = MIGRATIONS) -> int:
    return max((m.version for m in migrations), default=0)


def current_version(conn: psycopg.Connection) -> int:
    """The highest version applied to this database (0 for a new one)."""
    if conn.execute("SELECT to_regclass('schema_migrations')").fetchone()[0] is None:
        return 0
    return conn.execute("SELECT max(version) FROM schema_migrations").fetchone()[0] or 0


def migrate(conn: psycopg.Connection, migrations: Sequence[PgMigration] = MIGRATIONS) -> list[int]:
    """Apply the migrations this database lacks, in order; return the versions applied.

    ``conn`` is in autocommit mode; each migration is its own transaction."""
    versions = [m.version for m in migrations]
    if versions != list(range(1, len(versions) + 1)):
        raise StoreError(f"migrations must be numbered 1, 2, 3, ... in order; got {versions}")
    stored = current_version(conn)
    if stored > latest_version(migrations):
        raise StoreError(
            f"the store has schema version {stored} but this Storyline knows only up to "
            f"{latest_version(migrations)}; upgrade Storyline or pass another --db"
        )
    return [m.version for m in migrations if m.version > stored and _apply(conn, m)]


def _apply(conn: psycopg.Connection, migration: PgMigration) -> bool:
    """Apply one migration in its own transaction unless another process already did."""
    try:
        with conn.transaction():
            conn.execute(WRITE_LOCK)
            conn.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations "
                "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
            )
            # Checked under the lock: another process may have migrated meanwhile.
            if conn.execute("SELECT 1 FROM schema_migrations WHERE version = %s",
                            (migration.version,)).fetchone():
                return False
            migration.apply(conn)
            conn.execute(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (%s, %s, %s)",
                (migration.version, migration.name, _now()),
            )
    except psycopg.Error as exc:
        raise StoreError(f"migration {migration.version} ({migration.name}) failed: {exc}") from exc
    return True


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")
