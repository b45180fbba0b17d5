"""An event actor written as a name no mention holds takes the one entity of that name
(resolve/references.py ``link_named_actors``)."""

from __future__ import annotations

import pytest

from storyline.models import Article, Entity, Event, EventActor, Extraction
from storyline.resolve.references import link_named_actors

ENTITIES = [
    Entity("ship", "Varn Altair", "PRODUCT", ["the Varn Altair"]),
    Entity("port", "Osterby Port Authority", "ORG", ["Authority"]),
    Entity("one", "Tessel Dawn", "PRODUCT"),
    Entity("two", "Tessel Dawn", "ORG"),
]


def _actor_entity(text: str, antecedent: int | None = None) -> str | None:
    article = Article(id="a", source="t", text=text, raw_text=text, content_hash="a")
    actor = EventActor(0, len(text), text, "target", antecedent=antecedent)
    extraction = Extraction(article, events=[Event("a", 0, 1, 0, "OTHER", actors=[actor])])
    link_named_actors([extraction], ENTITIES)
    return actor.entity_id


@pytest.mark.parametrize(
    "text, expected",
    [
        ("the Varn Altair", "ship"),
        ("The Varn Altair's", "ship"),
        ("Varn Altair", "ship"),
        ("the ship", None),  # no name
        ("the Authority", None),  # a lone head word names another body in each story
        ("Tessel Dawn", None),  # two entities of that name: no guess
        ("the Varn altair", None),  # not written as a name
    ],
)
def test_a_written_name_takes_its_one_entity(text: str, expected: str | None) -> None:
    assert _actor_entity(text) == expected


def test_a_description_keeps_its_antecedent() -> None:
    assert _actor_entity("the Varn Altair", antecedent=5) is None
