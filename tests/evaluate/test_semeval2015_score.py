"""SemEval-2015 Task 4 scoring: timelines to relations, the reduced graph, temporal awareness."""

from __future__ import annotations

import pytest

from storyline.evaluate.semeval2015_score import (
    Graph, awareness_counts, temporal_awareness, timeline_relations,
)

SIM, BEFORE = "SIMULTANEOUS", "BEFORE"


@pytest.mark.parametrize(
    "lines, expected",
    [
        # ordinal 0 takes no part
        ([(0, "XXXX-XX-XX", ["d-1-a"])], []),
        # each event to its day, then a chain through the events in order
        ([(1, "2031-05-XX", ["d-1-a", "d-2-b"]), (2, "2031-06-01", ["d-3-c"])],
         [(SIM, "T:2031-05-XX", "d-1-a#1"), (SIM, "T:2031-05-XX", "d-2-b#1"),
          (SIM, "T:2031-06-01", "d-3-c#1"), (SIM, "d-1-a#1", "d-2-b#1"),
          (BEFORE, "d-2-b#1", "d-3-c#1")]),
        # lines sort by ordinal, then by their text with numbers as numbers ("d-9" before "d-10")
        ([(2, "2031-01-02", ["d-1-c"]), (1, "2031-01-01", ["d-10-b"]), (1, "2031-01-01", ["d-9-a"])],
         [(SIM, "T:2031-01-01", "d-9-a#1"), (SIM, "T:2031-01-01", "d-10-b#1"),
          (SIM, "T:2031-01-02", "d-1-c#1"), (SIM, "d-10-b#1", "d-9-a#1"),
          (BEFORE, "d-10-b#1", "d-1-c#1")]),
        # a mention listed twice is two events (its first and second occurrence)
        ([(1, "2031-01-01", ["d-1-a"]), (2, "2031-01-02", ["d-1-a"])],
         [(SIM, "T:2031-01-01", "d-1-a#1"), (SIM, "T:2031-01-02", "d-1-a#2"),
          (BEFORE, "d-1-a#1", "d-1-a#2")]),
    ],
)
def test_timeline_relations(lines, expected) -> None:
    assert timeline_relations(lines) == expected


@pytest.mark.parametrize(
    "lines, reduced",
    [
        # a same-day group of three counts three relations (one per event), not six
        ([(1, "2031-05-06", ["a", "b", "c"])], 3),
        # two days: one relation per event, one BEFORE between the days
        ([(1, "2031-05-06", ["a", "b"]), (2, "2031-05-07", ["c", "d"])], 5),
        # one ordinal over two dates: the SIMULTANEOUS link between them is new information
        ([(1, "2031-05-06", ["a"]), (1, "2031-05-07", ["b"])], 3),
        # same date, two ordinals: BEFORE contradicts the shared date; kept, not added
        ([(1, "2031-05-06", ["a"]), (2, "2031-05-06", ["b"])], 3),
    ],
)
def test_reduced_graph_sizes(lines, reduced: int) -> None:
    assert len(Graph.of(lines).reduced) == reduced


def test_closure_reads_order_across_lines() -> None:
    graph = Graph.of([(1, "2031-01-XX", ["a"]), (2, "2031-02-XX", ["b"]), (3, "2031-03-XX", ["c"])])
    assert graph.holds((BEFORE, "a#1", "c#1"))  # by transitivity
    assert not graph.holds((BEFORE, "c#1", "a#1"))
    assert not graph.holds((SIM, "a#1", "b#1"))


def test_a_contradicting_relation_holds_in_its_own_graph() -> None:
    graph = Graph.of([(1, "2031-05-06", ["a"]), (2, "2031-05-06", ["b"])])
    assert graph.holds((BEFORE, "a#1", "b#1"))  # stated, though the shared date says otherwise


GOLD = [(0, "XXXX-XX-XX", ["z"]), (1, "2031-01-XX", ["a"]), (2, "2031-02-XX", ["b"]),
        (3, "2031-03-XX", ["c"])]


@pytest.mark.parametrize(
    "system, counts",
    [
        (GOLD, (5, 5, 5, 5)),
        ([], (0, 0, 0, 5)),
        # the gold's ordinal-0 event, or any other, placed at ordinal 0 costs nothing
        (GOLD[1:] + [(0, "XXXX-XX-XX", ["y"])], (5, 5, 5, 5)),
        # skipping b: a<c is implied by gold, both days right; gold's a<b and b<c are missed
        ([(1, "2031-01-XX", ["a"]), (2, "2031-03-XX", ["c"])], (3, 3, 2, 5)),
        # a wrong day, the order still right
        ([(1, "2031-01-XX", ["a"]), (2, "2031-02-XX", ["b"]), (3, "2031-04-XX", ["c"])],
         (4, 5, 4, 5)),
        # an event gold leaves at ordinal 0, anchored by the system: a relation gold lacks
        (GOLD[1:] + [(4, "2031-04-XX", ["z"])], (5, 7, 5, 5)),
    ],
)
def test_awareness_counts(system, counts) -> None:
    assert awareness_counts(GOLD, system) == counts


def test_temporal_awareness_is_micro_over_timelines() -> None:
    scores = temporal_awareness([(GOLD, GOLD), (GOLD, [])])
    assert scores["precision"] == pytest.approx(100.0)
    assert scores["recall"] == pytest.approx(50.0)
    assert temporal_awareness([(GOLD, [])])["f1"] == 0.0
