"""Language of an article, from metadata when the source states it, else detected."""

from __future__ import annotations

import re

import py3langid

# The clean stage's name for the shared normalizer (stated languages win over detection).
from storyline.languages import normalize_language as normalize_language_code  # noqa: F401

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
