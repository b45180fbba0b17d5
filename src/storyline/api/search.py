"""Ranked search results kept per query, so paging through them (or the same search by another
user) does not rank every match again.

Ranking is the costly part of a search: every matching article is scored, however few are
shown. The first request for a query ranks at least ``RANKED`` hits; later pages of it are
slices. Entries are keyed by store and article count, so an ingest invalidates them.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from storyline.store import SearchHit, Store

RANKED = 128  # hits kept by the first request for a query (more only when a page needs them)
ENTRIES = 256  # queries kept, least recently used dropped first


class SearchCache:
    def __init__(self, entries: int = ENTRIES) -> None:
        self._lock = threading.Lock()
        self._entries = entries
        self._held: OrderedDict[tuple, tuple[list[SearchHit], bool]] = OrderedDict()
        self._ranking: dict[tuple, threading.Lock] = {}  # one ranking per query at a time

    def hits(self, store: Store, query: str, needed: int, count: int) -> tuple[list[SearchHit], bool]:
        """At least ``needed`` best hits (fewer when there are no more), and whether they are
        all; ``count``, the store's article count, tells stale entries apart."""
        key = (store.target, count, query)
        held = self._lookup(key, needed)
        if held is not None:
            return held
        with self._lock:
            ranking = self._ranking.setdefault(key, threading.Lock())
        with ranking:  # the same query asked by many at once is ranked once; the rest wait
            held = self._lookup(key, needed)
            if held is None:
                asked = max(needed, RANKED)
                found = store.search(query, limit=asked)
                held = (found, len(found) < asked)
                self._keep(key, held)
        with self._lock:
            self._ranking.pop(key, None)
        return held

    def _lookup(self, key: tuple, needed: int) -> tuple[list[SearchHit], bool] | None:
        with self._lock:
            held = self._held.get(key)
            if held is None:
                return None
            self._held.move_to_end(key)
        return held if held[1] or len(held[0]) >= needed else None

    def _keep(self, key: tuple, held: tuple[list[SearchHit], bool]) -> None:
        with self._lock:
            self._held[key] = held
            while len(self._held) > self._entries:
                self._held.popitem(last=False)
