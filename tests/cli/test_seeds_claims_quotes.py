"""The issue's claims and quotes acceptance on the real seeds: the figures a reader would cite
come with their total or bound, as-of date and attribution, and every direct quote of seed 001
has its speaker as a canonical entity, also after "he said". Reads ../shared/seeds; skipped
cleanly when it is absent. Expectations are names found in the store, never seed sentences."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from storyline.cli import main

pytestmark = pytest.mark.seeds


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> dict:
    from tests.conftest import SEEDS, require

    seeds = require(SEEDS)
    folder = tmp_path_factory.mktemp("seeds-claims")
    db, out, runner = str(folder / "s.db"), folder / "export.json", CliRunner()
    result = runner.invoke(main, ["ingest", str(seeds), "--manifest", str(seeds / "manifest.jsonl"), "--db", db])
    assert result.exit_code == 0, result.output
    assert runner.invoke(main, ["export", "--db", db, "--output", str(out)]).exit_code == 0
    document = json.loads(out.read_text(encoding="utf-8"))
    grouped = runner.invoke(main, ["claims", "--grouped", "--json", "--db", db])
    return {
        "articles": {Path(a["source"]).name[:3]: a for a in document["articles"]},
        "entities": {e["id"]: e for e in document["entities"]},
        "claims": document["claims"], "quotes": document["quotes"],
        "ledger": json.loads(grouped.output),
    }


def claim(store: dict, seed: str, **wanted) -> dict:
    article = store["articles"][seed]["id"]
    found = [c for c in store["claims"] if c["article"] == article
             and all(c[key] == value for key, value in wanted.items())]
    assert len(found) == 1, (wanted, [c for c in store["claims"] if c["article"] == article])
    return found[0]


def test_a_part_of_a_total_with_its_as_of_date_and_attribution(store: dict) -> None:
    article = store["articles"]["000"]
    found = claim(store, "000", value=87)
    assert found["total"] == 251
    # the sentence dates the taking, not the figure: the figure stands as of publication
    assert (found["as_of"], found["as_of_source"]) == (article["published"], "published")
    # no one is quoted for it: the article itself (it has no outlet) stands behind it
    assert found["source_basis"] == ("outlet" if article["outlet"] else "article")
    assert found["source"] == {"entity": None, "name": article["outlet"]}


def test_a_lower_bound_with_its_as_of_date_and_named_source(store: dict) -> None:
    article = store["articles"]["003"]
    found = claim(store, "003", lower=39445)
    assert found["value"] == 39445 and found["upper"] is None and "killed" in found["counts"]
    assert (found["as_of"], found["as_of_source"]) == (article["published"], "published")
    assert found["source_basis"] == "text" and found["source"]["name"] == "local health authorities"


def test_the_death_toll_moves_over_time_in_one_group(store: dict) -> None:
    toll = claim(store, "003", lower=39445)
    earlier = claim(store, "004", value=8300)
    [group] = [g for g in store["ledger"] if g["group"] == toll["group"]]
    dates = [c["as_of"] for c in group["claims"]]
    assert earlier["group"] == toll["group"] and dates == sorted(dates)
    assert group["reports"] == 2 and len(group["sources"]) == 2


def test_an_attributed_figure_names_its_canonical_source(store: dict) -> None:
    found = claim(store, "001", total=59)
    entity = store["entities"][found["source"]["entity"]]
    assert entity["type"] == "ORG" and found["source"]["name"] == entity["name"]


# Seed 001's direct quotes in text order, by the surname of who says them.
SPEAKERS_001 = ["Rubio", "Rubio", "Boehler", "Boehler", "Kallner", "Kallner", "Kallner", "Kallner",
                "Tal", "Tal", "Cohen", "Shiri", "Shiri", "Shiri"]


def test_every_quote_in_001_has_its_speaker_as_a_person(store: dict) -> None:
    article = store["articles"]["001"]["id"]
    quotes = sorted((q for q in store["quotes"] if q["article"] == article), key=lambda q: q["start"])
    speakers = [store["entities"][q["speaker"]["entity"]] if q["speaker"]["entity"] else None for q in quotes]
    assert all(s is not None and s["type"] == "PERSON" for s in speakers), [q["speaker"] for q in quotes]
    assert [s["name"].split()[-1] for s in speakers] == SPEAKERS_001
    assert all(q["speaker"]["name"] == s["name"] for q, s in zip(quotes, speakers))


def test_quotes_after_he_said_are_among_them(store: dict) -> None:
    seed = store["articles"]["001"]
    after_he = [q for q in store["quotes"] if q["article"] == seed["id"]
                and re.match(r"\W*\s*he\s+\w+", seed["text"][q["end"]:q["end"] + 12])]
    assert len(after_he) >= 5
    assert all(q["speaker"]["entity"] for q in after_he)


def test_quotes_keep_the_contract(store: dict) -> None:
    for quote in store["quotes"]:
        assert {"id", "text", "cue", "speaker", "article", "start", "end"} <= set(quote)
        assert set(quote["speaker"]) == {"entity", "name"}
        text = next(a["text"] for a in store["articles"].values() if a["id"] == quote["article"])
        assert text[quote["start"]:quote["end"]] == quote["text"]
