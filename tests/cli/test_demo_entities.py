"""The demo's entity table, read as an analyst would: the main entities with the right types,
each once, and no entity that is only a bare head word ("Authority"); its other spellings are
not the name again with "the" or "'s"."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from storyline.cli import main
from storyline.lexicon import lexicon
from storyline.render import other_spellings

MAIN_ENTITIES = [
    ("Suez Canal Authority", "ORG"),
    ("Osama Rabie", "PERSON"),
    ("Egypt", "GPE"),
    ("Shoei Kisen Kaisha", "ORG"),
    ("Boskalis", "ORG"),
    ("Great Bitter Lake", "LOC"),
    ("Ismailia", "GPE"),
    ("Bernhard Schulte Shipmanagement", "ORG"),
    ("Peter Berdowski", "PERSON"),
    ("Evergreen Marine Corp.", "ORG"),
    ("Abdel Fattah el-Sisi", "PERSON"),
    ("Port Said", "GPE"),
    ("Lloyd's List", "ORG"),
    ("Rotterdam", "GPE"),
    ("Ever Given", "PRODUCT"),  # NER misses it: "the container vessel Ever Given"
    ("Mashhour", "PRODUCT"),
]


@pytest.fixture(scope="module")
def demo_entities(tmp_path_factory) -> list[dict]:
    db = str(Path(tmp_path_factory.mktemp("demo")) / "demo.db")
    runner = CliRunner()
    assert runner.invoke(main, ["demo", "--db", db], catch_exceptions=False).exit_code == 0
    result = runner.invoke(main, ["entities", "--db", db, "--json"], catch_exceptions=False)
    return json.loads(result.output)


@pytest.mark.parametrize("name, kind", MAIN_ENTITIES)
def test_a_main_entity_is_listed_once_with_its_type(demo_entities, name: str, kind: str) -> None:
    found = [e for e in demo_entities if e["name"] == name]
    assert [e["type"] for e in found] == [kind], found


@pytest.mark.parametrize("name, kind", MAIN_ENTITIES)
def test_no_shorter_spelling_is_an_entity_of_its_own(demo_entities, name: str, kind: str) -> None:
    words = name.split()
    parts = {" ".join(words[:i]) for i in range(1, len(words))}  # "Shoei Kisen", "Evergreen"
    assert not [e for e in demo_entities if e["name"] in parts and e["type"] == kind]


def test_no_entity_is_a_bare_head_word(demo_entities) -> None:
    heads = lexicon().organization_heads | lexicon().company_forms
    assert not [e["name"] for e in demo_entities if e["name"].casefold() in heads]


@pytest.mark.parametrize(
    "name, aliases, others",
    [
        ("Varn Port Authority", ["the Varn Port Authority's", "Authority", "The Varn Port Authority"],
         ["Authority"]),
        ("Tovari Ltd.", ["Tovari Ltd", "TOVARI LTD.", "Tovari"], ["Tovari"]),
        ("Dana Kovac", ["Kovac", "kovac", "Dana Kovač"], ["Kovac", "Dana Kovač"]),
    ],
)
def test_other_spellings_are_not_the_name_with_an_article_or_possessive(name, aliases, others) -> None:
    assert other_spellings(name, aliases) == others


def test_the_timeline_names_the_ship_by_one_actor(tmp_path: Path) -> None:
    """Reports that never say "the ship" of it still name the ship the others introduced:
    the timeline shows its entity, never "the Ever Given" and "The Ever Given" as two."""
    db = str(tmp_path / "demo.db")
    runner = CliRunner()
    assert runner.invoke(main, ["demo", "--db", db], catch_exceptions=False).exit_code == 0
    timeline = json.loads(runner.invoke(main, ["timeline", "--db", db, "--json"],
                                        catch_exceptions=False).output)
    actors = [a for group in timeline.values() for event in group for a in event["actors"]]
    ship = {(a["name"], a["entity"]) for a in actors if "Ever Given" in a["name"]}
    assert len(ship) == 1 and next(iter(ship))[0] == "Ever Given", ship
