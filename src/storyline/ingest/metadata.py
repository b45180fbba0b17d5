"""Normalize the metadata values that sources state: dates, authors, languages, plain strings.

Every function here either returns a clean value or ``None``; none of them guesses. A date that
is partial ("2024-07") or ambiguous ("03/04/2024") is dropped, because a wrong date puts an
article in the wrong place on the storyline, while a missing one only leaves it for clean/ to
find in the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date

# The keys a source may set in ``RawArticle.metadata`` (besides "format" and "encoding").
METADATA_KEYS = ("title", "url", "published", "outlet", "authors", "language")

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"

# Year first: ISO 8601 and its common variants ("2024-07-31T09:19:00Z", "2024/07/31").
_YMD = re.compile(r"^\s*(?P<year>\d{4})[-/.](?P<month>\d{1,2})[-/.](?P<day>\d{1,2})(?!\d)")
# Compact forms used by crawls such as GDELT: "20240731" or "20240731091900".
_COMPACT = re.compile(r"^\s*(?P<year>\d{4})(?P<month>\d{2})(?P<day>\d{2})(?:T?\d{4,6})?\s*$")
# Named months, either order: "31 July 2024", "Wed, 31 Jul 2024 09:19 GMT", "July 31, 2024".
_DAY_MONTH = re.compile(rf"(?<![\w]){_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}(?!\d)", re.IGNORECASE)
_MONTH_DAY = re.compile(rf"(?<![\w]){_MONTH}\s+{_DAY},?\s+{_YEAR}(?!\d)", re.IGNORECASE)
# All-numeric day and month: "31.07.2024" (dots are day-first everywhere they are used),
# "31/07/2024" or "07/31/2024" (slashes: only when one number can't be a month).
_NUMERIC = re.compile(
    r"^\s*(?P<a>\d{1,2})(?P<sep>[./-])(?P<b>\d{1,2})(?P=sep)(?P<year>\d{4})(?!\d)"
)


def normalize_date(value: object) -> str | None:
    """Return ``value`` as "YYYY-MM-DD" when it states a full, unambiguous date, else ``None``.

    The date is taken as written: "2024-07-31T23:00:00-05:00" is 2024-07-31, the publisher's
    local day, not shifted to UTC.
    """
    if not isinstance(value, str) or not value.strip():
        return None
    for parse in (_parse_year_first, _parse_named_month, _parse_numeric):
        parsed = parse(value)
        if parsed is not None:
            return parsed.isoformat()
    return None


def _parse_year_first(value: str) -> date | None:
    match = _YMD.match(value) or _COMPACT.match(value)
    if match is None:
        return None
    return _make_date(match["year"], match["month"], match["day"])


def _parse_named_month(value: str) -> date | None:
    match = _DAY_MONTH.search(value) or _MONTH_DAY.search(value)
    if match is None:
        return None
    return _make_date(match["year"], _MONTHS[match["month"].lower()], match["day"])


def _parse_numeric(value: str) -> date | None:
    match = _NUMERIC.match(value)
    if match is None:
        return None
    first, second = int(match["a"]), int(match["b"])
    if match["sep"] == "." or first > 12:
        day, month = first, second
    elif second > 12 or first == second:
        month, day = first, second
    else:
        return None  # 03/04/2024 is March 4 in one country and April 3 in another
    return _make_date(match["year"], month, day)


def _make_date(year: str | int, month: str | int, day: str | int) -> date | None:
    try:
        return date(int(year), int(month), int(day))
    except ValueError:  # e.g. 2024-02-30: a typo, not a date
        return None


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


def normalize_language(value: object) -> str | None:
    """Return the primary language subtag in lower case ("en-US" -> "en"), or ``None``."""
    if not isinstance(value, str):
        return None
    primary = re.split(r"[-_]", value.strip(), maxsplit=1)[0].lower()
    return primary if re.fullmatch(r"[a-z]{2,3}", primary) else None


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
