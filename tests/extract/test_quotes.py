"""quotes.rules.v1 on invented sentences: marks, split and long quotes, cues and speakers."""

from __future__ import annotations

import pytest

from storyline import registry
from storyline.extract.entities import SpacyEntities
from storyline.extract.quotes import RuleQuotes, find_stretches
from storyline.extract.roles import RuleRoles
from storyline.models import Article, Quote


def run(nlp, text: str, indirect: bool = False) -> list[Quote]:
    article = Article("a1", "t", text, text, "h1", published="2031-05-06")
    doc = nlp(text)
    sentences, mentions = SpacyEntities()(article, doc)
    _, references = RuleRoles()(article, doc, sentences, mentions)
    mentions = sorted(mentions + references, key=lambda m: (m.start, m.end))
    return RuleQuotes(indirect=indirect)(article, doc, sentences, mentions)


def rows(quotes: list[Quote]) -> list[tuple]:
    return [(q.text, q.cue, q.speaker) for q in quotes]


def test_the_component_is_registered() -> None:
    assert registry.get("quotes.rules.v1") is RuleQuotes


@pytest.mark.parametrize(
    "text, expected",
    [
        ('"The bridge will reopen in May," Mayor Lena Ortiz said.',
         [("The bridge will reopen in May,", "said", "Mayor Lena Ortiz")]),
        ("“The bridge will reopen in May,” Lena Ortiz said.",
         [("The bridge will reopen in May,", "said", "Lena Ortiz")]),
        ("“The bridge will reopen in May,” said Lena Ortiz, the mayor of Dunmore.",
         [("The bridge will reopen in May,", "said", "Lena Ortiz, the mayor of Dunmore")]),
        ("“We will close the port at noon. Enough talk!” tweeted Harbour Minister Paul Garnier.",
         [("We will close the port at noon. Enough talk!", "tweeted", "Harbour Minister Paul Garnier")]),
        ("“The bridge will reopen in May,” Ortiz has said.",
         [("The bridge will reopen in May,", "has said", "Ortiz")]),
        ("Lena Ortiz told reporters: “The bridge will reopen in May.”",
         [("The bridge will reopen in May.", "told", "Lena Ortiz")]),
        ("The ministry warned in a statement: “Fuel prices will rise again this winter.”",
         [("Fuel prices will rise again this winter.", "warned", "The ministry")]),
        # the parser ends the sentence inside the quote; the attribution after it still counts
        ("The mayor spoke in Dunmore.\n“How long must we wait for this bridge?” Ortiz said.",
         [("How long must we wait for this bridge?", "said", "Ortiz")]),
        ("‘We will strike on Monday,’ the union leader said.",
         [("We will strike on Monday,", "said", "the union leader")]),
        # a quote signed with a dash, as in a list of readers' voices
        ("“The bridge has cut our town in two for a year now.” ― Lena Ortiz",
         [("The bridge has cut our town in two for a year now.", "―", "Lena Ortiz")]),
    ],
)
def test_straight_and_curly_quotes_with_cue_and_speaker(nlp, text: str, expected: list) -> None:
    assert rows(run(nlp, text)) == expected


@pytest.mark.parametrize("opening, closing", [('"', '"'), ("“", "”")])
def test_a_split_quote_has_one_speaker_and_one_group(nlp, opening: str, closing: str) -> None:
    text = (f"Lena Ortiz opened the meeting. {opening}We will rebuild the bridge,{closing} she said. "
            f"{opening}It will take a year and cost less than the old one.{closing}")
    quotes = run(nlp, text)
    assert [(q.text, q.speaker) for q in quotes] == [
        ("We will rebuild the bridge,", "she"),
        ("It will take a year and cost less than the old one.", "she")]
    assert quotes[0].group == quotes[1].group == quotes[0].start


def test_a_quote_over_two_paragraphs_continues(nlp) -> None:
    text = ("Paul Garnier spoke for an hour.\n\n"
            "“The harbour was never built for ships of this size, and everyone knew it.\n\n"
            "“We must widen it before the next season,” Garnier wrote.")
    quotes = run(nlp, text)
    assert [(q.text[:12], q.cue, q.speaker) for q in quotes] == [
        ("The harbour ", "wrote", "Garnier"), ("We must wide", "wrote", "Garnier")]
    assert quotes[0].group == quotes[1].group == quotes[0].start


@pytest.mark.parametrize(
    "text, speakers",
    [
        # the second half of a split quote ends its paragraph: the next paragraph's "said" is
        # another statement, not its attribution
        ("“The tide gave us a chance,” he said. “We took it.”\n\nThe port office said it would reopen.",
         ["he", "he"]),
        ("“We kept the ship safe,” said Dana Kovac of the Crew Forum. “They should not pay.”\n\n"
         "Paul Garnier has insisted that the ship stays.",
         ["Dana Kovac of the Crew Forum", "Dana Kovac of the Crew Forum"]),
    ],
)
def test_a_split_quote_keeps_its_speaker_at_a_paragraph_end(nlp, text: str, speakers: list) -> None:
    assert [q.speaker for q in run(nlp, text)] == speakers


def test_a_people_word_does_not_speak_for_its_officials(nlp) -> None:
    text = "Figures cited in Norlandic media suggest that it was a “salvage bonus” in all but name."
    quote, = run(nlp, text)
    assert quote.speaker.startswith("Figures") and quote.speaker_mention is None


def test_a_spokesperson_for_an_organization_points_at_the_organization(nlp) -> None:
    text = "“We are pleased with the ruling,” a spokesperson for the British Harbour Board said."
    quote, = run(nlp, text)
    # the organization's mention (spaCy may take "the" into it), not the people word "British"
    assert text.index("the British") <= quote.speaker_mention < text.index("Harbour")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The plan is “dead on arrival,” according to Senator Amy Cole.",
         [("dead on arrival,", "according to", "Senator Amy Cole", "partial")]),
        ("Lena Ortiz said the delay was “a disgrace” and left.",
         [("a disgrace", "said", "Lena Ortiz", "partial")]),
        ("Lena Ortiz described the delay as “a disgrace.”",
         [("a disgrace.", "described", "Lena Ortiz", "partial")]),
    ],
)
def test_according_to_and_partial_quotes(nlp, text: str, expected: list) -> None:
    assert [(q.text, q.cue, q.speaker, q.kind) for q in run(nlp, text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "The mayor said the bridge will reopen in May.",  # no quote marks: not a quote
        "Critics of the plan see a “miracle” cure in it.",  # a scare quote: no cue
        "The film “Harbour Lights” opened in Dunmore.",  # a title in quote marks
        "",
    ],
)
def test_no_quote(nlp, text: str) -> None:
    assert run(nlp, text) == []


@pytest.mark.parametrize(
    "text",
    ["A charity called Harbour Friends paid for the repairs.",  # a name, not a judgement
     "The mayor called the harbour office on Monday."],  # a phone call
)
def test_no_labelling_statement(nlp, text: str) -> None:
    assert run(nlp, text, indirect=True) == []


def test_a_pronoun_speaker_points_at_the_pronoun_mention(nlp) -> None:
    text = "Lena Ortiz visited the site on Monday. “The work is going well,” she said."
    quote, = run(nlp, text)
    assert (quote.speaker, quote.speaker_start) == ("she", text.index("she"))
    assert quote.speaker_mention == text.index("she")


@pytest.mark.parametrize(
    "text, name",
    [
        ("“The bridge will reopen in May,” said Mayor Lena Ortiz.", "Lena Ortiz"),
        ("“The bridge will reopen in May,” said the mayor, Lena Ortiz.", "Lena Ortiz"),
    ],
)
def test_a_named_speaker_keeps_its_phrase_and_points_at_the_name(nlp, text: str, name: str) -> None:
    quote, = run(nlp, text)
    assert text[quote.speaker_start:quote.speaker_end] == quote.speaker
    assert quote.speaker_mention == text.index(name)


def test_a_described_speaker_points_at_the_name_told_before(nlp) -> None:
    text = "The Norland Health Ministry opened a clinic. “We will treat everyone,” the ministry said."
    quote, = run(nlp, text)
    assert (quote.speaker, quote.speaker_mention) == ("the ministry", text.index("The Norland"))


def test_a_title_speaker_points_at_the_title_mention(nlp) -> None:
    text = ("French Foreign Minister Paul Garnier arrived in Lyon. "
            "“Talks will go on next week,” the minister said.")
    quote, = run(nlp, text)
    assert quote.speaker_start == text.index("the minister")


def test_offsets_point_at_the_quoted_words(nlp) -> None:
    text = "Amy Cole said: “Nobody expected this outcome at all.”"
    quote, = run(nlp, text)
    assert text[quote.start:quote.end] == quote.text == "Nobody expected this outcome at all."
    assert text[quote.cue_start:quote.cue_end] == "said"
    assert text[quote.speaker_start:quote.speaker_end] == "Amy Cole"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Amy Cole said that the vote would be delayed.", ("that the vote would be delayed", "Amy Cole")),
        ("The vote will be delayed until June, the council said.",
         ("The vote will be delayed until June", "the council")),
        ("Amy Cole called the delay a disgrace.", ("the delay a disgrace", "Amy Cole")),
        ("The union called for new talks on wages.", ("new talks on wages", "The union")),
    ],
)
def test_indirect_speech_only_when_asked(nlp, text: str, expected: tuple) -> None:
    assert run(nlp, text) == []
    assert [(q.text, q.speaker, q.kind) for q in run(nlp, text, indirect=True)] == [(*expected, "indirect")]


@pytest.mark.parametrize(
    "text, count",
    [
        ('He said "yes" and "no" twice.', 2),
        ("“Open” and “closed”", 2),
        ("An unclosed “quote runs to the end", 1),
        ('A 5" pipe', 0),
        ("A ‘fair deal’ and a 'new start'", 2),  # single marks, curly and straight
        ("She said ‘we don’t know’ and left.", 1),  # an apostrophe inside does not close it
        ("The workers’ union and Norland’s port", 0),  # apostrophes only
        ("rock 'n' roll in the '90s", 0),
        ("“He told me ‘no’ twice,” she said.", 1),  # a quote inside a quote is part of it
    ],
)
def test_quote_marks_pair_up(text: str, count: int) -> None:
    assert len(find_stretches(text)) == count
