"""Calendar dates as people write them, read the same way by every stage.

One month table, one set of regex pieces and one validation serve two readers:

- ``normalize_date`` reads a whole metadata value that a source states *as* a date
  ("2024-07-31T09:19:00Z", "Wed, 31 Jul 2024 09:19 GMT", "20240731"); ingest/ uses it.
- ``find_dates`` finds the dates written inside a line of article text
  ("Published Date: 09:19 | 31 July 2024"); clean/ uses it.

Both give only full, real calendar dates, taken as written (never shifted to UTC). A date that is
partial ("July 2024") or ambiguous ("03/04/2024") gives nothing: a wrong date puts an article in
the wrong place on the storyline, while a missing one only leaves it undated. Where the two
readers differ (which years, where in the string, which numeric orders), it is because a value
known to be a date can be read more freely than a number met in running text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime

MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}

# Regex pieces. Longest names first, so "sept" is not read as "sep" followed by a stray "t".
MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
# Any four-digit year in a value that is stated as a date ...
YEAR = r"(?P<year>\d{4})"
# ... but only 19xx/20xx in running text, where "3 May 1500" is more likely a count than a year.
TEXT_YEAR = r"(?P<year>(?:19|20)\d{2})"


def make_date(year: str | int, month: str | int, day: str | int) -> date | None:
    """The date of these numbers, or None when there is no such day (2024-02-30, month 13)."""
    try:
        return date(int(year), int(month), int(day))
    except ValueError:  # a typo, not a date
        return None


def iso_day(value: str | None) -> date | None:
    """'2031-05-06' (or a longer ISO value starting with it) -> a date; None for anything less
    precise ('2031-05', 'XXXX-05-06') or empty."""
    try:
        return date.fromisoformat(value[:10]) if value and len(value) >= 10 else None
    except ValueError:
        return None


def month_number(name: str) -> int | None:
    """1-12 for a month name or abbreviation in any case ("Sept" -> 9), else None."""
    number = MONTHS.get(name.lower())
    if number is None:
        # re.IGNORECASE also matches "ſ" to "s" and "İ"/"ı" to "i", which lower() keeps as they
        # are: ask the regex engine, so a name the patterns accepted is always found here.
        number = next((n for key, n in MONTHS.items() if re.fullmatch(key, name, re.I)), None)
    return number


# --- whole metadata values ----------------------------------------------------------------

# Year first, at the start: ISO 8601 and its variants ("2024-07-31T09:19:00Z", "2024/07/31").
_VALUE_YMD = re.compile(rf"^\s*{YEAR}[-/.](?P<month>\d{{1,2}})[-/.](?P<day>\d{{1,2}})(?!\d)")
# Compact forms used by crawls such as GDELT, alone: "20240731" or "20240731091900".
_VALUE_COMPACT = re.compile(r"^\s*(?P<year>\d{4})(?P<month>\d{2})(?P<day>\d{2})(?:T?\d{4,6})?\s*$")
# Named months, anywhere, since a weekday or a time may come first: "Wed, 31 Jul 2024 09:19 GMT".
_VALUE_DAY_MONTH = re.compile(rf"(?<!\w){DAY}\s+(?:of\s+)?{MONTH},?\s+{YEAR}(?!\d)", re.I)
_VALUE_MONTH_DAY = re.compile(rf"(?<!\w){MONTH}\s+{DAY},?\s+{YEAR}(?!\d)", re.I)
# All-numeric, at the start, one separator throughout: "31.07.2024", "07/31/2024".
_VALUE_NUMERIC = re.compile(
    rf"^\s*(?P<a>\d{{1,2}})(?P<sep>[./-])(?P<b>\d{{1,2}})(?P=sep){YEAR}(?!\d)"
)
# Tried group by group. Within a group the first form that matches is how the value is
# written; if it names no real day, the value is not read in that group's other form.
_VALUE_FORMS = (
    (_VALUE_YMD, _VALUE_COMPACT),
    (_VALUE_DAY_MONTH, _VALUE_MONTH_DAY),
    (_VALUE_NUMERIC,),
)


def normalize_date(value: object) -> str | None:
    """``value`` as "YYYY-MM-DD" when it states a full, certain date, else None.

    "2024-07-31T23:00:00-05:00" is 2024-07-31, the publisher's local day. ``date`` and
    ``datetime`` objects (from Python callers) are taken as they are. Other non-strings
    (numbers, lists, None) are not dates a source states, so they give None.
    """
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if not isinstance(value, str) or not value.strip():
        return None
    for forms in _VALUE_FORMS:
        match = _first_match(forms, value)
        found = match and _date_of(match, strict_numeric=False)
        if found:
            return found.isoformat()
    return None


def _first_match(patterns: Iterable[re.Pattern[str]], text: str) -> re.Match[str] | None:
    return next((m for m in (p.search(text) for p in patterns) if m is not None), None)


# --- dates inside text --------------------------------------------------------------------

# Searched anywhere; \b on both sides so "1031 July 2024" or "31 July 20245" are not read.
_TEXT_FORMS = (
    re.compile(rf"\b{TEXT_YEAR}[-/.](?P<month>\d{{1,2}})[-/.](?P<day>\d{{1,2}})(?!\d)"),  # ISO
    re.compile(rf"\b{DAY}\.?\s+(?:of\s+)?{MONTH},?\s+{TEXT_YEAR}\b", re.I),  # 31. July 2024
    re.compile(rf"\b{MONTH}\s+{DAY},?\s+{TEXT_YEAR}\b", re.I),  # July 31, 2024
    re.compile(rf"\b(?P<a>\d{{1,2}})[/.-](?P<b>\d{{1,2}})[/.-]{TEXT_YEAR}\b"),  # 31/07/2024
)


def find_dates(text: str) -> list[tuple[int, int, str]]:
    """Every full date written in ``text`` as (start, end, "YYYY-MM-DD"), in reading order.

    Where two forms overlap the earlier form in ``_TEXT_FORMS`` wins (a year-first date is
    not read again as day/month). A match that is no real date claims no span, so a real
    date overlapping it is still found.
    """
    hits: list[tuple[int, int, str]] = []
    for pattern in _TEXT_FORMS:
        for match in pattern.finditer(text):
            found = _date_of(match, strict_numeric=True)
            overlaps = any(s < match.end() and match.start() < e for s, e, _ in hits)
            if found and not overlaps:
                hits.append((match.start(), match.end(), found.isoformat()))
    return sorted(hits)


# --- shared by both readers ---------------------------------------------------------------


def _date_of(match: re.Match[str], *, strict_numeric: bool) -> date | None:
    """The date a form matched: named groups year and day with month, or a/b (+ sep)."""
    parts = match.groupdict()
    if parts.get("a") is not None:
        return _numeric_date(parts, strict=strict_numeric)
    month = parts["month"]
    number = int(month) if month.isdigit() else month_number(month)
    return make_date(parts["year"], number, parts["day"]) if number is not None else None


def _numeric_date(parts: dict[str, str], *, strict: bool) -> date | None:
    """An all-numeric date "a/b/year" when which number is the day is certain.

    A metadata value is known to be a date, so its dots are read day-first (everywhere that
    writes 31.07.2024 puts the day first) and "05/05/2024" reads the same either way. In
    running text (``strict``) only an order pinned down by a number over 12 is read: a dotted
    or doubled "1.1.2020" there may as well be a version or reference number.
    """
    a, b = int(parts["a"]), int(parts["b"])
    if (not strict and parts.get("sep") == ".") or a > 12:
        day, month = a, b
    elif b > 12 or (not strict and a == b):
        day, month = b, a
    else:
        return None  # 03/04/2024 is March 4 in one country and April 3 in another
    return make_date(parts["year"], month, day)
