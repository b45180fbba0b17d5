"""stories.incremental.v3: event clusters re-clustered locally around every new article."""

from __future__ import annotations

from dataclasses import replace

import pytest

from storyline import registry
from storyline.cluster.regroup import RegroupSettings, complete_linkage, regroup_counts
from storyline.cluster.stories_v3 import RegroupingStoryClusterer
from tests.cluster.articles import make_article
from tests.cluster.test_split import KESTREL, OSPREY

# the two ferry fires, interleaved: K0 O0 K1 O1 K2 O2
STREAM = [make_article(text) for pair in zip(KESTREL, OSPREY) for text in pair]
NAMES = dict(zip((a.id for a in STREAM), ["K0", "O0", "K1", "O1", "K2", "O2"]))
# a cut loose enough that the first Osprey article joins the Kestrel event
LOOSE = RegroupSettings(distance=0.8)


def named_events(clusterer: RegroupingStoryClusterer) -> list[list[str]]:
    return [[NAMES[a] for a in story.articles] for story in clusterer.stories("event")]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Harbour fire in Osprey", {"w:harbour": 3.0, "w:fire": 1.0, "w:osprey": 3.0}),
        ("the 48 drivers and 7 cars", {"w:48": 3.0, "w:drivers": 1.0, "w:cars": 1.0}),
        ("fire fire Fire", {"w:fire": 5.0}),
    ],
)
def test_capitalised_words_and_numbers_count_three_times(text, expected) -> None:
    assert regroup_counts(make_article(text), capital=3.0) == expected


@pytest.mark.parametrize(
    "vectors, distance, groups",
    [
        ([{"a": 1.0}, {"a": 1.0}, {"b": 1.0}], 0.5, [1, 1, 2]),
        ([{"a": 1.0}, {"a": 0.6, "b": 0.8}, {"b": 1.0}], 0.5, None),  # a chain is no group
        ([{"a": 1.0}, {"b": 1.0}], 1.0, [1, 1]),
        ([{"a": 1.0}, {}], 0.5, None),  # an empty vector stands alone
        ([{"a": 1.0}], 0.5, [0]),
    ],
)
def test_complete_linkage_needs_every_pair_alike(vectors, distance, groups) -> None:
    found = complete_linkage(vectors, distance)
    if groups is not None:
        assert found == groups
    else:
        assert len(set(found)) > 1 and found.count(found[0]) < len(found)



@pytest.mark.parametrize(
    "days, groups",
    [
        (["2031-05-01", "2031-05-06"], [1, 1]),  # five days apart: one happening
        (["2031-05-01", "2031-05-20"], [1, 2]),  # nineteen days apart: two
        (["2031-05-01", None], [1, 1]),  # no date holds nothing apart
        (["2031-05", "2031-09-30"], [1, 1]),  # nor does a partial one
    ],
)
def test_complete_linkage_keeps_far_apart_days_in_different_groups(days, groups) -> None:
    assert complete_linkage([{"a": 1.0}, {"a": 1.0}], 0.5, days, event_days=7) == groups


def test_the_same_story_weeks_later_is_another_event_of_the_same_storyline() -> None:
    text = "Port officials in Osprey said the harbour fire was contained after the ferry Kestrel burned."
    first = make_article(text, published="2031-05-01")
    later = make_article(text + " Inspectors returned.", published="2031-06-12")
    clusterer = RegroupingStoryClusterer()
    clusterer.add_many([first, later])
    assert len(clusterer.stories("event")) == 2
    assert len(clusterer.stories("storyline")) == 1


def test_an_early_mistake_is_taken_back_when_its_own_event_arrives() -> None:
    clusterer = RegroupingStoryClusterer(regroup=LOOSE)
    clusterer.add_many(STREAM[:3])
    assert named_events(clusterer) == [["K0", "O0", "K1"]]
    clusterer.add(STREAM[3])
    assert named_events(clusterer) == [["K0", "K1"], ["O0", "O1"]]
    moved = clusterer.assignment(STREAM[1].id)
    assert moved.event == f"event-{STREAM[1].id}" and moved.founded_event
    clusterer.add_many(STREAM[4:])
    assert named_events(clusterer) == [["K0", "K1", "K2"], ["O0", "O1", "O2"]]


# tiny limits: postings overflow, neighbourhoods are cut, old articles' counts are dropped
TIGHT = replace(LOOSE, postings=2, members=2, horizon=3)


@pytest.mark.parametrize("settings", [LOOSE, TIGHT], ids=["loose", "tight"])
@pytest.mark.parametrize("cut", [2, 3, 4, 5])
def test_restored_rows_continue_like_one_run_through_moves(cut, settings) -> None:
    whole = RegroupingStoryClusterer(regroup=settings)
    whole.add_many(STREAM)
    first = RegroupingStoryClusterer(regroup=settings)
    first.add_many(STREAM[:cut])
    resumed = RegroupingStoryClusterer.from_rows(first.to_rows(), regroup=settings)
    resumed.add_many(STREAM[cut:])
    assert resumed.stories() == whole.stories()
    assert resumed.to_rows() == whole.to_rows()


@pytest.mark.parametrize("settings, kept", [(LOOSE, 6), (TIGHT, 3)], ids=["loose", "tight"])
def test_counts_are_kept_only_while_an_article_can_be_compared(settings, kept) -> None:
    clusterer = RegroupingStoryClusterer(regroup=settings)
    clusterer.add_many(STREAM)
    assert len(clusterer.articles.counts) == kept
    assert len(clusterer.to_rows()["story_regroup_articles"]) == len(STREAM)


def test_a_copy_moves_with_its_canonical() -> None:
    clusterer = RegroupingStoryClusterer(regroup=LOOSE)
    clusterer.add_many(STREAM[:3])
    copy = make_article(OSPREY[0] + " Reported by a wire service.")
    clusterer.add(copy, copy_of=STREAM[1].id)
    clusterer.add(STREAM[3])
    assert clusterer.assignment(copy.id).event == clusterer.assignment(STREAM[1].id).event
    assert clusterer.assignment(copy.id).event != clusterer.assignment(STREAM[0].id).event


def test_registered_by_name() -> None:
    assert registry.get("stories.incremental.v3") is RegroupingStoryClusterer
