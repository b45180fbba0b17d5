"""SemEval-2015 Task 4 timelines: reading TimeML, the relation scorer, and a trial run."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.errors import InputError
from storyline.evaluate.semeval2015 import (
    Timeline, evaluate, implied, names_entity, read_document, relations, temporal_awareness,
)
from tests.conftest import DATA, require

TML = """<?xml version='1.0' encoding='utf-8'?>
<TimeML><DOCID>77</DOCID>
<DCT><TIMEX3 functionInDocument="CREATION_TIME" tid="t0" type="DATE" value="2031-05-06">x</TIMEX3></DCT>
<TEXT><s id="1">Velor Air sold ten jets .</s><s id="2">It <EVENT eid="e1">bought</EVENT> two .</s></TEXT></TimeML>
"""


def timeline(*lines: tuple[int, str, list[str]]) -> Timeline:
    return Timeline(list(lines))


def test_a_document_maps_offsets_back_to_sentence_and_word(tmp_path: Path) -> None:
    path = tmp_path / "77.tml"
    path.write_text(TML, encoding="utf-8")
    document = read_document(path)
    assert (document.id, document.published) == ("77", "2031-05-06")
    assert document.text == "Velor Air sold ten jets .\nIt bought two ."
    assert document.mention_id(document.text.index("sold")) == "77-1-sold"
    assert document.mention_id(document.text.index("bought")) == "77-2-bought"


def test_a_broken_document_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.tml"
    path.write_text("<TimeML>", encoding="utf-8")
    with pytest.raises(InputError):
        read_document(path)


def test_relations_of_a_timeline() -> None:
    found = relations(timeline((0, "XXXX-XX-XX", ["d-1-a"]), (1, "2031-05-XX", ["d-2-b", "e-3-b"]),
                               (2, "2031-06-01", ["d-4-c"])))
    assert found == {("SIMULTANEOUS", "d-2-b", "e-3-b"), ("BEFORE", "d-2-b", "d-4-c"),
                     ("BEFORE", "e-3-b", "d-4-c"), ("IS_INCLUDED", "d-2-b", "2031-05-XX"),
                     ("IS_INCLUDED", "e-3-b", "2031-05-XX"), ("IS_INCLUDED", "d-4-c", "2031-06-01")}


def test_closure_reads_order_across_lines() -> None:
    gold = timeline((1, "2031-01-XX", ["a"]), (2, "2031-02-XX", ["b"]), (3, "2031-03-XX", ["c"]))
    assert implied(gold, ("BEFORE", "a", "c"))  # by transitivity
    assert not implied(gold, ("BEFORE", "c", "a"))
    assert not implied(gold, ("SIMULTANEOUS", "a", "b"))


def test_temporal_awareness_perfect_partial_and_empty() -> None:
    gold = {"x": timeline((1, "2031-01-XX", ["a"]), (2, "2031-02-XX", ["b"]), (3, "2031-03-XX", ["c"]))}
    assert temporal_awareness(gold, gold)["f1"] == pytest.approx(100.0)
    skipping = {"x": timeline((1, "2031-01-XX", ["a"]), (2, "2031-03-XX", ["c"]))}
    scores = temporal_awareness(gold, skipping)
    assert scores["precision"] == pytest.approx(100.0)  # a<c is implied, both anchors right
    assert 0 < scores["recall"] < 100
    assert temporal_awareness(gold, {})["f1"] == 0.0


@pytest.mark.parametrize(
    "actor, target, names",
    [("Airbus", "Airbus", True), ("The Airbus board", "Airbus", True),
     ("Gallois", "Louis Gallois", True), ("Airbus", "Airbus A380", False), ("Boeing", "Airbus", False)],
)
def test_names_entity(actor: str, target: str, names: bool) -> None:
    assert names_entity(actor, target) is names


def test_a_folder_without_track_a_is_an_input_error(tmp_path: Path, nlp) -> None:
    with pytest.raises(InputError):
        evaluate(nlp, tmp_path, ["trial"])


def test_trial_corpus_gives_timelines_that_score(nlp) -> None:
    data = require(DATA / "semeval2015_task4_timeline")
    result = evaluate(nlp, data, ["trial"])
    assert result["trial"]["mentions"]["recall"] > 20
    assert result["micro"]["temporal_awareness"]["f1"] > 10
