"""The TIMEX3 rules: each pattern registers itself in ``lexicon._RULES`` in priority order.

A handler gets the match and a ``Context`` (publication date, tense) and returns
``(type, value, precision, anchored)`` or None to reject the match.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from storyline.extract.timex.lexicon import (
    Context,
    ORDINALS,
    PARTS_OF_DAY,
    Result,
    SEASONS,
    SET_WORDS,
    VAGUE_NUMBERS,
    WEEKDAYS,
    _APPROX,
    _CLOCK,
    _DAYNUM,
    _MOD,
    _MONTH,
    _NUM,
    _POD,
    _UNIT,
    _WEEKDAY,
    _YEAR,
    duration,
    iso_week,
    month_number,
    nearest_year,
    number_value,
    quarter_of,
    rule,
    shift_months,
    weekday_date,
)

# ---------------------------------------------------------------------------------------------
# Rules: absolute dates
# ---------------------------------------------------------------------------------------------
@rule(rf"(?:{_MOD})?(?:{_WEEKDAY},?\s+)?({_MONTH})\s+({_DAYNUM}),?\s+({_YEAR})")
def _month_day_year(m: re.Match[str], ctx: Context) -> Result:
    return _full_date(int(m.group(3)), month_number(m.group(1)), int(re.sub(r"\D", "", m.group(2))))


@rule(rf"(?:{_WEEKDAY},?\s+)?(?:the\s+)?({_DAYNUM})\s+(?:of\s+)?({_MONTH}),?\s+({_YEAR})")
def _day_month_year(m: re.Match[str], ctx: Context) -> Result:
    return _full_date(int(m.group(3)), month_number(m.group(2)), int(re.sub(r"\D", "", m.group(1))))


@rule(r"((?:19|20)\d\d)-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])")
def _iso_date(m: re.Match[str], ctx: Context) -> Result:
    return _full_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))


@rule(r"(0?[1-9]|1[0-2])/(0?[1-9]|[12]\d|3[01])/((?:19|20)\d\d)")
def _us_slash_date(m: re.Match[str], ctx: Context) -> Result:
    return _full_date(int(m.group(3)), int(m.group(1)), int(m.group(2)))


def _full_date(year: int, month: int, day: int) -> Result:
    try:
        date(year, month, day)
    except ValueError:
        return None
    return "DATE", f"{year:04d}-{month:02d}-{day:02d}", "day", False


@rule(rf"(?:{_MOD})?({_MONTH}),?\s+(?:of\s+)?({_YEAR})")
def _month_year(m: re.Match[str], ctx: Context) -> Result:
    return "DATE", f"{int(m.group(2)):04d}-{month_number(m.group(1)):02d}", "month", False


@rule(rf"(?:({_WEEKDAY}),?\s+)?({_MONTH})\s+({_DAYNUM})(?!\s*(?:,\s*)?\d)")
def _month_day(m: re.Match[str], ctx: Context) -> Result:
    month, day = month_number(m.group(2)), int(re.sub(r"\D", "", m.group(3)))
    if m.group(1) and ctx.dct is not None:  # the weekday fixes the year
        weekday = WEEKDAYS[m.group(1).lower()]
        fits = []
        for year in (ctx.dct.year - 1, ctx.dct.year, ctx.dct.year + 1):
            try:
                when = date(year, month, day)
            except ValueError:
                continue
            if when.weekday() == weekday:
                fits.append((abs((when - ctx.dct).days), year))
        if fits:
            return "DATE", f"{min(fits)[1]:04d}-{month:02d}-{day:02d}", "day", True
    return _partial_date(month, day, ctx)


@rule(rf"(?:the\s+)?({_DAYNUM})\s+(?:of\s+)?({_MONTH})")
def _day_month(m: re.Match[str], ctx: Context) -> Result:
    return _partial_date(month_number(m.group(2)), int(re.sub(r"\D", "", m.group(1))), ctx)


def _partial_date(month: int, day: int, ctx: Context) -> Result:
    try:
        date(2000, month, day)  # a leap year: "February 29" is a possible day
    except ValueError:
        return None
    if ctx.dct is None:
        return "DATE", f"XXXX-{month:02d}-{day:02d}", "day", False
    year = nearest_year(month, day, ctx)
    return "DATE", f"{year:04d}-{month:02d}-{day:02d}", "day", True


@rule(rf"(?:{_MOD})?({_MONTH})(?:\s+of)?\s+(this|last|next)\s+year")
def _month_relative_year(m: re.Match[str], ctx: Context) -> Result:
    month = month_number(m.group(1))
    if ctx.dct is None:
        return "DATE", None, "month", False
    year = ctx.dct.year + {"last": -1, "next": 1}.get(m.group(2).lower(), 0)
    return "DATE", f"{year:04d}-{month:02d}", "month", True


@rule(rf"(?:([Ll]ast|[Tt]his|[Nn]ext)\s+)?({_MOD})?({_MONTH})(?!\s+\d)")
def _month(m: re.Match[str], ctx: Context) -> Result:
    month = month_number(m.group(3))
    if ctx.dct is None:
        return "DATE", f"XXXX-{month:02d}", "month", False
    rel = (m.group(1) or "").lower()
    if rel == "this":
        year = ctx.dct.year
    elif rel in ("last", "next"):
        year = ctx.dct.year
        delta = month - ctx.dct.month
        if rel == "last" and delta >= 0:
            year -= 1
        if rel == "next" and delta <= 0:
            year += 1
    else:
        year = nearest_year(month, None, ctx)
    return "DATE", f"{year:04d}-{month:02d}", "month", True


@rule(rf"(?:{_MOD})?(?:(?:calendar|fiscal|the\s+year|fiscal\s+year)\s+)?({_YEAR})(?!\s*%|,\d|\.\d)")
def _year(m: re.Match[str], ctx: Context) -> Result:
    return "DATE", m.group(1), "year", False


@rule(rf"(?:the\s+)?(?:{_MOD})?(?:(1[0-9]\d|20\d)0|'(\d)0)'?s")
def _decade(m: re.Match[str], ctx: Context) -> Result:
    if m.group(1):
        return "DATE", m.group(1), "decade", False
    if ctx.dct is None:
        return "DATE", f"XX{m.group(2)}", "decade", False
    century = ctx.dct.year // 100
    decade = int(m.group(2))
    if decade * 10 > ctx.dct.year % 100:
        century -= 1
    return "DATE", f"{century}{decade}", "decade", True


# ---------------------------------------------------------------------------------------------
# Rules: weekdays, parts of day, clock times
# ---------------------------------------------------------------------------------------------
@rule(rf"(?:(?:last|this|next|on)\s+)?({_WEEKDAY})(?:\s+({_POD}))?")
def _weekday(m: re.Match[str], ctx: Context) -> Result:
    text = m.group(0).lower()
    part = PARTS_OF_DAY.get((m.group(2) or "").lower())
    kind = "TIME" if part else "DATE"
    if ctx.dct is None:
        return kind, None, "day", False
    tense = ctx.tense
    if tense is None and m.string.startswith("'s", m.end()):
        tense = "past"  # "Thursday's closing price": reported, so already past
    if text.startswith("last"):
        tense = "past"
    elif text.startswith("next") or text.startswith("this"):
        tense = "future" if text.startswith("next") else tense
    when = weekday_date(WEEKDAYS[m.group(1).lower()], Context(ctx.dct, tense))
    if text.startswith("next") and when == ctx.dct:
        when += timedelta(days=7)
    if text.startswith("last") and when == ctx.dct:
        when -= timedelta(days=7)
    value = when.isoformat() + (f"T{part}" if part else "")
    return kind, value, "day", True


@rule(r"(?:(?:late|early|earlier|later)\s+)?"
      r"(today|tonight|yesterday|tomorrow|this\s+(?:morning|afternoon|evening)|last\s+night|"
      r"(?:yesterday|tomorrow)\s+(?:morning|afternoon|evening|night)|tomorrow\s+night)",
      flags=re.I)
def _deictic_day(m: re.Match[str], ctx: Context) -> Result:
    text = re.sub(r"\s+", " ", m.group(0).lower())
    text = re.sub(r"^(?:late|early|earlier|later) ", "", text)
    offset = -1 if ("yesterday" in text or text == "last night") else 1 if "tomorrow" in text else 0
    part = next((code for word, code in PARTS_OF_DAY.items() if text.endswith(word)), None)
    if text == "tonight":
        part = "NI"
    kind = "TIME" if part else "DATE"
    if ctx.dct is None:
        return kind, None, "day", False
    when = ctx.dct + timedelta(days=offset)
    return kind, when.isoformat() + (f"T{part}" if part else ""), "day", True


@rule(rf"(?:(?:at|around|about|by|until|before|after)\s+)?({_CLOCK})"
      rf"(?:\s+(?:[A-Z]{{2,4}}T|GMT|UTC))?(?:,?\s+(?:on\s+)?({_WEEKDAY}|today|yesterday|tomorrow|"
      rf"{_MONTH}\s+{_DAYNUM}))?")
def _clock(m: re.Match[str], ctx: Context) -> Result:
    clock = m.group(1).lower()
    if clock in ("noon", "midday"):
        hh, mm = 12, 0
    elif clock == "midnight":
        hh, mm = 0, 0
    else:
        found = re.match(r"(\d+)(?::(\d+))?\s*([ap])?", clock)
        hh, mm = int(found.group(1)), int(found.group(2) or 0)
        if found.group(3) == "p" and hh < 12:
            hh += 12
        elif found.group(3) == "a" and hh == 12:
            hh = 0
    if ctx.dct is None:
        return "TIME", None, "minute", False
    day = ctx.dct
    extra = (m.group(2) or "").lower()
    if extra in WEEKDAYS:
        day = weekday_date(WEEKDAYS[extra], ctx)
    elif re.search(r"\d", extra):  # "5 p.m. EST, Nov. 6"
        month_text, day_text = extra.rsplit(" ", 1)
        month, day_number = month_number(month_text.title()), int(re.sub(r"\D", "", day_text))
        partial = _partial_date(month, day_number, ctx)
        if partial is None:
            return "TIME", None, "minute", False
        day = date.fromisoformat(partial[1])
    elif extra:
        day = ctx.dct + timedelta(days={"yesterday": -1, "tomorrow": 1}.get(extra, 0))
    return "TIME", f"{day.isoformat()}T{hh:02d}:{mm:02d}", "minute", True


# ---------------------------------------------------------------------------------------------
# Rules: relative calendar units
# ---------------------------------------------------------------------------------------------
_REL = r"(?:this\s+past|last|past|previous|next|this|coming|current|latest|recent|prior)"


@rule(rf"(?:(?:earlier|later)\s+|{_MOD})?(?:the\s+)?({_REL})\s+"
      r"(week|month|year|quarter|weekend|decade|century|fiscal\s+year)", flags=re.I)
def _relative_unit(m: re.Match[str], ctx: Context) -> Result:
    rel, unit = re.sub(r"\s+", " ", m.group(1).lower()), re.sub(r"\s+", " ", m.group(2).lower())
    unit = "year" if unit == "fiscal year" else unit
    if ctx.dct is None:
        return "DATE", None, unit, False
    step = {"last": -1, "past": -1, "this past": -1, "previous": -1, "prior": -1, "next": 1,
            "coming": 1}.get(rel, 0)
    if rel in ("latest", "recent") and unit == "quarter":
        step = -1
    return "DATE", _calendar(ctx.dct, unit, step), unit, True


@rule(r"(?:(?:early|late|earlier|later)\s+)(?:this|next|last)\s+(week|month|year|quarter)",
      flags=re.I)
def _earlier_this(m: re.Match[str], ctx: Context) -> Result:
    return _relative_unit(re.match(r"(?:\w+\s+)(\w+)\s+(\w+)", m.group(0)), ctx)


def _calendar(dct: date, unit: str, step: int) -> str:
    if unit == "year":
        return str(dct.year + step)
    if unit == "month":
        y, mo = shift_months(dct.year, dct.month, step)
        return f"{y:04d}-{mo:02d}"
    if unit == "week":
        return iso_week(dct + timedelta(weeks=step))
    if unit == "weekend":
        return iso_week(dct + timedelta(weeks=step)) + "-WE"
    if unit == "quarter":
        q = dct.year * 4 + quarter_of(dct) - 1 + step
        return f"{q // 4}-Q{q % 4 + 1}"
    if unit == "decade":
        return str(dct.year // 10 + step)
    if unit == "century":
        return str(dct.year // 100 + step)
    return str(dct.year)


@rule(r"the\s+weekend", needs_entity=False, flags=re.I)
def _the_weekend(m: re.Match[str], ctx: Context) -> Result:
    if ctx.dct is None:
        return "DATE", None, "week", False
    weekday = ctx.dct.weekday()
    past = ctx.tense == "past" or (ctx.tense is None and weekday <= 2)
    if weekday < 5 and past:
        return "DATE", iso_week(ctx.dct - timedelta(days=weekday + 1)) + "-WE", "week", True
    return "DATE", iso_week(ctx.dct) + "-WE", "week", True


@rule(rf"(?:(?:the|this|last|next|({_YEAR}))\s+)?({_MOD})?(?:(first|second|third|fourth|1st|2nd|3rd|4th)"
      rf"|(the\s+)?(?:latest|current|same))[\s-]+quarter(?:\s+(?:of\s+)?({_YEAR}))?(?![\s-]*\d)",
      flags=re.I)
def _quarter(m: re.Match[str], ctx: Context) -> Result:
    text = m.group(0).lower()
    number = ORDINALS.get((m.group(3) or "").lower())
    year_text = m.group(1) or m.group(5)
    if year_text:
        return "DATE", f"{year_text}-Q{number}" if number else None, "quarter", False
    if ctx.dct is None:
        return "DATE", None, "quarter", False
    current = quarter_of(ctx.dct)
    year = ctx.dct.year
    if number is None:  # "the latest quarter": the last completed one
        q = year * 4 + current - 2
        return "DATE", f"{q // 4}-Q{q % 4 + 1}", "quarter", True
    if text.startswith("last"):
        year -= 1
    elif text.startswith("next"):
        year += 1
    elif not text.startswith("this") and number > current and ctx.tense != "future":
        year -= 1
    return "DATE", f"{year}-Q{number}", "quarter", True


@rule(r"(this|last|next)\s+year's\s+(first|second|third|fourth)[\s-]+quarter", flags=re.I)
def _quarter_of_relative_year(m: re.Match[str], ctx: Context) -> Result:
    if ctx.dct is None:
        return "DATE", None, "quarter", False
    year = ctx.dct.year + {"last": -1, "next": 1}.get(m.group(1).lower(), 0)
    return "DATE", f"{year}-Q{ORDINALS[m.group(2).lower()]}", "quarter", True


@rule(r"the\s+(?:quarter|latest\s+period)", needs_entity=False, flags=re.I)
def _the_quarter(m: re.Match[str], ctx: Context) -> Result:
    if ctx.dct is None:
        return "DATE", None, "quarter", False
    q = ctx.dct.year * 4 + quarter_of(ctx.dct) - 2
    return "DATE", f"{q // 4}-Q{q % 4 + 1}", "quarter", True


@rule(r"(?:(this\s+past|this|last|next|the|early|late)\s+)?(?:(early|late|mid)[\s-]+)?"
      r"(spring|summer|fall|autumn|winter)(?:\s+(?:of\s+)?((?:19|20)\d\d))?",
      flags=re.I)
def _season(m: re.Match[str], ctx: Context) -> Result:
    code = SEASONS[m.group(3).lower()]
    if m.group(4):
        return "DATE", f"{m.group(4)}-{code}", "season", False
    rel = re.sub(r"\s+", " ", (m.group(1) or "").lower()).replace("this past", "last")
    if not rel or rel == "the" and not m.group(2):
        if rel != "the":
            return None
    if ctx.dct is None:
        return "DATE", None, "season", False
    start_month = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[code]
    spans = []  # (year, first day, day after the end) of that season around the DCT
    for year in range(ctx.dct.year - 2, ctx.dct.year + 2):
        first = date(year, start_month, 1)
        y2, m2 = shift_months(year, start_month, 3)
        spans.append((year, first, date(y2, m2, 1)))
    current = [y for y, first, after in spans if first <= ctx.dct < after]
    if rel == "last":
        year = max(y for y, first, after in spans if after <= ctx.dct)
    elif rel == "next":
        year = min(y for y, first, after in spans if first > ctx.dct)
    elif current:
        year = current[0]
    elif ctx.tense == "past" or (rel != "this" and ctx.tense != "future"):
        year = max(y for y, first, after in spans if after <= ctx.dct)
    else:
        year = min(y for y, first, after in spans if first > ctx.dct)
    return "DATE", f"{year}-{code}", "season", True


# ---------------------------------------------------------------------------------------------
# Rules: durations, "N units ago", SET
# ---------------------------------------------------------------------------------------------
_SPAN_WORDS = r"(?:past|next|first|previous|coming|final|remaining|latest|additional)"


# "the last two weeks", but not the verb in "will last two weeks"
@rule(rf"(?:{_APPROX})?(?:the\s+(?:(?:last|{_SPAN_WORDS})\s+)?|{_SPAN_WORDS}\s+)?"
      rf"({_NUM}|{'|'.join(VAGUE_NUMBERS)})[\s-]+"
      rf"(?:(?:more|additional|further|straight|consecutive)\s+)?({_UNIT})s?"
      r"(?:\s+(ago|earlier|from\s+now|hence|old|long))?", flags=re.I)
def _duration(m: re.Match[str], ctx: Context) -> Result:
    text = m.group(0).lower()
    amount_text = m.group(1).lower()
    unit = m.group(2).lower()
    unit = "century" if unit.startswith("centur") else unit
    amount = None if amount_text in VAGUE_NUMBERS else number_value(amount_text)
    if amount is None and amount_text not in VAGUE_NUMBERS:
        return None
    tail = (m.group(3) or "").lower()
    if tail == "old" or text.endswith("-old"):
        return None
    if unit == "second" and amount_text in ("a", "an"):
        return None  # "a second attempt" is an ordinal, not one second
    if unit == "quarter" and (amount_text in ("a", "an") or "-" in text):
        return None  # "a quarter of its food", "three-quarters": fractions
    if tail == "earlier" and unit != "year":
        tail = ""  # "a day earlier" counts from an event of the story: a span, not a date
    if tail in ("ago", "earlier", "from now", "hence"):
        if amount is None:
            return "DATE", "PAST_REF" if tail in ("ago", "earlier") else "FUTURE_REF", unit, False
        if ctx.dct is None:
            return "DATE", None, unit, False
        sign = -1 if tail in ("ago", "earlier") else 1
        if unit == "year" and amount == 1 and sign < 0 and ctx.quarterly:
            # financial reports: "a year ago" is the same quarter of the year before
            q = (ctx.dct.year - 1) * 4 + quarter_of(ctx.dct) - 2
            return "DATE", f"{q // 4}-Q{q % 4 + 1}", "quarter", True
        return "DATE", _offset_value(ctx.dct, sign * amount, unit), unit, True
    # "three days later", "ten days before the vote": a span from an event of the story; the
    # span leaves "later"/"before" out (TimeML), so the pattern never consumes them
    return "DURATION", duration(amount, unit), unit, False


def _offset_value(dct: date, amount: float, unit: str) -> str | None:
    if amount != int(amount):
        return None
    n = int(amount)
    if unit == "day":
        return (dct + timedelta(days=n)).isoformat()
    if unit == "week":
        return iso_week(dct + timedelta(weeks=n))
    if unit == "month":
        y, mo = shift_months(dct.year, dct.month, n)
        return f"{y:04d}-{mo:02d}"
    if unit == "year":
        return str(dct.year + n)
    if unit == "decade":
        return str((dct.year + 10 * n) // 10)
    if unit == "quarter":
        q = dct.year * 4 + quarter_of(dct) - 1 + n
        return f"{q // 4}-Q{q % 4 + 1}"
    if unit in ("hour", "minute"):
        return None
    return None


@rule(rf"(\d+)-(day|week|month|year|hour|minute)(?:-(?:long|old))?", flags=re.I)
def _compound_duration(m: re.Match[str], ctx: Context) -> Result:
    if m.group(0).lower().endswith("-old"):
        return None
    return "DURATION", duration(int(m.group(1)), m.group(2)), m.group(2).lower(), False


@rule(r"(every|each|per|a)\s+(other\s+)?(second|minute|hour|day|night|week|month|year|quarter|"
      r"morning|evening|afternoon|weekend|season|spring|summer|fall|autumn|winter|"
      r"monday|tuesday|wednesday|thursday|friday|saturday|sunday)", flags=re.I)
def _set(m: re.Match[str], ctx: Context) -> Result:
    quant, unit = m.group(1).lower(), m.group(3).lower()
    if quant in ("a", "per"):
        return None  # "a day" is a duration or a rate; only "every"/"each" make a SET here
    n = 2 if m.group(2) else 1
    if unit in WEEKDAYS:
        return "SET", f"XXXX-WXX-{WEEKDAYS[unit] + 1}", None, False
    if unit in PARTS_OF_DAY:
        return "SET", f"T{PARTS_OF_DAY[unit]}", None, False
    if unit in SEASONS or unit == "season":
        return "SET", f"XXXX-{SEASONS.get(unit, 'XX')}", None, False
    if unit == "weekend":
        return "SET", "XXXX-WXX-WE", None, False
    if unit == "quarter":
        return "SET", f"P{3 * n}M", None, False
    if unit == "night":
        unit = "day"
    return "SET", duration(n, unit), None, False


@rule(r"(daily|weekly|monthly|annually|yearly|nightly|hourly)", flags=re.I)
def _set_adverb(m: re.Match[str], ctx: Context) -> Result:
    return "SET", SET_WORDS[m.group(1).lower()], None, False


# ---------------------------------------------------------------------------------------------
# Rules: the whole year, unnamed spans, year-ago periods (vague references: timex.references)
# ---------------------------------------------------------------------------------------------
@rule(r"the\s+(?:full|fiscal|calendar)\s+year", flags=re.I)
def _the_full_year(m: re.Match[str], ctx: Context) -> Result:
    if ctx.dct is None:
        return "DATE", None, "year", False
    return "DATE", str(ctx.dct.year), "year", True


@rule(r"(years|months|weeks|days|decades|hours|minutes|quarters)(?!\s+old\b)",
      needs_entity=True, flags=re.I)
def _bare_plural(m: re.Match[str], ctx: Context) -> Result:
    return "DURATION", duration(None, m.group(1).lower()), m.group(1).lower().rstrip("s"), False


@rule(r"(?:the\s+)?year-(?:earlier|ago)(?:\s+(?:(?:first|second|third|fourth)\s+)?(?:quarter|period))?",
      flags=re.I)
def _year_ago_period(m: re.Match[str], ctx: Context) -> Result:
    if ctx.dct is None:
        return "DATE", None, "quarter", False
    q = (ctx.dct.year - 1) * 4 + quarter_of(ctx.dct) - 2
    return "DATE", f"{q // 4}-Q{q % 4 + 1}", "quarter", True
