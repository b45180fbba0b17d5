"""Language of an article, from metadata when the source states it, else detected."""

from __future__ import annotations

import re

import py3langid

_SAMPLE_CHARS = 2000  # a prefix is plenty for langid and keeps long articles cheap
_MIN_LETTERS = 20  # below this the guess is noise: say nothing
_LETTER = re.compile(r"[^\W\d_]")


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of ``text`` (e.g. "en"), or None when there is too little text."""
    sample = text[:_SAMPLE_CHARS]
    if len(_LETTER.findall(sample)) < _MIN_LETTERS:
        return None
    language, _score = py3langid.classify(sample)
    return str(language)


def normalize_language_code(value: object) -> str | None:
    """ "en", "EN", "en-US", "en_GB" -> "en"; anything that is not a language tag -> None."""
    if not isinstance(value, str):
        return None
    match = re.fullmatch(r"\s*([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{2,8})*\s*", value)
    return match.group(1).lower() if match else None
