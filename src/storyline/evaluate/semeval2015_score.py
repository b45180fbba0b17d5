"""SemEval-2015 Task 4 scoring: temporal awareness over timelines, as the task's tool computes it.

The task's evaluation tool (``evaluation_tool_timeline_task4_v3``, see the task site's "Tools"
page) turns every timeline into a small TimeML graph and hands gold and system graphs to the
TempEval-3 temporal-awareness scorer (UzZaman & Allen 2011; UzZaman et al. 2013). This module
reimplements both steps:

1. **Timeline to relations** (``timeline_relations``). Lines with ordinal 0 are left out: they
   take no part in the score. The remaining lines are sorted (by ordinal, then by the line's
   text in "natural" order) and their mentions listed in that order. Each mention is an event;
   the k-th occurrence of a mention id in a timeline is the same event in gold and system. Each
   distinct anchor string is a TIMEX3, and each event is ``SIMULTANEOUS`` with its anchor's
   TIMEX3 (times are not related to each other). Each event is then linked to the next one in
   the list: ``BEFORE`` when its ordinal is smaller, else ``SIMULTANEOUS``.
2. **Reduced graph** (``Graph``). The relations are added in that order; one that the relations
   added before it already imply is dropped, one that contradicts them is kept but not added
   (the tool's "violated" relations). What is left is the reduced graph, so a group of n events
   on one day counts n relations (each to its day), not n(n-1)/2.
3. **Temporal awareness** (``temporal_awareness``): precision = reduced system relations that
   hold in the gold graph / reduced system relations; recall = reduced gold relations that hold
   in the system graph / reduced gold relations; counts summed over all timelines (micro).
   A relation holds in a graph when the graph states it (either direction) or implies it.

Closure is exact here: intervals joined by ``SIMULTANEOUS`` form classes, ``BEFORE`` edges join
classes, and with only these two relations a relation is implied exactly when the classes are
equal (SIMULTANEOUS) or connected by a path (BEFORE). The original tool's point-based
"timegraph" finds the same implications on these graphs but is not guaranteed complete, so
numbers can differ from the published ones in rare cases.

One deliberate difference: anchors are compared as padded ``YYYY-MM-DD`` strings (the trial
gold writes some as "2006-03" or "1968"; the test gold is padded but for two lines), so that a
date is not wrong for its spelling. Everything else is deterministic: no randomness, no order
from hashing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

Relation = tuple[str, str, str]  # (relation, a, b); SIMULTANEOUS pairs are stored sorted
SIMULTANEOUS, BEFORE = "SIMULTANEOUS", "BEFORE"
Line = tuple[int, str, list[str]]  # (ordinal, anchor, mention ids)


def _natural_key(text: str) -> list[tuple[int, int | str]]:
    """Digits compare as numbers, and a number sorts before text (as in the tool's Python 2)."""
    return [(0, int(part)) if part.isdigit() else (1, part)
            for part in re.split(r"(\d+)", text) if part != ""]


def relation(kind: str, a: str, b: str) -> Relation:
    return (kind, *sorted((a, b))) if kind == SIMULTANEOUS else (kind, a, b)


def timeline_relations(lines: list[Line]) -> list[Relation]:
    """The relations the task's tool writes for one timeline, in its order (module point 1)."""
    ordered = sorted((line for line in lines if line[0] > 0),
                     key=lambda line: (line[0], _natural_key("\t".join([line[1], *line[2]]))))
    events: list[tuple[str, int, str]] = []  # (node, ordinal, anchor)
    seen: dict[str, int] = {}
    for ordinal, anchor, mentions in ordered:
        for mention in mentions:
            seen[mention] = seen.get(mention, 0) + 1
            events.append((f"{mention}#{seen[mention]}", ordinal, anchor))
    found = [relation(SIMULTANEOUS, node, f"T:{anchor}") for node, _, anchor in events]
    for (a, ordinal_a, _), (b, ordinal_b, _) in zip(events, events[1:]):
        found.append(relation(BEFORE, a, b) if ordinal_a < ordinal_b else relation(SIMULTANEOUS, a, b))
    return found


@dataclass
class Closure:
    """SIMULTANEOUS classes (union-find) and BEFORE edges between them."""

    parent: dict[str, str] = field(default_factory=dict)
    after: dict[str, set[str]] = field(default_factory=dict)  # class -> classes right after it

    def find(self, node: str) -> str:
        while self.parent.setdefault(node, node) != node:
            self.parent[node] = self.parent[self.parent[node]]
            node = self.parent[node]
        return node

    def precedes(self, a: str, b: str) -> bool:
        """Whether a path of BEFORE edges leads from a's class to b's class."""
        start, goal = self.find(a), self.find(b)
        stack, visited = [start], {start}
        while stack:
            for nxt in self.after.get(stack.pop(), ()):
                if nxt == goal:
                    return True
                if nxt not in visited:
                    visited.add(nxt)
                    stack.append(nxt)
        return False

    def implies(self, rel: Relation) -> bool:
        kind, a, b = rel
        if kind == SIMULTANEOUS:
            return self.find(a) == self.find(b)
        return self.precedes(a, b)

    def contradicts(self, rel: Relation) -> bool:
        kind, a, b = rel
        if kind == SIMULTANEOUS:
            return self.precedes(a, b) or self.precedes(b, a)
        return self.find(a) == self.find(b) or self.precedes(b, a)

    def add(self, rel: Relation) -> None:
        kind, a, b = rel
        ra, rb = self.find(a), self.find(b)
        if kind == BEFORE:
            self.after.setdefault(ra, set()).add(rb)
            return
        self.parent[rb] = ra  # merge b's class into a's, with its edges
        self.after.setdefault(ra, set()).update(self.after.pop(rb, set()))
        for targets in self.after.values():
            if rb in targets:
                targets.discard(rb)
                targets.add(ra)


@dataclass
class Graph:
    """One timeline's stated relations, its reduced graph and its closure (module point 2)."""

    stated: set[Relation]
    reduced: list[Relation]
    closure: Closure

    @classmethod
    def of(cls, lines: list[Line]) -> "Graph":
        stated = timeline_relations(lines)
        closure, reduced, violated = Closure(), [], []
        for rel in dict.fromkeys(stated):  # each stated relation once, in order
            if closure.implies(rel):
                continue
            if closure.contradicts(rel):
                violated.append(rel)
            else:
                closure.add(rel)
                reduced.append(rel)
        return cls(set(stated), reduced + violated, closure)

    def holds(self, rel: Relation) -> bool:
        return rel in self.stated or self.closure.implies(rel)


def awareness_counts(gold: list[Line], system: list[Line]) -> tuple[int, int, int, int]:
    """(system relations held by gold, system total, gold relations held by system, gold total)."""
    gold_graph, system_graph = Graph.of(gold), Graph.of(system)
    return (sum(gold_graph.holds(r) for r in system_graph.reduced), len(system_graph.reduced),
            sum(system_graph.holds(r) for r in gold_graph.reduced), len(gold_graph.reduced))


def temporal_awareness(pairs: list[tuple[list[Line], list[Line]]]) -> dict[str, float]:
    """Micro precision, recall and F1 (in %) over (gold lines, system lines) timeline pairs."""
    totals = [0, 0, 0, 0]
    for gold, system in pairs:
        totals = [t + c for t, c in zip(totals, awareness_counts(gold, system))]
    held_p, total_p, held_r, total_r = totals
    precision = held_p / total_p if total_p else 0.0
    recall = held_r / total_r if total_r else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": 100 * precision, "recall": 100 * recall, "f1": 100 * f1}
