"""MEANTIME entity benchmark: the coreference scorers on hand-made clusterings, and a floor."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.evaluate.meantime import (
    _max_assignment,
    b_cubed,
    ceaf_e,
    coref_scores,
    muc,
    to_document,
)

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "meantime_en"
PINNED = json.loads((Path(__file__).resolve().parents[2] / "eval_baseline.json").read_text())["meantime-entities"]

GOLD = [{"a", "b", "c"}, {"d", "e"}]
RESPONSE = [{"a", "b"}, {"c", "d", "e"}]


def close(pair: tuple[float, float, float], precision: float, recall: float) -> None:
    assert pair[0] == pytest.approx(precision)
    assert pair[1] == pytest.approx(recall)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    assert pair[2] == pytest.approx(f1)


def test_muc_known_values() -> None:
    close(muc(GOLD, RESPONSE), 2 / 3, 2 / 3)
    close(muc(GOLD, GOLD), 1.0, 1.0)
    close(muc([{"a", "b", "c", "d"}], [{"a"}, {"b"}, {"c"}, {"d"}]), 0.0, 0.0)
    # one big response cluster: every gold link kept, precision pays for the false links
    close(muc(GOLD, [{"a", "b", "c", "d", "e"}]), 3 / 4, 1.0)


def test_b_cubed_known_values() -> None:
    close(b_cubed(GOLD, RESPONSE), 11 / 15, 11 / 15)
    close(b_cubed(GOLD, GOLD), 1.0, 1.0)
    close(b_cubed([{"a", "b", "c", "d"}], [{"a"}, {"b"}, {"c"}, {"d"}]), 1.0, 0.25)


def test_ceaf_e_known_values() -> None:
    close(ceaf_e(GOLD, RESPONSE), 0.8, 0.8)
    close(ceaf_e(GOLD, GOLD), 1.0, 1.0)
    # phi4({abcd}, {a}) = 2/5: one aligned pair; precision over 4 response entities
    close(ceaf_e([{"a", "b", "c", "d"}], [{"a"}, {"b"}, {"c"}, {"d"}]), 0.1, 0.4)


def test_hungarian_beats_greedy() -> None:
    assert _max_assignment([[0.9, 0.8], [0.8, 0.0]]) == pytest.approx(1.6)
    assert _max_assignment([[0.1, 0.5, 0.2]]) == pytest.approx(0.5)
    assert _max_assignment([[0.1], [0.7], [0.3]]) == pytest.approx(0.7)
    assert _max_assignment([[3, 1, 2], [2, 3, 1], [1, 2, 3]]) == pytest.approx(9)


def test_coref_scores_conll_is_mean_of_three() -> None:
    gold = {m: i for i, c in enumerate(GOLD) for m in c}
    response = {m: f"r{i}" for i, c in enumerate(RESPONSE) for m in c}
    scores = coref_scores(gold, response)
    assert scores["conll_f1"] == pytest.approx(round((200 / 3 + 1100 / 15 + 80) / 3, 2), abs=0.01)
    assert scores["gold_entities"] == 2 and scores["predicted_entities"] == 2


def test_to_document_rebuilds_offsets() -> None:
    row = {
        "doc_id": "1", "corpus": "t", "sentences": ["Big Co rose .", "Big Co fell ."],
        "entity_mentions": [
            {"syntactic_type": "NAM", "tok_idx": [0, 1], "ent_type": "ORG", "instance_id": "X"},
            {"syntactic_type": "NAM", "tok_idx": [4, 5], "ent_type": "ORG", "instance_id": "X"},
            {"syntactic_type": "PRO", "tok_idx": [2], "ent_type": "ORG", "instance_id": "X"},
        ],
    }
    document = to_document(row)
    assert document.text == "Big Co rose .\nBig Co fell ."
    assert [(m.start, m.end, m.text) for m in document.mentions] == [(0, 6, "Big Co"), (14, 20, "Big Co")]


@pytest.mark.shared_data
def test_dev_floor_and_runtime(nlp) -> None:
    if not DATA.is_dir():
        pytest.skip(f"{DATA} is not available beside this checkout")
    from storyline.evaluate.meantime import evaluate

    result = evaluate(nlp, DATA, resolver=PINNED["component"], split=PINNED["split"])
    assert result[PINNED["metric"]] >= PINNED["floor"], result["clustering"]
    v1 = result["clustering"]["entities.exact.v1"]
    assert result["conll_f1"] > v1["conll_f1"]
    assert result["documents"] == 60
