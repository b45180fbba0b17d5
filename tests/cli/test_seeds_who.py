"""Who is who on the real seeds, ingested one article at a time (the incremental path).
Reads ../shared/seeds; skipped cleanly when it is absent."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from storyline.cli import main


@pytest.fixture(scope="module")
def entities(tmp_path_factory: pytest.TempPathFactory) -> list[dict]:
    from tests.conftest import SEEDS, require

    seeds = require(SEEDS)
    folder = tmp_path_factory.mktemp("who")
    db, out, runner = str(folder / "s.db"), folder / "export.json", CliRunner()
    for path in sorted(seeds.glob("0*")):
        args = ["ingest", str(path), "--manifest", str(seeds / "manifest.jsonl"), "--db", db]
        assert runner.invoke(main, args).exit_code == 0
    assert runner.invoke(main, ["export", "--db", db, "--output", str(out)]).exit_code == 0
    return json.loads(out.read_text(encoding="utf-8"))["entities"]


def holders(entities: list[dict], pattern: str) -> list[dict]:
    return [e for e in entities if e["type"] == "PERSON"
            and any(re.search(pattern, a) for a in e["aliases"])]


def test_every_spelling_of_the_prime_minister_is_one_entity(entities: list[dict]) -> None:
    found = holders(entities, r"Abd(ul|el)?\s?[Rr]ahman")
    assert len(found) == 1, [e["aliases"] for e in found]
    aliases = set(found[0]["aliases"])
    assert {"Mohammed bin Abdul Rahman Al Thani", "Mohamed bin Abdulrahman al Thani"} <= aliases
    assert any(a.lower() == "bin abdulrahman" for a in aliases)


@pytest.mark.parametrize("other", [r"bin Salman", r"Meshal"])
def test_the_prime_minister_is_kept_apart_from_namesakes(entities: list[dict], other: str) -> None:
    prime_minister = holders(entities, r"Abd(ul|el)?\s?[Rr]ahman")[0]
    namesake = holders(entities, other)
    assert len(namesake) == 1 and namesake[0]["id"] != prime_minister["id"]


def test_two_secretaries_of_state_stay_apart(entities: list[dict]) -> None:
    blinken, rubio = holders(entities, r"Blinken"), holders(entities, r"Rubio")
    assert len(blinken) == len(rubio) == 1 and blinken[0]["id"] != rubio[0]["id"]
    # each is "the secretary" only in his own time
    for person in (blinken[0], rubio[0]):
        titles = [m["text"] for m in person["mentions"] if m["kind"] == "title"]
        assert any("ecretary" in t for t in titles), titles
    assert {r["first"][:4] for r in blinken[0]["roles"] if r["first"]} <= {"2023", "2024"}
    assert {r["first"][:4] for r in rubio[0]["roles"] if r["first"]} == {"2025"}
