"""A country's demonym, other name or possessive at the front of an organisation's name folds
to the country (resolve/names.fold_country, storyline/countries.py); invented organisations."""

from __future__ import annotations

import pytest

from storyline.countries import country_rows, country_words
from storyline.errors import ConfigError
from storyline.resolve.aliases import AliasResolver
from storyline.resolve.names import parse_name, words_of

from tests.resolve.builders import extraction


@pytest.mark.parametrize(
    "a, b",
    [
        ("Qatari Pearl Trade Directorate", "Qatar's Pearl Trade Directorate"),
        ("the Qatari Pearl Trade Directorate", "Qatar Pearl Trade Directorate"),
        ("Qatari Pearl Trade Directorate", "Qatar’s Pearl Trade Directorate"),
        ("British Kelp Council", "Britain's Kelp Council"),
        ("UK Kelp Council", "United Kingdom Kelp Council"),
        ("Emirati Falconry Authority", "the United Arab Emirates' Falconry Authority"),
        ("South Korean Ferry Board", "South Korea's Ferry Board"),
        ("Ivorian Cocoa Exchange", "Cote d'Ivoire's Cocoa Exchange"),
        ("Dutch Dyke Agency", "Netherlands Dyke Agency"),
        ("U.S. Lighthouse Bureau", "American Lighthouse Bureau"),
    ],
)
def test_a_demonym_and_the_country_name_one_organisation(a: str, b: str) -> None:
    assert parse_name(a, "ORG").key == parse_name(b, "ORG").key


@pytest.mark.parametrize(
    "surface, label, key",
    [
        ("Qatari Pearl Trade Directorate", "ORG", "qatar pearl trade directorate"),
        ("Egyptian", "NORP", "egyptian"),  # a people is not its country
        ("Egyptians", "NORP", "egyptian"),
        ("Egypt", "GPE", "egypt"),
        ("Egyptian Desert Plateau", "LOC", "egyptian desert plateau"),  # a place keeps its words
        ("Qatari", "ORG", "qatari"),  # a demonym alone stays what it is
        ("Central African Republic", "ORG", "central african republic"),  # the longest lead
        ("Central African Grain Board", "ORG", "central african republic grain board"),
        ("Korean Kite Union", "ORG", "korean kite union"),  # two Koreas: neither
        ("Congolese River Guild", "ORG", "congolese river guild"),  # two Congos: neither
        ("Velorian Salt Works", "ORG", "velorian salt works"),  # no country of ours
    ],
)
def test_what_folds_and_what_does_not(surface: str, label: str, key: str) -> None:
    assert parse_name(surface, label).key == key


def test_both_spellings_are_one_entity_and_the_people_and_country_stay_apart() -> None:
    first = extraction("a", ("Qatari Pearl Trade Directorate", "ORG"), ("Qatari", "NORP"))
    second = extraction("b", ("Qatar's Pearl Trade Directorate", "ORG"), ("Qatar", "GPE"))
    AliasResolver()([first, second])
    directorate, people = [m.entity_id for m in first.mentions]
    same_directorate, country = [m.entity_id for m in second.mentions]
    assert directorate == same_directorate
    assert len({directorate, people, country}) == 3


def test_every_country_has_a_name_and_demonyms_shared_by_two_are_left_out() -> None:
    rows = country_rows()
    table = country_words(words_of)
    assert len(rows) >= 190 and all(name and demonyms for name, _, demonyms in rows)
    assert (table[("egyptian",)], ("korean",) in table) == (("egypt",), False)


@pytest.mark.parametrize("text", ["Velor\tVelorian", "\t\tVelorian"])
def test_a_malformed_line_is_refused(text: str) -> None:
    with pytest.raises(ConfigError, match="line 1"):
        country_rows(text)
