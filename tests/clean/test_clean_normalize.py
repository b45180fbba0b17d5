"""normalize_text: Unicode repair and whitespace normalization."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.clean.normalize import normalize_text, unwrap_paragraphs


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # mojibake of curly quotes and an accent is repaired, curly quotes are kept
        ("The mayorâ€™s office said â€œnoâ€\x9d.", "The mayor’s office said “no”."),
        ("CafÃ© owners protested.", "Café owners protested."),
        ("“Quoted” and ‘single’ stay curly.", "“Quoted” and ‘single’ stay curly."),
        ("Dashes – and — stay.", "Dashes – and — stay."),
        # odd spaces become spaces, runs collapse
        ("ten\u00a0percent\u2009more\u202fnow", "ten percent more now"),
        ("too    many   spaces", "too many spaces"),
        ("tab\tseparated", "tab separated"),
        # invisible characters and soft hyphens vanish
        ("zero\u200bwidth jo\u2060ined", "zerowidth joined"),
        ("re\u00adport", "report"),
        ("\ufeffStarts with a byte-order mark", "Starts with a byte-order mark"),
        # control characters go, line breaks unify, line ends are stripped
        ("bell\x07 and null\x00", "bell and null"),
        ("first line\r\nsecond line\rthird", "first line\nsecond line\nthird"),
        ("trailing spaces   \nnext", "trailing spaces\nnext"),
        ("one\n\n\n\n\ntwo", "one\n\ntwo"),
        ("\n\n  padded text  \n\n", "padded text"),
        # NFC: a decomposed accent is composed
        ("Jose\u0301 arrived", "José arrived"),
        ("", ""),
    ],
)
def test_normalize_table(raw: str, expected: str) -> None:
    assert normalize_text(raw) == expected


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_normalize_is_idempotent_and_never_raises(text: str) -> None:
    once = normalize_text(text)
    assert normalize_text(once) == once


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab \t\r\n\u00a0\u200b\u00ad\x00é’“”—")))
def test_normalize_output_has_no_odd_whitespace(text: str) -> None:
    out = normalize_text(text)
    assert not any(ch in out for ch in "\t\r\u00a0\u200b\u00ad\x00")
    assert "  " not in out and "\n\n\n" not in out
    assert all(line == line.strip() for line in out.split("\n"))


WRAPPED = """Pier to reopen next spring

The harbour authority said on Tuesday that the pier would
reopen next spring, once engineers had replaced two of the
supports that the winter storm cracked.

Engineers said the work would take months rather than weeks
and that ferries would use the north quay until it was
finished, a plan that local traders welcomed as well-
judged.

- Ferries use the north quay
- Freight is unchanged"""


def test_hard_wrapped_paragraphs_are_joined() -> None:
    out = unwrap_paragraphs(WRAPPED)
    paragraphs = out.split("\n\n")
    assert paragraphs[0] == "Pier to reopen next spring"
    assert paragraphs[1].startswith("The harbour authority") and "\n" not in paragraphs[1]
    assert "would reopen next spring" in paragraphs[1]
    assert "welcomed as well-judged." in paragraphs[2]
    assert paragraphs[3] == "- Ferries use the north quay\n- Freight is unchanged"


@pytest.mark.parametrize(
    "text",
    [
        "One paragraph per line.\nAnother paragraph per line.\nA third one.",
        "Title\n\nA paragraph that is a single long line of text, longer than any wrap width "
        "would ever be, because it was never wrapped at all by its source.\n\nShort one.",
        "Heading\nCaption (Lena Marsh/AFP)\n\nParagraph.",
    ],
)
def test_text_that_is_not_hard_wrapped_is_unchanged(text: str) -> None:
    assert unwrap_paragraphs(text) == text
