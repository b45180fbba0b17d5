"""Content fingerprints: a hash that ignores trivial differences, and shingles for later
near-duplicate detection.

Two copies of an article that differ only in case, whitespace, quote or dash style, or other
punctuation get the same ``content_hash`` and therefore the same ``article_id``.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

_NON_WORD = re.compile(r"[\W_]+")
_ID_LENGTH = 16


def normalize_for_hash(text: str) -> str:
    """Casefolded words separated by single spaces; punctuation (all quotes, dashes) dropped."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return _NON_WORD.sub(" ", text).strip()


def content_hash(text: str) -> str:
    """SHA-256 hex digest of the normalized text."""
    return hashlib.sha256(normalize_for_hash(text).encode("utf-8")).hexdigest()


def article_id(content_hash_hex: str) -> str:
    """The stable article id: the first 16 hex characters of the content hash."""
    return content_hash_hex[:_ID_LENGTH]


def shingles(text: str, k: int = 5) -> set[str]:
    """The set of k-word shingles of the normalized text (one shingle if it is shorter)."""
    if k < 1:
        raise ValueError(f"shingle size k must be >= 1, got {k}")
    words = normalize_for_hash(text).split()
    if len(words) <= k:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + k]) for i in range(len(words) - k + 1)}
