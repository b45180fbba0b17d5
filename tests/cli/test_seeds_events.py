"""Events on the real seeds, through the CLI: the issue's acceptance for the timeline.

The four US-Qatar phone calls are four CONSULT events, each with its own date (none for the one
whose article has none); the later secretary's two calls on one day are two events; the
timeline's JSON has the export contract's shape. People are found the way a user finds them,
through ``storyline entity``. Reads ../shared/seeds; skipped cleanly when it is absent.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from storyline.cli import main

pytestmark = pytest.mark.seeds

EVENT_KEYS = {"id", "type", "mode", "date", "date_precision", "modality", "actors", "place",
              "articles", "evidence"}


class Seeds:
    """One store built from the seeds with their manifest, and the CLI's answers about it."""

    def __init__(self, db: str) -> None:
        self.db, self.runner = db, CliRunner()
        self.timeline = self.ask("timeline")
        articles = self.ask("articles")
        self.seed_of = {a["id"]: Path(a["source"]).name[:3] for a in articles}
        self.text_of = {a["id"]: self.ask("show", a["id"])["text"] for a in articles}

    def ask(self, *args: str):
        result = self.runner.invoke(main, [*args, "--json", "--db", self.db])
        assert result.exit_code == 0, result.output
        return json.loads(result.output)

    def entities(self, name: str, type_: str | None = None) -> set[str]:
        found = self.ask("entity", name, *(["--type", type_] if type_ else []))
        return {e["id"] for e in found}

    def events(self) -> list[dict]:
        return self.timeline["dated"] + self.timeline["undated"]


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> Seeds:
    from tests.conftest import SEEDS, require

    folder = require(SEEDS)
    db = str(tmp_path_factory.mktemp("events") / "s.db")
    args = ["ingest", str(folder), "--manifest", str(folder / "manifest.jsonl"), "--db", db]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    return Seeds(db)


def takes_part(event: dict, entities: set[str]) -> bool:
    return any(a["entity"] in entities for a in event["actors"])


def us_qatar_calls(seeds: Seeds) -> list[tuple[str, list[str], str | None, str]]:
    """(secretary, seed files, date, id) of each CONSULT between a secretary and Qatar's side."""
    qatar = seeds.entities("Abdulrahman", "PERSON") | seeds.entities("Qatar", "GPE")
    found = []
    for secretary in ("Blinken", "Rubio"):
        people = seeds.entities(secretary)
        found += [(secretary, sorted({seeds.seed_of[a] for a in e["articles"]}), e["date"], e["id"])
                  for e in seeds.events() if e["type"] == "CONSULT"
                  and takes_part(e, people) and takes_part(e, qatar)]
    return sorted(found, key=lambda call: (call[0], call[1]))


def test_four_us_qatar_calls_each_with_its_own_date(seeds: Seeds) -> None:
    calls = us_qatar_calls(seeds)
    assert [call[:3] for call in calls] == [
        ("Blinken", ["002"], None),  # its article has no date
        ("Blinken", ["003"], "2024-07-31"),
        ("Blinken", ["004"], "2023-10-30"),
        ("Rubio", ["000"], "2025-01-28"),
    ]
    assert len({call[3] for call in calls}) == 4  # no two merged


def test_the_undated_call_is_listed_apart(seeds: Seeds) -> None:
    undated = {e["id"] for e in seeds.timeline["undated"]}
    assert [call[3] in undated for call in us_qatar_calls(seeds)] == [True, False, False, False]


def test_two_calls_on_one_day_are_two_events(seeds: Seeds) -> None:
    rubio = seeds.entities("Rubio")
    that_day = [e for e in seeds.timeline["dated"] if e["type"] == "CONSULT" and e["mode"] == "phone"
                and e["date"] == "2025-01-28" and takes_part(e, rubio)]
    assert len(that_day) == 2
    assert len({e["id"] for e in that_day}) == 2
    assert {name for e in that_day for name in e["articles"]} == {
        a for a, seed in seeds.seed_of.items() if seed == "000"}


def test_timeline_json_has_the_contract_shape(seeds: Seeds) -> None:
    assert set(seeds.timeline) == {"dated", "undated"}
    assert all(e["date"] for e in seeds.timeline["dated"])
    assert not any(e["date"] for e in seeds.timeline["undated"])
    dates = [e["date"] for e in seeds.timeline["dated"]]
    assert dates == sorted(dates)
    for event in seeds.events():
        assert set(event) == EVENT_KEYS
        assert all(set(a) == {"entity", "name", "role"} for a in event["actors"])
        assert event["articles"] == sorted({e["article"] for e in event["evidence"]})
        for evidence in event["evidence"]:
            assert set(evidence) == {"article", "sentence", "start", "end"}
            trigger = seeds.text_of[evidence["article"]][evidence["start"]:evidence["end"]]
            assert trigger and trigger in evidence["sentence"]
