"""The store: where articles and facts live. SQLite (one file, WAL, FTS5) by default.

    open_store(target: str) -> Store      # a file path; later also postgresql://...

Schema changes are migration functions (``migrations.py``), applied in order on open.
"""

from storyline.store.base import EntitySummary, SaveResult, SearchHit, Store
from storyline.store.open import open_store

__all__ = ["EntitySummary", "SaveResult", "SearchHit", "Store", "open_store"]
