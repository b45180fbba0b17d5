"""Rules for named days of the calendar: "Thanksgiving Day", "last Christmas", "Easter Sunday".

The year follows the publication date and the tense like a date without a year ("found on
Thanksgiving Day" is the one before); without a publication date the day stays ``XXXX-MM-DD``
when it is fixed and unresolved (None) when it moves with the year. Importing this module
registers its rules after those of ``timex.rules``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from storyline.extract.timex.lexicon import Context, Result, nearest_year, rule


def _easter(year: int) -> date:
    """Gregorian Easter Sunday (the anonymous algorithm, as in Meeus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (b - (b + 8) // 25 + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741  (the algorithm's own name)
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


_FIXED = {"christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
          "new year's day": (1, 1), "new year's eve": (12, 31), "independence day": (7, 4),
          "halloween": (10, 31), "valentine's day": (2, 14)}
_MOVABLE: dict[str, Callable[[int], date]] = {
    "thanksgiving": lambda y: _nth_weekday(y, 11, 3, 4),  # fourth Thursday of November
    "thanksgiving day": lambda y: _nth_weekday(y, 11, 3, 4),
    "easter": _easter, "easter sunday": _easter,
    "labor day": lambda y: _nth_weekday(y, 9, 0, 1),
}


@rule(r"(?:(last|this|next)\s+)?(Thanksgiving(?:\s+Day)?|Christmas(?:\s+(?:Day|Eve))?|"
      r"New\s+Year's\s+(?:Day|Eve)|Easter(?:\s+Sunday)?|Independence\s+Day|Labor\s+Day|"
      r"Halloween|Valentine's\s+Day)")
def _holiday(m: re.Match[str], ctx: Context) -> Result:
    name = re.sub(r"\s+", " ", m.group(2).lower())
    when = _FIXED.get(name)
    if ctx.dct is None:
        value = f"XXXX-{when[0]:02d}-{when[1]:02d}" if when else None
        return "DATE", value, "day", False
    on = (lambda y: date(y, *when)) if when else _MOVABLE[name]
    rel = (m.group(1) or "").lower()
    years = [ctx.dct.year - 1, ctx.dct.year, ctx.dct.year + 1]
    if rel == "last":
        day = max(on(y) for y in years if on(y) < ctx.dct)
    elif rel == "next":
        day = min(on(y) for y in years if on(y) > ctx.dct)
    else:
        usual = on(ctx.dct.year)
        day = on(nearest_year(usual.month, usual.day, ctx))
    return "DATE", day.isoformat(), "day", True
