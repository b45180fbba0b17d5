"""Request-scoped dependencies shared by the JSON API and the web pages."""

from __future__ import annotations

from collections.abc import Iterator

from fastapi import Request

from storyline.store import Store, open_store


def get_store(request: Request) -> Iterator[Store]:
    """One store connection per request: SQLite connections must not cross threads."""
    store = open_store(request.app.state.db)
    try:
        yield store
    finally:
        store.close()
