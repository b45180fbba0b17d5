"""Separate the headline from the body.

A metadata title is authoritative: a first line repeating it is dropped from the text. Plain
text ("txt") often starts with its headline; that line is taken as the title only when it reads
like one, since many plain-text articles start directly with their first paragraph.
"""

from __future__ import annotations

import re

from storyline.clean.boilerplate import classify_line
from storyline.clean.metadata import is_bullet, looks_like_outlet

_MAX_HEADLINE_CHARS = 200
_MIN_HEADLINE_WORDS = 2


def find_title_line(lines: list[str], metadata_title: str | None, kind: str) -> int | None:
    """Index of the line holding the headline, or None when the text does not start with one."""
    first = _first_line_after_bullets(lines)
    if first is None:
        return None
    if metadata_title:
        return first if _same_text(lines[first], metadata_title) else None
    more_follows = any(lines[first + 1 :])
    if kind == "txt" and more_follows and reads_like_headline(lines[first]):
        return first
    return None


def _first_line_after_bullets(lines: list[str]) -> int | None:
    """First non-empty line that is not a bullet: scraped pages often list section, outlet and
    date as bullets above the headline."""
    return next((i for i, line in enumerate(lines) if line and not is_bullet(line)), None)


def reads_like_headline(line: str) -> bool:
    """Short, not ending in a full stop, and not some other kind of line (byline, date...)."""
    bare = line.rstrip("\"'”’»")
    return (
        len(line) <= _MAX_HEADLINE_CHARS
        and len(line.split()) >= _MIN_HEADLINE_WORDS
        and not bare.endswith((".", ",", ";", ":"))
        and not is_bullet(line)
        and not looks_like_outlet(line)
        and classify_line(line) is None
    )


def _same_text(a: str, b: str) -> bool:
    return _comparable(a) == _comparable(b)


def _comparable(text: str) -> str:
    return re.sub(r"\W+", " ", text.casefold()).strip()
