"""Scales and ticks for the charts the pages draw as inline SVG (no plotting library).

Only numbers and our own labels leave this module; templates put them into SVG attributes,
escaped like everything else.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, timedelta

from storyline.query.ledger import number

_WHEN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?|-W(\d{2}))?")
PALETTE_SIZE = 10  # CSS classes c0..c9 in storyline.css


def parse_when(value: str | None) -> date | None:
    """The first day a TIMEX3-like value covers: '2021-03-23', '2021-03', '2021', '2021-W12',
    '2021-03-24T08:00'; None for values without a known year ('XXXX-03-23', 'P3D')."""
    found = _WHEN.match(value or "")
    if not found:
        return None
    year, month, day, week = found.groups()
    try:
        if week:
            return date.fromisocalendar(int(year), int(week), 1)
        return date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return None


@dataclass
class TimeScale:
    """Maps dates onto x pixels between ``left`` and ``right``."""

    first: date
    last: date
    left: float
    right: float

    @classmethod
    def covering(cls, days: list[date], left: float, right: float) -> "TimeScale":
        first, last = min(days), max(days)
        pad = max(1, (last - first).days // 20)
        return cls(first - timedelta(days=pad), last + timedelta(days=pad), left, right)

    def x(self, day: date) -> float:
        span = max(1, (self.last - self.first).days)
        return round(self.left + (day - self.first).days / span * (self.right - self.left), 1)

    def ticks(self) -> list[tuple[float, str]]:
        """About six labelled ticks: days, month starts or years, by the span shown."""
        span = (self.last - self.first).days
        if span <= 14:
            days = [self.first + timedelta(days=i) for i in range(span + 1)]
            return [(self.x(d), d.strftime("%d %b")) for d in days]
        if span <= 500:
            return self._month_ticks(step=max(1, math.ceil(span / 30 / 8)))
        step = max(1, math.ceil(span / 365 / 8))
        years = range(self.first.year + 1, self.last.year + 1, step)
        return [(self.x(date(y, 1, 1)), str(y)) for y in years]

    def _month_ticks(self, step: int) -> list[tuple[float, str]]:
        ticks, year, month = [], self.first.year, self.first.month
        while True:
            month += step
            year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
            day = date(year, month, 1)
            if day > self.last:
                return ticks
            label = day.strftime("%b %Y") if month == 1 or not ticks else day.strftime("%b")
            ticks.append((self.x(day), label))


@dataclass
class ValueScale:
    """Maps numbers onto y pixels (``bottom`` is zero or the lowest tick), with round ticks."""

    low: float
    high: float
    top: float
    bottom: float

    @classmethod
    def covering(cls, values: list[float], top: float, bottom: float) -> "ValueScale":
        high = max(values) if values else 1.0
        low = min(0.0, min(values)) if values else 0.0
        step = nice_step((high - low) or abs(high) or 1.0)
        return cls(math.floor(low / step) * step, math.ceil(high * 1.05 / step) * step or step,
                   top, bottom)

    def y(self, value: float) -> float:
        span = (self.high - self.low) or 1.0
        return round(self.bottom - (value - self.low) / span * (self.bottom - self.top), 1)

    def ticks(self) -> list[tuple[float, str]]:
        step = nice_step(self.high - self.low)
        count = int(round((self.high - self.low) / step))
        return [(self.y(self.low + i * step), compact_number(self.low + i * step))
                for i in range(count + 1)]


def nice_step(span: float, target: int = 5) -> float:
    """A 1/2/5 x 10^n step that cuts ``span`` into about ``target`` parts."""
    raw = span / target
    power = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1
    for factor in (1, 2, 5, 10):
        if raw <= factor * power:
            return factor * power
    return 10 * power


def compact_number(value: float) -> str:
    """4500000000 -> '4.5B', 27000 -> '27K', 12 -> '12' (axis labels)."""
    for size, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")):
        if abs(value) >= size:
            return f"{value / size:.3g}{suffix}"
    return f"{value:.3g}"


def full_number(value: float | None) -> str:
    """8300.0 -> '8,300'; 1.5 -> '1.5'; None -> '?' (tables)."""
    return "?" if value is None else number(value)


def palette_classes(keys: list[str]) -> dict[str, str]:
    """A stable colour class per key, in the order given (c0..c9, then round again)."""
    return {key: f"c{i % PALETTE_SIZE}" for i, key in enumerate(keys)}
