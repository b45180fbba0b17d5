"""Bounded local re-clustering of event clusters (``stories.incremental.v3``).

Placing an article once, against clusters of one or two articles, makes mistakes that merging
and splitting repair only in part. v3 instead re-clusters, for every new article, the small
neighbourhood it falls into:

1. its vector: words of the title and text (letters, at least two; or numbers of at least two
   digits), lower-cased, stop words out; a capitalised word or a number counts ``capital``
   times (names and numbers carry the event), weighed ``(1 + log tf) * idf`` with the running
   document frequencies and their general-English prior (``cluster/features.py``), l2-normed;
2. its ``neighbours`` most similar earlier articles, found through an inverted index of
   articles (a term's ``postings`` most recent holders; ``candidates`` of them scored in full),
   those at least ``near`` alike; every member of their event clusters, at most the
   ``members`` most recent, is the neighbourhood;
3. the neighbourhood and the new article are re-clustered by complete linkage at cosine
   distance ``distance`` (every pair inside a group is at least ``1 - distance`` alike), all
   vectors recomputed with the current document frequencies.

The cost per article is bounded by these limits, not by the corpus. Which ids the new groups
take is the clusterer's business (``cluster/stories_v3.py``).
"""

from __future__ import annotations

from datetime import date

import math
import re
from collections import Counter
from dataclasses import dataclass, field

from storyline.cluster.features import DocumentFrequencies, FeatureWeights, stop_words
from storyline.models import Article

_TOKEN = re.compile(r"[^\W\d_]{2,}|\d{2,}")


@dataclass(frozen=True)
class RegroupSettings:
    """Tuned on ECB+ train and dev (``storyline eval ecbplus --component stories.incremental.v3``)."""

    capital: float = 4.0  # weight of a capitalised word or a number (3 -> 4: train+dev 0.9225 -> 0.9279)
    neighbours: int = 20  # most similar earlier articles whose clusters are re-clustered (10: 0.9279 -> 0.9303)
    near: float = 0.05  # a neighbour less alike than this brings nothing in
    members: int = 80  # the neighbourhood's most recent articles, at most
    distance: float = 0.92  # complete-linkage cut: cosine distance
    # Reports of one happening appear within days of each other: two articles published further
    # apart than this never share an event cluster (a storyline holds them both). Articles
    # with no date are not held apart.
    event_days: int = 7
    postings: int = 48  # most recent articles kept per term in the article index
    query_terms: int = 25  # the new article's strongest terms looked up
    candidates: int = 64  # articles scored in full per lookup
    horizon: int = 50_000  # articles whose counts are kept (older ones no longer move)
    max_terms: int = 300  # terms kept per article (its strongest at arrival; 120 cost ECB+ dev 0.07)
    weights: FeatureWeights = FeatureWeights(words_per_document=300.0)  # idf: running df + prior


def regroup_counts(article: Article, capital: float) -> dict[str, float]:
    """Weighted counts of an article's words (see the module docstring), prefixed ``w:``."""
    counts: Counter[str] = Counter()
    for token in _TOKEN.findall(f"{article.title or ''}\n{article.text}"):
        lowered = token.lower()
        if lowered in stop_words():
            continue
        counts["w:" + lowered] += capital if token[0].isupper() or token.isdigit() else 1.0
    return dict(counts)


def vector_of(counts: dict[str, float], frequencies: DocumentFrequencies,
              weights: FeatureWeights) -> dict[str, float]:
    """The l2-normed ``(1 + log tf) * idf`` vector (idf below zero counts as zero), by term."""
    raw = {term: (1.0 + math.log(count)) * max(frequencies.idf(term, weights), 0.0)
           for term, count in sorted(counts.items())}
    norm = math.sqrt(math.fsum(value * value for value in raw.values())) or 1.0
    return {term: value / norm for term, value in raw.items() if value > 0}


def strongest(counts: dict[str, float], vector: dict[str, float], max_terms: int) -> dict[str, float]:
    """The counts of the article's ``max_terms`` strongest terms by its ``vector_of`` vector
    (bounded state per article)."""
    kept = sorted(vector, key=lambda term: (-vector[term], term))[:max_terms]
    return {term: counts[term] for term in sorted(kept)}


def cosine(left: dict[str, float], right: dict[str, float]) -> float:
    if len(right) < len(left):
        left, right = right, left
    return math.fsum(weight * right.get(term, 0.0) for term, weight in left.items())


@dataclass
class ArticleIndex:
    """Kept per article: arrival number, day and title; and, for the ``horizon`` most recent
    articles, its term counts and its places in the postings (a term's ``postings`` most
    recent holders). An older article is never compared again (nor moved): its counts and
    postings go, so the counts kept are bounded by ``horizon * max_terms``.
    """

    arrival: dict[str, int] = field(default_factory=dict)
    order: list[str] = field(default_factory=list)  # article ids by arrival
    days: dict[str, str | None] = field(default_factory=dict)
    titles: dict[str, str | None] = field(default_factory=dict)
    counts: dict[str, dict[str, float]] = field(default_factory=dict)
    postings: dict[str, list[str]] = field(default_factory=dict)

    def note(self, article_id: str, day: str | None, title: str | None) -> None:
        """A copy: its arrival, day and title only (it is never compared)."""
        self.arrival[article_id] = len(self.order)
        self.order.append(article_id)
        self.days[article_id], self.titles[article_id] = day, title

    def add(self, article_id: str, day: str | None, title: str | None, counts: dict[str, float],
            settings: RegroupSettings) -> None:
        self.note(article_id, day, title)
        self.counts[article_id] = counts
        for term in counts:
            posting = self.postings.setdefault(term, [])
            posting.append(article_id)
            if len(posting) > settings.postings:
                del posting[0]
        if len(self.order) > settings.horizon:
            self._forget(self.order[len(self.order) - settings.horizon - 1])

    def _forget(self, article_id: str) -> None:
        for term in self.counts.pop(article_id, ()):
            posting = self.postings.get(term, [])
            if article_id in posting:
                posting.remove(article_id)
                if not posting:
                    del self.postings[term]

    def neighbours(self, vector: dict[str, float], vectors, settings: RegroupSettings) -> list[tuple[float, str]]:
        """The ``neighbours`` most alike articles at least ``near`` alike, best first (ties: latest).

        ``vectors(article_id)`` gives an article's vector with the current frequencies."""
        query = sorted(vector, key=lambda term: (-vector[term], term))[: settings.query_terms]
        partial: dict[str, float] = {}
        for term in query:
            for article_id in self.postings.get(term, ()):
                partial[article_id] = partial.get(article_id, 0.0) + vector[term]
        ranked = sorted(partial, key=lambda a: (-partial[a], -self.arrival[a]))[: settings.candidates]
        scored = sorted(((cosine(vector, vectors(a)), a) for a in ranked),
                        key=lambda pair: (-pair[0], -self.arrival[pair[1]]))
        return [(score, a) for score, a in scored[: settings.neighbours] if score >= settings.near]


def complete_linkage(vectors: list[dict[str, float]], distance: float,
                     days: list[str | None] | None = None, event_days: int | None = None) -> list[int]:
    """A group number per vector: complete-linkage clusters cut at cosine ``distance``; two
    vectors whose ``days`` lie more than ``event_days`` apart are never in one group."""
    if len(vectors) == 1:
        return [0]
    import numpy as np
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import pdist

    columns = {term: n for n, term in enumerate(sorted({t for v in vectors for t in v}))}
    matrix = np.zeros((len(vectors), max(len(columns), 1)))
    for row, vector in enumerate(vectors):
        for term, weight in vector.items():
            matrix[row, columns[term]] = weight
    empty = np.flatnonzero(~matrix.any(axis=1))
    if len(empty):  # an empty vector has no cosine: each gets a term of its own, alike to nothing
        extra = np.zeros((len(vectors), len(empty)))
        extra[empty, np.arange(len(empty))] = 1.0
        matrix = np.hstack([matrix, extra])
    distances = pdist(matrix, "cosine")
    if days is not None and event_days is not None:
        distances = np.maximum(distances, _far_apart(days, event_days) * 2.0)
    labels = fcluster(linkage(distances, method="complete"), t=distance, criterion="distance")
    return [int(label) for label in labels]


def _far_apart(days: list[str | None], event_days: int):
    """1.0 for each pair (condensed order) whose two days are more than ``event_days`` apart."""
    import numpy as np

    ordinals = np.array([_ordinal(day) for day in days], dtype=float)  # NaN: undated, never apart
    left, right = np.triu_indices(len(days), k=1)  # the condensed order: (0, 1), (0, 2), ... (1, 2)
    return (np.abs(ordinals[left] - ordinals[right]) > event_days).astype(float)


def _ordinal(day: str | None) -> float:
    try:
        return date.fromisoformat(day[:10]).toordinal() if day else math.nan
    except ValueError:  # a partial or odd date holds nothing apart
        return math.nan
