"""PolNeAR scoring: brat spans read and trimmed, exact/begin/overlap counts, the pinned floor."""

from __future__ import annotations

import json

import pytest

from storyline.errors import InputError
from storyline.evaluate.polnear import read_documents, read_gold, score, trim
from tests.conftest import DATA, REPO, require

PINNED = json.loads((REPO / "eval_baseline.json").read_text(encoding="utf-8")).get("polnear", {})

# An invented article and its annotation, in PolNeAR's brat standoff format.
TEXT = "The mayor said the bridge would reopen. “It will take a year,” she added."
ANNOTATION = "\n".join([
    "T1\tSource 0 9\tThe mayor",
    "T2\tCue 10 14\tsaid",
    "T3\tContent 15 38\tthe bridge would reopen",
    "T4\tAttribution 10 14\tsaid",
    "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
    "T5\tContent 40 62;62 63\tIt will take a year,”",
])


@pytest.mark.parametrize(
    "span, trimmed",
    [((40, 63), (41, 60)), ((15, 38), (15, 38)), ((39, 40), None)],
)
def test_trim_drops_spaces_marks_and_end_punctuation(span, trimmed) -> None:
    assert trim(TEXT, *span) == trimmed


def test_gold_spans_are_read_by_kind_with_discontinuous_extents(tmp_path) -> None:
    path = tmp_path / "a_ann1.ann"
    path.write_text(ANNOTATION, encoding="utf-8")
    gold = read_gold("a", TEXT, path)
    assert gold == {"source": {("a", 0, 9)}, "cue": {("a", 10, 14)},
                    "content": {("a", 15, 38), ("a", 41, 60)}}


def test_the_first_annotator_is_the_gold(tmp_path) -> None:
    for folder in ("text", "attributions"):
        (tmp_path / "dev" / folder).mkdir(parents=True)
    (tmp_path / "dev" / "text" / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "dev" / "attributions" / "a_ann1.ann").write_text(ANNOTATION, encoding="utf-8")
    (tmp_path / "dev" / "attributions" / "a_ann2.ann").write_text("", encoding="utf-8")
    document, = read_documents(tmp_path, "dev")
    assert len(document.gold["content"]) == 2


def test_a_missing_split_is_an_input_error(tmp_path) -> None:
    with pytest.raises(InputError):
        read_documents(tmp_path, "dev")


def test_exact_begin_and_overlap_counts() -> None:
    gold = {("a", 0, 10), ("a", 20, 30)}
    predicted = {("a", 0, 10), ("a", 20, 25), ("a", 40, 45)}
    result = score(predicted, gold)
    assert result["exact"] == {"precision": 33.33, "recall": 50.0, "f1": 40.0}
    assert result["begin"] == {"precision": 66.67, "recall": 100.0, "f1": 80.0}
    assert result["overlap"] == {"precision": 66.67, "recall": 100.0, "f1": 80.0}


@pytest.mark.shared_data
def test_dev_floors(nlp) -> None:
    from storyline.evaluate.polnear import evaluate

    result = evaluate(nlp, require(DATA / "polnear"), split=PINNED["split"])
    assert result["documents"] == 84
    for kind, floor in PINNED["floors"].items():
        assert result[kind][PINNED["metric"]]["f1"] >= floor, (kind, result[kind])


@pytest.mark.parametrize(
    "labels, spans",
    [
        (["B-source", "B-cue", "B-content", "I-content", "O"],
         [("source", 0, 1), ("cue", 1, 2), ("content", 2, 4)]),
        (["O", "I-content", "I-content", "B-content"], [("content", 1, 3), ("content", 3, 4)]),
        (["O", "O"], []),
    ],
)
def test_bio_labels_to_token_spans(labels: list[str], spans: list[tuple]) -> None:
    from storyline.evaluate.polnear import bio_spans

    assert bio_spans(labels) == spans
