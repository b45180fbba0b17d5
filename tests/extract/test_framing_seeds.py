"""The issue's framing checks on the five real seed articles (skipped without ../shared/seeds)."""

from __future__ import annotations

import pytest

from storyline.clean import clean_article
from storyline.extract.framing import FramingTerms, group_referents, outlet_summary, outlets_labeling
from storyline.models import FramingTerm, RawArticle
from tests.conftest import SEEDS, require

pytestmark = pytest.mark.seeds


@pytest.fixture(scope="module")
def seed_rows(nlp) -> list[FramingTerm]:
    folder = require(SEEDS)
    rows: list[FramingTerm] = []
    for path in sorted(folder.glob("[0-9][0-9][0-9]_*.txt")):
        article = clean_article(RawArticle(str(path), path.read_text(encoding="utf-8"), kind="txt"))
        article.outlet = path.name[:3]  # the seed number stands for the outlet in these checks
        rows.extend(FramingTerms()(article, nlp(article.text)))
    return group_referents(rows)


def _word_choices(summary: dict, referent: str) -> dict[str, set[str]]:
    return {outlet: {term.split()[-1] for term in terms} for outlet, terms in summary[referent].items()}


def test_002_says_detainees_where_the_others_say_hostages(seed_rows) -> None:
    referent = next(r.referent for r in seed_rows if r.article_id and r.term == "hostage")
    choices = _word_choices(outlet_summary(seed_rows), referent)
    assert "detainee" in choices["002"] and "hostage" not in choices["002"]
    others = {outlet for outlet, words in choices.items() if outlet != "002" and "hostage" in words}
    assert len(others) >= 3


@pytest.mark.parametrize(
    "outlet, calls_terrorist",
    [("000", True), ("001", True), ("002", False), ("003", False)],
)
def test_outlets_labelling_hamas_terrorist_are_told_apart(seed_rows, outlet: str, calls_terrorist: bool) -> None:
    assert (outlet in outlets_labeling(seed_rows, "hamas", "terrorist")) is calls_terrorist
