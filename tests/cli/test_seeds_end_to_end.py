"""The issue's acceptance run, end to end: the exact ingest command on the real seed articles,
then the export contract. Reads ../shared/seeds; skipped cleanly when it is absent."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from storyline.cli import main


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    from tests.conftest import SEEDS, require

    seeds = require(SEEDS)
    folder = tmp_path_factory.mktemp("seeds")
    db, out = str(folder / "s.db"), folder / "export.json"
    runner = CliRunner()
    result = runner.invoke(main, ["ingest", str(seeds), "--manifest", str(seeds / "manifest.jsonl"), "--db", db])
    assert result.exit_code == 0, result.output
    assert runner.invoke(main, ["export", "--db", db, "--format", "json", "--output", str(out)]).exit_code == 0
    document = json.loads(out.read_text(encoding="utf-8"))
    by_file = {Path(a["source"]).name[:3]: a for a in document["articles"]}
    by_file["entities"] = document["entities"]
    return by_file


def reasons(article: dict) -> set[str]:
    return {r["reason"] for r in article["removed"]}


def test_all_five_stored(export: dict) -> None:
    assert {"000", "001", "002", "003", "004"} <= set(export)


@pytest.mark.parametrize(
    "seed, gone",
    [
        ("001", ["CLICK HERE", "first appeared on", "Purim"]),
        ("003", ["Published Date", "Modified Date", "Hezbollah leader"]),
        ("004", ["Eyepix", "REUTERS", "With information from"]),
    ],
)
def test_residue_is_gone_from_text(export: dict, seed: str, gone: list[str]) -> None:
    for probe in gone:
        assert probe not in export[seed]["text"]
        assert any(probe in r["text"] for r in export[seed]["removed"]), probe


@pytest.mark.parametrize(
    "seed, expected_reasons",
    [
        ("001", {"advertisement", "repost-footer", "byline"}),
        ("003", {"metadata", "related-links"}),
        ("004", {"photo-caption", "wire-credit"}),
    ],
)
def test_removed_lines_have_reasons(export: dict, seed: str, expected_reasons: set[str]) -> None:
    assert expected_reasons <= reasons(export[seed])


def test_real_content_stays(export: dict) -> None:
    from tests.conftest import SEEDS

    for seed in ("000", "002"):
        raw = next(SEEDS.glob(f"{seed}_*.txt")).read_text(encoding="utf-8")
        assert export[seed]["removed"] == []
        assert len(export[seed]["text"]) >= 0.95 * len(raw.strip())
    assert "Jeddah" in export["001"]["text"]  # the sub-headed section after the quotes stays


def test_metadata_and_provenance(export: dict) -> None:
    assert (export["003"]["published"], export["003"]["published_from"]) == ("2024-07-31", "text")
    assert export["001"]["authors"] == ["Joshua Marks", "Amelie Botbol"]
    assert export["001"]["outlet"] == "JNS"
    assert export["001"]["published_from"] == "metadata"
    assert export["004"]["extra"]["wire"] == "EFE"
    assert export["002"]["published"] is None and export["002"]["published_from"] is None


def test_glued_words_repaired(export: dict) -> None:
    text = export["004"]["text"]
    assert "Blinkenthanked" not in text and "Blinken thanked" in text
    assert "Thanithe" not in text and "Journalin" not in text


def test_mention_offsets_point_into_text(export: dict) -> None:
    texts = {a["id"]: a["text"] for k, a in export.items() if k != "entities"}
    mentions = [m for e in export["entities"] for m in e["mentions"]]
    assert len(mentions) > 100
    for m in mentions:
        assert texts[m["article"]][m["start"]:m["end"]] == m["text"]


@pytest.mark.parametrize(
    "seed, expression, value",
    [
        ("000", "Tuesday", "2025-01-28"),  # "on Tuesday" in an article of Tuesday 2025-01-28
        ("000", "Saturday", "2025-02-01"),  # "are to be freed on Saturday": the one after
        ("002", "December 1", "XXXX-12-01"),  # no publication date: the year stays unknown
    ],
)
def test_time_expressions_resolve_against_the_publication_date(
    export: dict, seed: str, expression: str, value: str
) -> None:
    values = {t["value"] for t in export[seed]["timexes"] if t["text"] == expression}
    assert values == {value}
