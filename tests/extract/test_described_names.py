"""Names NER misses, told by the noun that introduces them (extract/described_names.py)."""

from __future__ import annotations

import pytest

from storyline.extract.entities import SpacyEntities


def _labels(nlp, text: str) -> list[tuple[str, str]]:
    doc = nlp(text)
    return [(m.text, m.label) for m in SpacyEntities.mentions("t", doc,
                                                             SpacyEntities.sentences("t", doc))]


@pytest.mark.parametrize(
    "text, name, count",
    [
        # a descriptor noun right before the name
        ("The container vessel Ever Given ran aground on Tuesday.", "Ever Given", 1),
        ("The tanker Varn Altair caught fire off the coast.", "Varn Altair", 1),
        ("Crews on the dredger Osterby dug out the bow.", "Osterby", 1),
        # a descriptor in apposition after it; the article's other uses are the same name
        ("Tugs worked to free the Ever Given, the giant container ship that blocked the canal. "
         "The Ever Given was refloated on Monday. Tugs then pulled Ever Given north.",
         "Ever Given", 3),
        ("Officials inspected the Tessel Dawn, a bulk freighter, at anchor.", "Tessel Dawn", 1),
    ],
)
def test_a_described_name_is_a_product_each_time(nlp, text: str, name: str, count: int) -> None:
    assert _labels(nlp, text).count((name, "PRODUCT")) == count


@pytest.mark.parametrize(
    "text, not_a_name",
    [
        ("Officials said the ship Egypt seized in April was released.", "Egypt"),  # a place
        ("The ship Monday was seized.", "Monday"),  # a date
        ("The vessel Rotterdam-bound was stuck.", "Rotterdam"),  # where it goes
        ("Dana Kovac, a ship broker, said the deal was off.", "Dana Kovac"),  # "ship" modifies
        ("Varnel Osk, the ship's owner, said the deal was off.", "Varnel Osk"),  # the owner
        ("The ships Osterby sent were late.", "Osterby"),  # a plural names no one thing
        ("In March, the ship sailed north.", "March"),
    ],
)
def test_no_name_without_a_descriptor_that_names_it(nlp, text: str, not_a_name: str) -> None:
    assert (not_a_name, "PRODUCT") not in _labels(nlp, text)


def test_a_longer_name_holding_the_words_is_another_name(nlp) -> None:
    labels = _labels(nlp, "The tug Osterby towed the barge. The Osterby Harbour Board paid.")
    assert labels.count(("Osterby", "PRODUCT")) == 1
