"""Incremental resolution: a batch's names join stored entities by the batch rules (invented names)."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.resolve.test_aliases import extraction

from storyline.errors import ConfigError
from storyline.models import Article, Entity, Extraction, Mention, Role
from storyline.resolve import lookup_keys, resolve_batch
from storyline.resolve.references import follow_references, resolve_open_titles
from storyline.resolve.user_aliases import load_aliases


def stored(*batches: Extraction) -> list[Entity]:
    """Resolve the batches one after another, as the pipeline does against a store."""
    known: dict[str, Entity] = {}
    for batch in batches:
        candidates = [e for e in known.values() if set(e.keys) & lookup_keys([batch])]
        resolution = resolve_batch([batch], known=candidates)
        for merge in resolution.merges:
            known.pop(merge.absorbed, None)
        known.update({e.id: e for e in resolution.entities})
    return list(known.values())


@pytest.mark.parametrize(
    "first, later",
    [
        (("Dana Kovac", "PERSON"), ("Kovac", "PERSON")),  # lone surname
        (("Mohammed bin Rashid Al Nuri", "PERSON"), ("Muhammad bin Rashid al-Nuri", "PERSON")),
        (("Antonia Velasquez", "PERSON"), ("Antonia Velazquez", "PERSON")),  # one typo
        (("Northern Grain Council", "ORG"), ("NGC", "ORG")),  # initials
    ],
)
def test_a_later_batch_joins_the_stored_entity(first, later) -> None:
    one, two = extraction("a1", first), extraction("a2", later)
    entities = stored(one, two)
    assert one.mentions[0].entity_id == two.mentions[0].entity_id
    assert len(entities) == 1 and set(entities[0].aliases) == {first[0], later[0]}


def test_stored_ids_stay_stable_when_a_longer_name_arrives() -> None:
    one, two = extraction("a1", ("Kovac", "PERSON")), extraction("a2", ("Dana Kovac", "PERSON"))
    stored(one, two)
    assert two.mentions[0].entity_id == one.mentions[0].entity_id


@pytest.mark.parametrize(
    "first, later",
    [
        (("Mohammed bin Rashid Al Nuri", "PERSON"), ("Mohammed bin Salem Al Nuri", "PERSON")),
        (("Dana Kovac", "PERSON"), ("Kovac Industries", "ORG")),
        (("Dana Kovac", "PERSON"), ("Dana", "PERSON")),  # a lone first name never links across
    ],
)
def test_namesakes_stay_apart_across_batches(first, later) -> None:
    one, two = extraction("a1", first), extraction("a2", later)
    stored(one, two)
    assert one.mentions[0].entity_id != two.mentions[0].entity_id


def test_a_batch_that_shows_two_stored_entities_are_one_merges_them() -> None:
    full = Entity("e-full", "Dana Kovac", "PERSON", ["Dana Kovac"])
    short = Entity("e-short", "Kovac", "PERSON", ["Kovac"])
    batch = extraction("a3", ("Kovac", "PERSON"))
    resolution = resolve_batch([batch], known=[full, short])
    assert [(m.absorbed, m.into) for m in resolution.merges] == [("e-short", "e-full")]
    assert batch.mentions[0].entity_id == "e-full"
    assert set(resolution.entities[0].aliases) == {"Dana Kovac", "Kovac"}


def test_a_user_entity_records_why() -> None:
    user = Entity("u-kovac", "Dana Kovac", "PERSON", ["DK", "Dana Kovac"])
    one = extraction("a1", ("DK", "PERSON"))
    first = resolve_batch([one], user=[user])
    assert one.mentions[0].entity_id == "u-kovac"
    assert "aliases file" in first.entities[0].evidence[0]


def test_a_user_alias_names_its_entity_where_the_rules_would_not() -> None:
    user = Entity("u-kovac", "Dana Kovac", "PERSON", ["Dana Kovac", "The Iron Lady of Split"])
    one = extraction("a1", ("The Iron Lady of Split", "PERSON"), ("Dana Kovac", "PERSON"))
    resolve_batch([one], user=[user])
    assert {m.entity_id for m in one.mentions} == {"u-kovac"}


# -- titles and pronouns ----------------------------------------------------------------------
def _article_with_title(article_id: str, published: str | None, title: str) -> Extraction:
    text = f"{title} said the talks would resume."
    article = Article(article_id, "t", text, text, article_id, published=published)
    return Extraction(article, mentions=[Mention(article_id, 0, len(title), title, "PERSON", 0, kind="title")])


def _role(entity_id: str, day: str) -> Role:
    return Role("old", 0, 18, "secretary of state", "us", 20, 0, entity_id, day)


@pytest.mark.parametrize(
    "published, expected",
    [
        ("2031-03-01", "e-first"),   # the holder attested then
        ("2033-03-01", "e-second"),  # a later holder of the same office
        ("2032-06-01", None),        # nobody attested near that date
        (None, None),                # undated: never resolved by date
    ],
)
def test_a_title_resolves_to_the_holder_at_the_article_date(published, expected) -> None:
    batch = _article_with_title("a1", published, "The secretary")
    roles = [_role("e-first", "2031-02-10"), _role("e-second", "2033-02-20")]
    follow_references([batch])
    resolve_open_titles([batch], roles)
    assert batch.mentions[0].entity_id == expected


def test_two_holders_at_one_date_leave_the_title_open() -> None:
    batch = _article_with_title("a1", "2031-03-01", "The secretary")
    resolve_open_titles([batch], [_role("e-first", "2031-02-10"), _role("e-other", "2031-02-11")])
    assert batch.mentions[0].entity_id is None


# -- the aliases file ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    "name, content, expected",
    [
        ("a.yaml", "- name: Dana Kovac\n  aliases: [DK, D. Kovac]\n  wikidata: Q42\n",
         [("Dana Kovac", "PERSON", ["D. Kovac", "DK", "Dana Kovac"], "Q42")]),
        ("a.yml", "- name: Northern Grain Council\n  aliases: NGC\n  type: org\n",
         [("Northern Grain Council", "ORG", ["NGC", "Northern Grain Council"], None)]),
        ("a.csv", "name,aliases,type,wikidata\nDana Kovac,DK|D. Kovac,PERSON,\n",
         [("Dana Kovac", "PERSON", ["D. Kovac", "DK", "Dana Kovac"], None)]),
    ],
)
def test_aliases_file_entries(tmp_path: Path, name: str, content: str, expected: list) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    assert [(e.name, e.type, e.aliases, e.wikidata) for e in load_aliases(path)] == expected


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("a.yaml", "- aliases: [DK]\n", "entry 1: 'name' is missing"),
        ("a.yaml", "- name: X\n  type: ANIMAL\n", "type 'ANIMAL' is not one of"),
        ("a.yaml", "- name: X\n  wikidata: forty-two\n", "is not of the form Q123"),
        ("a.yaml", "name: [unclosed\n", "is not valid YAML"),
        ("a.yaml", "just a string\n", "must be a list of entries"),
    ],
)
def test_a_bad_aliases_file_is_named_in_the_error(tmp_path: Path, name: str, content: str,
                                                   message: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=message) as caught:
        load_aliases(path)
    assert str(path) in str(caught.value)


def test_actors_sources_and_speakers_take_their_mentions_entity() -> None:
    from storyline.models import Claim, Event, EventActor, Quote

    batch = extraction("a1", ("Dana Kovac", "PERSON"), ("Kovac", "PERSON"))
    kovac = batch.mentions[1]
    batch.events = [Event("a1", 0, 1, 0, "CONSULT", actors=[EventActor(kovac.start, kovac.end, "Kovac", "source")])]
    batch.claims = [Claim("a1", 0, 1, 0, "3", 3.0, "boats", source_start=kovac.start)]
    batch.quotes = [Quote("a1", 0, 1, "x", speaker_start=kovac.start), Quote("a1", 0, 1, "y")]
    resolve_batch([batch])
    entity = batch.mentions[0].entity_id
    assert batch.events[0].actors[0].entity_id == entity
    assert batch.claims[0].source_entity == entity
    assert [q.speaker_entity for q in batch.quotes] == [entity, None]
