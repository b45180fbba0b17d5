"""entities.exact.v1: same type and normalized name -> one entity; ids stable across runs."""

from __future__ import annotations

import pytest

from storyline.models import Extraction
from storyline.resolve import resolve_entities
from storyline.resolve.entities import normalize_name

from tests.resolve.builders import extraction as build_extraction


@pytest.mark.parametrize(
    "surface, key",
    [
        ("The U.S.", "us"),
        ("U.S.", "us"),
        ("Qatar's", "qatar"),
        ("Qatar’s", "qatar"),
        ("Al-Thani", "al thani"),
        ("  Harbour   Board ", "harbour board"),
        ("the Harbour Board", "harbour board"),
    ],
)
def test_normalize_name(surface: str, key: str) -> None:
    assert normalize_name(surface) == key


def extraction(article_id: str, *mentions: tuple[str, str]) -> Extraction:
    return build_extraction(article_id, *mentions, separator=" ")


def test_variants_merge_types_stay_apart_and_numbers_are_not_entities() -> None:
    first = extraction("a", ("the Harbour Board", "ORG"), ("Harbour Board", "ORG"), ("Monday", "DATE"))
    second = extraction("b", ("Harbour Board", "ORG"))
    # an article that names a person so twice keeps its person (one use would be a tagging slip)
    third = extraction("c", ("Harbour Board", "PERSON"), ("Harbour Board", "PERSON"))
    entities = resolve_entities([first, second, third])
    ids = [m.entity_id for m in first.mentions + second.mentions + third.mentions]
    assert ids[0] == ids[1] == ids[3]  # same ORG in two articles, one id
    assert ids[2] is None  # DATE is a mention, not an entity
    assert ids[4] == ids[5] != ids[0]  # a PERSON of the same name is another entity
    assert len(entities) == 2


def test_ids_are_stable_between_runs() -> None:
    one = resolve_entities([extraction("a", ("Tom Reyes", "PERSON"))])
    two = resolve_entities([extraction("z", ("Tom Reyes", "PERSON"))])
    assert one[0].id == two[0].id
