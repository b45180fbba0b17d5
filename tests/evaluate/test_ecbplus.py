"""ECB+ story clustering: the clustering scores on hand-made labellings, and the pinned floor."""

from __future__ import annotations

import json

import pytest

from storyline.evaluate.ecbplus import adjusted_rand, b_cubed, scores, to_document, v_measure
from tests.conftest import DATA, REPO, require

PINNED = json.loads((REPO / "eval_baseline.json").read_text(encoding="utf-8"))["ecbplus"]

GOLD = {"a": 1, "b": 1, "c": 1, "d": 2, "e": 2}
SPLIT = {"a": "x", "b": "x", "c": "y", "d": "z", "e": "z"}
ALL_APART = {item: item for item in GOLD}
ALL_TOGETHER = {item: 0 for item in GOLD}


@pytest.mark.parametrize(
    "predicted, precision, recall",
    [
        (GOLD, 1.0, 1.0),
        (SPLIT, 1.0, (2 / 3 * 2 + 1 / 3 + 1 + 1) / 5),
        (ALL_APART, 1.0, (3 * 1 / 3 + 2 * 1 / 2) / 5),
        (ALL_TOGETHER, (3 * 3 / 5 + 2 * 2 / 5) / 5, 1.0),
    ],
)
def test_b_cubed_known_values(predicted, precision, recall) -> None:
    result = b_cubed(GOLD, predicted)
    assert result["precision"] == pytest.approx(precision)
    assert result["recall"] == pytest.approx(recall)


@pytest.mark.parametrize(
    "predicted, v, ari",
    [
        (GOLD, 1.0, 1.0),
        ({k: f"renamed-{v}" for k, v in GOLD.items()}, 1.0, 1.0),
        (ALL_TOGETHER, 0.0, 0.0),
        # homogeneity 1, completeness 1 - 0.6*H(2/3,1/3)/H(.4,.2,.4); ARI (2-0.8)/(3-0.8)
        (SPLIT, 0.7789794, 1.2 / 2.2),
    ],
)
def test_v_measure_and_ari_known_values(predicted, v, ari) -> None:
    assert v_measure(GOLD, predicted) == pytest.approx(v, abs=1e-4)
    assert adjusted_rand(GOLD, predicted) == pytest.approx(ari, abs=1e-6)


def test_scores_count_clusters() -> None:
    assert scores(GOLD, SPLIT)["clusters"] == 3


def test_the_url_line_of_ecbplus_documents_is_dropped() -> None:
    row = {"doc_id": "9_1ecbplus", "topic": 9, "subtopic": "9ecbplus", "sentence_ids": [0, 1, 2],
           "sentences": ["http : / / example . org", "A headline", "New_York gets snow ."],
           "source_url": "http://example.org"}
    assert to_document(row).text == "A headline\nNew York gets snow ."


@pytest.mark.shared_data
def test_dev_floor_and_the_baseline_ratio(nlp) -> None:
    """The product configuration: the default clusterer fed spaCy entities and time expressions."""
    from storyline.evaluate.ecbplus import evaluate

    result = evaluate(require(DATA / "ecbplus"), split=PINNED["split"], nlp=nlp)
    assert result["component"] == PINNED["component"] and result["entities"]
    assert result["documents"] == 196
    assert result["ours"][PINNED["level"]][PINNED["metric"]] >= PINNED["floor"], result
    assert result["ratio"]["subtopic"]["b3_f1"] > 1.0, result
