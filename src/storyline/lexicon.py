"""Word lists that tell what kind of thing a name is: the ``[lexicon]`` table of the settings.

Shared by extract/ (typing a mention from its own words and the words around it) and resolve/
(a bare "the Authority" joining the one full name it stands for). The lists ship in the package
defaults (``defaults.toml``); a user settings file that sets one list replaces only that list.
Nothing here names a person, place or organization: only general English words.

    lexicon().company_forms        -> frozenset({"kaisha", "ltd", "plc", ...})
    Lexicon.from_settings(settings) -> the lists of those settings
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from functools import lru_cache

from storyline.config import Settings, load_settings
from storyline.errors import ConfigError

_LEADING_ARTICLE = re.compile(r"^(the|a|an)\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’]s?$")


@dataclass(frozen=True)
class Lexicon:
    company_forms: frozenset[str]  # last words of a company's name ("Ltd", "Kaisha")
    organization_heads: frozenset[str]  # last words that also stand alone ("the Authority")
    place_heads: frozenset[str]  # last words of a water body or landform ("Lake", "River")
    place_firsts: frozenset[str]  # first words of a water body or landform ("Mount", "Lake")
    settlement_firsts: frozenset[str]  # first words of a town's name ("Port", "Fort")
    organization_descriptors: frozenset[str]  # "salvage firm X", "X, the company"
    person_descriptors: frozenset[str]  # "broker X", "X, the paper's correspondent"
    organization_roles: frozenset[str]  # "chief executive of X", "X's shareholders"
    place_descriptors: frozenset[str]  # "the port city X", "X, its destination"
    place_roles: frozenset[str]  # "the port of X", "the mayor of X"
    motion_verbs: frozenset[str]  # "sailed to X"
    object_descriptors: frozenset[str]  # "the tanker X", "X, the container ship" (a vehicle)

    @classmethod
    def from_settings(cls, settings: Settings) -> "Lexicon":
        table = settings.get("lexicon")
        lists = {}
        for field in fields(cls):
            words = table.get(field.name)
            if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
                raise ConfigError(f"lexicon.{field.name} must be a list of words, got {words!r}")
            lists[field.name] = frozenset(w.casefold().replace(".", "") for w in words)
        return cls(**lists)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The lists of the package defaults merged with the user's settings file (read once)."""
    return Lexicon.from_settings(load_settings())


def name_key(text: str) -> str:
    """'The Varnel Co.'s' -> 'varnel co': the words a list is matched against (no leading
    article, possessive or dots; lower case)."""
    bare = _POSSESSIVE.sub("", _LEADING_ARTICLE.sub("", " ".join(text.split())))
    return bare.replace(".", "").casefold()


__all__ = ["Lexicon", "lexicon", "name_key"]
