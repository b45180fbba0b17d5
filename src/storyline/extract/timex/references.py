"""Rules for expressions that point at a period instead of naming it.

* vague references: "now", "recently", "the near future", "coming months";
* the period around the publication date: "the year", "the end of the month", "year-end",
  "the current ..." (PRESENT_REF);
* a period the text named just before (anaphora): "that year", "the following month",
  "later that day". Their value is an ``Anaphor`` that ``resolve_anaphora`` replaces with a
  value computed from the nearest preceding date of a fine enough granularity.

Importing this module registers its rules after those of ``timex.rules``.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from storyline.extract.timex.lexicon import (
    Anaphor,
    Candidate,
    Context,
    Result,
    _YEAR,
    quarter_of,
    rule,
    shift_months,
)

# ---------------------------------------------------------------------------------------------
# Vague references: PRESENT_REF, PAST_REF, FUTURE_REF
# ---------------------------------------------------------------------------------------------
_VAGUE = {"now": "PRESENT_REF", "currently": "PRESENT_REF", "recently": "PAST_REF",
          "the future": "FUTURE_REF", "the past": "PAST_REF", "right now": "PRESENT_REF",
          "nowadays": "PRESENT_REF", "these days": "PRESENT_REF", "soon": "FUTURE_REF",
          "in the near future": "FUTURE_REF", "the near future": "FUTURE_REF",
          "recent years": "PAST_REF", "recent months": "PAST_REF", "recent weeks": "PAST_REF",
          "recent days": "PAST_REF", "former": None, "at present": "PRESENT_REF",
          "the present": "PRESENT_REF", "lately": "PAST_REF", "the near term": "FUTURE_REF",
          "the short term": "FUTURE_REF", "a later date": "FUTURE_REF"}


@rule(r"(now|currently|recently|the\s+(?:near\s+)?future|the\s+past|nowadays|these\s+days|"
      r"recent\s+(?:years|months|weeks|days)|the\s+present|lately|the\s+(?:near|short)\s+term|"
      r"a\s+later\s+date|(?<!as\s)soon(?!\s+as\b))",
      flags=re.I)
def _vague(m: re.Match[str], ctx: Context) -> Result:
    key = re.sub(r"\s+", " ", m.group(0).lower())
    value = _VAGUE.get(key) or ("FUTURE_REF" if key.endswith("future") else None)
    if value is None:
        return None
    return "DATE", value, None, False


# ---------------------------------------------------------------------------------------------
# The period around the publication date
# ---------------------------------------------------------------------------------------------
_PART_OF = r"(?:(?:the\s+(?:end|beginning|middle|rest|start)\s+of|(?:earlier|later)\s+in)\s+)"


@rule(r"the\s+year", needs_entity=True, flags=re.I)
def _the_year(m: re.Match[str], ctx: Context) -> Result:
    # "the year ended Sept. 30" is a fiscal year, a span; otherwise the year of the report
    if re.match(r"\s+(?:ended|ending)\b", m.string[m.end():]):
        return "DURATION", "P1Y", "year", False
    return _current("year", ctx)


@rule(rf"{_PART_OF}the\s+(year|month)", flags=re.I)
def _part_of_current(m: re.Match[str], ctx: Context) -> Result:
    return _current(m.group(1).lower(), ctx)


@rule(r"(?:(?:around|by)\s+)?year(?:-|\s+|'s\s+)end", flags=re.I)
def _year_end(m: re.Match[str], ctx: Context) -> Result:
    return _current("year", ctx)


def _current(unit: str, ctx: Context) -> Result:
    if ctx.dct is None:
        return "DATE", None, unit, False
    value = str(ctx.dct.year) if unit == "year" else f"{ctx.dct.year:04d}-{ctx.dct.month:02d}"
    return "DATE", value, unit, True


@rule(r"(?:(then)\s+)?current(?!\s+(?:account|affairs|assets|liabilities|dollars|"
      r"prices|period|quarter|year|month|week|fiscal)\b)", flags=re.I)
def _current_adjective(m: re.Match[str], ctx: Context) -> Result:
    # "the current system": the time of writing; "the then current price": an earlier time
    return "DATE", "PAST_REF" if m.group(1) else "PRESENT_REF", None, False


@rule(rf"the\s+({_YEAR})\s+(?:quarter|period)", flags=re.I)
def _year_period(m: re.Match[str], ctx: Context) -> Result:
    # earnings reports compare the latest quarter with "the 1988 period"
    if ctx.dct is None or not ctx.quarterly:
        return "DATE", m.group(1), "year", False
    return "DATE", f"{m.group(1)}-Q{_latest_quarter(ctx.dct)}", "quarter", True


def _latest_quarter(dct: date) -> int:
    return (quarter_of(dct) - 2) % 4 + 1


@rule(r"(?:the\s+)?(?:coming|upcoming|future)\s+(?:days|weeks|months|quarters|years)", flags=re.I)
def _coming_periods(m: re.Match[str], ctx: Context) -> Result:
    return "DATE", "FUTURE_REF", None, False  # like "recent years" -> PAST_REF


@rule(rf"(?:the\s+)?(first|second|last|latter)\s+half(?:\s+of\s+(?:({_YEAR})|(this|last|next)\s+year|"
      r"the\s+year))?", flags=re.I)
def _half_year(m: re.Match[str], ctx: Context) -> Result:
    half = 1 if m.group(1).lower() == "first" else 2
    if m.group(2):
        return "DATE", f"{m.group(2)}-H{half}", "half", False
    if ctx.dct is None:
        return "DATE", None, "half", False
    year = ctx.dct.year + {"last": -1, "next": 1}.get((m.group(3) or "").lower(), 0)
    current = 1 if ctx.dct.month <= 6 else 2
    if not m.group(3) and half > current and ctx.tense != "future":
        year -= 1  # "profit rose in the second half", reported in spring
    return "DATE", f"{year}-H{half}", "half", True


# ---------------------------------------------------------------------------------------------
# Anaphora: a period relative to the date mentioned last
# ---------------------------------------------------------------------------------------------
_STEPS = {"following": 1, "next": 1, "previous": -1, "preceding": -1}


@rule(r"(?:(earlier|later)\s+)?(?:that(?:\s+same)?|the\s+same)\s+(day|month|year|quarter)",
      flags=re.I)
def _that_period(m: re.Match[str], ctx: Context) -> Result:
    return "DATE", Anaphor(m.group(2).lower(), 0), m.group(2).lower(), False


# "the previous year", "the next week" stay relative to the publication date (timex.rules)
@rule(r"the\s+(following)\s+(day|month|year)|the\s+(previous|preceding|next)\s+(day|morning)",
      flags=re.I)
def _following_period(m: re.Match[str], ctx: Context) -> Result:
    step = _STEPS[(m.group(1) or m.group(3)).lower()]
    unit = (m.group(2) or m.group(4)).lower()
    return "DATE", Anaphor("day" if unit == "morning" else unit, step), unit, False


_GRANULARITY = {"year": r"\d{4}", "quarter": r"\d{4}-Q\d", "month": r"\d{4}-\d{2}",
                "day": r"\d{4}-\d{2}-\d{2}"}
_REACH = 800  # characters: an antecedent further back is a guess, not a reference


def resolve_anaphora(candidates: list[Candidate]) -> None:
    """Replace each ``Anaphor`` value with the period it names, or None without an antecedent."""
    for i, c in enumerate(candidates):
        if not isinstance(c.value, Anaphor):
            continue
        anchor = _antecedent(candidates[:i], c)
        c.value = None if anchor is None else _shift(anchor, c.value)
        c.anchored = False


def _antecedent(before: list[Candidate], anaphor: Candidate) -> str | None:
    pattern = re.compile(_GRANULARITY[anaphor.value.unit])
    for c in reversed(before):
        if anaphor.start - c.end > _REACH:
            return None
        if isinstance(c.value, str) and (found := pattern.match(c.value)):
            if anaphor.value.unit != "quarter" or "-Q" in c.value:
                return found.group(0)
    return None


def _shift(anchor: str, anaphor: Anaphor) -> str:
    if anaphor.unit == "year":
        return str(int(anchor) + anaphor.step)
    if anaphor.unit == "month":
        year, month = shift_months(int(anchor[:4]), int(anchor[5:7]), anaphor.step)
        return f"{year:04d}-{month:02d}"
    if anaphor.unit == "quarter":
        q = int(anchor[:4]) * 4 + int(anchor[-1]) - 1 + anaphor.step
        return f"{q // 4}-Q{q % 4 + 1}"
    day = date.fromisoformat(anchor) + timedelta(days=anaphor.step)
    return day.isoformat()
