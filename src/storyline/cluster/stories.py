"""Incremental story clustering at two levels: event clusters and storylines.

An **event cluster** holds the articles about one happening; a **storyline** holds the event
clusters of related happenings over time (a months-long negotiation, a trial and its verdict).
Each new article (an ``Extraction``, or an ``Article`` alone: entities then come from
capitalized words) is turned into a weighted term vector (``cluster/features.py``), then:

1. the running document-frequency table counts its terms (it never shrinks);
2. storyline level: the candidate storylines its strongest terms lead to in the inverted index
   (``cluster/index.py``) are scored by cosine; it joins the best one scoring at least
   ``storyline_threshold`` whose dates are within ``storyline_days``, or founds one;
3. event level: the same, among that storyline's event clusters (``event_threshold``,
   ``event_days``), or it founds a new event in the storyline; here both sides are compared
   with the terms common across the storyline discounted (``cluster/local.py``), so the names,
   dates and numbers that tell two similar events apart weigh more than the shared topic;
4. the clusters it joined are compared with their index neighbours (same parent): two whose
   centroids reach ``merge_threshold`` (events: with the same discount) are merged, the older keeping its id; the merged-away
   id stays readable (``story()`` follows it). Work is local: one cluster's neighbours.

``stories.incremental.v2`` (``SplittingStoryClusterer``) adds one step:

5. a young event cluster (at most ``SplitSettings.members`` articles) keeps its members'
   vectors, and is split in two when a deterministic 2-means finds two halves of at least two
   articles whose centroids are less alike than ``SplitSettings.threshold`` (``cluster/split.py``):
   an early article of a second, similar event that joined the first can be taken back out.
   The founder's half keeps the id, the other half becomes ``event-<its first article>``.

v1 never re-clusters: a cluster keeps its id and its members (merges only add). v2 also moves
the articles of a split-off half, nothing else. ``stories.incremental.v3`` (the default,
``cluster/stories_v3.py``) keeps these storylines but re-clusters event clusters locally around
every new article (``cluster/regroup.py``). Ids derive from the
founding article (``event-<article id>``, ``storyline-<article id>``), and every choice breaks
ties by id, so the same articles in the same order give the same clusters and ids. A copy
(``add(..., copy_of=canonical)``) joins its canonical's clusters without touching centroids or
document frequencies, so syndication does not weigh a story twice. The cost of one article is
bounded by the index limits, not by the corpus.

State, as rows for SQLite/PostgreSQL (``to_rows()`` / ``StoryClusterer.from_rows(rows)``)::

    story_meta      (key, value)                 "documents", "sequence"
    story_df        (term, count)                running document frequencies
    story_clusters  (id, level, founder, title, first, last, parent, updated, created)
    story_members   (cluster_id, position, article_id)
    story_centroids (cluster_id, term, weight)   at most IndexLimits.centroid_terms per cluster
    story_postings  (level, term, position, cluster_id)  the inverted index, in recency order
    story_articles  (article_id, event_id, storyline_id, copy_of, score)
    story_merged    (absorbed_id, survivor_id)   a merged-away id still leads to its cluster
    story_local_sizes (storyline_id, documents)  articles counted in its local terms
    story_local     (storyline_id, term, count)  terms common within a storyline (cluster/local.py)
    story_kept      (event_id, position, article_id, day, title)  v2: members of young events
    story_vectors   (event_id, article_id, term, weight)           v2: their term vectors

Restoring these rows and adding more articles gives exactly what one uninterrupted run gives.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache
from datetime import date

from storyline.cluster.features import DocumentFrequencies, FeatureWeights, term_counts, weigh
from storyline.cluster.index import Cluster, ClusterIndex, IndexLimits
from storyline.cluster.local import LocalSettings, LocalTerms
from storyline.cluster.split import SplitSettings, two_means, worth_splitting
from storyline.dates import iso_day as _parse_day
from storyline.errors import ConfigError, NotFoundError
from storyline.models import Article, Extraction, Story
from storyline.registry import register

LEVELS = ("event", "storyline")


@dataclass(frozen=True)
class StorySettings:
    event_threshold: float = 0.15  # tuned on ECB+ dev and train (see evaluate/ecbplus.py)
    storyline_threshold: float = 0.10
    event_days: int = 7  # an event cluster takes articles published this close to its span
    storyline_days: int = 180
    merge_threshold: tuple[float, float] = (0.5, 0.2)  # (event, storyline) centroid cosine
    limits: IndexLimits = IndexLimits()
    weights: FeatureWeights = FeatureWeights()
    local: LocalSettings = LocalSettings()  # the event level discounts storyline-wide terms
    split: SplitSettings | None = None  # v2: young event clusters may be split in two (cluster/split.py)


# stories.incremental.v2: tuned on ECB+ train and dev (evaluate/ecbplus.py)
V2_SETTINGS = StorySettings(
    event_threshold=0.1, merge_threshold=(0.15, 0.2), local=LocalSettings(alpha=1.0), split=SplitSettings(),
)


@dataclass(frozen=True)
class Assignment:
    """Where one article went: its event cluster and storyline, and whether it founded them."""

    article_id: str
    event: str
    storyline: str
    founded_event: bool
    founded_storyline: bool
    score: float  # cosine to the event cluster it joined (1.0 for a founder or a copy)


@register("stories.incremental.v1")
class StoryClusterer:
    """Add articles one at a time; read event clusters and storylines as ``Story`` objects."""

    defaults = StorySettings()

    def __init__(self, settings: StorySettings | None = None) -> None:
        self.settings = settings = settings if settings is not None else self.defaults
        self.frequencies = DocumentFrequencies()
        self.levels = {level: ClusterIndex(settings.limits) for level in LEVELS}
        self.assignments: dict[str, Assignment] = {}
        self.copies: dict[str, str] = {}  # copy article id -> the canonical it follows
        self.merged: dict[str, str] = {}  # merged-away cluster id -> the cluster that took it in
        self.local: dict[str, LocalTerms] = {}  # storyline id -> its terms (cluster/local.py)
        # v2: event id -> {article id: (day, title, vector)} of a young cluster's members (not copies)
        self.kept: dict[str, dict[str, tuple[str | None, str | None, dict[str, float]]]] = {}
        self.sequence = 0

    # -- adding ---------------------------------------------------------------------------
    def add(self, item: Extraction | Article, copy_of: str | None = None) -> Assignment:
        """Cluster one article; adding an article already clustered returns its assignment."""
        article = item.article if isinstance(item, Extraction) else item
        if article.id in self.assignments:
            return self.assignments[article.id]
        self.sequence += 1
        if copy_of is not None and copy_of in self.assignments:
            return self._add_copy(article, copy_of)
        counts = term_counts(item)
        self.frequencies.add(set(counts))
        vector = weigh(counts, self.frequencies, self.settings.weights)
        storyline, _ = self._place("storyline", article, vector)
        self.local.setdefault(storyline.id, LocalTerms()).add(vector.keys(), self.settings.local)
        self._add_event(article, vector, storyline)
        return self.assignments[article.id]

    def _add_event(self, article: Article, vector: dict[str, float], storyline: Cluster) -> None:
        """The event level: assign the article an event of ``storyline``, then settle both.

        The storyline merge belongs here: v1/v2 merge storylines after placing the event but
        before splitting and merging events (``stories_v3.py`` re-clusters events instead)."""
        event, score = self._place("event", article, vector, within=storyline.id)
        self.assignments[article.id] = Assignment(
            article.id, event.id, storyline.id, event.founder == article.id,
            storyline.founder == article.id, score,
        )
        self._merge_similar("storyline", storyline.id)
        events = [event.id]
        if self.settings.split is not None:
            self._keep(event, article, vector)
            events = self._split_if_two(events[0])
        for event_id in events:
            if event_id in self.levels["event"].clusters:  # the first may have absorbed the second
                self._merge_similar("event", event_id)

    def add_many(self, items: list[Extraction | Article]) -> list[Assignment]:
        return [self.add(item) for item in items]

    def _add_copy(self, article: Article, canonical: str) -> Assignment:
        followed = self.assignments[canonical]
        for level, cluster_id in (("event", followed.event), ("storyline", followed.storyline)):
            _join(self.levels[level].clusters[cluster_id], article)
        self.copies[article.id] = canonical
        assignment = Assignment(article.id, followed.event, followed.storyline, False, False, 1.0)
        self.assignments[article.id] = assignment
        return assignment

    def _place(self, level: str, article: Article, vector: dict[str, float],
               within: str | None = None) -> tuple[Cluster, float]:
        """Join the best cluster of ``level`` (an event: of storyline ``within``) or found one."""
        index, threshold, days = self.levels[level], *self._level_settings(level)
        score_of = self._scorer(index, vector, within)
        best, score = self._best(index, vector, score_of, article.published, days, threshold, within)
        if best is None:
            best = Cluster(id=f"{level}-{article.id}", founder=article.id, parent=within,
                           created=self.sequence)
            index.clusters[best.id], score = best, 1.0
        _join(best, article)
        index.absorb(best.id, vector, self.sequence)
        return best, score

    def _scorer(self, index: ClusterIndex, vector: dict[str, float],
                within: str | None) -> Callable[[str], float]:
        """Cosine to a cluster; within a storyline, with its common terms discounted."""
        if within is None:
            return lambda cluster_id: index.similarity(vector, cluster_id)
        local, settings = self.local[within], self.settings.local
        return lambda cluster_id: index.scaled_similarity(
            vector, cluster_id, lambda term: local.scale(term, settings))

    def _level_settings(self, level: str) -> tuple[float, int]:
        if level == "event":
            return self.settings.event_threshold, self.settings.event_days
        return self.settings.storyline_threshold, self.settings.storyline_days

    def _merge_similar(self, level: str, cluster_id: str) -> str:
        """Fold clusters whose centroids have come to look alike; the older one keeps its id.

        Early clusters are founded on one article and split what later articles show to be
        one story; merging (instead of re-clustering) repairs that with local work only.
        """
        index = self.levels[level]
        while True:
            cluster = index.clusters[cluster_id]
            partner = self._merge_partner(index, cluster)
            if partner is None:
                return cluster_id
            older, younger = sorted((cluster, partner), key=lambda c: (c.created, c.id))
            absorbed = index.merge(older.id, younger.id, self.sequence)
            self._redirect(level, absorbed, older.id)
            if level == "event":
                self._merge_kept(older, absorbed)
            if level == "storyline":
                self.local[older.id].merge(self.local.pop(younger.id), self.settings.local)
            cluster_id = older.id

    def _merge_partner(self, index: ClusterIndex, cluster: Cluster) -> Cluster | None:
        threshold = self.settings.merge_threshold[0 if cluster.id.startswith("event") else 1]
        best, best_score = None, threshold
        days = self._level_settings(_level_of(cluster))[1]

        def accept(other: Cluster) -> bool:
            # alike in words but apart in time (two phone calls) stay two events
            same_parent = other.id != cluster.id and other.parent == cluster.parent
            return same_parent and _spans_close(cluster, other, days)

        for other_id in index.candidates(cluster.centroid, accept):
            other = index.clusters[other_id]
            score = self._pair_score(index, cluster, other)
            if score >= best_score and (best is None or score > best_score):
                best, best_score = other, score
        return best

    def _pair_score(self, index: ClusterIndex, cluster: Cluster, other: Cluster) -> float:
        """Centroid cosine; two events of one storyline compare with its common terms discounted."""
        if cluster.parent is None or cluster.parent not in self.local:
            return index.pair_similarity(cluster.id, other.id)
        local, settings = self.local[cluster.parent], self.settings.local
        return index.scaled_similarity(cluster.centroid, other.id, lambda term: local.scale(term, settings))

    # -- splitting (v2) ----------------------------------------------------------------------
    def _keep(self, event: Cluster, article: Article, vector: dict[str, float]) -> None:
        """Remember a member's vector while its cluster is young enough to be split."""
        if event.founder == article.id:
            self.kept[event.id] = {}
        kept = self.kept.get(event.id)
        if kept is None:
            return  # grown past the limit once: the cluster has settled
        if len(event.members) > self.settings.split.members:
            del self.kept[event.id]
            return
        day = article.published[:10] if article.published else None
        kept[article.id] = (day, article.title, vector)

    def _merge_kept(self, survivor: Cluster, absorbed: Cluster) -> None:
        kept, gone = self.kept.pop(survivor.id, None), self.kept.pop(absorbed.id, None)
        if kept is not None and gone is not None and len(survivor.members) <= self.settings.split.members:
            self.kept[survivor.id] = kept | gone

    def _split_if_two(self, event_id: str) -> list[str]:
        """The event's id, and the id of the part split off it when it holds two events."""
        settings, kept = self.settings.split, self.kept.get(event_id)
        if not kept or len(kept) < 2 * settings.min_side:
            return [event_id]
        cluster = self.levels["event"].clusters[event_id]
        order = [article_id for article_id in cluster.members if article_id in kept]
        local = self.local.get(cluster.parent or "")
        scale = (lambda term: local.scale(term, self.settings.local)) if local else (lambda term: 1.0)
        halves, similarity = two_means([kept[a][2] for a in order], scale, settings)
        if not worth_splitting(halves, similarity, settings):
            return [event_id]
        founders_half = halves[order.index(cluster.founder)] if cluster.founder in kept else halves[0]
        leaving = [a for a, half in zip(order, halves) if half != founders_half]
        return [event_id, self._split_off(cluster, leaving)]

    def _split_off(self, cluster: Cluster, leaving: list[str]) -> str:
        """Move ``leaving`` (and their copies) to a new event founded by the first of them."""
        index, kept = self.levels["event"], self.kept[cluster.id]
        moving = set(leaving) | {a for a in cluster.members if self.copies.get(a) in leaving}
        new = Cluster(id=f"event-{leaving[0]}", founder=leaving[0], parent=cluster.parent,
                      created=self.sequence)
        self.merged.pop(new.id, None)  # it may once have been merged into this very cluster
        index.clusters[new.id] = new
        new.members = [a for a in cluster.members if a in moving]
        cluster.members = [a for a in cluster.members if a not in moving]
        self.kept[new.id] = {a: kept.pop(a) for a in leaving}
        for part in (cluster, new):
            self._respan(part)
            index.rebuild(part.id, [vector for _, _, vector in self.kept[part.id].values()], self.sequence)
        for article_id in new.members:
            self.assignments[article_id] = replace(
                self.assignments[article_id], event=new.id, founded_event=article_id == new.founder)
        return new.id

    def _respan(self, cluster: Cluster) -> None:
        """Dates and title of a split cluster, from the members it kept."""
        kept = self.kept[cluster.id].values()
        days = [day for day, _, _ in kept if day]
        cluster.first, cluster.last = min(days, default=None), max(days, default=None)
        cluster.title = next((title for _, title, _ in kept if title), "")

    def _redirect(self, level: str, absorbed: Cluster, survivor: str) -> None:
        """Point the absorbed cluster's articles (and, for a storyline, events) at the survivor."""
        self.merged[absorbed.id] = survivor
        for article_id in absorbed.members:
            assignment = self.assignments[article_id]
            if level == "event":
                self.assignments[article_id] = replace(assignment, event=survivor)
                continue
            self.levels["event"].clusters[assignment.event].parent = survivor
            self.assignments[article_id] = replace(assignment, storyline=survivor)

    def _best(self, index: ClusterIndex, vector: dict[str, float], score_of: Callable[[str], float],
              published: str | None, days: int, threshold: float,
              parent: str | None) -> tuple[Cluster | None, float]:
        """The highest-scoring candidate over ``threshold`` and within ``days``; ties by id."""
        best: Cluster | None = None
        best_score = threshold
        def accept(cluster: Cluster) -> bool:
            return cluster.parent == parent and _within(published, cluster, days)

        for cluster_id in index.candidates(vector, accept):
            cluster = index.clusters[cluster_id]
            score = score_of(cluster_id)
            if score > best_score or (score == best_score and best is None):
                best, best_score = cluster, score
        return best, best_score

    # -- reading --------------------------------------------------------------------------
    def stories(self, level: str | None = None) -> list[Story]:
        """Every cluster as a Story (events first, then storylines), in founding order."""
        wanted = LEVELS if level is None else (_checked_level(level),)
        return [self._story(lvl, cluster) for lvl in wanted for cluster in self.levels[lvl].clusters.values()]

    def story(self, story_id: str) -> Story:
        """One cluster by id; the id of a cluster merged into another leads to that one."""
        while story_id in self.merged:
            story_id = self.merged[story_id]
        for level in LEVELS:
            cluster = self.levels[level].clusters.get(story_id)
            if cluster is not None:
                return self._story(level, cluster)
        raise NotFoundError(f"no story with id {story_id!r}; ids look like event-<article id>")

    def assignment(self, article_id: str) -> Assignment:
        try:
            return self.assignments[article_id]
        except KeyError:
            raise NotFoundError(f"article {article_id!r} has not been clustered") from None

    def _story(self, level: str, cluster: Cluster) -> Story:
        events: list[str] = []
        if level == "storyline":
            seen = dict.fromkeys(self.assignments[a].event for a in cluster.members)
            events = list(seen)
        return Story(
            id=cluster.id, level=level, title=cluster.title, articles=list(cluster.members),
            events=events, first=cluster.first, last=cluster.last,
            parent=cluster.parent if level == "event" else None,
        )

    # -- persistence ------------------------------------------------------------------------
    def to_rows(self) -> dict[str, list[tuple]]:
        from storyline.cluster.rows import state_to_rows

        return state_to_rows(self)

    @classmethod
    def from_rows(cls, rows: dict[str, list[tuple]], settings: StorySettings | None = None) -> StoryClusterer:
        from storyline.cluster.rows import state_from_rows

        clusterer = cls(settings)
        state_from_rows(clusterer, rows)
        return clusterer


@register("stories.incremental.v2")
class SplittingStoryClusterer(StoryClusterer):
    """v1 whose young event clusters split in two when they turn out to hold two events
    (``cluster/split.py``), with the settings tuned for that (``V2_SETTINGS``)."""

    defaults = V2_SETTINGS


@lru_cache(maxsize=8192)
def iso_day(value: str | None) -> date | None:
    """``dates.iso_day``, remembered: every candidate's span is checked on every lookup."""
    return _parse_day(value)


def _join(cluster: Cluster, article: Article) -> None:
    cluster.members.append(article.id)
    if not cluster.title and article.title:
        cluster.title = article.title
    if article.published:
        day = article.published[:10]
        cluster.first = min(cluster.first or day, day)
        cluster.last = max(cluster.last or day, day)


def _within(published: str | None, cluster: Cluster, days: int) -> bool:
    """True unless both are dated and the article falls more than ``days`` outside the span."""
    day, span = iso_day(published), _span(cluster)
    if day is None or span is None:
        return True  # undated, or a partial date ("2021-03"): nothing rules the cluster out
    return (span[0] - day).days <= days and (day - span[1]).days <= days


def _span(cluster: Cluster) -> tuple[date, date] | None:
    first, last = iso_day(cluster.first), iso_day(cluster.last)
    return None if first is None or last is None else (first, last)


def _level_of(cluster: Cluster) -> str:
    return "event" if cluster.id.startswith("event") else "storyline"


def _spans_close(a: Cluster, b: Cluster, days: int) -> bool:
    """True unless both are dated and their date spans lie more than ``days`` apart."""
    span_a, span_b = _span(a), _span(b)
    if span_a is None or span_b is None:
        return True
    return (span_b[0] - span_a[1]).days <= days and (span_a[0] - span_b[1]).days <= days


def _checked_level(level: str) -> str:
    if level not in LEVELS:
        raise ConfigError(f"story level {level!r} is not one of {', '.join(LEVELS)}")
    return level
