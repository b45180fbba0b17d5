"""framing.terms.v1 and the referent grouping, on sentences we wrote (invented names)."""

from __future__ import annotations

import pytest

from storyline import registry
from storyline.extract.framing import (
    FramingTerms,
    framing_table,
    group_referents,
    labels_per_outlet,
    outlet_summary,
    outlet_tone,
    outlets_labeling,
    term_valence,
)
from storyline.models import Article, FramingTerm


def article(text: str, article_id: str = "a1", outlet: str | None = "Daily Example") -> Article:
    return Article(id=article_id, source=article_id, text=text, raw_text=text, content_hash="", outlet=outlet)


def extract(nlp, text: str, article_id: str = "a1", outlet: str | None = "Daily Example") -> list[FramingTerm]:
    return FramingTerms()(article(text, article_id, outlet), nlp(text))


def test_registered_under_its_versioned_name() -> None:
    assert registry.get("framing.terms.v1") is FramingTerms


@pytest.mark.parametrize(
    "text, label, anchor",
    [
        ("The militant group Zarvok said it would talk.", "militant group", "zarvok"),
        ("Officials met the Zarvok rebel group on Monday.", "rebel group", "zarvok"),
        ("Zarvok, the armed faction, rejected the offer.", "armed faction", "zarvok"),
        ("Palestinian group Zarvok rejected the offer.", "palestinian group", "zarvok"),
        ("Zarvok is a militant organization.", "militant organization", "zarvok"),
    ],
)
def test_labels_attached_to_a_name(nlp, text: str, label: str, anchor: str) -> None:
    labels = [r for r in extract(nlp, text) if r.kind == "label"]
    assert [(r.term, r.anchor, r.referent) for r in labels] == [(label, anchor, anchor)]
    assert text[labels[0].start:labels[0].end].lower() == label  # offsets point at the words


@pytest.mark.parametrize(
    "text, term, head, words",
    [
        ("The Velorian army launched a new offensive near the river.", "new offensive", "offensive", "new offensive"),
        ("Negotiators pressed for the release of the captives.", "captive", "captive", "captives"),
        ("A director of the agency resigned.", "director", "director", "director"),
    ],
)
def test_noun_phrases_with_head_and_offsets(nlp, text: str, term: str, head: str, words: str) -> None:
    rows = [r for r in extract(nlp, text) if r.term == term]
    assert len(rows) == 1 and rows[0].kind == "term" and rows[0].head == head
    assert text[rows[0].start:rows[0].end] == words


@pytest.mark.parametrize(
    "text",
    ["He said it would end.", "They met and we left."],
)
def test_pronouns_are_not_word_choices(nlp, text: str) -> None:
    assert extract(nlp, text) == []


# Two outlets name the people held by the same group with different nouns, in the same places.
OUTLET_TEXTS = {
    ("a", "Ledger"): "Negotiators pressed for the release of the captives held by Zarvok in Lunaria. "
                     "Zarvok still holds the captives in Lunaria.",
    ("b", "Courier"): "Negotiators pressed for the release of the prisoners held by Zarvok in Lunaria. "
                      "Zarvok still holds the prisoners in Lunaria.",
}


@pytest.fixture
def grouped(nlp) -> list[FramingTerm]:
    rows = [r for (aid, outlet), text in OUTLET_TEXTS.items() for r in extract(nlp, text, aid, outlet)]
    return group_referents(rows)


def test_different_words_for_the_same_referent_meet(grouped) -> None:
    referents = {r.term: r.referent for r in grouped if r.head in ("captive", "prisoner")}
    assert referents["captive"] == referents["prisoner"]
    assert referents["captive"] != next(r.referent for r in grouped if r.term == "zarvok")


def test_side_by_side_summary_shows_each_outlet_choice(grouped) -> None:
    referent = next(r.referent for r in grouped if r.term == "prisoner")
    summary = outlet_summary(grouped)[referent]
    assert summary == {"Courier": {"prisoner": 2}, "Ledger": {"captive": 2}}


def test_framing_table_export_rows(grouped) -> None:
    texts = {aid: text for (aid, _), text in OUTLET_TEXTS.items()}
    table = framing_table(grouped, texts)
    row = next(r for r in table if r["article"] == "b" and r["term"] == "prisoner")
    assert set(row) == {"article", "outlet", "referent", "term", "count", "examples"}
    assert row["outlet"] == "Courier" and row["count"] == 2
    example = row["examples"][0]
    assert texts["b"][example["start"]:example["end"]] == "prisoners"
    assert example["sentence"].startswith("Negotiators pressed") and "prisoners" in example["sentence"]


@pytest.mark.parametrize(
    "steps, merged",
    [
        ((), False),  # identical words only
        (("names", "anchors", "heads", "contexts"), True),
    ],
)
def test_context_step_is_what_merges_different_heads(nlp, steps, merged: bool) -> None:
    rows = [r for (aid, outlet), text in OUTLET_TEXTS.items() for r in extract(nlp, text, aid, outlet)]
    referents = {r.term: r.referent for r in group_referents(rows, steps=steps) if r.kind == "term"}
    assert (referents["captive"] == referents["prisoner"]) is merged


@pytest.mark.parametrize(
    "texts, expected",
    [
        (
            {"Ledger": "Kim Sol-ha spoke. Later Kim said the plan worked."},
            {"kim": "kim sol ha"},
        ),
        (
            {"Ledger": "The Ministry of Ports signed. The Ministry of Ports denied it.",
             "Courier": "The president of Zarvia, Amal Dorr, spoke. President Amal Dorr left."},
            {"president": "amal dorr"},
        ),
    ],
)
def test_names_and_anchored_words_join_their_referent(nlp, texts: dict, expected: dict) -> None:
    rows = [r for i, (outlet, text) in enumerate(texts.items()) for r in extract(nlp, text, f"a{i}", outlet)]
    referents = {r.term: r.referent for r in group_referents(rows)}
    for term, referent in expected.items():
        assert referents[term] == referents[referent]


def test_labels_per_outlet_tell_the_labelling_outlets_apart(nlp) -> None:
    rows = extract(nlp, "The militant group Zarvok said it would talk.", "a", "Ledger")
    rows += extract(nlp, "Zarvok said it would talk.", "b", "Courier")
    grouped = group_referents(rows)
    assert labels_per_outlet(grouped) == {"Ledger": {"zarvok": {"militant group": 1}}}
    assert outlets_labeling(grouped, "zarvok", "militant") == {"Ledger"}


@pytest.mark.parametrize(
    "term, sign",
    [("terrorist group", -1), ("peaceful protest", 1), ("river bank", 0)],
)
def test_term_valence_from_the_general_lexicon(term: str, sign: int) -> None:
    value = term_valence(term)
    assert (value > 0) - (value < 0) == sign


def test_outlet_tone_compares_outlets(nlp) -> None:
    texts = {"a": "The brutal attack killed many people.", "b": "The peaceful march delighted many people."}
    rows = extract(nlp, texts["a"], "a", "Ledger") + extract(nlp, texts["b"], "b", "Courier")
    tone = outlet_tone(group_referents(rows), texts)
    assert tone["Ledger"]["compound"] < 0 < tone["Courier"]["compound"]
    assert tone["Ledger"]["negative_terms"] > tone["Courier"]["negative_terms"]
