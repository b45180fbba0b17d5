"""Global step, resolve: mentions across articles -> canonical entities.

    lookup_keys(extractions) -> set[str]                  keys to fetch candidate stored entities
    open_title_words(extractions) -> set[str]             office words to fetch stored roles for
    load_aliases(path) -> list[Entity]                    a user's aliases file (YAML/CSV)
    resolve_batch(extractions, known, user, known_roles) -> Resolution   (used by pipeline.py)
    resolve_entities(extractions, component) -> list[Entity]           (a whole collection)

``resolve_batch`` is incremental: the batch's names join the ``known`` entities the store
returned for ``lookup_keys`` by the same rules that join names of two articles
(``entities.alias.v2``), stored ids win, and stored entities the batch shows to be one are
merged (``Resolution.merges``). Titles and pronouns then take their antecedent's entity, and a
title with no antecedent takes the one holder of that office at the article's date.
"""

from __future__ import annotations

from storyline import registry
from storyline.lexicon import Lexicon
from storyline.models import Entity, Event, Extraction, Resolution, Role
from storyline.resolve import aliases as _aliases  # noqa: F401  (registers entities.alias.v2)
from storyline.resolve.aliases import lookup_keys
from storyline.resolve.entities import resolve_entities as _resolve_with
from storyline.resolve.events import merge_events
from storyline.resolve.references import (
    follow_references, link_facts, link_named_actors, open_title_words, resolve_open_titles,
)
from storyline.resolve.user_aliases import load_aliases

DEFAULT_RESOLVER = "entities.alias.v2"


def resolve_batch(
    extractions: list[Extraction],
    known: list[Entity] = (),
    user: list[Entity] = (),
    known_roles: list[Role] = (),
    component: str = DEFAULT_RESOLVER,
    title_window_days: int = 120,
    words: Lexicon | None = None,
) -> Resolution:
    """``words``: the run's word lists (``Lexicon.from_settings``); else the package defaults."""
    resolver = registry.get(component)(words)
    entities = resolver(extractions, known=list(known), user=list(user))
    follow_references(extractions)
    resolve_open_titles(extractions, list(known_roles), title_window_days)
    link_facts(extractions)
    fresh = {e.id for e in entities}
    link_named_actors(extractions, entities + [e for e in known if e.id not in fresh], words)
    return Resolution(entities, list(getattr(resolver, "merges", [])))


def merge_batch_events(extractions: list[Extraction], stored: list[Event]) -> list[Event]:
    """Give the batch's event mentions real-world event ids, joining stored mentions of the
    same dates; returns the stored mentions whose id changed (the store updates them)."""
    batch = [e for x in extractions for e in x.events]
    if not batch:
        return []
    published = {x.article.id: x.article.published for x in extractions}
    merged = merge_events(stored + batch, lambda article_id, start: None, published)
    position = len(stored)
    for extraction in extractions:
        count = len(extraction.events)
        extraction.events = merged[position:position + count]
        position += count
    return [new for new, old in zip(merged, stored) if new.id != old.id]


def resolve_entities(
    extractions: list[Extraction], component: str = DEFAULT_RESOLVER
) -> list[Entity]:
    """Resolve a whole collection at once (evaluation, tests); references are followed too."""
    entities = _resolve_with(extractions, component)
    follow_references(extractions)
    return entities


__all__ = [
    "DEFAULT_RESOLVER", "load_aliases", "lookup_keys", "merge_batch_events", "open_title_words",
    "resolve_batch",
    "resolve_entities",
]
