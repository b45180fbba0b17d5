"""stories.incremental.v2: a young event cluster that took in two events is split in two."""

from __future__ import annotations

from dataclasses import replace

import pytest

from storyline import registry
from storyline.cluster.split import SplitSettings, two_means, worth_splitting
from storyline.cluster.stories import V2_SETTINGS, SplittingStoryClusterer
from tests.cluster.articles import make_article

SETTINGS = SplitSettings(threshold=0.3, min_side=2)
FLAT = lambda term: 1.0  # noqa: E731  (no storyline discount)

# Two fires on ferries of one port: alike in words, told apart by ship, captain and day.
KESTREL = [
    "Fire broke out on the ferry Kestrel in Harlow port on Monday; captain Ines Vadlo led all 212 "
    "passengers to the lifeboats and the Harlow port fire brigade put the blaze out by noon.",
    "The ferry Kestrel will stay in Harlow port for weeks after Monday's engine room fire, its "
    "captain Ines Vadlo said, praising the 212 passengers for keeping calm in the lifeboats.",
    "Investigators boarded the Kestrel in Harlow port to find what started Monday's engine room "
    "fire; captain Ines Vadlo and her crew answered questions about the 212 passengers' rescue.",
]
OSPREY = [
    "Fire broke out on the ferry Osprey in Harlow port on Thursday; captain Tomas Brevik sent its "
    "48 lorry drivers ashore and the Harlow port fire brigade fought the cargo deck blaze for hours.",
    "The Osprey's cargo deck fire in Harlow port burned until Thursday night, captain Tomas Brevik "
    "said, after the 48 lorry drivers had left the ferry on foot.",
    "Harlow port reopened its ferry berth on Friday after the Osprey fire; captain Tomas Brevik said "
    "the 48 lorry drivers would get their trucks back once the cargo deck cooled.",
]
STREAM = [make_article(text) for text in (KESTREL[0], OSPREY[0], KESTREL[1], OSPREY[1], KESTREL[2], OSPREY[2])]
# joins anything in its storyline, so only the split can tell the two fires apart
JOIN_ALL = replace(V2_SETTINGS, event_threshold=0.0, storyline_threshold=0.0, merge_threshold=(1.1, 1.1),
                   split=SETTINGS)


@pytest.mark.parametrize(
    "vectors, halves, apart",
    [
        ([{"a": 1.0}, {"a": 0.9, "b": 0.1}, {"c": 1.0}, {"c": 0.9, "d": 0.1}], [0, 0, 1, 1], True),
        ([{"a": 1.0}, {"c": 1.0}, {"a": 0.9, "b": 0.1}, {"c": 0.9, "d": 0.1}], [0, 1, 0, 1], True),
        ([{"a": 1.0, "b": 0.5}, {"a": 1.0, "b": 0.4}, {"a": 1.0, "c": 0.3}], None, False),
    ],
)
def test_two_means_finds_two_groups_and_only_them(vectors, halves, apart) -> None:
    found, similarity = two_means(vectors, FLAT, SETTINGS)
    if halves is not None:
        assert found == halves
    assert worth_splitting(found, similarity, SETTINGS) is apart


@pytest.mark.parametrize(
    "halves, similarity, split",
    [([0, 0, 1, 1], 0.1, True), ([0, 0, 1, 1], 0.5, False), ([0, 0, 0, 1], 0.0, False)],
)
def test_a_split_needs_two_unlike_halves_of_min_side_articles(halves, similarity, split) -> None:
    assert worth_splitting(halves, similarity, SETTINGS) is split


def test_a_cluster_holding_two_events_is_split_founder_keeping_the_id() -> None:
    clusterer = SplittingStoryClusterer(JOIN_ALL)
    clusterer.add_many(STREAM)
    kestrel, osprey = STREAM[0::2], STREAM[1::2]
    groups = {tuple(story.articles) for story in clusterer.stories("event")}
    assert groups == {tuple(a.id for a in kestrel), tuple(a.id for a in osprey)}
    assert {clusterer.assignment(a.id).event for a in kestrel} == {f"event-{kestrel[0].id}"}
    assert {clusterer.assignment(a.id).event for a in osprey} == {f"event-{osprey[0].id}"}
    assert clusterer.assignment(osprey[0].id).founded_event
    assert len(clusterer.stories("storyline")) == 1


def test_without_split_settings_the_two_events_stay_one() -> None:
    clusterer = SplittingStoryClusterer(replace(JOIN_ALL, split=None))
    clusterer.add_many(STREAM)
    assert len(clusterer.stories("event")) == 1


@pytest.mark.parametrize("cut", [1, 3, 4, 5])
def test_restored_rows_continue_like_one_run(cut: int) -> None:
    whole = SplittingStoryClusterer(JOIN_ALL)
    whole.add_many(STREAM)
    first_part = SplittingStoryClusterer(JOIN_ALL)
    first_part.add_many(STREAM[:cut])
    resumed = SplittingStoryClusterer.from_rows(first_part.to_rows(), JOIN_ALL)
    assert resumed.to_rows() == first_part.to_rows()
    resumed.add_many(STREAM[cut:])
    assert resumed.stories() == whole.stories()
    assert resumed.to_rows() == whole.to_rows()


def test_a_settled_cluster_keeps_no_vectors() -> None:
    clusterer = SplittingStoryClusterer(replace(JOIN_ALL, split=replace(SETTINGS, members=2)))
    clusterer.add_many(STREAM[:3])
    assert clusterer.kept == {}


def test_registered_by_name_with_its_own_defaults() -> None:
    assert registry.get("stories.incremental.v2") is SplittingStoryClusterer
    assert SplittingStoryClusterer().settings == V2_SETTINGS
