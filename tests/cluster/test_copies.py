"""copies.minhash.v1: syndicated and lightly edited copies, one canonical per group."""

from __future__ import annotations

import pytest

from storyline import registry
from storyline.cluster.copies import CopyDetector
from storyline.errors import NotFoundError
from tests.cluster.articles import BAKERY, BRIDGE, BRIDGE_FOLLOWUP, CHESS, make_article

CHANGED_SENTENCE = BRIDGE.replace(
    "Two lorries fell into the water and rescue divers pulled both drivers out alive.",
    "Both drivers of the two lorries that plunged into the bay were rescued by divers.",
)
TRIMMED = BRIDGE.rsplit(" The barge operator", 1)[0]


@pytest.mark.parametrize(
    "name, copy, is_copy",
    [
        ("same text, new headline", make_article(BRIDGE + " (Wirewatch)", title="Bridge struck"), True),
        ("headline and one sentence changed", make_article(CHANGED_SENTENCE, title="Divers save drivers"), True),
        ("last sentence cut", make_article(TRIMMED, title="Bridge collapse"), True),
        ("same story, own words", make_article(BRIDGE_FOLLOWUP), False),
        ("another story", make_article(CHESS), False),
        ("another story again", make_article(BAKERY), False),
    ],
)
def test_copies_are_found_and_unrelated_articles_are_not(name, copy, is_copy) -> None:
    detector = CopyDetector()
    original = make_article(BRIDGE, title="Barge hits bridge", published="2024-05-07")
    detector.add(original)
    group = detector.add(copy)
    assert (group is not None) is is_copy, name
    if is_copy:
        assert group.id == f"copy-{original.id}" and group.canonical == original.id
        assert group.similarity[original.id] == 1.0 and 0.35 < group.similarity[copy.id] <= 1.0


@pytest.mark.parametrize(
    "first, second, canonical",
    [
        (dict(published="2024-05-08"), dict(published="2024-05-07"), "second"),  # earliest wins
        (dict(), dict(published="2024-05-09"), "second"),  # dated beats undated
        (dict(suffix=""), dict(suffix=" Traffic is diverted."), "second"),  # then the longest
    ],
)
def test_the_canonical_is_earliest_then_longest(first, second, canonical) -> None:
    articles = {
        "first": make_article(BRIDGE + first.get("suffix", ""), published=first.get("published")),
        "second": make_article(BRIDGE + second.get("suffix", " Updated."), published=second.get("published")),
    }
    detector = CopyDetector()
    detector.add_many([articles["first"], articles["second"]])
    [group] = detector.groups()
    assert group.canonical == articles[canonical].id
    assert group.id == f"copy-{articles['first'].id}"  # the founder names the group for good


def test_a_shared_wire_credit_lowers_the_bar() -> None:
    # a heavily rewritten wire story: below the plain threshold, above the hinted one
    rewritten = BRIDGE.replace("the harbour police said", "police told reporters").replace(
        "Mayor Ilse Brandvik closed the crossing and ordered engineers to inspect the remaining spans "
        "before any traffic returns.", "The mayor shut the bridge until engineers have checked it."
    )
    plain, hinted = CopyDetector(), CopyDetector()
    plain.add_many([make_article(BRIDGE), make_article(rewritten)])
    hinted.add_many([make_article(BRIDGE, wire="AP"), make_article(rewritten, wire="AP")])
    similarity = hinted.groups()[0].similarity[make_article(rewritten).id] if hinted.groups() else 0
    assert plain.groups() == [] or similarity >= plain.settings.threshold
    assert hinted.groups(), "same wire credit: counted as a copy"


def test_groups_join_when_an_article_bridges_them() -> None:
    whole = BRIDGE + " " + BRIDGE_FOLLOWUP
    head, tail = whole[: int(len(whole) * 0.62)], whole[int(len(whole) * 0.38) :]
    detector = CopyDetector()
    detector.add_many([make_article(head), make_article(tail)])
    assert detector.groups() == []  # the two parts overlap too little to be copies
    detector.add(make_article(whole))  # a copy of each part
    [group] = detector.groups()
    assert group.id == f"copy-{make_article(head).id}" and group.canonical == make_article(whole).id
    assert len(group.articles) == 3


def test_rows_round_trip_and_continue() -> None:
    detector = CopyDetector()
    detector.add_many([make_article(BRIDGE, published="2024-05-07"), make_article(CHESS)])
    restored = CopyDetector.from_rows(detector.to_rows())
    group = restored.add(make_article(CHANGED_SENTENCE))
    assert group is not None and group.canonical == make_article(BRIDGE).id
    assert restored.canonical_of(make_article(CHESS).id) == make_article(CHESS).id


def test_same_input_same_groups() -> None:
    stream = [make_article(t) for t in (BRIDGE, CHESS, CHANGED_SENTENCE, BAKERY, TRIMMED)]
    runs = [CopyDetector().add_many(stream) for _ in range(2)]
    assert runs[0] == runs[1]


def test_unknown_article_is_an_error() -> None:
    with pytest.raises(NotFoundError):
        CopyDetector().group_for("0123456789abcdef")


def test_registered_by_name() -> None:
    assert registry.get("copies.minhash.v1") is CopyDetector
