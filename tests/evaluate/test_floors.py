"""Quality has a floor: each pinned score must hold on its dev split (eval_baseline.json)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import DATA, REPO, require

BASELINE = json.loads((REPO / "eval_baseline.json").read_text(encoding="utf-8"))


def test_conll2003_ner_floor(nlp) -> None:
    from storyline.evaluate.conll2003 import evaluate

    pinned = BASELINE["conll2003"]
    result = evaluate(nlp, require(DATA / "conll2003_en"), pinned["split"])
    assert result[pinned["metric"]] >= pinned["floor"], result


@pytest.mark.parametrize(
    "tags, spans",
    [
        (["I-PER", "I-PER", "O"], [(0, 3, "PER")]),
        (["I-PER", "B-PER", "O"], [(0, 1, "PER"), (2, 3, "PER")]),
        (["I-LOC", "I-ORG", "I-ORG"], [(0, 1, "LOC"), (2, 5, "ORG")]),
        (["O", "O", "O"], []),
        (["O", "I-MISC", "I-MISC"], [(2, 5, "MISC")]),
    ],
)
def test_iob1_to_spans(tags: list[str], spans: list[tuple]) -> None:
    from storyline.evaluate.conll2003 import iob1_spans

    assert iob1_spans(["a", "b", "c"], tags) == spans
