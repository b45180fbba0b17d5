"""The one store interface, implemented by SQLite (``sqlite.py``) and PostgreSQL (``postgres.py``).

Only ``pipeline.py``, ``scale/`` and ``query/`` talk to a store; stages never do.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from collections.abc import Iterable

from storyline.models import (
    Article, Claim, Entity, EntityMerge, Event, Extraction, FramingTerm, Mention, Quote, Role,
    Sentence, Timex,
)


@dataclass
class SaveResult:
    saved: list[str] = field(default_factory=list)  # article ids written by this call
    duplicates: list[str] = field(default_factory=list)  # ids already stored (same content hash)


@dataclass
class EntitySummary:
    entity: Entity  # aliases = every distinct surface form of its mentions
    mentions: int
    articles: int


@dataclass
class SearchHit:
    article_id: str
    title: str | None
    snippet: str  # a short excerpt with the match marked by [ ... ]
    rank: float  # relevance: higher is a better match (comparable within one search only)


class Store(Protocol):
    """What every backend offers. All writes of one ``save_batch`` call are one transaction."""

    target: str  # the path or URL it was opened with

    def save_batch(
        self, extractions: list[Extraction], entities: list[Entity] = (),
        merges: list[EntityMerge] = (), event_updates: list[Event] = (),
    ) -> SaveResult:
        """Write articles (skipping stored content hashes) with their sentences, mentions,
        time expressions and roles; insert new entities and update stored ones (same id and
        type; new name, aliases, keys, evidence); then apply ``merges``: the absorbed entity's
        mentions and roles move to the other, and its id redirects there; stored event mentions
        in ``event_updates`` take the real-world event ids the batch gave them."""
        ...

    def known_entities(self, keys: Iterable[str]) -> list[Entity]: ...
    def entity_evidence(self, entity_id: str) -> list[str]: ...
    def roles(self, entity_id: str | None = None, head_words: Iterable[str] = ()) -> list[Role]: ...
    def framing_terms(self, article_ids: Iterable[str] | None = None) -> list[FramingTerm]: ...
    def events(self, date_from: str | None = None, date_to: str | None = None,
               types: Iterable[str] = (), dates: Iterable[str] = ()) -> list[Event]: ...
    def claims(self) -> list[Claim]: ...
    def quotes(self, speaker_entity: str | None = None) -> list[Quote]: ...
    def cluster_state(self, component: str) -> dict[str, list[tuple]]: ...
    def save_cluster_state(self, component: str, tables: dict[str, list[tuple]]) -> None: ...
    def article_ids(self) -> list[str]: ...

    def find_by_hash(self, content_hash: str) -> str | None: ...
    def article(self, article_id: str) -> Article: ...  # NotFoundError when absent
    def articles(self, limit: int | None = None, offset: int = 0) -> list[Article]: ...
    def count_articles(self) -> int: ...
    def sentences(self, article_id: str) -> list[Sentence]: ...
    def timexes(self, article_id: str) -> list[Timex]: ...
    def mentions(
        self, article_id: str | None = None, entity_id: str | None = None
    ) -> list[Mention]: ...
    def entities(self, type: str | None = None) -> list[EntitySummary]: ...
    def entity(self, entity_id: str) -> EntitySummary: ...  # follows merges; NotFoundError when absent
    def search(self, query: str, limit: int = 20) -> list[SearchHit]: ...
    def integrity_check(self) -> list[str]: ...  # problems found; empty when sound
    def close(self) -> None: ...

    # ``with open_store(path) as store:`` closes the store on leaving the block.
    def __enter__(self) -> "Store": ...
    def __exit__(self, *exc_info: object) -> None: ...
