"""query/copies.py: the canonical article of each copy read straight from the stored rows, as
the detector chooses it, and kept per open store until an article is added."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from storyline.cli import main
from storyline.cluster.copies import CopyDetector
from storyline.query.copies import canonical_from_rows, canonical_of
from storyline.store import open_store
from tests.cluster.articles import BAKERY, BRIDGE, CHESS, make_article

TRIMMED = BRIDGE.rsplit(" The barge operator", 1)[0]


@pytest.mark.parametrize(
    "articles",
    [
        # the earliest published is canonical; undated ones rank last; then the longest
        [("a", BRIDGE, "2024-05-08"), ("b", BRIDGE + " (Wirewatch)", "2024-05-07"), ("c", CHESS, None)],
        [("a", TRIMMED, None), ("b", BRIDGE, None), ("c", BAKERY, "2024-05-07")],
        [("a", BRIDGE, None), ("b", TRIMMED, "2024-05-09"), ("c", BRIDGE + " (Wirewatch)", "2024-05-09")],
        [("a", CHESS, None), ("b", BAKERY, None)],  # no copies at all
    ],
)
def test_the_rows_give_the_detectors_canonical(articles: list) -> None:
    detector = CopyDetector()
    for title, text, published in articles:
        detector.add(make_article(text, title=title, published=published))
    expected = {m: g.canonical for g in detector.groups() for m in g.articles}
    assert canonical_from_rows(detector.to_rows()) == expected
    assert canonical_from_rows({}) == {}


def ingest(folder, db: str, name: str, text: str) -> None:
    (folder / name).write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["ingest", str(folder / name), "--db", db])
    assert result.exit_code == 0, result.output


def test_kept_per_open_store_until_an_article_is_added(tmp_path) -> None:
    db = str(tmp_path / "s.db")
    ingest(tmp_path, db, "a.txt", "Barge hits bridge\n\n" + BRIDGE)
    ingest(tmp_path, db, "b.txt", "Bridge struck\n\n" + TRIMMED)
    with open_store(db) as store:
        first = canonical_of(store)
        assert len(first) == 2 and len(set(first.values())) == 1
        assert canonical_of(store) is first  # read once for this state of the store
        ingest(tmp_path, db, "c.txt", "Bridge collapse\n\n" + BRIDGE + " (Wirewatch)")
        again = canonical_of(store)
        assert len(again) == 3 and len(set(again.values())) == 1  # one group, now of three
