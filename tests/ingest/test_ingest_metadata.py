"""Stated metadata values: dates as YYYY-MM-DD or nothing, author lists, language codes."""

from __future__ import annotations

import pytest

from storyline.ingest.metadata import (
    clean_metadata,
    normalize_date,
    normalize_language,
    split_authors,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-07-31", "2024-07-31"),
        ("2024-7-3", "2024-07-03"),
        ("2024-07-31T23:19:00-05:00", "2024-07-31"),  # the publisher's day, not shifted to UTC
        ("2024-07-31 09:19:00", "2024-07-31"),
        ("2024/07/31", "2024-07-31"),
        ("20240731", "2024-07-31"),
        ("20240731091900", "2024-07-31"),
        ("Wed, 31 Jul 2024 09:19:00 GMT", "2024-07-31"),
        ("31 July 2024", "2024-07-31"),
        ("09:19 | 31 July 2024", "2024-07-31"),
        ("July 31, 2024", "2024-07-31"),
        ("Sept. 3rd, 2024", "2024-09-03"),
        ("Wednesday, July 31st 2024, 9:19 AM", "2024-07-31"),
        ("31.07.2024", "2024-07-31"),
        ("31/07/2024", "2024-07-31"),
        ("07/31/2024", "2024-07-31"),
        ("05/05/2024", "2024-05-05"),
        ("  2025-01-28  ", "2025-01-28"),
    ],
)
def test_full_dates_are_normalized(value, expected):
    assert normalize_date(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        "03/04/2024",  # March 4 or April 3: never guessed
        "2024-07",  # partial
        "2024",
        "July 2024",
        "2024-02-30",  # no such day
        "2024-13-01",
        "31 Foo 2024",
        "yesterday",
        "1722417540",  # a bare number is not a stated date
        "",
        None,
        20240731,
        ["2024-07-31"],
    ],
)
def test_values_that_are_not_full_dates_are_dropped(value):
    assert normalize_date(value) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Jane Doe", ["Jane Doe"]),
        ("Jane Doe; John Roe", ["Jane Doe", "John Roe"]),
        ("By Joshua Marks, Amelie Botbol, JNS", ["Joshua Marks", "Amelie Botbol", "JNS"]),
        ("by Jane Doe and John Roe", ["Jane Doe", "John Roe"]),
        ("Jane Doe & John Roe", ["Jane Doe", "John Roe"]),
        ("Doe, Jane", ["Doe, Jane"]),  # "Last, First" is one name
        (["Jane Doe", "John Roe", "Jane Doe"], ["Jane Doe", "John Roe"]),
        ([{"name": "Ann Lee"}, {"email": "x@y.z"}], ["Ann Lee"]),
        ("jane@example.com", []),
        ("  ", []),
        (None, []),
        (42, []),
    ],
)
def test_authors_are_split_into_names(value, expected):
    assert split_authors(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("en", "en"),
        ("en-US", "en"),
        ("EN_gb", "en"),
        ("spa", "spa"),
        ("english", None),
        ("", None),
        (None, None),
    ],
)
def test_languages_keep_the_primary_subtag(value, expected):
    assert normalize_language(value) == expected


def test_clean_metadata_keeps_only_stated_clean_values():
    assert clean_metadata(
        {
            "title": "  A   headline\nover lines ",
            "url": None,
            "published": "not a date",
            "outlet": {"id": "x", "name": "The Daily"},
            "authors": "Jane Doe; John Roe",
            "language": "en-GB",
            "section": "World",  # not a metadata key
        }
    ) == {
        "title": "A headline over lines",
        "outlet": "The Daily",
        "authors": ["Jane Doe", "John Roe"],
        "language": "en",
    }
