"""Telling apart two events that an event cluster took in as one (``stories.incremental.v2``).

An article is placed the moment it arrives, often against a cluster of one or two articles.
Two similar happenings (two earthquakes in one region, two arrests of players of one team)
can then look alike enough for the second one's first article to join the first one's cluster,
and the later articles of the second happening follow it there. Merging cannot repair that;
only taking the cluster apart again can, once enough of both sides has arrived.

So a young event cluster keeps its members' term vectors (at most ``SplitSettings.members`` of
them: an older cluster has settled and keeps none), and each time it takes in an article it is
divided in two by a small deterministic 2-means: seeded with its founder and the member least
like the founder, at most ``rounds`` rounds, ties by member order. When the two halves' centroids
are less alike than ``threshold`` (compared with the storyline's common terms discounted, as
the event level always compares) and each half holds at least ``min_side`` articles, the
cluster is split. The work is bounded by ``members``, not by the corpus.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class SplitSettings:
    threshold: float = 0.15  # halves less alike than this are two events (tuned on ECB+ train/dev)
    min_side: int = 2  # a half of one article is an outlier, not an event
    members: int = 32  # vectors kept per cluster; a larger cluster no longer splits
    rounds: int = 6


def two_means(vectors: list[dict[str, float]], scale: Callable[[str], float],
              settings: SplitSettings) -> tuple[list[int], float]:
    """Each vector's half (0: the founder's, 1: the other) and the cosine of the two halves."""
    scaled = [_unit({term: weight * scale(term) for term, weight in vector.items()}) for vector in vectors]
    far = min(range(len(scaled)), key=lambda i: (_dot(scaled[0], scaled[i]), i))
    centres = [scaled[0], scaled[far]]
    halves: list[int] = []
    for _ in range(settings.rounds):
        found = [0 if _dot(v, centres[0]) >= _dot(v, centres[1]) else 1 for v in scaled]
        if found == halves:
            break
        halves = found
        centres = [_unit(_sum(v for v, h in zip(scaled, halves) if h == side)) for side in (0, 1)]
    return halves, _dot(centres[0], centres[1])


def worth_splitting(halves: list[int], similarity: float, settings: SplitSettings) -> bool:
    return similarity < settings.threshold and min(halves.count(0), halves.count(1)) >= settings.min_side


def _sum(vectors) -> dict[str, float]:
    total: dict[str, float] = {}
    for vector in vectors:
        for term, weight in vector.items():
            total[term] = total.get(term, 0.0) + weight
    return total


def _unit(vector: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(math.fsum(value * value for value in vector.values()))
    return {term: value / norm for term, value in vector.items()} if norm else {}


def _dot(left: dict[str, float], right: dict[str, float]) -> float:
    if len(right) < len(left):
        left, right = right, left
    return math.fsum(weight * right.get(term, 0.0) for term, weight in left.items())
