"""SemEval-2015 Task 4: which target a pronoun or a first name stands for (invented snippets)."""

from __future__ import annotations

import pytest

from storyline.evaluate.semeval2015_references import person_tokens, pronoun_targets, quoted
from storyline.evaluate.semeval2015_system import TargetMatcher

TARGETS = ["Velor Air", "Marta Quist", "Korso Phone"]


def resolved(nlp, text: str) -> list[tuple[str, str]]:
    """(pronoun, target) for every pronoun of ``text`` that points at a target."""
    doc = nlp(text)
    spots = TargetMatcher(TARGETS, nlp).spots(doc)
    owner = {i: s.target for s in spots for i in range(s.start, s.end)}
    persons = person_tokens(doc) | {i for s in spots if s.person for i in range(s.start, s.end)}
    return [(doc[i].text, target) for i, target in sorted(pronoun_targets(doc, owner, persons).items())]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Marta Quist resigned on Monday. She thanked the staff.", [("She", "Marta Quist")]),
        # the latest person named is someone else: "he" is not the target
        ("Marta Quist hired Tom Brandt. He starts in June.", []),
        # a thing "it" is the latest subject before it, not any earlier target
        ("Velor Air sold the Korso Phone unit. It made a profit.", [("It", "Velor Air")]),
        ("Velor Air sold a unit. The unit was small. It made a profit.", []),
        # a possessive takes the latest name
        ("Velor Air cut its prices.", [("its", "Velor Air")]),
        # expletive "it", quoted pronouns: nobody
        ("Velor Air rose. It is expected that prices will fall.", []),
        ('Velor Air rose. " It feels great to win , " the pilot said.', []),
        # "the price it charges": not the price
        ("Velor Air said the price it charges is fair.", [("it", "Velor Air")]),
    ],
)
def test_pronouns(nlp, text: str, expected: list[tuple[str, str]]) -> None:
    assert resolved(nlp, text) == expected


@pytest.mark.parametrize(
    "text, named",
    [
        ("Marta Quist resigned. Marta thanked the staff.", ["Marta Quist", "Marta Quist"]),
        ("Marta thanked the staff.", []),  # no full name before: not known to be her
        # another Marta in the report: the first name no longer says who
        ("Marta Quist resigned. Marta Berg stayed. Marta thanked the staff.", ["Marta Quist"]),
    ],
)
def test_a_first_name_after_the_full_name(nlp, text: str, named: list[str]) -> None:
    assert [s.target for s in TargetMatcher(TARGETS, nlp).spots(nlp(text))] == named


@pytest.mark.parametrize(
    "text, inside",
    [
        ('Quist said , " we sold it . " Then she left .', "we sold it ."),
        # the sentence closes a quote opened in the sentence before it
        ('" We sold it , " said Quist .', "We sold it ,"),
        ('we sold it , " said Quist .', "we sold it ,"),
        ('Quist added , " we sold it .', "we sold it ."),
    ],
)
def test_quoted_words(nlp, text: str, inside: str) -> None:
    doc = nlp(text)
    assert " ".join(t.text for t in doc if t.i in quoted(doc)) == inside


DESCRIBED = ["Velor Motors", "Korso Aviation", "Marta Quist"]


def described(nlp, texts: list[str]) -> list[tuple[str, str]]:
    """(noun, target) for every definite description of the last text that points at a
    target, with kinds learned from all the texts."""
    from storyline.evaluate.semeval2015_references import description_targets
    from storyline.evaluate.semeval2015_system import TargetMatcher, corpus_kinds

    matcher = TargetMatcher(DESCRIBED, nlp)
    docs = [nlp(text) for text in texts]
    kinds = corpus_kinds(docs, matcher)
    owner = {i: s.target for s in matcher.spots(docs[-1]) for i in range(s.start, s.end)}
    return [(docs[-1][i].text, t) for i, t in sorted(description_targets(docs[-1], owner, kinds).items())]


@pytest.mark.parametrize(
    "texts, expected",
    [
        # another report calls it so: "the carmaker" is the target named last
        (["Velor Motors, the carmaker, cut jobs.", "Velor Motors sold cars. The carmaker grew."],
         [("carmaker", "Velor Motors")]),
        (["Velor Motors sold cars. The carmaker grew."], []),  # nobody called it a carmaker
        (["Chief executive Marta Quist left Korso Aviation.", "Marta Quist was ill. The executive rested."],
         [("executive", "Marta Quist")]),
        # a kind noun after a name: "the Korso Aviation plane"
        (["The Korso Aviation plane flew.", "Korso Aviation said so. The plane landed."],
         [("plane", "Korso Aviation")]),
        # an organization is "the company": the one named last
        (["Velor Motors sold cars. Korso Aviation grew. The company hired staff."],
         [("company", "Korso Aviation")]),
        # "Velor Motors spokesman" does not make Velor Motors a spokesman
        (["A Velor Motors spokesman spoke.", "Velor Motors sold cars. The spokesman smiled."], []),
    ],
)
def test_definite_descriptions(nlp, texts: list[str], expected: list[tuple[str, str]]) -> None:
    assert described(nlp, texts) == expected
