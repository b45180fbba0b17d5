"""The store: where articles and facts live. SQLite (one file, WAL, FTS5) by default, or
PostgreSQL (tsvector + GIN search) for a ``postgresql://`` URL; both keep one contract.

    open_store(target: str) -> Store      # a file path, or postgresql://user:pw@host/db

Schema changes are migration functions (``migrations.py``), applied in order on open.
"""

from storyline.store.base import EntitySummary, SaveResult, SearchHit, Store
from storyline.store.open import open_store

__all__ = ["EntitySummary", "SaveResult", "SearchHit", "Store", "open_store"]
