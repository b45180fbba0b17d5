"""One level of incremental clustering: clusters with bounded centroids and an inverted index.

A cluster's centroid is the sum of its members' unit vectors, cut to its ``centroid_terms``
strongest terms after every update, so a centroid never grows with its cluster. The inverted
index maps a term to the clusters whose centroid holds it, most recently updated last, and
keeps at most ``postings_per_term`` of them. A new article looks up only its strongest
``query_terms`` terms and adds up what each posted cluster's centroid gives on them (one
product per posting: at most ``query_terms * postings_per_term``); only the ``candidates``
clusters with the highest such partial cosine (among those a filter accepts) are scored in
full, at most ``centroid_terms`` terms each. So the work per article is bounded by these
limits, however large the corpus is. A cluster that no term of a
new article leads to has stopped being updated long ago; it can still be found through a term
it shares with the article, just not through a common one.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class IndexLimits:
    centroid_terms: int = 60
    query_terms: int = 20
    postings_per_term: int = 16  # small enough to fill early: lookups cost the same at 10k and 100k
    candidates: int = 32  # clusters scored in full per lookup


@dataclass
class Cluster:
    """The state of one cluster; ``first``/``last`` span its members' publication dates."""

    id: str
    founder: str  # the article that founded it (the id is derived from it)
    title: str = ""
    members: list[str] = field(default_factory=list)
    centroid: dict[str, float] = field(default_factory=dict)
    first: str | None = None
    last: str | None = None
    parent: str | None = None  # an event cluster's storyline
    updated: int = 0  # sequence number of the last update: orders the postings
    created: int = 0  # sequence number of its founding: the older of two merged clusters stays
    cached_norm: float | None = field(default=None, compare=False, repr=False)

    def norm(self) -> float:
        """The centroid's length, computed once per centroid change (``absorb`` resets it)."""
        if self.cached_norm is None:
            # fsum is exact whatever the order, so a centroid restored from rows scores the same
            self.cached_norm = math.sqrt(math.fsum(value * value for value in self.centroid.values())) or 1.0
        return self.cached_norm


class ClusterIndex:
    """Clusters of one level plus the inverted index that finds candidates for an article."""

    def __init__(self, limits: IndexLimits = IndexLimits()) -> None:
        self.limits = limits
        self.clusters: dict[str, Cluster] = {}
        self.postings: dict[str, list[str]] = {}

    def candidates(self, vector: dict[str, float],
                   accept: Callable[[Cluster], bool] = lambda cluster: True) -> list[str]:
        """The accepted clusters reachable from the vector's strongest terms that these terms
        make most alike (partial cosine, ties by id), at most ``limits.candidates``, by id."""
        strongest = sorted(vector.items(), key=lambda pair: (-pair[1], pair[0]))
        partial: dict[str, float] = {}
        for term, weight in strongest[: self.limits.query_terms]:
            for cluster_id in self.postings.get(term, ()):
                gained = weight * self.clusters[cluster_id].centroid.get(term, 0.0)
                partial[cluster_id] = partial.get(cluster_id, 0.0) + gained
        accepted = [c for c in partial if accept(self.clusters[c])]
        accepted.sort(key=lambda c: (-partial[c] / self.clusters[c].norm(), c))
        return sorted(accepted[: self.limits.candidates])

    def similarity(self, vector: dict[str, float], cluster_id: str) -> float:
        """Cosine between a unit article vector and a cluster's centroid."""
        cluster = self.clusters[cluster_id]
        centroid = cluster.centroid
        # plain sum: the vector's order is fixed (sorted in weigh()), so the result is too
        return sum(weight * centroid.get(term, 0.0) for term, weight in vector.items()) / cluster.norm()

    def scaled_similarity(self, vector: dict[str, float], cluster_id: str,
                          scale: Callable[[str], float]) -> float:
        """Cosine between an article vector and a centroid, both with each term scaled."""
        centroid = self.clusters[cluster_id].centroid
        scaled = {term: weight * scale(term) for term, weight in centroid.items()}
        dot = math.fsum(weight * scale(term) * scaled.get(term, 0.0) for term, weight in vector.items())
        norms = _norm({term: weight * scale(term) for term, weight in vector.items()}) * _norm(scaled)
        return dot / norms if norms else 0.0

    def pair_similarity(self, left_id: str, right_id: str) -> float:
        """Cosine between two clusters' centroids."""
        left, right = self.clusters[left_id], self.clusters[right_id]
        centroid = right.centroid
        dot = sum(weight * centroid.get(term, 0.0) for term, weight in left.centroid.items())
        return dot / (left.norm() * right.norm())

    def merge(self, survivor_id: str, absorbed_id: str, sequence: int) -> Cluster:
        """Fold one cluster into another: members, date span and centroid; drops the absorbed."""
        survivor, absorbed = self.clusters[survivor_id], self.clusters.pop(absorbed_id)
        for term in absorbed.centroid:
            self._unpost(term, absorbed_id)
        survivor.members.extend(absorbed.members)
        survivor.first = min(filter(None, (survivor.first, absorbed.first)), default=None)
        survivor.last = max(filter(None, (survivor.last, absorbed.last)), default=None)
        self.absorb(survivor_id, absorbed.centroid, sequence)
        return absorbed

    def rebuild(self, cluster_id: str, vectors: list[dict[str, float]], sequence: int) -> None:
        """Recompute a cluster's centroid from its members' vectors (after it was split)."""
        cluster = self.clusters[cluster_id]
        for term in cluster.centroid:
            self._unpost(term, cluster_id)
        cluster.centroid, cluster.cached_norm = {}, None
        for vector in vectors:
            self.absorb(cluster_id, vector, sequence)

    def absorb(self, cluster_id: str, vector: dict[str, float], sequence: int) -> None:
        """Add an article's vector to a cluster's centroid and refresh its postings."""
        cluster = self.clusters[cluster_id]
        merged = dict(cluster.centroid)
        for term, weight in vector.items():
            merged[term] = merged.get(term, 0.0) + weight
        ranked = sorted(merged.items(), key=lambda pair: (-pair[1], pair[0]))
        kept = dict(ranked[: self.limits.centroid_terms])
        for term in cluster.centroid.keys() - kept.keys():
            self._unpost(term, cluster_id)
        cluster.centroid = kept
        cluster.cached_norm = None
        cluster.updated = sequence
        for term in sorted(kept):
            self._post(term, cluster_id)

    def _post(self, term: str, cluster_id: str) -> None:
        posting = self.postings.setdefault(term, [])
        if cluster_id in posting:
            posting.remove(cluster_id)
        posting.append(cluster_id)
        if len(posting) > self.limits.postings_per_term:
            del posting[0]  # the cluster updated longest ago leaves this term's list

    def _unpost(self, term: str, cluster_id: str) -> None:
        posting = self.postings.get(term)
        if posting and cluster_id in posting:
            posting.remove(cluster_id)
            if not posting:
                del self.postings[term]


def _norm(vector: dict[str, float]) -> float:
    return math.sqrt(math.fsum(value * value for value in vector.values()))
