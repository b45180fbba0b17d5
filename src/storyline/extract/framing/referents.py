"""Referents across a collection: which of the outlets' different words name the same thing.

A pure function over the ``FramingTerm`` rows of many articles (one story, or any set the
caller picks). Nothing here knows a conflict, a person or a place; every link is evidence in
the data:

  1. names: a short name inside exactly one longer name of the collection ("Kim" ->
     "Kim Jong Un"), an acronym of one name ("CIA" -> "Central Intelligence Agency");
  2. anchors: words an article attached to a name (a label, an apposition, a copula) stand for
     that name elsewhere too, unless the collection attaches them to several names ("the
     president" of two countries stays apart);
  3. heads: a phrase whose modifiers are a subset of the most frequent phrase with the same
     head ("the summit" -> "the Singapore summit");
  4. contexts: phrases that stand in the same places ("release of X", "X held by Vostra",
     "X in Lumeria") across articles, by tf-idf cosine over those contexts, for words a single
     article never links ("hostages" / "captives" / "detainees"). The small English model has
     no word vectors, so context overlap is the similarity.

Two different names are never merged by steps 2-4: only step 1 joins names.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace

from storyline.models import FramingTerm
from storyline.resolve.names import contained, initials, parse_name

ALL_STEPS = ("names", "anchors", "heads", "contexts")
# A context shared by more groups than this says nothing about identity ("say>subj").
MAX_CONTEXT_GROUPS = 40


class _Forest:
    """Union-find over node keys; the root of a group is its smallest key (deterministic)."""

    def __init__(self, keys: Iterable[str]) -> None:
        self.parent = {key: key for key in keys}

    def find(self, key: str) -> str:
        root = key
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[key] != root:
            self.parent[key], key = root, self.parent[key]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def groups(self) -> dict[str, list[str]]:
        found: dict[str, list[str]] = defaultdict(list)
        for key in self.parent:
            found[self.find(key)].append(key)
        return found


def node_of(row: FramingTerm) -> str:
    """The node a row starts in: its name, the name it labels, or its own words."""
    if row.kind == "name":
        return "n:" + row.term
    if row.kind == "label" and row.anchor:
        return "n:" + row.anchor
    return "t:" + row.term


def group_referents(
    rows: Sequence[FramingTerm],
    similarity: float = 0.3,
    min_shared: int = 2,
    steps: Sequence[str] = ALL_STEPS,
) -> list[FramingTerm]:
    """Copies of ``rows`` whose ``referent`` names the group each belongs to across the collection.

    ``similarity`` is the least tf-idf cosine of two groups' contexts for step 4, and
    ``min_shared`` the least number of distinct contexts they must share.
    """
    nodes = [node_of(row) for row in rows]
    forest = _Forest(nodes + ["t:" + r.term for r in rows if r.kind == "label"])
    if "names" in steps:
        _link_name_variants(rows, forest)
    if "anchors" in steps:
        _link_anchored_words(rows, forest)
    if "heads" in steps:
        _link_same_heads(rows, forest)
    if "contexts" in steps:
        _link_shared_contexts(rows, nodes, forest, similarity, min_shared)
    labels = _referent_labels(rows, nodes, forest)
    return [replace(row, referent=labels[forest.find(node)]) for row, node in zip(rows, nodes)]


# --- 1. names ---------------------------------------------------------------------------------


def _link_name_variants(rows: Sequence[FramingTerm], forest: _Forest) -> None:
    types = _majority_types(rows)
    parsed = {key: parse_name(key, label) for key, label in types.items()}
    compact = {key: re.sub(r"[^a-z0-9]", "", key) for key in types}
    frequency = Counter(row.term for row in rows if row.kind == "name")
    for short, name in parsed.items():
        longer = [key for key, other in parsed.items() if _is_short_form(name, other, compact[short], key)]
        target = _dominant(longer, frequency, forest)
        if target is not None:
            forest.union("n:" + short, "n:" + target)


def _dominant(longer: list[str], frequency: Counter, forest: _Forest) -> str | None:
    """The one group the longer names belong to, or the group with 2/3 of their mentions."""
    weight: Counter = Counter()
    for key in longer:
        weight[forest.find("n:" + key)] += frequency[key]
    if not weight:
        return None
    root, times = weight.most_common(1)[0]
    if len(weight) > 1 and times * 3 < 2 * sum(weight.values()):
        return None
    return max((key for key in longer if forest.find("n:" + key) == root), key=lambda k: (frequency[k], k))


def _is_short_form(short, long, short_compact: str, long_key: str) -> bool:
    if long.surface == short.surface:
        return False
    if short.label == "PERSON" == long.label:
        return contained(short, long)
    if len(short.tokens) == 1 and short.label == long.label and contained(short, long):
        return True  # "the North" in a collection whose only longer name with it is "North Korea"
    acronym = initials(long_key.title())
    return bool(acronym) and len(short_compact) >= 2 and acronym == short_compact


def _majority_types(rows: Sequence[FramingTerm]) -> dict[str, str]:
    counts: dict[str, Counter] = defaultdict(Counter)
    for row in rows:
        if row.kind == "name":
            counts[row.term][row.entity_type or ""] += 1
    return {key: count.most_common(1)[0][0] for key, count in sorted(counts.items())}


# --- 2. anchors -------------------------------------------------------------------------------


def _link_anchored_words(rows: Sequence[FramingTerm], forest: _Forest) -> None:
    """Words attached to one name (2/3 of their attachments or more) stand for it elsewhere."""
    anchors: dict[str, Counter] = defaultdict(Counter)
    for row in rows:
        if row.kind == "label" and row.anchor:
            anchors["t:" + row.term][forest.find("n:" + row.anchor)] += 1
    for words, count in sorted(anchors.items()):
        root, times = count.most_common(1)[0]
        if times * 3 >= 2 * sum(count.values()) and not _has_name(forest, words, root):
            forest.union(words, root)


def _has_name(forest: _Forest, node: str, other: str) -> bool:
    """True when ``node``'s group already holds a name other than ``other``'s group."""
    return forest.find(node).startswith("n:") and forest.find(node) != forest.find(other)


# --- 3. heads ---------------------------------------------------------------------------------


def _link_same_heads(rows: Sequence[FramingTerm], forest: _Forest) -> None:
    by_head: dict[str, Counter] = defaultdict(Counter)
    for row in rows:
        if row.kind == "term" and row.head:
            by_head[row.head][row.term] += 1
    for head, terms in sorted(by_head.items()):
        dominant = max(sorted(terms), key=lambda term: terms[term])
        dominant_mods = set(dominant.split()) - {head}
        for term in sorted(terms):
            mods = set(term.split()) - {head}
            if term != dominant and (mods <= dominant_mods or dominant_mods <= mods):
                _union_unless_two_names(forest, "t:" + term, "t:" + dominant)


def _union_unless_two_names(forest: _Forest, a: str, b: str) -> bool:
    ra, rb = forest.find(a), forest.find(b)
    if ra == rb or (ra.startswith("n:") and rb.startswith("n:")):
        return False
    forest.union(a, b)
    return True


# --- 4. contexts ------------------------------------------------------------------------------


def _link_shared_contexts(
    rows: Sequence[FramingTerm], nodes: list[str], forest: _Forest, similarity: float, min_shared: int
) -> None:
    vectors = _context_vectors(rows, nodes, forest)
    pairs = _similar_pairs(vectors, similarity, min_shared)
    for _score, a, b in pairs:
        _union_unless_two_names(forest, a, b)


def _context_vectors(rows: Sequence[FramingTerm], nodes: list[str], forest: _Forest) -> dict[str, dict[str, float]]:
    counts: dict[str, Counter] = defaultdict(Counter)
    for row, node in zip(rows, nodes):
        counts[forest.find(node)].update(row.context)
    spread = Counter(context for count in counts.values() for context in count)
    total = len(counts)
    vectors = {}
    for group, count in counts.items():
        weights = {c: n * math.log(1 + total / spread[c]) for c, n in count.items() if spread[c] <= MAX_CONTEXT_GROUPS}
        norm = math.sqrt(sum(w * w for w in weights.values()))
        if norm:
            vectors[group] = {c: w / norm for c, w in weights.items()}
    return vectors


def _similar_pairs(vectors: dict[str, dict[str, float]], similarity: float, min_shared: int) -> list[tuple[float, str, str]]:
    """Pairs of groups over the thresholds, best first; only groups sharing a context are compared."""
    index: dict[str, list[str]] = defaultdict(list)
    for group in sorted(vectors):
        for context in vectors[group]:
            index[context].append(group)
    shared: Counter = Counter()
    for members in index.values():
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                shared[(a, b)] += 1
    pairs = []
    for (a, b), n in shared.items():
        if n >= min_shared and not (a.startswith("n:") and b.startswith("n:")):
            score = sum(w * vectors[b].get(c, 0.0) for c, w in vectors[a].items())
            if score >= similarity:
                pairs.append((score, a, b))
    return sorted(pairs, key=lambda p: (-p[0], p[1], p[2]))


# --- naming the groups ------------------------------------------------------------------------


def _referent_labels(rows: Sequence[FramingTerm], nodes: list[str], forest: _Forest) -> dict[str, str]:
    """A group is called by its most frequent name, or else by its most frequent words."""
    names: dict[str, Counter] = defaultdict(Counter)
    words: dict[str, Counter] = defaultdict(Counter)
    for row, node in zip(rows, nodes):
        root = forest.find(node)
        (names if row.kind == "name" else words)[root][row.term] += 1
    labels = {}
    for root in forest.groups():
        count = names.get(root) or words.get(root) or Counter({root[2:]: 1})
        labels[root] = max(sorted(count), key=lambda term: count[term])
    return labels
