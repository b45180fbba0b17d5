"""``stories.incremental.v3``: event clusters by bounded local re-clustering.

Storylines are placed as v1/v2 place them (``cluster/stories.py``). Event clusters are not:
every new article re-clusters its neighbourhood (``cluster/regroup.py``), and the groups found
take ids so that as little as possible changes:

* the groups, largest first (ties: the earliest member first), each take the old event id
  most of their members had that no larger group took (ties: the id of the earliest such
  member), else a new id ``event-<its earliest member>``;
* articles outside the neighbourhood never move; an article inside it may move to another
  event cluster (an early mistake repaired), and its copies move with it;
* an old event cluster left with no member is gone; its id leads (``story()``) to the event
  its first member went to.

An event's founder is its earliest member, its parent storyline that founder's storyline, its
dates and title those of its members. Every choice breaks ties by arrival order, so the same
articles in the same order give the same clusters and ids, and restored rows continue exactly
like one run (``cluster/rows.py``: ``story_regroup_*`` tables).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from storyline.cluster.features import DocumentFrequencies
from storyline.cluster.index import Cluster
from storyline.cluster.regroup import (
    ArticleIndex, RegroupSettings, complete_linkage, regroup_counts, strongest, vector_of,
)
from storyline.cluster.stories import V2_SETTINGS, Assignment, StoryClusterer, StorySettings
from storyline.models import Article
from storyline.registry import register


@register("stories.incremental.v3")
class RegroupingStoryClusterer(StoryClusterer):
    """v2's storylines; event clusters re-clustered locally around every new article."""

    defaults = V2_SETTINGS
    regroup = RegroupSettings()

    def __init__(self, settings: StorySettings | None = None, regroup: RegroupSettings | None = None) -> None:
        super().__init__(settings)
        if regroup is not None:
            self.regroup = regroup
        self.word_frequencies = DocumentFrequencies()  # of the regroup words (not the v2 terms)
        self.articles = ArticleIndex()

    def _add_copy(self, article: Article, canonical: str) -> Assignment:
        self.articles.note(article.id, _day(article), article.title)
        return super()._add_copy(article, canonical)

    def _add_event(self, article: Article, vector: dict[str, float], storyline: Cluster) -> None:
        """Re-cluster the article's neighbourhood (its v2 ``vector`` is for storylines only)."""
        self._regroup(article, storyline.id)
        self._merge_similar("storyline", storyline.id)

    # -- the event level ----------------------------------------------------------------------
    def _regroup(self, article: Article, storyline_id: str) -> None:
        settings = self.regroup
        counts = regroup_counts(article, settings.capital)
        self.word_frequencies.add(set(counts))
        cache: dict[str, dict[str, float]] = {}

        def vector(article_id: str) -> dict[str, float]:
            if article_id not in cache:
                cache[article_id] = vector_of(self.articles.counts[article_id], self.word_frequencies, settings.weights)
            return cache[article_id]

        new_vector = vector_of(counts, self.word_frequencies, settings.weights)
        neighbours = self.articles.neighbours(new_vector, vector, settings)
        self.articles.add(article.id, _day(article), article.title,
                          strongest(counts, new_vector, settings.max_terms), settings)
        hood = self._neighbourhood([a for _, a in neighbours])
        labels = complete_linkage([vector(a) for a in hood] + [new_vector], settings.distance,
                                  [self.articles.days[a] for a in hood] + [_day(article)],
                                  settings.event_days)
        founded = Cluster(id=f"event-{article.id}", founder=article.id, parent=storyline_id, created=self.sequence)
        self.assignments[article.id] = Assignment(article.id, founded.id, storyline_id, True, False, 1.0)
        groups = _groups(hood + [article.id], labels)
        self._apply(groups, founded)
        mine = next(g for g in groups if article.id in g)
        score = max((s for s, a in neighbours if a in mine), default=1.0)
        self.assignments[article.id] = replace(
            self.assignments[article.id], score=score,
            founded_storyline=self.levels["storyline"].clusters[storyline_id].founder == article.id,
        )

    def _neighbourhood(self, neighbours: list[str]) -> list[str]:
        """Every non-copy member of the neighbours' events, the ``members`` most recent."""
        events = {self.assignments[a].event for a in neighbours}
        clusters = self.levels["event"].clusters
        members = {m for event in events for m in clusters[event].members if m in self.articles.counts}
        ordered = sorted(members, key=self.articles.arrival.__getitem__)
        return ordered[-self.regroup.members:] if self.regroup.members else []

    def _apply(self, groups: list[list[str]], founded: Cluster) -> None:
        """Give every group an event id (see the module docstring) and move its members there."""
        clusters = self.levels["event"].clusters
        clusters[founded.id] = founded  # the new article's own, until a group takes it elsewhere
        founded.members.append(founded.founder)
        self._provisional = founded.id
        destination: dict[str, str] = {}
        taken: set[str] = set()
        for group in groups:
            event_id = self._id_for(group, taken, founded.id)
            taken.add(event_id)
            destination.update(dict.fromkeys(group, event_id))
        touched = {self.assignments[a].event for a in destination} | set(destination.values())
        self._move(destination, touched)

    def _id_for(self, group: list[str], taken: set[str], founded_id: str) -> str:
        olds = Counter(self.assignments[a].event for a in group
                       if self.assignments[a].event not in taken and self.assignments[a].event != founded_id)
        if olds:
            first = {}
            for a in group:
                first.setdefault(self.assignments[a].event, self.articles.arrival[a])
            return min(olds, key=lambda event: (-olds[event], first[event]))
        if founded_id not in taken and group[0] == founded_id.removeprefix("event-"):
            return founded_id
        return self._fresh_id(group[0], taken)

    def _fresh_id(self, founder: str, taken: set[str]) -> str:
        event_id, n = f"event-{founder}", 1
        while event_id in self.levels["event"].clusters or event_id in taken:
            n += 1
            event_id = f"event-{founder}-{n}"
        return event_id

    def _move(self, destination: dict[str, str], touched: set[str]) -> None:
        """Re-fill every touched event; a copy goes where its canonical goes."""
        clusters = self.levels["event"].clusters
        members: dict[str, list[str]] = {event_id: [] for event_id in touched}
        for event_id in sorted(touched):
            for member in clusters[event_id].members if event_id in clusters else ():
                target = destination.get(self.copies.get(member, member), event_id)
                members[target].append(member)
        for event_id in sorted(touched):
            self._refill(event_id, members[event_id], destination)

    def _refill(self, event_id: str, members: list[str], destination: dict[str, str]) -> None:
        clusters = self.levels["event"].clusters
        old = clusters.get(event_id)
        if not members:
            if old is not None:
                del clusters[event_id]
                if event_id != self._provisional:  # a real event taken apart: its id leads on
                    self.merged[event_id] = destination[self.copies.get(old.members[0], old.members[0])]
            return
        members.sort(key=self.articles.arrival.__getitem__)
        if old is None:
            old = clusters[event_id] = Cluster(id=event_id, founder=members[0], created=self.sequence)
            self.merged.pop(event_id, None)
        old.members, old.founder = members, members[0]
        old.parent = self.assignments[members[0]].storyline
        days = [d for d in (self.articles.days[m] for m in members) if d]
        old.first, old.last = min(days, default=None), max(days, default=None)
        old.title = next((t for t in (self.articles.titles[m] for m in members) if t), "")
        old.updated = self.sequence
        for member in members:
            assignment = self.assignments[member]
            self.assignments[member] = Assignment(
                member, event_id, assignment.storyline, member == members[0] and member not in self.copies,
                assignment.founded_storyline, assignment.score,
            )

    # -- persistence ----------------------------------------------------------------------------
    def to_rows(self) -> dict[str, list[tuple]]:
        from storyline.cluster.rows import regroup_to_rows

        return super().to_rows() | regroup_to_rows(self)

    @classmethod
    def from_rows(cls, rows: dict[str, list[tuple]], settings: StorySettings | None = None,
                  regroup: RegroupSettings | None = None) -> RegroupingStoryClusterer:
        from storyline.cluster.rows import regroup_from_rows, state_from_rows

        clusterer = cls(settings, regroup)
        state_from_rows(clusterer, rows)
        regroup_from_rows(clusterer, rows)
        return clusterer


def _groups(items: list[str], labels: list[int]) -> list[list[str]]:
    """Members per label (arrival order), largest group first, ties by earliest member."""
    by_label: dict[int, list[str]] = {}
    for item, label in zip(items, labels):
        by_label.setdefault(label, []).append(item)
    position = {item: n for n, item in enumerate(items)}
    return sorted(by_label.values(), key=lambda group: (-len(group), position[group[0]]))


def _day(article: Article) -> str | None:
    return article.published[:10] if article.published else None
