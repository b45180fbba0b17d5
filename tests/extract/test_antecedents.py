"""Descriptions and "it" standing for a vehicle's name (extract/events/antecedents.py), on
sentences we wrote for the purpose (invented names)."""

from __future__ import annotations

import pytest

from storyline.extract.events import RuleEvents
from storyline.extract.events.antecedents import ObjectKinds, object_kinds

PUBLISHED = "2031-05-06"


def target_of(nlp, text: str, type_: str) -> tuple[str, str | None]:
    """The written text of the ``type_`` event's target and the name it stands for."""
    events = [e for e in RuleEvents().run(nlp, text, PUBLISHED) if e.type == type_]
    targets = [a for e in events for a in e.actors if a.role == "target"]
    assert len(targets) == 1, [(e.type, [(a.text, a.role) for a in e.actors]) for e in events]
    actor = targets[0]
    named = None if actor.antecedent is None else text[actor.antecedent:].split(".")[0]
    return actor.text, named


@pytest.mark.parametrize(
    "text, type_, expected",
    [
        # a description of the vehicle's kind stands for the name told with one
        ("The container ship Varn Altair ran aground on Tuesday. Tugs freed the vessel on "
         "Friday.", "OTHER", ("the vessel", "Varn Altair ran aground on Tuesday")),
        ("The Varn Altair, a giant container ship, ran aground. Police later seized the detained "
         "vessel.", "COERCE", ("the detained vessel", "Varn Altair, a giant container ship, ran "
                               "aground")),
        # a general noun ("the vessel") prefers a name told with a general noun to a dredger
        ("The container ship Varn Altair ran aground on Tuesday. The dredger Halvor dug all night. "
         "Tugs freed the vessel on Friday.", "OTHER",
         ("the vessel", "Varn Altair ran aground on Tuesday")),
        # another kind of vehicle is not meant: a ferry is no plane
        ("The ferry Osterby collided with the airliner Aurel Star. Police seized the vessel.",
         "COERCE", ("the vessel", "Osterby collided with the airliner Aurel Star")),
        ("The satellite Lumen Two failed. Engineers freed the ship.", "OTHER", ("the ship", None)),
        # "a vessel" is any vessel; with no vehicle named, "the ship" stays as written
        ("The tanker Varn Altair ran aground on Tuesday. Police seized a vessel.", "COERCE",
         ("a vessel", None)),
        ("Police seized the ship on Friday.", "COERCE", ("the ship", None)),
        # "it" as a subject right after the vehicle was the subject
        ("The tanker Varn Altair ran aground on Tuesday. It was freed on Friday.", "OTHER",
         ("It", "Varn Altair ran aground on Tuesday")),
    ],
)
def test_a_vehicle_description_points_at_its_name(nlp, text: str, type_: str,
                                                  expected: tuple[str, str | None]) -> None:
    assert target_of(nlp, text, type_) == expected


@pytest.mark.parametrize(
    "text",
    [
        # the subject before "it" is a company, not the vehicle
        "The tanker Varn Altair ran aground on Tuesday. Velor Marine hired tugs. It seized the "
        "cargo on Friday.",
        # "it" in what the company said is the company
        "Velor Marine said the tanker Varn Altair had run aground and that it would seize the "
        "cargo.",
    ],
)
def test_it_stands_for_no_vehicle_after_another_subject(nlp, text: str) -> None:
    events = [e for e in RuleEvents().run(nlp, text, PUBLISHED) if e.type == "COERCE"]
    its = [a for e in events for a in e.actors if a.text.lower() == "it"]
    assert all(a.antecedent is None for a in its)


@pytest.mark.parametrize(
    "noun, introduced_by, fit",
    [
        ("ship", "ship", 0),
        ("vessel", "ship", 0),  # two general nouns of one kind
        ("vessel", "dredger", 1),  # a dredger is a vessel, but a vessel need not be a dredger
        ("tanker", "ship", 1),
        ("plane", "ship", None),
        ("ship", "satellite", None),
    ],
)
def test_how_well_a_noun_fits_a_vehicle(noun: str, introduced_by: str, fit: int | None) -> None:
    assert object_kinds().match(noun, introduced_by) == fit


def test_a_descriptor_in_no_kind_fits_only_itself() -> None:
    kinds = ObjectKinds({"ship": "watercraft"}, frozenset({"ship"}))
    assert (kinds.match("zeppelin", "zeppelin"), kinds.match("zeppelin", "ship")) == (0, None)
