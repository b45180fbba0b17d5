"""Highlight spans nest into valid markup whatever the overlaps; charts' scales and dates."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings, strategies as st

from storyline.web.highlight import Span, nest, plain_text
from storyline.web.svg import TimeScale, ValueScale, compact_number, full_number, parse_when

TEXT = 'Minister Kovac said "we agreed" on Monday.'


def shape(tokens) -> list[tuple]:
    return [(t.op, t.span.kind if t.span else t.text, t.tag) for t in tokens]


@pytest.mark.parametrize("spans, expected", [
    ([], [("text", TEXT, "span")]),
    ([Span(9, 14, "mention", href="/entities/e1")],
     [("text", "Minister ", "span"), ("open", "mention", "a"), ("text", "Kovac", "span"),
      ("close", "mention", "a"), ("text", TEXT[14:], "span")]),
    # a name inside the highlighted sentence: the mark wraps the link
    ([Span(9, 14, "mention", href="/e"), Span(0, len(TEXT), "hl")],
     [("open", "hl", "mark"), ("text", "Minister ", "span"), ("open", "mention", "a"),
      ("text", "Kovac", "span"), ("close", "mention", "a"), ("text", TEXT[14:], "span"),
      ("close", "hl", "mark")]),
    # a link inside a link becomes a span
    ([Span(15, 19, "event", href="/events/x"), Span(15, 19, "mention", href="/entities/y")],
     [("text", TEXT[:15], "span"), ("open", "event", "a"), ("open", "mention", "span"),
      ("text", "said", "span"), ("close", "mention", "span"), ("close", "event", "a"),
      ("text", TEXT[19:], "span")]),
])
def test_nest_table(spans, expected) -> None:
    assert shape(nest(TEXT, spans)) == expected


def test_a_crossing_span_is_split_and_only_its_first_piece_keeps_the_id() -> None:
    tokens = nest(TEXT, [Span(15, 30, "quote"), Span(20, 42, "hl")])
    opened = [t.span for t in tokens if t.op == "open"]
    assert [(s.kind, s.start, s.end, s.first) for s in opened] == [
        ("quote", 15, 30, True), ("hl", 20, 30, True), ("hl", 30, 42, False)]


@settings(deadline=None)  # timing is not what this checks; a busy machine must not fail it
@given(st.lists(st.tuples(st.integers(-5, 50), st.integers(-5, 50),
                          st.sampled_from(["hl", "quote", "claim", "event", "mention", "time"])),
                max_size=12))
def test_nest_keeps_the_text_and_balances_every_element(raw) -> None:
    spans = [Span(a, b, kind, href="/x" if kind in ("event", "mention") else None) for a, b, kind in raw]
    tokens = nest(TEXT, spans)
    assert plain_text(tokens) == TEXT
    stack = []
    for token in tokens:
        if token.op == "open":
            assert not (token.tag == "a" and "a" in stack)  # no link inside a link
            stack.append(token.tag)
        elif token.op == "close":
            assert stack.pop() == token.tag
    assert stack == []


@pytest.mark.parametrize("value, expected", [
    ("2021-03-23", date(2021, 3, 23)), ("2021-03", date(2021, 3, 1)), ("2021", date(2021, 1, 1)),
    ("2021-W12", date(2021, 3, 22)), ("2021-03-24T08:00", date(2021, 3, 24)),
    ("XXXX-03-23", None), ("P3D", None), (None, None), ("2021-13-40", None),
])
def test_parse_when(value, expected) -> None:
    assert parse_when(value) == expected


@pytest.mark.parametrize("value, compact, full", [
    (4.5e9, "4.5B", "4,500,000,000"), (27000, "27K", "27,000"), (12, "12", "12"), (1.5, "1.5", "1.5"),
])
def test_numbers(value, compact, full) -> None:
    assert (compact_number(value), full_number(value)) == (compact, full)


def test_scales_map_the_extremes_inside_the_drawing() -> None:
    times = TimeScale.covering([date(2021, 3, 1), date(2021, 7, 1)], 40, 900)
    assert 40 < times.x(date(2021, 3, 1)) < times.x(date(2021, 7, 1)) < 900
    assert [label for _, label in times.ticks()][:2] == ["Mar 2021", "Apr"]
    values = ValueScale.covering([3e8, 4.5e9], top=10, bottom=200)
    assert values.y(0) == 200 and 10 <= values.y(4.5e9) < 200
    assert values.ticks()[0][1] == "0"
