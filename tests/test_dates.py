"""Shared date reading: whole metadata values (normalize_date), dates in text (find_dates)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.dates import find_dates, make_date, month_number, normalize_date


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-07-31", "2024-07-31"),
        ("2024-7-3", "2024-07-03"),
        ("2024-07-31T23:19:00-05:00", "2024-07-31"),  # the publisher's day, not UTC
        ("2024/07/31 09:19", "2024-07-31"),
        ("1850-01-02", "1850-01-02"),  # a stated value may have any year
        ("20240731", "2024-07-31"),
        ("20240731T091900", "2024-07-31"),
        ("Wed, 31 Jul 2024 09:19:00 GMT", "2024-07-31"),
        ("31st of July, 2024", "2024-07-31"),
        ("Sept. 3rd, 2024", "2024-09-03"),
        ("JULY 31 2024", "2024-07-31"),
        ("31.07.2024", "2024-07-31"),
        ("01.02.2024", "2024-02-01"),  # dots are day-first
        ("07/31/2024", "2024-07-31"),
        ("31-07-2024", "2024-07-31"),
        ("05/05/2024", "2024-05-05"),  # same either way round
        ("3 Auguſt 2024", "2024-08-03"),  # long s: the regex's case rule, not a KeyError
        ("03/04/2024", None),  # March 4 or April 3: never guessed
        ("31/07-2024", None),  # mixed separators
        ("Updated 2024-07-31", None),  # numeric forms only at the start of a value
        ("2024-02-30", None),
        ("2024-07", None),
        ("July 2024", None),
        ("31. July 2024", None),
        ("1722417540", None),
        ("   ", None),
        (None, None),
        (20240731, None),
        (dt.date(2024, 7, 31), "2024-07-31"),  # Python callers may pass date objects
        (dt.datetime(2024, 7, 31, 23, 5), "2024-07-31"),
    ],
)
def test_normalize_date_table(value: object, expected: str | None) -> None:
    assert normalize_date(value) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Published Date: 09:19 | 31 July 2024", [(24, 36, "2024-07-31")]),
        ("Updated 2024-07-31", [(8, 18, "2024-07-31")]),
        ("31. July 2024", [(0, 13, "2024-07-31")]),
        ("9th of April, 2021", [(0, 18, "2021-04-09")]),
        ("Friday, April 9, 2021 at 3 p.m.", [(8, 21, "2021-04-09")]),
        ("25/12/2020 and 12.25.2020", [(0, 10, "2020-12-25"), (15, 25, "2020-12-25")]),
        ("from 1 May 2020 to 2020-06-02", [(5, 15, "2020-05-01"), (19, 29, "2020-06-02")]),
        ("2020-06-02", [(0, 10, "2020-06-02")]),  # not also read as "06-02-..." or similar
        ("05/06/2020", []),  # day and month order unknown
        ("05/05/2020", []),  # text is stricter than values: no doubled numbers
        ("01.02.2020", []),  # ... and dots are not day-first
        ("3 May 1500", []),  # only 19xx/20xx in text
        ("1850-01-02", []),
        ("131 July 2024", []),
        ("31 July 2024abc", []),
        ("31 February 2021", []),
        ("April 2021", []),
        ("Room 101 on floor 9", []),
        ("3 APRİL 2024", [(0, 12, "2024-04-03")]),  # dotted capital I, as Turkish keyboards write
        ("", []),
    ],
)
def test_find_dates_table(text: str, expected: list[tuple[int, int, str]]) -> None:
    assert find_dates(text) == expected


def test_make_date_and_month_number() -> None:
    assert make_date("2024", "2", "29") == dt.date(2024, 2, 29)
    assert make_date(2023, 2, 29) is None
    assert make_date(2024, 13, 1) is None
    assert make_date(0, 1, 1) is None
    assert [month_number(n) for n in ("Jan", "SEPT", "september", "Auguſt", "foo")] == [
        1,
        9,
        9,
        8,
        None,
    ]


# Pieces that make date-like strings far more often than random text does, including
# characters that re.IGNORECASE matches to ASCII letters ("ſ", "İ", "ı") and non-ASCII digits.
_PIECES = [
    "2024", "1999", "0000", "9999", "1500", "20240731", "07", "7", "31", "13", "12", "05", "00",
    "-", "/", ".", " ", ", ", "of ", "th", "T09:19", "Z", "Jan", "SEPT.", "May", "Auguſt",
    "APRİL", "Aprıl", "٢٠٢٤", "٣",
]  # fmt: skip
_DATE_LIKE = st.one_of(
    st.text(max_size=40),
    st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=2)), max_size=12).map("".join),
)


def _is_iso_date(text: object) -> bool:
    return isinstance(text, str) and dt.date.fromisoformat(text).isoformat() == text


_ANY_VALUE = st.one_of(st.none(), st.integers(), st.floats(), st.dates(), st.lists(st.text()))


@settings(max_examples=500, deadline=None)
@given(st.one_of(_DATE_LIKE, _ANY_VALUE))
def test_normalize_date_never_raises_and_gives_iso_or_none(value: object) -> None:
    result = normalize_date(value)
    assert result is None or _is_iso_date(result)


@settings(max_examples=500, deadline=None)
@given(_DATE_LIKE)
def test_find_dates_never_raises_and_gives_iso_spans(text: str) -> None:
    hits = find_dates(text)
    ends = [0] + [end for _, end, _ in hits]
    for previous_end, (start, end, iso) in zip(ends, hits, strict=False):
        assert previous_end <= start < end <= len(text)  # in the text, in order, not overlapping
        assert _is_iso_date(iso)
