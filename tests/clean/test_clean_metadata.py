"""Parsers for body metadata: dates, date lines, bylines, wire credits, repost footers."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.clean.metadata import (
    looks_like_outlet,
    parse_byline,
    parse_date,
    parse_date_line,
    parse_repost_footer,
    parse_wire_credit,
    read_metadata,
    wire_from_dateline,
)
from storyline.models import RemovedLine


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2021-04-09", "2021-04-09"),
        ("2021/4/9 08:00", "2021-04-09"),
        ("2021-04-09T17:30:00Z", "2021-04-09"),
        ("9 April 2021", "2021-04-09"),
        ("9th of April, 2021", "2021-04-09"),
        ("09 Apr. 2021", "2021-04-09"),
        ("April 9, 2021", "2021-04-09"),
        ("Apr 9 2021", "2021-04-09"),
        ("Sept. 30th, 2019", "2019-09-30"),
        ("Friday, April 9, 2021 at 3 p.m.", "2021-04-09"),
        ("25/12/2020", "2020-12-25"),
        ("12/25/2020", "2020-12-25"),
        ("05/06/2020", None),  # day and month order unknown: no date rather than a guess
        ("April 2021", None),  # no day
        ("April 9", None),  # no year
        ("31 February 2021", None),  # not a calendar date
        ("2021-13-01", None),
        ("Room 101 on floor 9", None),
        ("", None),
    ],
)
def test_parse_date_table(text: str, expected: str | None) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Published Date: 14:05 | 3 March 2022", [("published", "2022-03-03")]),
        ("- Modified Date: 16:40 | 3 March 2022", [("modified", "2022-03-03")]),
        ("Published: March 3, 2022", [("published", "2022-03-03")]),
        ("Updated 2 Jan 2023 10:00 GMT", [("modified", "2023-01-02")]),
        ("Last updated on January 2, 2023, 10:15 a.m. ET", [("modified", "2023-01-02")]),
        ("Posted on 2022-11-30", [("published", "2022-11-30")]),
        ("First published: Tue 4 Oct 2022 06.00 BST", [("published", "2022-10-04")]),
        ("Thursday, 12 May 2022", [("published", "2022-05-12")]),
        (
            "Published March 3, 2022 | Updated March 4, 2022 11:02",
            [("published", "2022-03-03"), ("modified", "2022-03-04")],
        ),
        ("Published in 2019, the survey covered nine towns.", []),
        ("The council met on March 3, 2022 to vote on the budget.", []),
        ("Updated", []),
        ("Published: last week", []),
    ],
)
def test_parse_date_line_table(line: str, expected: list[tuple[str, str]]) -> None:
    assert parse_date_line(line) == expected


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_parse_date_line_never_raises_and_gives_real_dates(line: str) -> None:
    for kind, iso in parse_date_line(line):
        assert kind in ("published", "modified")
        assert dt.date.fromisoformat(iso).isoformat() == iso


@settings(max_examples=300, deadline=None)
@given(
    st.integers(1, 31),
    st.sampled_from(["January", "Feb", "Mar.", "june", "Sept", "December"]),
    st.integers(1900, 2099),
    st.sampled_from(["Published: {d} {m} {y}", "Updated {m} {d}, {y}", "{d} {m} {y} 10:00 GMT"]),
)
def test_parse_date_line_on_generated_dates(day: int, month: str, year: int, form: str) -> None:
    found = parse_date_line(form.format(d=day, m=month, y=year))
    assert len(found) <= 1
    for _, iso in found:
        assert dt.date.fromisoformat(iso).day == day


@pytest.mark.parametrize(
    ("line", "authors", "outlet"),
    [
        ("By Marta Oyelaran, Tobias Quill, HCL", ["Marta Oyelaran", "Tobias Quill"], "HCL"),
        ("By Marta Oyelaran and Tobias Quill", ["Marta Oyelaran", "Tobias Quill"], None),
        (
            "By Marta Oyelaran | Harbor City Ledger Daily",
            ["Marta Oyelaran"],
            "Harbor City Ledger Daily",
        ),
        (
            "By MARTA OYELARAN and TOBIAS QUILL, Northwind Press",
            ["Marta Oyelaran", "Tobias Quill"],
            "Northwind Press",
        ),
        (
            "By Ines van der Berg for The Morning Courier",
            ["Ines van der Berg"],
            "The Morning Courier",
        ),
        ("By Rafi bin Saleh, ledger-example.com", ["Rafi bin Saleh"], "ledger-example.com"),
        ("By J. R. Okafor", ["J. R. Okafor"], None),
        ("By Émilie Østergaard and Łukasz Żak", ["Émilie Østergaard", "Łukasz Żak"], None),
        ("Written by Lena Marsh", ["Lena Marsh"], None),
        ("By Staff Writer", [], None),
        ("By Tobias Quill, Northwind News Agency", ["Tobias Quill"], "Northwind News Agency"),
        ("By Reuters Staff", [], "Reuters"),
        (
            "By LENA MARSH and TOBIAS QUILL Northwind Press",
            ["Lena Marsh", "Tobias Quill"],
            "Northwind Press",
        ),
        ("By Lena Marsh, Senior Correspondent", ["Lena Marsh"], None),
        ("By Lena Marsh | Updated March 3, 2024 10:00 GMT", ["Lena Marsh"], None),
    ],
)
def test_parse_byline_table(line: str, authors: list[str], outlet: str | None) -> None:
    byline = parse_byline(line)
    assert byline is not None
    assert byline.authors == authors
    assert byline.outlet == outlet


@pytest.mark.parametrize(
    "line",
    [
        "By the end of the week, the river had fallen below its banks.",
        "By noon the square was empty",
        "By contrast, exports grew.",
        "Byron Lake is a quiet town.",
        "Standing by the door, the guard waited.",
    ],
)
def test_sentences_starting_with_by_are_not_bylines(line: str) -> None:
    assert parse_byline(line) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("KVX", True),
        ("Northwind News Agency", True),
        ("The Morning Courier", True),
        ("ledger-example.com", True),
        ("Reuters", True),
        ("Marta Oyelaran", False),
        ("Foreign affairs", False),
        ("the news was bad", False),
    ],
)
def test_looks_like_outlet(text: str, expected: bool) -> None:
    assert looks_like_outlet(text) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("(With information from EFE)", ("wire", "EFE")),
        ("With inputs from agencies", ("wire", "agencies")),
        ("(AP)", ("wire", "AP")),
        ("— AFP", ("wire", "AFP")),
        ("With Reuters", ("wire", "Reuters")),
        (
            "(Reporting by Lena Marsh; Editing by Tobias Quill)",
            ("credits", "Reporting by Lena Marsh; Editing by Tobias Quill"),
        ),
        (
            "Additional reporting by Lena Marsh in Porto",
            ("credits", "Additional reporting by Lena Marsh in Porto"),
        ),
        ("The ministry sent information from its archives.", None),
        ("Reporting by the committee was thin.", None),
    ],
)
def test_parse_wire_credit_table(line: str, expected: tuple[str, str] | None) -> None:
    assert parse_wire_credit(line) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "The post Bridge reopens after storm first appeared on Harbor City Ledger.",
            ("Bridge reopens after storm", "Harbor City Ledger"),
        ),
        ("This article was originally published on Northwind Review.", (None, "Northwind Review")),
        ("The story first appeared on the front page and sold out quickly in every town.", None),
    ],
)
def test_parse_repost_footer_table(line: str, expected: tuple[str | None, str] | None) -> None:
    assert parse_repost_footer(line) == expected


def test_read_metadata_merges_removed_lines() -> None:
    removed = [
        RemovedLine("- World", "metadata"),
        RemovedLine("- Northwind News Agency", "metadata"),
        RemovedLine("- Modified Date: 10:00 | 5 May 2022", "metadata"),
        RemovedLine("- Published Date: 09:00 | 4 May 2022", "metadata"),
        RemovedLine("By Lena Marsh, KVX", "byline"),
        RemovedLine("The post Vote delayed first appeared on Harbor City Ledger.", "repost-footer"),
        RemovedLine("(With information from AFP)", "wire-credit"),
    ]
    found = read_metadata(removed)
    assert found.published == "2022-05-04"  # published wins over an earlier modified line
    assert found.extra["modified"] == "2022-05-05"
    assert found.outlet == "KVX"  # a byline outlet beats a metadata bullet and a footer
    assert found.authors == ["Lena Marsh"]
    assert found.title == "Vote delayed"
    assert found.extra["first_appeared_on"] == "Harbor City Ledger"
    assert found.extra["section"] == "World"
    assert found.extra["wire"] == "AFP"


def test_read_metadata_falls_back_to_modified_and_footer() -> None:
    removed = [
        RemovedLine("Updated: June 1, 2021", "metadata"),
        RemovedLine("The post Vote delayed first appeared on Harbor City Ledger.", "repost-footer"),
    ]
    found = read_metadata(removed)
    assert found.published == "2021-06-01"
    assert found.outlet == "Harbor City Ledger"


def test_byline_dates_are_read() -> None:
    byline = parse_byline("By Lena Marsh | Published 4 May 2022, Updated 5 May 2022")
    assert byline is not None and byline.dates == [
        ("published", "2022-05-04"),
        ("modified", "2022-05-05"),
    ]
    found = read_metadata([RemovedLine("By Lena Marsh | Updated 5 May 2022", "byline")])
    assert found.published == "2022-05-05" and found.extra["modified"] == "2022-05-05"


def test_read_metadata_without_dates_invents_none() -> None:
    assert read_metadata([RemovedLine("By Lena Marsh", "byline")]).published is None


@pytest.mark.parametrize(
    ("paragraph", "wire"),
    [
        ("PORTVALE (AP) — Ferries stayed tied up on Tuesday.", "AP"),
        ("March 3 (Reuters) - The council approved the budget.", "Reuters"),
        ("NEW PORT, Maine (AFP) – Crews worked overnight.", "AFP"),
        ("The ferry (AP) sailed.", None),
        ("Ferries stayed tied up on Tuesday, the agency (AFP) said.", None),
    ],
)
def test_wire_from_dateline(paragraph: str, wire: str | None) -> None:
    assert wire_from_dateline(paragraph) == wire


@pytest.mark.parametrize(
    "line, expected",
    [
        ("Riverside Daily | Thursday, 4 May 2023", ("Riverside Daily", [("published", "2023-05-04")])),
        ("Coast News Network – 2 March 2022", ("Coast News Network", [("published", "2022-03-02")])),
        ("Mary Jones - 3 May 2021", (None, [])),  # a person, not an outlet
        ("Riverside Daily | The ferry sailed on 3 May 2021", ("Riverside Daily", [])),  # a sentence
    ],
)
def test_outlet_before_a_header_date(line: str, expected: tuple) -> None:
    from storyline.clean.metadata import split_outlet_prefix

    assert (split_outlet_prefix(line)[0], parse_date_line(line)) == expected
