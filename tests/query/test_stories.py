"""Stories over a real store: coverage counts independent reports, a copy counts once
(invented articles; one is a lightly edited copy of another in a second outlet)."""

from __future__ import annotations

import pytest

from storyline.query.export import build_export
from storyline.query.stories import list_copies, list_stories, story_detail
from storyline.store import open_store
from tests.query.test_ledger import db  # noqa: F401  (the fixture: four articles, one copy)


@pytest.fixture(scope="module")
def found(db: str) -> dict:  # noqa: F811
    with open_store(db) as store:
        [group] = list_copies(store)
        stories = list_stories(store)
        event = next(s for s in stories if s["level"] == "event" and group["canonical"] in s["articles"])
        return {"group": group, "stories": stories, "event": event,
                "detail": story_detail(store, event["id"]), "export": build_export(store)["stories"]}


def independent(articles: list[str], group: dict) -> int:
    copies = set(group["articles"]) - {group["canonical"]}
    return len(set(articles) - copies)


@pytest.mark.parametrize("where", ["list", "detail", "export"])
def test_a_copy_is_no_independent_report(found: dict, where: str) -> None:
    group, event = found["group"], found["event"]
    assert set(group["articles"]) <= set(event["articles"])  # the copy sits in its original's event
    row = {"list": event, "detail": found["detail"],
           "export": next(s for s in found["export"] if s["id"] == event["id"])}[where]
    assert row["independent_reports"] == independent(row["articles"], group)
    assert row["independent_reports"] == len(row["articles"]) - 1


def test_every_story_counts_its_copies_once(found: dict) -> None:
    for story in found["stories"]:
        assert story["independent_reports"] == independent(story["articles"], found["group"])


def test_the_detail_marks_the_copy(found: dict) -> None:
    group = found["group"]
    marked = {row["id"]: row["copy_of"] for row in found["detail"]["article_rows"]}
    assert {a: c for a, c in marked.items() if c} == {
        a: group["canonical"] for a in group["articles"] if a != group["canonical"]}
