"""Sentences and mentions from spaCy: offsets into the cleaned text, nothing across paragraphs."""

from __future__ import annotations

import pytest

from storyline.extract import extract_batch
from storyline.extract.entities import SpacyEntities
from storyline.models import Article


def article(text: str, skipped: str | None = None) -> Article:
    return Article(id="a1", source="t", text=text, raw_text=text, content_hash="h", nlp_skipped=skipped)


GOLDEN = [
    # (text, names that must be found with their label) — our own sentences
    ("Mayor Ines Duarte opened the new bridge in Lisbon on Friday.",
     {("Ines Duarte", "PERSON"), ("Lisbon", "GPE"), ("Friday", "DATE")}),
    ("The European Central Bank raised rates by 0.25 points.\nInvestors in Frankfurt were calm.",
     {("The European Central Bank", "ORG"), ("Frankfurt", "GPE")}),
]


@pytest.mark.parametrize("text, expected", GOLDEN)
def test_golden_mentions(nlp, text: str, expected: set) -> None:
    [extraction] = extract_batch([article(text)], nlp)
    found = {(m.text, m.label) for m in extraction.mentions}
    assert expected <= found
    for m in extraction.mentions:
        assert text[m.start:m.end] == m.text
        sentence = extraction.sentences[m.sentence]
        assert sentence.start <= m.start and m.end <= sentence.end


def test_sentences_cover_paragraphs_without_blank_ones(nlp) -> None:
    text = "First paragraph here.\n\nSecond one is here. It has two sentences."
    [extraction] = extract_batch([article(text)], nlp)
    spans = [text[s.start:s.end] for s in extraction.sentences]
    assert spans == ["First paragraph here.", "Second one is here.", "It has two sentences."]


def test_skipped_article_gets_no_facts(nlp) -> None:
    [extraction] = extract_batch([article("Der Bürgermeister sprach.", skipped="language 'de'")], nlp)
    assert extraction.sentences == [] and extraction.mentions == []


@pytest.mark.parametrize(
    "predicted, gold, f1",
    [
        ({(0, 3, "PER")}, {(0, 3, "PER")}, 1.0),
        ({(0, 3, "PER")}, {(0, 3, "ORG")}, 0.0),
        ({(0, 3, "PER"), (5, 9, "LOC")}, {(0, 3, "PER")}, 2 / 3),
        (set(), set(), 0.0),
    ],
)
def test_score_is_exact_span_f1(predicted: set, gold: set, f1: float) -> None:
    assert SpacyEntities.score(predicted, gold).f1 == pytest.approx(f1)


@pytest.mark.parametrize(
    "text, surname",
    [
        # untagged at the start of a sentence
        ("Envoy Adam Brecker met the rebels in Varna on Sunday.\nBrecker confirmed the talks.", "Brecker"),
        ("The talks were led by Dana Kovac of the foreign ministry. Later, Kovac said they had failed.", "Kovac"),
        # tagged a place once, a person as often: the article's own usage outvotes the slip
        ("Foreign Minister Jon Selden spoke by phone with his counterpart. Selden thanked him for "
         "the help. The prime minister welcomed the call from Selden and a visit to Selden was "
         "discussed in Talvik.", "Selden"),
    ],
)
def test_a_bare_surname_of_a_named_person_is_that_person(nlp, text: str, surname: str) -> None:
    article = Article("a1", "t", text, text, "h1")
    _, mentions = SpacyEntities()(article, nlp(text))
    bare = [m for m in mentions if m.text == surname]
    assert bare and all(m.label == "PERSON" for m in bare)
