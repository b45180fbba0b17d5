"""NewsWCL50 concept benchmark: the scorer on hand-made groups, and the pinned dev floor."""

from __future__ import annotations

import json

import pytest

from storyline.errors import InputError
from storyline.evaluate.newswcl50 import GoldMention, evaluate, score_concepts
from storyline.models import FramingTerm
from tests.conftest import DATA, REPO, require

PINNED = json.loads((REPO / "eval_baseline.json").read_text(encoding="utf-8"))["newswcl50"]


def gold(concept: str, start: int, end: int) -> GoldMention:
    return GoldMention("0_L", concept, start, end, "x" * (end - start))


def row(referent: str, start: int, end: int) -> FramingTerm:
    return FramingTerm("0_L", "L", referent, referent, start, end)


A = [gold("A", 0, 5), gold("A", 10, 15), gold("A", 20, 25)]
B = [gold("B", 30, 35)]


@pytest.mark.parametrize(
    "rows, precision, recall",
    [
        # every mention found, groups equal to concepts
        ([row("g1", 0, 5), row("g1", 10, 15), row("g1", 20, 25), row("g2", 30, 35)], 1.0, 1.0),
        # A split 2 + 1: its best group has recall 2/3
        ([row("g1", 0, 5), row("g1", 10, 15), row("g3", 20, 25), row("g2", 30, 35)], 1.0, 3 / 4 * 2 / 3 + 1 / 4),
        # all in one group: A precision 3/4, B precision 1/4 (weights 3 and 1)
        ([row("g", 0, 5), row("g", 10, 15), row("g", 20, 25), row("g", 30, 35)], 3 / 4 * 3 / 4 + 1 / 4 * 1 / 4, 1.0),
        # B not found at all: it scores zero
        ([row("g1", 0, 5), row("g1", 10, 15), row("g1", 20, 25)], 3 / 4, 3 / 4),
    ],
)
def test_weighted_best_group_scores(rows, precision: float, recall: float) -> None:
    totals = score_concepts(A + B, rows)
    assert totals["precision"] / totals["weight"] == pytest.approx(precision)
    assert totals["recall"] / totals["weight"] == pytest.approx(recall)


@pytest.mark.parametrize(
    "text, start, row_span, found",
    [
        ("Mr. Kim", 0, (4, 7), True),  # found by the name "Kim" that ends it
        ("Kim", 4, (4, 7), True),  # exact
        ("met with the leader Kim", 0, (20, 23), False),  # ends on it, but too many words before
        ("Kim and", 4, (4, 7), False),  # Jaccard 3/7 < 0.5
    ],
)
def test_a_row_finds_a_mention_that_ends_on_it(text: str, start: int, row_span: tuple, found: bool) -> None:
    mention = GoldMention("0_L", "A", start, start + len(text), text)
    totals = score_concepts([mention], [row("kim", *row_span)])
    assert (totals["found"] == 1) is found


def test_unknown_split_is_refused(nlp) -> None:
    with pytest.raises(InputError, match="split"):
        evaluate(nlp, DATA / "newswcl50", split="train")


@pytest.mark.shared_data
def test_dev_floor(nlp) -> None:
    result = evaluate(nlp, require(DATA / "newswcl50"), split=PINNED["split"])
    assert result[PINNED["metric"]] >= PINNED["floor"], result
    assert result["f1"] > result["baseline_exact_words"]["f1"]
    assert result["events"] == 5 and result["unplaced"] < 0.15 * result["gold_mentions"]
