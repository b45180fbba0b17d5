"""The claims ledger and quotes of the bundled demo corpus against the golden table of every
figure and quote we are sure of (tests/extract/golden/demo_ledger.jsonl, scored by
tests/extract/demo_golden.py). The floors sit just under what the rules measured when they
were written alongside this table: a regression guard, not an accuracy estimate."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from storyline.cli import main
from tests.extract.demo_golden import export, load_golden, score_claims, score_quotes, summary


@pytest.fixture(scope="module")
def scores(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, dict]:
    folder = tmp_path_factory.mktemp("demo-ledger")
    db = str(folder / "demo.db")
    result = CliRunner().invoke(main, ["demo", "--db", db])
    assert result.exit_code == 0, result.output
    document, golden = export(db, folder), load_golden()
    return score_claims(document, golden), score_quotes(document, golden)


def test_figures_values_counts_dates_and_sources(scores, record_property) -> None:
    claims, quotes = scores
    record_property("summary", summary(claims, quotes))
    assert claims["hits"] >= claims["gold"] - 2, claims["errors"]
    assert claims["hits"] >= claims["predicted"] - 2, claims["spurious"]
    for field, checked in (("counts_ok", "hits"), ("as_of_ok", "as_of_checked"), ("source_ok", "source_checked")):
        assert claims[field] >= 0.9 * claims[checked], (field, claims["errors"])


def test_one_quantity_one_group(scores) -> None:
    claims, _ = scores
    assert claims["pairs_both"] >= 0.9 * claims["pairs_found"], claims["errors"]  # no mixed groups
    assert claims["pairs_both"] >= 0.7 * claims["pairs_gold"], claims["errors"]  # few split ones


def test_every_quote_with_its_speaker(scores) -> None:
    _, quotes = scores
    assert quotes["hits"] == quotes["gold"] and quotes["predicted"] == quotes["hits"], quotes["wrong"]
    assert quotes["speaker_ok"] >= quotes["gold"] - 1, quotes["errors"]
