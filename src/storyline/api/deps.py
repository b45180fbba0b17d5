"""Request-scoped dependencies shared by the JSON API and the web pages."""

from __future__ import annotations

import queue
from collections.abc import AsyncIterator

from fastapi import Request

from storyline.store import Store, open_store


class StorePool:
    """Open stores kept for reuse, each lent to one request at a time.

    Opening a store (connect, pragmas, the migration check) costs more than most queries, and
    closing a SQLite connection in WAL mode may checkpoint. A request borrows an idle store (or
    opens one) and gives it back; at most ``keep`` idle stores are held, the rest are closed.
    """

    def __init__(self, target: str, keep: int = 16) -> None:
        self.target = target
        self._idle: queue.LifoQueue[Store] = queue.LifoQueue(maxsize=keep)

    def borrow(self) -> Store:
        try:
            return self._idle.get_nowait()
        except queue.Empty:
            return open_store(self.target)

    def give_back(self, store: Store) -> None:
        try:
            self._idle.put_nowait(store)
        except queue.Full:
            store.close()

    def close(self) -> None:
        while True:
            try:
                self._idle.get_nowait().close()
            except queue.Empty:
                return


async def get_store(request: Request) -> AsyncIterator[Store]:
    """A store for this request alone (borrowed from the app's pool, or opened for it).

    Async only so that FastAPI runs it on the event loop instead of handing it to a worker
    thread twice per request: borrowing and giving back do not wait on anything."""
    pool: StorePool | None = getattr(request.app.state, "stores", None)
    store = pool.borrow() if pool is not None else open_store(request.app.state.db)
    try:
        yield store
    finally:
        pool.give_back(store) if pool is not None else store.close()
