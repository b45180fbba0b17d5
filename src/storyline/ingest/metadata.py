"""Normalize the metadata values that sources state: dates, authors, languages, plain strings.

Every function here either returns a clean value or ``None``; none of them guesses. A date that
is partial ("2024-07") or ambiguous ("03/04/2024") is dropped, because a wrong date puts an
article in the wrong place on the storyline, while a missing one only leaves it for clean/ to
find in the text. Dates are read by ``storyline.dates``, shared with clean/.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from storyline.dates import normalize_date
from storyline.languages import normalize_language

# The keys a source may set in ``RawArticle.metadata`` (besides "format" and "encoding").
METADATA_KEYS = ("title", "url", "published", "outlet", "authors", "language")

def split_authors(value: object) -> list[str]:
    """Turn an author field (string, list of strings, or list of ``{"name": ...}``) into names.

    "Jane Doe; John Roe", "By Jane Doe and John Roe" and "Jane Doe, John Roe" give two names;
    "Doe, Jane" (two single words) is kept as one name, since it is a "Last, First" form.
    """
    items = value if isinstance(value, list | tuple) else [value]
    names: list[str] = []
    for item in items:
        if isinstance(item, Mapping):
            item = item.get("name")
        if not isinstance(item, str):
            continue
        for name in _split_author_string(item):
            if name not in names:
                names.append(name)
    return names


_BY_PREFIX = re.compile(r"^\s*by[:\s]+", re.IGNORECASE)
_AND = re.compile(r"\s+(?:and|&)\s+", re.IGNORECASE)
_EMAIL = re.compile(r"^\S+@\S+\.\S+$")


def _split_author_string(text: str) -> list[str]:
    text = _BY_PREFIX.sub("", clean_string(text) or "")
    parts: list[str] = []
    for chunk in text.split(";"):
        pieces = [piece.strip() for piece in chunk.split(",")]
        if len(pieces) == 2 and all(len(piece.split()) == 1 for piece in pieces):
            pieces = [chunk.strip()]  # "Doe, Jane"
        for piece in pieces:
            parts.extend(_AND.split(piece))
    return [part.strip() for part in parts if part.strip() and not _EMAIL.match(part.strip())]


def clean_string(value: object) -> str | None:
    """Collapse whitespace in a stated value; numbers become strings; empty values become None."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        value = str(value)
    if not isinstance(value, str):
        return None
    collapsed = " ".join(value.split())
    return collapsed or None


def clean_metadata(values: Mapping[str, object]) -> dict[str, object]:
    """Normalize the known metadata keys; values that are missing or don't parse are left out."""
    cleaned: dict[str, object] = {}
    for key in METADATA_KEYS:
        value = _clean_value(key, values.get(key))
        if value:
            cleaned[key] = value
    return cleaned


def _clean_value(key: str, value: object) -> object:
    if key == "published":
        return normalize_date(value)
    if key == "authors":
        return split_authors(value)
    if key == "language":
        return normalize_language(value)
    if key == "outlet" and isinstance(value, Mapping):
        value = value.get("name")  # NewsAPI-style {"id": ..., "name": ...}
    return clean_string(value)


def first_present(record: Mapping[str, object], names: Iterable[str]) -> object:
    """Return the value of the first of ``names`` that ``record`` holds (case-insensitive)."""
    by_lower = {str(key).strip().lower(): key for key in record}
    for name in names:
        key = by_lower.get(name.lower())
        if key is not None and record[key] not in (None, "", []):
            return record[key]
    return None
