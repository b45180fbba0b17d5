"""``integrity_check`` for the PostgreSQL store: what can still be wrong in a database whose
foreign keys and unique constraints the server enforces.

* the schema is at the version this Storyline writes;
* no index of the store is invalid (e.g. left so by an interrupted ``CREATE INDEX``);
* every article has its search vector (generated, so only damage can clear it);
* every merge redirect points at an entity that exists;
* every fact's offsets lie inside its article's text (the same check as SQLite's).
"""

from __future__ import annotations

import psycopg

from storyline.store.checks import offset_problems
from storyline.store.postgres_migrations import current_version, latest_version


def integrity_problems(conn: psycopg.Connection) -> list[str]:
    return [*_schema_problems(conn), *_index_problems(conn), *_search_problems(conn),
            *_redirect_problems(conn), *offset_problems(conn)]


def _schema_problems(conn: psycopg.Connection) -> list[str]:
    stored, latest = current_version(conn), latest_version()
    if stored != latest:
        return [f"schema is at version {stored}, but this Storyline writes version {latest}"]
    return []


def _index_problems(conn: psycopg.Connection) -> list[str]:
    invalid = conn.execute(
        "SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
        "JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = current_schema() AND NOT (i.indisvalid AND i.indisready) "
        "ORDER BY c.relname"
    ).fetchall()
    return [f"index {name} is invalid; rebuild it with REINDEX" for (name,) in invalid]


def _search_problems(conn: psycopg.Connection) -> list[str]:
    missing = conn.execute("SELECT count(*) FROM articles WHERE search IS NULL").fetchone()[0]
    return [f"{missing} article(s) have no search vector"] if missing else []


def _redirect_problems(conn: psycopg.Connection) -> list[str]:
    dangling = conn.execute(
        "SELECT r.old_id, r.new_id FROM entity_redirects r "
        "LEFT JOIN entities e ON e.id = r.new_id WHERE e.id IS NULL ORDER BY r.old_id"
    ).fetchall()
    return [f"merged entity {old} redirects to {new}, which is not stored" for old, new in dangling]
