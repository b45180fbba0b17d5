"""An undated article's publication date range, from the dates it states outright."""

from __future__ import annotations

import pytest

from storyline.extract.pubdate import infer_published_range
from storyline.models import Article, Timex


def timex(value: str | None, precision: str | None, anchored: bool = False, kind: str = "DATE") -> Timex:
    return Timex("a1", 0, 4, "text", kind, value, precision, anchored)


@pytest.mark.parametrize(
    "timexes, not_before",
    [
        ([timex("2031-07-30", "day"), timex("2031-05-02", "day")], "2031-07-30"),
        ([timex("2031-07", "month")], "2031-07-01"),
        ([timex("2030", "year"), timex("2029-12-31", "day")], "2030-01-01"),
        ([timex("XXXX-12-01", "day")], None),  # no year: pins nothing
        ([timex("2031-07-30", "day", anchored=True)], None),  # resolved against a date: circular
        ([timex("P3D", "day", kind="DURATION")], None),
        ([], None),
    ],
)
def test_the_latest_explicit_date_is_a_lower_bound(timexes: list[Timex], not_before: str | None) -> None:
    article = Article("a1", "t", "x", "x", "h")
    infer_published_range(article, timexes)
    assert (article.published_range or {}).get("not_before") == not_before
    assert article.published is None
    assert ("published_range" in article.provenance) == (not_before is not None)


def test_a_dated_article_gets_no_estimate() -> None:
    article = Article("a1", "t", "x", "x", "h", published="2031-01-01")
    infer_published_range(article, [timex("2031-07-30", "day")])
    assert article.published_range is None
