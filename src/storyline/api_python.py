"""The public Python API: a thin object over a store, the settings and the pipeline."""

from __future__ import annotations

from pathlib import Path

from storyline.config import Settings, load_settings
from storyline.models import Article
from storyline.store import EntitySummary, SearchHit, Store, open_store


class Storyline:
    """One store plus settings. Use as a context manager so the store is closed."""

    def __init__(self, db: str | Path | None = None, settings: Settings | None = None) -> None:
        self.settings = settings or load_settings()
        self.store: Store = open_store(str(db or self.settings.get("store.db")))

    def ingest(self, sources: list[str], manifest: str | Path | None = None):
        from storyline import pipeline  # spaCy is imported only when there is work for it

        return pipeline.ingest(sources, self.store, self.settings, manifest=manifest)

    def articles(self, limit: int | None = None, offset: int = 0) -> list[Article]:
        return self.store.articles(limit=limit, offset=offset)

    def article(self, article_id: str) -> Article:
        return self.store.article(article_id)

    def entities(self, type: str | None = None) -> list[EntitySummary]:
        return self.store.entities(type=type)

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        return self.store.search(query, limit=limit)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> "Storyline":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
