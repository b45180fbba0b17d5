"""One name, one type (resolve/types.py) and bare head words joining their full name."""

from __future__ import annotations

import pytest

from storyline.models import Entity, Extraction
from storyline.resolve import resolve_entities
from storyline.resolve.types import vote_types

from tests.resolve.builders import extraction as build_extraction


def extraction(article_id: str, *mentions: tuple[str, str]) -> Extraction:
    return build_extraction(article_id, *mentions, separator=" ")


def labels(articles: list[list[tuple[str, str]]], known: list[Entity] = ()) -> list[list[str]]:
    extractions = [extraction(f"a{i}", *mentions) for i, mentions in enumerate(articles)]
    vote_types(extractions, known)
    return [[m.label for m in x.mentions] for x in extractions]


@pytest.mark.parametrize(
    "articles, expected",
    [
        # a lone slip takes the label of the name's other mentions
        ([[("Varnel Shipmanagement", "ORG")], [("Varnel Shipmanagement", "ORG")],
          [("Varnel Shipmanagement", "PERSON")]],
         [["ORG"], ["ORG"], ["ORG"]]),
        # ... compared without a company form, an article or a possessive
        ([[("Tovari Kisen Kaisha", "ORG"), ("the Tovari Kisen Kaisha's", "ORG")],
          [("Tovari Kisen", "PERSON")]],
         [["ORG", "ORG"], ["ORG"]]),
        ([[("Varnhaven", "GPE")], [("Varnhaven", "GPE")], [("Varnhaven", "PERSON")]],
         [["GPE"], ["GPE"], ["GPE"]]),
        ([[("Tessaris", "ORG"), ("Tessaris", "ORG")], [("Tessaris", "GPE")]],
         [["ORG", "ORG"], ["ORG"]]),
        # an article that names a person so twice keeps its person
        ([[("Harbour Board", "ORG"), ("Harbour Board", "ORG")], [("Harbour Board", "ORG")],
          [("Harbour Board", "PERSON"), ("Harbour Board", "PERSON")]],
         [["ORG", "ORG"], ["ORG"], ["PERSON", "PERSON"]]),
        # a word of a person's full name never swaps to or from PERSON
        ([[("Dana Kovac", "PERSON"), ("Kovac", "PERSON")], [("Kovac", "ORG")], [("Kovac", "ORG")]],
         [["PERSON", "PERSON"], ["ORG"], ["ORG"]]),
        # a tie changes nothing
        ([[("Osterby", "ORG")], [("Osterby", "GPE")]], [["ORG"], ["GPE"]]),
    ],
)
def test_a_name_takes_its_majority_label(articles, expected) -> None:
    assert labels(articles) == expected


def test_a_stored_entity_votes_with_its_spellings() -> None:
    stored = Entity("a1", "Varnel Shipping", "ORG", ["Varnel Shipping", "the Varnel Shipping's"])
    assert labels([[("Varnel Shipping", "PERSON")]], [stored]) == [["ORG"]]


@pytest.mark.parametrize(
    "article, joined",
    [
        # the one full name it heads, before or after it
        ([("Varn Port Authority", "ORG"), ("Authority", "ORG")], [0, 0]),
        ([("Authority", "ORG"), ("the Varn Port Authority", "ORG")], [1, 1]),
        ([("Ministry of Fisheries", "ORG"), ("Ministry", "ORG")], [0, 0]),
        ([("Tessel Shipping Company", "ORG"), ("the Company", "ORG")], [0, 0]),
        ([("the Varn Strip", "GPE"), ("Strip", "LOC")], [0, 0]),
        # two full names: a reference nobody can resolve here, not a name
        ([("Varn Port Authority", "ORG"), ("Tessel Water Authority", "ORG"), ("Authority", "ORG")],
         [0, 1, None]),
        # none: a name of its own ("the Senate")
        ([("Senate", "ORG"), ("Court", "ORG")], [0, 1]),
    ],
)
def test_a_bare_head_word_joins_the_one_full_name(article, joined) -> None:
    x = extraction("a", *article)
    resolve_entities([x])
    ids = [m.entity_id for m in x.mentions]
    assert [i is None for i in ids] == [j is None for j in joined]
    # mentions share an id exactly when the table joins them
    assert len({(i, j) for i, j in zip(ids, joined)}) == len(set(ids)) == len(set(joined))


def test_bare_head_words_of_two_articles_stay_with_their_own_names() -> None:
    first = extraction("a", ("Varn Port Authority", "ORG"), ("Authority", "ORG"))
    second = extraction("b", ("Tessel Water Authority", "ORG"), ("Authority", "ORG"))
    entities = resolve_entities([first, second])
    assert sorted(e.name for e in entities) == ["Tessel Water Authority", "Varn Port Authority"]
    assert first.mentions[1].entity_id == first.mentions[0].entity_id
    assert second.mentions[1].entity_id == second.mentions[0].entity_id


@pytest.mark.parametrize(
    "first, second, same",
    [
        (("Varnians", "NORP"), ("Varnian", "NORP"), True),  # the people and their adjective
        (("Tovari Kisen Kaisha", "ORG"), ("Tovari Kisen", "ORG"), True),
        (("Quillon Lines", "ORG"), ("Quillon", "ORG"), True),
        (("Varnian", "NORP"), ("Varnia", "GPE"), False),
    ],
)
def test_spellings_of_one_name(first, second, same: bool) -> None:
    a, b = extraction("a", first), extraction("b", second)
    resolve_entities([a, b])
    assert (a.mentions[0].entity_id == b.mentions[0].entity_id) is same


def test_the_display_name_is_the_most_written_full_form() -> None:
    articles = [extraction("a", ("Tovari Kisen Kaisha", "ORG")),
                extraction("b", ("Tovari Kisen Kaisha", "ORG")),
                extraction("c", ("Tovari Kisen", "ORG"))]
    [entity] = resolve_entities(articles)
    assert entity.name == "Tovari Kisen Kaisha" and entity.type == "ORG"
