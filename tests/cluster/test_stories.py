"""stories.incremental.v1, v2 and v3: events and storylines, built one article at a time."""

from __future__ import annotations

import pytest

from storyline import registry
from storyline.cluster.stories import SplittingStoryClusterer, StoryClusterer
from storyline.cluster.stories_v3 import RegroupingStoryClusterer
from storyline.errors import ConfigError, NotFoundError
from tests.cluster.articles import (
    BAKERY, BRIDGE, BRIDGE_FOLLOWUP, BRIDGE_THIRD, CHESS, CHESS_FOLLOWUP, make_article,
)

STREAM = [
    make_article(BRIDGE, "Barge hits Varnel Bridge", "2024-05-07"),
    make_article(CHESS, "Wielgor wins Lindenau Open", "2024-05-12"),
    make_article(BRIDGE_FOLLOWUP, "More cracks found", "2024-05-09"),
    make_article(BAKERY, "Last loaf on Quellen Street", "2024-05-11"),
    make_article(CHESS_FOLLOWUP, "Marlow proud of second place", "2024-05-13"),
    make_article(BRIDGE_THIRD, "Ferries replace bridge", "2024-05-12"),
]
BY_NAME = dict(zip(["bridge", "chess", "bridge2", "bakery", "chess2", "bridge3"], STREAM))
VERSIONS = pytest.mark.parametrize("version", [StoryClusterer, SplittingStoryClusterer, RegroupingStoryClusterer],
                                   ids=["v1", "v2", "v3"])


def event_groups(clusterer: StoryClusterer) -> list[list[str]]:
    return [story.articles for story in clusterer.stories("event")]


@pytest.mark.parametrize(
    "first, second, same_event",
    [
        ("bridge", "bridge2", True),
        ("bridge", "bridge3", True),
        ("chess", "chess2", True),
        ("bridge", "chess", False),
        ("bridge", "bakery", False),
        ("chess", "bakery", False),
    ],
)
@VERSIONS
def test_related_articles_share_an_event_and_unrelated_do_not(first, second, same_event, version) -> None:
    clusterer = version()
    clusterer.add_many(STREAM)
    left, right = clusterer.assignment(BY_NAME[first].id), clusterer.assignment(BY_NAME[second].id)
    assert (left.event == right.event) is same_event
    assert (left.storyline == right.storyline) is same_event


def test_ids_derive_from_the_founding_article() -> None:
    clusterer = StoryClusterer()
    clusterer.add_many(STREAM)
    story = clusterer.story(f"event-{BY_NAME['bridge'].id}")
    assert story.articles == [BY_NAME[n].id for n in ("bridge", "bridge2", "bridge3")]
    assert (story.first, story.last, story.title) == ("2024-05-07", "2024-05-12", "Barge hits Varnel Bridge")
    assert story.parent == f"storyline-{BY_NAME['bridge'].id}"
    storyline = clusterer.story(story.parent)
    assert storyline.level == "storyline" and storyline.events == [story.id]


def test_one_by_one_gives_the_batch_result() -> None:
    batch = StoryClusterer()
    batch.add_many(STREAM)
    incremental = StoryClusterer()
    for article in STREAM:
        incremental.add(article)
    assert incremental.stories() == batch.stories()


@pytest.mark.parametrize("cut", [1, 3, 5])
@VERSIONS
def test_restored_rows_continue_like_one_run(cut: int, version) -> None:
    whole = version()
    whole.add_many(STREAM)
    first_part = version()
    first_part.add_many(STREAM[:cut])
    resumed = version.from_rows(first_part.to_rows())
    resumed.add_many(STREAM[cut:])
    assert resumed.stories() == whole.stories()
    assert resumed.to_rows() == whole.to_rows()


@VERSIONS
def test_same_input_same_ids_every_run(version) -> None:
    runs = [version() for _ in range(2)]
    for clusterer in runs:
        clusterer.add_many(STREAM)
    assert runs[0].to_rows() == runs[1].to_rows()


def test_adding_an_article_twice_changes_nothing() -> None:
    clusterer = StoryClusterer()
    clusterer.add_many(STREAM)
    before = clusterer.to_rows()
    assert clusterer.add(STREAM[2]).event == f"event-{BY_NAME['bridge'].id}"
    assert clusterer.to_rows() == before


def test_a_copy_follows_its_canonical_without_weighing_twice() -> None:
    clusterer = StoryClusterer()
    clusterer.add_many(STREAM[:2])
    frequencies = dict(clusterer.frequencies.counts)
    copy = make_article(BRIDGE + " Reporting by our correspondent.", published="2024-05-08")
    assignment = clusterer.add(copy, copy_of=STREAM[0].id)
    assert assignment.event == f"event-{STREAM[0].id}"
    assert clusterer.frequencies.counts == frequencies


@pytest.mark.parametrize(
    "published, joins",
    [("2024-05-10", True), ("2024-09-30", False), (None, True)],
)
def test_an_event_only_takes_articles_near_its_dates(published, joins) -> None:
    clusterer = StoryClusterer()
    clusterer.add(make_article(BRIDGE, published="2024-05-07"))
    later = clusterer.add(make_article(BRIDGE_FOLLOWUP, published=published))
    assert (not later.founded_event) is joins


@pytest.mark.parametrize(
    "call, error",
    [
        (lambda c: c.story("event-unknown"), NotFoundError),
        (lambda c: c.assignment("unknown"), NotFoundError),
        (lambda c: c.stories("chapter"), ConfigError),
    ],
)
def test_unknown_ids_and_levels_are_errors(call, error) -> None:
    with pytest.raises(error):
        call(StoryClusterer())


def test_registered_by_name() -> None:
    assert registry.get("stories.incremental.v1") is StoryClusterer


def test_alike_clusters_far_apart_in_time_are_not_merged() -> None:
    from storyline.cluster.index import Cluster
    from storyline.cluster.stories import _spans_close

    january = Cluster("event-a", "a", first="2031-01-02", last="2031-01-03")
    june = Cluster("event-b", "b", first="2031-06-01", last="2031-06-01")
    undated = Cluster("event-c", "c")
    assert not _spans_close(january, june, 7)
    assert _spans_close(january, june, 180)
    assert _spans_close(january, undated, 7)
