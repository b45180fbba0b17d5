"""roles.rules.v1: offices before and after names, titles used as names, "he said" (invented text)."""

from __future__ import annotations

import pytest

from storyline.extract.entities import SpacyEntities
from storyline.extract.roles import RuleRoles
from storyline.models import Article


def run(nlp, text: str, published: str | None = "2031-05-06"):
    article = Article("a1", "t", text, text, "h1", published=published)
    doc = nlp(text)
    sentences, mentions = SpacyEntities()(article, doc)
    roles, references = RuleRoles()(article, doc, sentences, mentions)
    holder = lambda start: text[start:].split(",")[0].split(" met")[0].split(" said")[0]  # noqa: E731
    return ([(r.title, r.qualifier, holder(r.holder_start), r.date) for r in roles],
            [(m.kind, m.text, None if m.antecedent is None else holder(m.antecedent)) for m in references])


@pytest.mark.parametrize(
    "text, expected",
    [
        ("French Foreign Minister Paul Garnier met reporters in Lyon.",
         [("foreign minister", "french", "Paul Garnier", "2031-05-06")]),
        ("Paul Garnier, the French foreign minister, met reporters.",
         [("foreign minister", "french", "Paul Garnier", "2031-05-06")]),
        ("Kenyan Prime Minister and Finance Minister Daniel Otieno spoke on Monday.",
         [("prime minister", "kenyan", "Daniel Otieno spoke on Monday.", "2031-05-06"),
          ("finance minister", "kenyan", "Daniel Otieno spoke on Monday.", "2031-05-06")]),
        ("The Finance Minister of Kenya, Daniel Otieno said the deal was done.",
         [("finance minister", "kenya", "Daniel Otieno", "2031-05-06")]),
    ],
)
def test_roles_before_and_after_a_name(nlp, text: str, expected: list) -> None:
    assert run(nlp, text)[0] == expected


@pytest.mark.parametrize(
    "text",
    [
        "Former Foreign Minister Paul Garnier met reporters in Lyon.",
        "The then-Foreign Minister Paul Garnier met reporters in Lyon.",
    ],
)
def test_a_title_of_another_time_gives_no_role(nlp, text: str) -> None:
    assert run(nlp, text)[0] == []


def test_an_undated_article_gives_undated_roles(nlp) -> None:
    roles, _ = run(nlp, "French Foreign Minister Paul Garnier met reporters.", published=None)
    assert [r[3] for r in roles] == [None]


def test_titles_and_pronouns_point_at_the_holder(nlp) -> None:
    text = ("French Foreign Minister Paul Garnier met Kenyan Ambassador Daniel Otieno in Lyon. "
            "The minister thanked the ambassador. He said talks would go on.")
    _, references = run(nlp, text)
    assert [(kind, words, holder[:12]) for kind, words, holder in references] == [
        ("title", "The minister", "Paul Garnier"),
        ("title", "the ambassador", "Daniel Otien"),
        ("pronoun", "He", "Paul Garnier"),  # the latest person who was a subject
    ]


def test_a_title_with_no_holder_in_the_article_stays_open(nlp) -> None:
    _, references = run(nlp, "The ambassador declined to comment on the talks.")
    assert references == [("title", "The ambassador", None)]


def test_he_said_after_long_quotes_reaches_the_speaker_through_the_last_he(nlp) -> None:
    text = ("Lawmaker Daniel Otieno told reporters on Monday that the plan would fail.\n"
            "“The only way forward is to talk. Nothing else will work,” he said.\n"
            "“We tried that in Phase I. It failed. Then we tried it again. It failed again. "
            "After that, nobody listened,” he added.\n")
    _, references = run(nlp, text)
    speakers = [(words, holder[:13]) for kind, words, holder in references if kind == "pronoun"]
    assert speakers == [("he", "Daniel Otieno"), ("he", "Daniel Otieno")]

