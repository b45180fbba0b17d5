"""Glued-word repair: a general method, checked on words it must split and words it must not."""

from __future__ import annotations

import time

import pytest

from storyline.clean.glued import repair_glued_words


@pytest.mark.parametrize(
    ("text", "original", "replacement"),
    [
        # a name that stands alone elsewhere in the article + a known word
        (
            "Ona Valdric arrived. Then Valdricwelcomed the visitors.",
            "Valdricwelcomed",
            "Valdric welcomed",
        ),
        ("Mayor Quill spoke first. Later Quillthe envoy left.", "Quillthe", "Quill the"),
        (
            "Envoy Ostrander met them. Ostrandersigned the accord.",
            "Ostrandersigned",
            "Ostrander signed",
        ),
        # a frequent word + a function word
        ("An essay in the Evening Heraldin which she argued.", "Heraldin", "Herald in"),
        ("The committee metafter lunch.", "metafter", "met after"),
        ("Officials saidthat the talks stalled.", "saidthat", "said that"),
        # camelCase boundary between two known words
        ("He saidThe talks were over.", "saidThe", "said The"),
    ],
)
def test_glued_words_are_split(text: str, original: str, replacement: str) -> None:
    repaired, repairs = repair_glued_words(text)
    assert [(r.original, r.replacement, r.reason) for r in repairs] == [
        (original, replacement, "glued-word")
    ]
    assert replacement in repaired and original not in repaired


NOT_GLUED = [
    # ordinary long words
    "government", "international", "humanitarian", "negotiations", "notwithstanding",
    "therapist", "nowhere", "thereafter", "whereupon", "insofar", "Thanksgiving",
    # names, including ones the frequency list does not know
    "Netanyahu", "Lejtman", "Oyelaran", "Kowalczyk", "Fromholz", "Ourania", "Schwarzenegger",
    "Thessaloniki", "Ouagadougou", "Hillas", "Stonebridge", "Fairhaven", "Bythewood", "Tothill",
    # camel-cased names and brands
    "McDonald", "iPhone", "YouTube", "DeSantis", "LaGuardia", "MacKenzie",
    # rare lowercase compounds of content words
    "megadonor", "hyperpartisan",
    # hyphenated words, URLs, e-mails, handles, hashtags
    "well-known", "cease-fire", "Blinken-Al-Muraikhi", "https://example.com/newsroomupdate",
    "www.harborledgernews.org", "press@harborledgernews.org", "@newsdeskteam", "#breakingnewsnow",
]  # fmt: skip


@pytest.mark.parametrize("word", NOT_GLUED)
def test_real_words_and_names_are_not_split(word: str) -> None:
    text = f"The report mentioned {word} twice in passing."
    assert repair_glued_words(text) == (text, [])


def test_unknown_token_seen_twice_is_a_real_word() -> None:
    text = "Valdric met Valdricthe envoy. Later Valdricthe envoy left."
    assert repair_glued_words(text) == (text, [])


def test_name_in_vocabulary_text_supports_a_split() -> None:
    text, repairs = repair_glued_words(
        "Then Ostranderthanked the crew.",
        vocabulary_text="Envoy Ostrander. Then Ostranderthanked the crew.",
    )
    assert text == "Then Ostrander thanked the crew."
    assert len(repairs) == 1


def test_repair_is_fast_on_a_long_text() -> None:
    paragraph = "The harbour authority said the pier would reopen next spring after repairs. " * 20
    text = "\n".join(paragraph for _ in range(50))  # ~75k characters
    repair_glued_words(text)  # warm the frequency cache
    start = time.perf_counter()
    repair_glued_words(text)
    assert time.perf_counter() - start < 0.5
