"""Mention types from a name's own words and the words around it (extract/mention_types.py)."""

from __future__ import annotations

import pytest

from storyline.config import load_settings
from storyline.errors import ConfigError
from storyline.extract.entities import SpacyEntities
from storyline.extract.mention_types import type_from_words
from storyline.lexicon import Lexicon, lexicon


@pytest.mark.parametrize(
    "text, label, expected",
    [
        # a company's form ends its name
        ("Tovari Kisen Kaisha", "PERSON", "ORG"),
        ("Varnel Ltd", "PERSON", "ORG"),
        ("Quillon Holdings", "GPE", "ORG"),
        ("Brask S.A.", "NORP", "ORG"),
        ("the Osterby Line", "PERSON", "ORG"),
        ("the Osterby Line", "FAC", "FAC"),  # a railway line is a facility
        ("Varnel Ltd", "ORG", "ORG"),
        # an organisation's head noun
        ("the Varn Port Authority", "PERSON", "ORG"),
        ("Tessel Economic Court", "WORK_OF_ART", "ORG"),
        ("West Tessel Bank", "GPE", "GPE"),  # a place may end in an organisation word
        # a water body or landform
        ("the Great Salt Marsh", "EVENT", "LOC"),
        ("the Great Salt Marsh", "FAC", "LOC"),
        ("Varn River", "PERSON", "LOC"),
        ("Lake Osterby", "PERSON", "LOC"),
        ("the Gulf War", "EVENT", "EVENT"),  # the head noun is "War"
        ("Varn Bay", "ORG", "ORG"),  # a team named after a bay stays a team
        # a town's first word
        ("Port Arlo", "PERSON", "GPE"),
        ("Fort Tessel", "FAC", "FAC"),  # may be a base
        # nothing to go on
        ("Dana Kovac", "PERSON", "PERSON"),
        ("Authority", "PERSON", "PERSON"),  # one word: no head noun to read
    ],
)
def test_type_from_own_words(text: str, label: str, expected: str) -> None:
    assert type_from_words(text, label, lexicon()) == expected


@pytest.mark.parametrize(
    "sentence, name, expected",
    [
        ("The salvage firm Tovarik Marine said the ship was free.", "Tovarik Marine", "ORG"),
        ("The tugs were sent by Tessaris, the Dutch company, on Sunday.", "Tessaris", "ORG"),
        ("The ship was freed with help from Tessaris, a Dutch salvage firm.", "Tessaris", "ORG"),
        ("Peter Smits, chief executive of Tessaris, told Dutch television that the tide would help.",
         "Tessaris", "ORG"),
        ("The convoy sailed on to Velmora after the inspection.", "Velmora", "GPE"),
        ("The ship headed north to Varnhaven, its destination.", "Varnhaven", "GPE"),
        ("The ship is owned by Tovari Kisen Kaisha of Japan.", "Tovari Kisen Kaisha", "ORG"),
        ("The tanker waited in the Great Salt Marsh for a week.", "the Great Salt Marsh", "LOC"),
        ("The goal came after a pass by defender Osei Varnak.", "Osei Varnak", "PERSON"),
        # a noun that describes people is no evidence of a company
        ("There will be pressure, said broker Dana Kovac.", "Dana Kovac", "PERSON"),
    ],
)
def test_type_from_context(nlp, sentence: str, name: str, expected: str) -> None:
    assert _labels(nlp, sentence)[name] == [expected]


def test_a_description_holds_for_the_names_other_mentions(nlp) -> None:
    text = "Peter Smits, chief executive of Tessaris, spoke. Work by Tessaris went on all night."
    assert _labels(nlp, text)["Tessaris"] == ["ORG", "ORG"]


def test_a_user_list_replaces_only_that_list() -> None:
    settings = load_settings().with_overrides({"lexicon.company_forms": ["kaisha"]})
    words = Lexicon.from_settings(settings)
    assert type_from_words("Varnel Ltd", "PERSON", words) == "PERSON"
    assert type_from_words("Tovari Kisen Kaisha", "PERSON", words) == "ORG"
    assert words.place_heads == lexicon().place_heads


def test_a_list_that_is_not_words_is_one_clear_error() -> None:
    settings = load_settings().with_overrides({"lexicon.place_heads": "lake"})
    with pytest.raises(ConfigError, match="lexicon.place_heads must be a list of words"):
        Lexicon.from_settings(settings)


def _labels(nlp, text: str) -> dict[str, list[str]]:
    doc = nlp(text)
    found: dict[str, list[str]] = {}
    for mention in SpacyEntities.mentions("t", doc, SpacyEntities.sentences("t", doc)):
        found.setdefault(mention.text, []).append(mention.label)
    return found
