"""Lexicons, regex building blocks and calendar helpers for the TIMEX3 rules.

General vocabulary only (month and weekday names, number words, units, parts of day, seasons):
nothing about particular people, places or dates.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from storyline.dates import month_number as calendar_month

# ---------------------------------------------------------------------------------------------
# Lexicons
# ---------------------------------------------------------------------------------------------
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
            "saturday": 5, "sunday": 6}
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI",
                "overnight": "NI"}
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "hundred": 100, "a hundred": 100, "couple": 2, "a couple of": 2, "dozen": 12,
    "a dozen": 12, "half a": 0.5, "a half": 0.5,
}
VAGUE_NUMBERS = ("several", "few", "a few", "many", "some", "the next few", "numerous")
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3,
            "4th": 4, "last": 4}
UNITS = {"second": "S", "minute": "M", "hour": "H", "day": "D", "night": "D", "week": "W",
         "month": "M", "year": "Y", "decade": "DE", "century": "CE", "quarter": "Q",
         "weekend": "WE", "fortnight": "W"}
TIME_UNITS = {"second", "minute", "hour"}
SET_WORDS = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y",
             "yearly": "P1Y", "nightly": "P1D", "hourly": "PT1H"}

# ---------------------------------------------------------------------------------------------
# Regex building blocks
# ---------------------------------------------------------------------------------------------
_MONTH = (r"(?:Jan(?:uary|\.)|Feb(?:ruary|\.)|March|Mar\.|April|Apr\.|May|June|Jun\.|July|"
          r"Jul\.|Aug(?:ust|\.)|Sep(?:tember|t?\.)|Oct(?:ober|\.)|Nov(?:ember|\.)|"
          r"Dec(?:ember|\.)|JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|"
          r"OCTOBER|NOVEMBER|DECEMBER)")
_WEEKDAY = r"(?:[Mm]onday|[Tt]uesday|[Ww]ednesday|[Tt]hursday|[Ff]riday|[Ss]aturday|[Ss]unday)"
_DAYNUM = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[6-9]\d\d|20\d\d)"
_NUMWORD = (r"(?:\d+(?:\.\d+)?|a\s+hundred|a\s+dozen|a\s+couple\s+of|couple\s+of|half\s+a|"
            r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
            r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|"
            r"sixty|seventy|eighty|ninety|hundred|dozen|an?)")
_NUM = rf"(?:{_NUMWORD}(?:[\s-]+(?:and\s+a\s+half|1/2|{_NUMWORD}))?)"
_UNIT = (r"(?:second|minute|hour|day|night|week|month|quarter|year|decade|century|centurie|"
         r"fortnight)")
_APPROX = (r"(?:(?:nearly|almost|about|around|roughly|approximately|some|"
           r"more\s+than|less\s+than|at\s+least|up\s+to|only|just)\s+)")
_MOD = r"(?:(?:early|late|mid|the\s+middle\s+of|the\s+end\s+of|the\s+beginning\s+of)[\s-]+)"
_POD = r"(?:morning|afternoon|evening|night|overnight)"
_CLOCK = (r"(?:(?:[01]?\d|2[0-3])(?::[0-5]\d)?\s*(?:a\.m\.|p\.m\.|am\b|pm\b|a\.m|p\.m)|"
          r"(?:[01]?\d|2[0-3]):[0-5]\d|noon|midday|midnight)")


@dataclass
class Context:
    """What a normalizer may use: the publication date and the tense around the expression."""

    dct: date | None
    tense: str | None  # "past", "future" or None (present / unknown)
    quarterly: bool = False  # the sentence talks about a (fiscal) quarter


@dataclass(frozen=True)
class Anaphor:
    """A value still to compute: ``step`` units from the date the text mentioned last."""

    unit: str  # "day", "month", "quarter" or "year"
    step: int


@dataclass
class Candidate:
    start: int
    end: int
    type: str
    value: str | Anaphor | None
    precision: str | None
    anchored: bool
    needs_entity: bool = False  # ambiguous: kept only inside a spaCy DATE/TIME entity
    priority: int = 0


Result = tuple[str, str | Anaphor | None, str | None, bool] | None  # type, value, precision, anchored
Rule = tuple[re.Pattern[str], Callable[[re.Match[str], Context], Result], bool]
_RULES: list[Rule] = []


def rule(pattern: str, needs_entity: bool = False, flags: int = 0):
    compiled = re.compile(rf"(?<![\w.-]){pattern}(?![\w]|-\w)", flags)

    def decorate(handler):
        _RULES.append((compiled, handler, needs_entity))
        return handler

    return decorate


# ---------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------
def month_number(word: str) -> int | None:
    """1-12 for a month word the patterns matched ("Sept.", "DECEMBER"); the month table is the
    shared one in storyline.dates, with a three-letter prefix as the fallback."""
    key = word.rstrip(".")
    return calendar_month(key) or calendar_month(key[:3])


def number_value(text: str) -> float | None:
    text = re.sub(r"\s+", " ", text.lower().strip()).replace("-", " ")
    if text in NUMBERS:
        return NUMBERS[text]
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return float(text) if "." in text else int(text)
    for half in (" and a half", " 1/2"):
        if not text.endswith(half):
            continue
        base = number_value(text[: -len(half)])
        return None if base is None else base + 0.5
    parts = text.split(" ")
    if len(parts) >= 2 and parts[0] in ("a", "an"):
        return number_value(" ".join(parts[1:]))
    if len(parts) == 2 and parts[0] in NUMBERS and parts[1] in NUMBERS:
        a, b = NUMBERS[parts[0]], NUMBERS[parts[1]]
        if b == 100:
            return a * 100
        if a >= 20 and b < 10:
            return a + b
    return None


def duration(amount: float | None, unit: str) -> str:
    unit = unit.lower().rstrip("s")
    unit = "century" if unit.startswith("centur") else unit
    if amount is None:
        amount_s = "X"
    elif amount != int(amount):
        return _fractional(amount, unit)
    else:
        amount_s = str(int(amount))
    if unit == "fortnight":
        return f"P{amount_s}W" if amount_s == "X" else f"P{int(amount) * 2}W"
    if unit == "decade":
        return f"P{amount_s}0Y" if amount_s != "X" else "PXDE"
    if unit == "century":
        return f"P{amount_s}00Y" if amount_s != "X" else "PXCE"
    if unit in TIME_UNITS:
        return f"PT{amount_s}{UNITS[unit]}"
    return f"P{amount_s}{UNITS[unit]}"


def _fractional(amount: float, unit: str) -> str:
    """"2 1/2 years" -> P2Y6M, "5 1/2 hours" -> PT5H30M, "half a year" -> P6M."""
    whole = int(amount)
    smaller = {"year": (12, "M"), "month": (30, "D"), "week": (7, "D"), "day": (24, "TH"),
               "hour": (60, "TM"), "decade": (10, "Y")}
    if unit not in smaller:
        return f"P{amount}{UNITS.get(unit, 'X')}"
    factor, code = smaller[unit]
    rest = (amount - whole) * factor
    rest_s = str(int(rest)) if rest == int(rest) else str(rest)
    if whole == 0 or unit in ("week", "decade"):
        n = amount * factor
        n_s = str(int(n)) if n == int(n) else str(n)
        return f"PT{n_s}{code[1]}" if code.startswith("T") else f"P{n_s}{code}"
    big = f"P{whole}{UNITS[unit]}" if unit != "hour" else f"PT{whole}H"
    if unit == "hour":
        return f"{big}{rest_s}M"
    return f"{big}T{rest_s}{code[1]}" if code.startswith("T") else f"{big}{rest_s}{code}"


def iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def shift_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def nearest_year(month: int, day: int | None, ctx: Context) -> int:
    """The year that puts month(/day) nearest the publication date in the tense direction."""
    dct = ctx.dct
    assert dct is not None
    options = []
    for year in (dct.year - 1, dct.year, dct.year + 1):
        try:
            when = date(year, month, day or 15)
        except ValueError:
            when = date(year, month, 28)
        if day is None:  # a month: compare month indexes, the current month counts as both
            delta = (year * 12 + month) - (dct.year * 12 + dct.month)
            options.append((delta * 30, year))
        else:
            options.append(((when - dct).days, year))
    # the tense direction is preferred, not absolute: a date far back in the "past" direction
    # loses to one a few weeks ahead (tense is a noisy cue); without tense, news leans past
    weight_past, weight_future = {"past": (1.0, 6.0), "future": (6.0, 1.0)}.get(
        ctx.tense or "", (1.0, 1.5))
    return min(options, key=lambda o: (abs(o[0]) * (weight_past if o[0] <= 0 else weight_future),
                                       o[0] > 0))[1]


def weekday_date(weekday: int, ctx: Context) -> date:
    dct = ctx.dct
    assert dct is not None
    back = (dct.weekday() - weekday) % 7
    ahead = (weekday - dct.weekday()) % 7
    if ctx.tense == "future":
        return dct + timedelta(days=ahead)
    if ctx.tense == "past":
        return dct - timedelta(days=back)
    # no tense cue: news reports mostly what happened; only "tomorrow" wins over the past week
    return dct - timedelta(days=back) if back <= ahead else dct + timedelta(days=ahead)


def quarter_of(day: date) -> int:
    return (day.month - 1) // 3 + 1
