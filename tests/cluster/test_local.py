"""cluster/local.py: terms common within a storyline count for less at the event level."""

from __future__ import annotations

import pytest

from storyline.cluster.local import LocalSettings, LocalTerms

SETTINGS = LocalSettings(alpha=1.0, prior=2.0, max_terms=3)


def table(*articles: set[str]) -> LocalTerms:
    local = LocalTerms()
    for terms in articles:
        local.add(terms, SETTINGS)
    return local


@pytest.mark.parametrize(
    "articles, term, scale",
    [
        ([{"w:quake"}, {"w:quake"}], "w:quake", 0.5),  # in 2 of 2 (+2 prior): half weight
        ([{"w:quake"}, {"w:quake", "e:orlan"}], "e:orlan", 0.75),
        ([{"w:quake"}, {"w:quake"}], "e:never", 1.0),
        ([], "w:quake", 1.0),  # an empty storyline discounts nothing
    ],
)
def test_scale_falls_with_the_share_of_articles_holding_a_term(articles, term, scale) -> None:
    assert table(*articles).scale(term, SETTINGS) == pytest.approx(scale)


def test_the_table_stays_bounded_and_keeps_the_most_frequent_terms() -> None:
    local = table(*({"w:common", f"w:rare{i}"} for i in range(10)))
    assert len(local.counts) <= 2 * SETTINGS.max_terms
    assert local.counts["w:common"] == 10 and local.documents == 10


def test_merging_adds_documents_and_counts() -> None:
    left, right = table({"w:a"}, {"w:a", "w:b"}), table({"w:b"})
    left.merge(right, SETTINGS)
    assert (left.documents, left.counts) == (3, {"w:a": 2, "w:b": 2})
