"""Components registered by a versioned name ("entities.spacy.v1"), as spaCy's registry does.

A better component is registered as ``v2`` beside ``v1``; settings pick one by name, and each
component exposes ``score()`` against gold data so the two can be compared.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from storyline.errors import ConfigError

T = TypeVar("T")

_COMPONENTS: dict[str, object] = {}


def register(name: str) -> Callable[[T], T]:
    """Class or function decorator: make the component available under ``name``."""

    def decorate(component: T) -> T:
        if name in _COMPONENTS and _COMPONENTS[name] is not component:
            raise ConfigError(f"component name {name!r} is registered twice")
        _COMPONENTS[name] = component
        return component

    return decorate


def get(name: str) -> object:
    """Return the component registered under ``name``."""
    try:
        return _COMPONENTS[name]
    except KeyError:
        known = ", ".join(sorted(_COMPONENTS)) or "none"
        raise ConfigError(f"no component named {name!r}; registered: {known}") from None


def names() -> list[str]:
    return sorted(_COMPONENTS)
