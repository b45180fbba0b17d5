"""Rules for years and centuries written in words, as transcripts of broadcasts have them.

"nineteen ninety-six" -> 1996, "January nineteen ninety-seven" -> 1997-01, "the year two
thousand" -> 2000, "the 20th century" / "the twentieth century" -> 19. These values need no
publication date. Importing this module registers its rules after those of ``timex.rules``.
"""

from __future__ import annotations

import re

from storyline.extract.timex.lexicon import (
    NUMBERS,
    SEASONS,
    Context,
    Result,
    _MONTH,
    month_number,
    rule,
)

_TENS = r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|" \
        r"twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_UNITS = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_SPELLED_YEAR = (rf"(?:(?:nineteen|eighteen)[\s-]+(?:{_TENS}(?:[\s-]+{_UNITS})?|"
                 rf"oh[\s-]+{_UNITS}|hundred)|two\s+thousand(?:\s+(?:and\s+)?(?:{_TENS}|{_UNITS}))?)")
_ORDINAL_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
                  "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11,
                  "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
                  "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
                  "twentieth": 20, "twenty-first": 21}


def spelled_year(text: str) -> int | None:
    """1996 for "nineteen ninety-six", 2000 for "two thousand", None for anything else."""
    words = re.sub(r"[\s-]+", " ", text.lower()).replace(" and ", " ").split()
    if words[:2] == ["two", "thousand"]:
        return 2000 + sum(NUMBERS[w] for w in words[2:])
    century = NUMBERS.get(words[0])
    if century is None:
        return None
    rest = [w for w in words[1:] if w != "oh"]
    if rest == ["hundred"]:
        return century * 100
    return century * 100 + sum(NUMBERS[w] for w in rest)


@rule(rf"(?:the\s+year\s+)?({_SPELLED_YEAR})", flags=re.I)
def _spelled_year(m: re.Match[str], ctx: Context) -> Result:
    if not m.group(0).lower().startswith("the year") and m.group(1).lower().startswith("two"):
        return None  # "two thousand people": only "the year two thousand" is a year
    year = spelled_year(m.group(1))
    return None if year is None else ("DATE", str(year), "year", False)


@rule(rf"({_MONTH})(?:,?\s+of)?\s+({_SPELLED_YEAR})")
def _month_spelled_year(m: re.Match[str], ctx: Context) -> Result:
    year = spelled_year(m.group(2))
    if year is None:
        return None
    return "DATE", f"{year:04d}-{month_number(m.group(1)):02d}", "month", False


@rule(rf"(?:the\s+)?(spring|summer|fall|autumn|winter)\s+of\s+({_SPELLED_YEAR})", flags=re.I)
def _season_spelled_year(m: re.Match[str], ctx: Context) -> Result:
    year = spelled_year(m.group(2))
    if year is None:
        return None
    return "DATE", f"{year}-{SEASONS[m.group(1).lower()]}", "season", False


@rule(r"(?:the\s+)?(?:(\d{1,2})(?:st|nd|rd|th)|(\w+(?:-first)?))[\s-]+century", flags=re.I)
def _ordinal_century(m: re.Match[str], ctx: Context) -> Result:
    # the 20th century is 1900-1999: TIMEX3 writes its first two digits, "19"
    number = int(m.group(1)) if m.group(1) else _ORDINAL_WORDS.get(m.group(2).lower())
    if not number:
        return None
    return "DATE", f"{number - 1:02d}", "century", False
