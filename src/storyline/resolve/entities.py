"""Canonical entities from mentions.

``entities.exact.v1`` merges mentions whose normalized names and types are equal. Its ids are
derived from that key, so resolution is incremental by construction: a new article's mentions
join the entities already stored without reading them. Variant spellings, titles and namesakes
are the job of a later, smarter resolver registered beside it.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from storyline import registry
from storyline.models import ENTITY_LABELS, Entity, Extraction

_LEADING_ARTICLE = re.compile(r"^(the)\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’]s?$")
_NON_WORD = re.compile(r"[^\w]+")


def normalize_name(surface: str) -> str:
    """'The U.S.' -> 'us', "Oman's" -> 'oman', 'Al-Nuri' -> 'al nuri'."""
    text = unicodedata.normalize("NFKC", surface).strip()
    text = _POSSESSIVE.sub("", _LEADING_ARTICLE.sub("", text))
    text = text.replace(".", "")
    return _NON_WORD.sub(" ", text).strip().casefold()


def entity_id(label: str, key: str) -> str:
    return "e" + hashlib.sha1(f"{label}|{key}".encode("utf-8")).hexdigest()[:12]


@registry.register("entities.exact.v1")
class ExactNameResolver:
    """Same type and same normalized name -> same entity."""

    name = "entities.exact.v1"

    def __init__(self, words=None) -> None:
        pass  # the exact resolver reads no word lists; takes them as every resolver does

    def __call__(self, extractions: list[Extraction], known=(), user=()) -> list[Entity]:
        # ids are the normalized name itself: stored entities need no lookup to be joined
        entities: dict[str, Entity] = {}
        for extraction in extractions:
            for mention in extraction.mentions:
                key = normalize_name(mention.text)
                if mention.label not in ENTITY_LABELS or mention.kind != "name" or not key:
                    continue
                mention.entity_id = entity_id(mention.label, key)
                if mention.entity_id not in entities:
                    name = _display_name(mention.text)
                    entities[mention.entity_id] = Entity(mention.entity_id, name, mention.label)
        return list(entities.values())


def resolve_entities(
    extractions: list[Extraction], component: str = "entities.exact.v1"
) -> list[Entity]:
    return registry.get(component)()(extractions)


def _display_name(surface: str) -> str:
    return _POSSESSIVE.sub("", _LEADING_ARTICLE.sub("", surface.strip()))
