"""Pick the store backend from the target the user gave (``--db`` / ``store.db``)."""

from __future__ import annotations

from pathlib import Path

from storyline.errors import StoreError
from storyline.store.base import Store
from storyline.store.sqlite import SQLiteStore

POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def open_store(target: str) -> Store:
    """Open (creating and migrating if needed) the store at ``target``.

    A file path opens a SQLite store, creating missing parent folders; ``:memory:`` opens a
    throwaway in-memory store; a ``postgresql://`` (or ``postgres://``) URL opens a PostgreSQL
    store in that database (its password is never shown).
    """
    if target.lower().startswith(POSTGRES_SCHEMES):
        from storyline.store.postgres import PostgresStore  # psycopg loads only when needed

        return PostgresStore(target)
    if not target.strip():
        raise StoreError("empty store path; pass a file path with --db")
    if target == ":memory:":
        return SQLiteStore(target)
    path = Path(target).expanduser()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(
            f"{target}: could not create its folder {path.parent} ({exc.strerror or exc}); "
            "pass another --db"
        ) from exc
    return SQLiteStore(path)
