"""Content hash, article id, shingles and language detection."""

from __future__ import annotations

import pytest

from storyline.clean.fingerprint import article_id, content_hash, normalize_for_hash, shingles
from storyline.clean.language import detect_language, normalize_language_code


def test_trivial_differences_hash_the_same() -> None:
    a = "The mayor said: “We will rebuild the pier” – and the council agreed."
    b = 'the  MAYOR said "we will rebuild the pier" - and the council agreed'
    assert content_hash(a) == content_hash(b)
    assert len(content_hash(a)) == 64


def test_different_text_hashes_differ() -> None:
    assert content_hash("The pier reopened.") != content_hash("The pier closed.")


def test_article_id_is_the_hash_prefix() -> None:
    digest = content_hash("Some text")
    assert article_id(digest) == digest[:16]


def test_normalize_for_hash() -> None:
    assert normalize_for_hash("Ferry’s  Fare—UP!\n“Again”") == "ferry s fare up again"


def test_shingles() -> None:
    assert shingles("one two three", k=5) == {"one two three"}
    assert shingles("", k=5) == set()
    assert shingles("A b, c d e f.", k=5) == {"a b c d e", "b c d e f"}
    with pytest.raises(ValueError):
        shingles("text", k=0)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The harbour authority said the pier would reopen next spring after repairs.", "en"),
        ("La autoridad portuaria dijo que el muelle volvería a abrir la próxima primavera.", "es"),
        ("Die Hafenbehörde sagte, der Pier werde im nächsten Frühjahr wieder geöffnet.", "de"),
        ("Ok.", None),
        ("", None),
    ],
)
def test_detect_language(text: str, expected: str | None) -> None:
    assert detect_language(text) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("en", "en"),
        ("EN", "en"),
        ("en-US", "en"),
        ("pt_BR", "pt"),
        ("", None),
        (None, None),
        ("English language", None),
    ],
)
def test_normalize_language_code(value: object, expected: str | None) -> None:
    assert normalize_language_code(value) == expected
