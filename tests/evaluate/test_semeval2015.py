"""SemEval-2015 Task 4 timelines: reading TimeML, the relation scorer, and a trial run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.errors import InputError
from storyline.evaluate.semeval2015 import (
    Timeline, spacing, evaluate, evaluate_split, pad_anchor, read_document, refined_anchors,
    system_timelines, temporal_awareness,
)
from storyline.evaluate.semeval2015_system import Mention as SystemMention
from tests.conftest import DATA, REPO, require

TML = """<?xml version='1.0' encoding='utf-8'?>
<TimeML><DOCID>77</DOCID>
<DCT><TIMEX3 functionInDocument="CREATION_TIME" tid="t0" type="DATE" value="2031-05-06">x</TIMEX3></DCT>
<TEXT><s id="1">Velor Air sold ten jets .</s><s id="2">It <EVENT eid="e1">bought</EVENT> two .</s></TEXT></TimeML>
"""


def test_a_document_maps_offsets_back_to_sentence_and_word(tmp_path: Path) -> None:
    path = tmp_path / "77.tml"
    path.write_text(TML, encoding="utf-8")
    document = read_document(path)
    assert (document.id, document.published) == ("77", "2031-05-06")
    assert document.text == "Velor Air sold ten jets.\nIt bought two."  # written as text again
    assert document.mention_id(document.text.index("sold")) == "77-1-sold"
    assert document.mention_id(document.text.index("bought")) == "77-2-bought"


@pytest.mark.parametrize(
    "tokens, text",
    [
        ("on May 6 , 2031 .", "on May 6, 2031."),
        ('he said , " it is n\'t over ( yet ) . " then', 'he said, "it isn\'t over (yet)." then'),
        ("Velor 's shares rose 5 % to $ 10 ;", "Velor's shares rose 5% to $10;"),
    ],
)
def test_tokens_are_written_as_running_text(tokens: str, text: str) -> None:
    words = tokens.split()
    assert "".join(gap + word for gap, word in zip(spacing(words), words)) == text


def test_a_broken_document_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.tml"
    path.write_text("<TimeML>", encoding="utf-8")
    with pytest.raises(InputError):
        read_document(path)


TARGETS = ["Velor Air", "Velor A999", "Marta Quist", "United Motor Works", "Nikkei 300",
           "United Motor Works creditors", "Velor Korso Jets"]


@pytest.mark.parametrize(
    "sentence, named",
    [
        ("Velor Air sold ten jets .", ["Velor Air"]),
        ("The Velor A999 flew .", ["Velor A999"]),  # the most specific target wins
        ("The A999 flew .", ["Velor A999"]),
        ("Quist resigned .", ["Marta Quist"]),  # a person goes by her surname
        ("Marta stayed .", []),  # not by her first name
        ("UMW members struck .", ["United Motor Works"]),  # acronym, not its creditors
        ("UMW creditors met .", ["United Motor Works"]),
        ("The Nikkei fell .", ["Nikkei 300"]),
        ("Velor shares fell .", []),  # "Velor" is only a part of two targets' names
        ("The united workers marched .", []),  # generic words are no name
        ("Korso flew .", []),  # a middle word alone does not name "Velor Korso Jets"
        ("Korso Jets flew .", ["Velor Korso Jets"]),
    ],
)
def test_targets_named_in_a_sentence(nlp, sentence: str, named: list[str]) -> None:
    from storyline.evaluate.semeval2015_system import TargetMatcher

    matcher = TargetMatcher(TARGETS, nlp)
    assert [s.target for s in matcher.spots(nlp(sentence))] == named


@pytest.mark.parametrize(
    "value, anchor",
    [("2031-05-06", "2031-05-06"), ("2031-05", "2031-05-XX"), ("2031", "2031-XX-XX"),
     ("2031-05-06T10:00", "2031-05-06"), ("2031-W19", "2031-XX-XX"), ("PRESENT_REF", "XXXX-XX-XX"),
     (None, "XXXX-XX-XX"), ("XXX-XX-XX", "XXXX-XX-XX")],
)
def test_anchor_padding(value, anchor: str) -> None:
    assert pad_anchor(value) == anchor


TWO_DAYS = """<?xml version='1.0' encoding='utf-8'?>
<TimeML><DOCID>78</DOCID>
<DCT><TIMEX3 functionInDocument="CREATION_TIME" tid="t0" type="DATE" value="2031-05-06">x</TIMEX3></DCT>
<TEXT><s id="0">Velor Air rolled out a new jet on Monday .</s><s id="1">In 2029 , Velor Air bought Korso .</s>
<s id="2">Velor Air will sell jets .</s><s id="3">Marta Quist said the deal was good .</s></TEXT></TimeML>
"""


def test_a_timeline_from_raw_text(tmp_path: Path, nlp) -> None:
    path = tmp_path / "78.tml"
    path.write_text(TWO_DAYS, encoding="utf-8")
    timelines = system_timelines([read_document(path)], ["Velor Air", "Marta Quist"], nlp)
    lines = {m: (ordinal, anchor) for ordinal, anchor, ms in timelines["Velor Air"].lines for m in ms}
    assert lines["78-1-bought"] == (1, "2029-XX-XX")
    assert lines["78-0-rolled_out"] == (2, "2031-05-05")  # a verb and its particle, the timex's day
    assert lines["78-2-sell"][0] == 0  # not happened, no date: not anchored
    assert [ms for _, _, ms in timelines["Marta Quist"].lines] == [["78-3-said"]]


def test_temporal_awareness_over_named_targets() -> None:
    gold = {"x": Timeline([(1, "2031-01-XX", ["a"]), (2, "2031-02-XX", ["b"])])}
    assert temporal_awareness(gold, gold)["f1"] == pytest.approx(100.0)
    assert temporal_awareness(gold, {})["recall"] == 0.0  # a target without a system timeline


ANCHORED = """<?xml version='1.0' encoding='utf-8'?>
<TimeML><DOCID>80</DOCID>
<DCT><TIMEX3 functionInDocument="CREATION_TIME" tid="t0" type="DATE" value="2031-05-06">x</TIMEX3></DCT>
<TEXT><s id="1">May 6 , 2031</s><s id="2">{lead}</s><s id="3">{body}</s></TEXT></TimeML>
"""


@pytest.mark.parametrize(
    "lead, body, mention, anchor",
    [
        # the lead's recent day is the day the report is about: later past events happened then
        ("Velor Air announced on Friday that it will close a plant .", "Velor Air said the plant was old .",
         "80-3-said", "2031-05-02"),
        # the most precise date of the clause ("yesterday", not "this year")
        ("Yesterday , at this year 's fair , Velor Air unveiled a jet .", "Velor Air praised the jet .",
         "80-2-unveiled", "2031-05-05"),
        ("Yesterday , at this year 's fair , Velor Air unveiled a jet .", "Velor Air praised the jet .",
         "80-3-praised", "2031-05-05"),
        # a present, or a present perfect, is on the report's own day
        ("Velor Air sold ten jets on Monday .", "Velor Air has ten jets .", "80-3-has", "2031-05-06"),
        ("Velor Air sold ten jets on Monday .", "Velor Air has filed a lawsuit .", "80-3-filed", "2031-05-06"),
        # a noun takes its verb's anchor
        ("Velor Air sold ten jets on Monday .", "Velor Air has filed a lawsuit .", "80-3-lawsuit", "2031-05-06"),
        # a date of its own wins over tense
        ("Velor Air sold ten jets .", "Velor Air had sold two jets in 2029 .", "80-3-sold", "2029-XX-XX"),
        # a span "later" counts from the story's last date; a week is its month
        ("Velor Air sold ten jets in 2029 .", "One year later , Velor Air bought Korso .",
         "80-3-bought", "2030-XX-XX"),
        ("Velor Air sold ten jets in May 2029 .", "Two months earlier , Velor Air bought Korso .",
         "80-3-bought", "2029-03-XX"),
        ("Velor Air sold ten jets .", "Velor Air filed a lawsuit this week .", "80-3-filed", "2031-05-XX"),
        # no anchor: a past perfect without a date, a plan, a negation
        ("Velor Air sold ten jets .", "Velor Air had agreed to the sale .", "80-3-agreed", None),
        ("Velor Air sold ten jets .", "Velor Air will sell more jets .", "80-3-sell", None),
        ("Velor Air sold ten jets on Monday .", "Velor Air did not sell jets .", "80-3-sell", None),
        # a quote's own tenses, a state of mind: no day
        ("Velor Air sold ten jets on Monday .", '" Velor Air sells the best jets , " a pilot said .',
         "80-3-sells", None),
        ("Velor Air sold ten jets on Monday .", "Velor Air believes the market is strong .",
         "80-3-believes", None),
    ],
)
def test_anchors_from_raw_text(tmp_path: Path, nlp, lead: str, body: str, mention: str, anchor) -> None:
    path = tmp_path / "80.tml"
    path.write_text(ANCHORED.format(lead=lead, body=body), encoding="utf-8")
    timeline = system_timelines([read_document(path)], ["Velor Air"], nlp)["Velor Air"]
    placed = {m: (ordinal, date) for ordinal, date, ms in timeline.lines for m in ms}
    assert placed[mention] == ((0, "XXXX-XX-XX") if anchor is None else (placed[mention][0], anchor))
    assert (placed[mention][0] > 0) == (anchor is not None)


def mention(lemma: str, anchor: str | None) -> SystemMention:
    return SystemMention("d", 0, 1, lemma, anchor)


@pytest.mark.parametrize(
    "mentions, anchors",
    [
        # a coarse date takes the one finer date a report of the same word gives
        ([mention("launch", "2031"), mention("launch", "2031-05-06")], ["2031-05-06", "2031-05-06"]),
        ([mention("launch", "2031"), mention("launch", "2031-05"), mention("launch", "2031-05-06")],
         ["2031-05-06", "2031-05-06", "2031-05-06"]),
        # finer dates that disagree, another word, or a date outside: left alone
        ([mention("say", "2031"), mention("say", "2031-05-06"), mention("say", "2031-06-01")],
         ["2031-XX-XX", "2031-05-06", "2031-06-01"]),
        ([mention("launch", "2031"), mention("sell", "2031-05-06")], ["2031-XX-XX", "2031-05-06"]),
        ([mention("launch", "2031"), mention("launch", "2032-05-06")], ["2031-XX-XX", "2032-05-06"]),
        ([mention("launch", None), mention("launch", "2031-05-06")], ["XXXX-XX-XX", "2031-05-06"]),
    ],
)
def test_refined_anchors(mentions, anchors) -> None:
    assert refined_anchors(mentions) == anchors


def test_a_folder_without_track_a_is_an_input_error(tmp_path: Path, nlp) -> None:
    with pytest.raises(InputError):
        evaluate(nlp, tmp_path, ["trial"])


@pytest.mark.shared_data
def test_dev_floor(nlp) -> None:
    pinned = json.loads((REPO / "eval_baseline.json").read_text(encoding="utf-8"))["semeval2015"]
    result = evaluate_split(nlp, require(DATA / "semeval2015_task4_timeline"), pinned["split"])
    assert result["micro"]["temporal_awareness"]["f1"] >= pinned["floor"], result["micro"]


def test_an_unknown_split_is_an_input_error(nlp) -> None:
    with pytest.raises(InputError):
        evaluate_split(nlp, "nowhere", "train")
