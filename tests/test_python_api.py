"""The public Python API and the per-article pure function, on real files and a real store."""

from __future__ import annotations

from pathlib import Path

from storyline import Storyline
from storyline.models import RawArticle
from storyline.pipeline import process_article

TEXT = """Bridge reopens after repairs
The Kestrel Bridge in Northhaven reopened to traffic on Monday after six weeks of repairs, the city council said.
Engineer Lina Berg said the work finished two days early.
"""


def test_ingest_and_read_through_the_python_api(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "bridge.txt").write_text(TEXT, encoding="utf-8")
    with Storyline(tmp_path / "api.db") as sl:
        report = sl.ingest([str(tmp_path / "in")])
        again = sl.ingest([str(tmp_path / "in")])
        [article] = sl.articles()
        assert report.ok and len(report.ingested) == 1 and again.ingested == []
        assert article.title == "Bridge reopens after repairs"
        assert sl.article(article.id).text == article.text
        assert "Lina Berg" in {e.entity.name for e in sl.entities(type="PERSON")}
        assert [hit.article_id for hit in sl.search("bridge")] == [article.id]


def test_process_article_is_a_pure_function_of_the_article(settings) -> None:
    raw = RawArticle(source="bridge.txt", text=TEXT, kind="txt", metadata={"published": "2024-05-06"})
    first, second = process_article(raw, settings), process_article(raw, settings)
    assert first == second
    monday = [t for t in first.timexes if t.text == "Monday"]
    assert [t.value for t in monday] == ["2024-05-06"]
    for fact in (*first.mentions, *first.timexes):
        assert first.article.text[fact.start:fact.end] == fact.text
