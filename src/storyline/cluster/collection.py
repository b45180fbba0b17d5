"""The two clustering components together, as the pipeline drives them.

    clusters = Clusters.from_state(copy_rows, story_rows)    # {} rows: a fresh start
    clusters.add(extraction)        # copies first: a copy joins its canonical's stories
    clusters.has(article_id)        # already clustered? (catching up after an interrupted run)
    clusters.to_state() -> {"copies.minhash.v1": rows, "stories.incremental.v3": rows}

No store access here: the pipeline loads and saves the rows. The state is stored under the
component's name, so a store last clustered by ``stories.incremental.v2`` has no v3 state yet:
the pipeline's catch-up (``load_clusters``) then re-adds its stored articles once.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from storyline.cluster.copies import CopyDetector
from storyline.cluster.stories_v3 import RegroupingStoryClusterer
from storyline.models import Extraction

COPIES = "copies.minhash.v1"
STORIES = "stories.incremental.v3"


@dataclass
class Clusters:
    copies: CopyDetector = field(default_factory=CopyDetector)
    stories: RegroupingStoryClusterer = field(default_factory=RegroupingStoryClusterer)

    @classmethod
    def from_state(cls, copy_rows: dict[str, list[tuple]], story_rows: dict[str, list[tuple]]) -> Clusters:
        clusters = cls()
        if copy_rows:
            clusters.copies = CopyDetector.from_rows(copy_rows)
        if story_rows:
            clusters.stories = RegroupingStoryClusterer.from_rows(story_rows)
        return clusters

    def has(self, article_id: str) -> bool:
        return article_id in self.stories.assignments

    def add(self, extraction: Extraction) -> None:
        article = extraction.article
        if self.has(article.id):
            return
        self.copies.add(article)
        canonical = self.copies.canonical_of(article.id)
        self.stories.add(extraction, copy_of=canonical if canonical != article.id else None)

    def to_state(self) -> dict[str, dict[str, list[tuple]]]:
        return {COPIES: self.copies.to_rows(), STORIES: self.stories.to_rows()}
