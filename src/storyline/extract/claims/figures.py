"""Figures in plain text: where a number expression is and what value it states.

Text only (no parse), so the value rules can be tested on their own. A figure carries its
hedge as bounds: "at least 39,445" is a lower bound, "up to 50" an upper one, "some 8,300"
approximate, "87 of the 251" a part of a total, "tens of thousands" a vague range.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_UNITS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
          "fifteen sixteen seventeen eighteen nineteen").split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
WORDS = {w: i for i, w in enumerate(_UNITS)} | {w: 20 + 10 * i for i, w in enumerate(_TENS)}
WORDS |= {"dozen": 12, "a dozen": 12, "half a dozen": 6}
SCALES = {"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
          "bn": 1e9, "m": 1e6, "k": 1e3}
# Plural number words name a range, not a value: "hundreds" is at least two hundred and less
# than a thousand; "tens of thousands" runs from 20,000 to 90,000.
VAGUE = {"dozens": (24, 99), "hundreds": (200, 900), "thousands": (2e3, 9e3),
         "millions": (2e6, 9e6), "billions": (2e9, 9e9)}
CURRENCIES = {"$": "dollars", "us$": "dollars", "€": "euros", "£": "pounds", "¥": "yen",
              "dollars": "dollars", "euros": "euros", "pounds": "pounds", "shekels": "shekels",
              "yuan": "yuan", "yen": "yen", "rupees": "rupees", "francs": "francs"}
APPROXIMATE = {"some", "about", "around", "roughly", "approximately", "an estimated",
               "estimated", "circa", "close to", "nearly", "almost", "more or less"}
LOWER = {"at least", "more than", "over", "upwards of", "in excess of", "no fewer than",
         "no less than", "a minimum of"}
UPPER = {"up to", "as many as", "fewer than", "less than", "under", "at most", "no more than",
         "a maximum of", "nearly", "almost", "close to"}

_WORD = "|".join(sorted((w for w in WORDS if " " not in w), key=len, reverse=True))
_NUMWORD = rf"(?:(?:{'|'.join(_TENS)})-(?:{'|'.join(_UNITS[1:10])})|half\s+a\s+dozen|a\s+dozen|{_WORD})"
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE = r"(?:\s+(?:hundred|thousand|million|billion|trillion)|\s?(?:bn|m|k)\b(?![.\w]))"
_CORE = rf"(?:(?:{_DIGITS}|{_NUMWORD})(?:{_SCALE})*|an?(?:\s+(?:hundred|thousand|million|billion)))"
_VAGUE = r"(?:tens|hundreds|dozens)\s+of\s+(?:thousands|millions)|dozens|hundreds|thousands|millions|billions"
_QUAL = "|".join(sorted((q.replace(" ", r"\s+") for q in APPROXIMATE | LOWER | UPPER),
                       key=len, reverse=True))
_CURRENCY = r"(?:US\$|\$|€|£|¥)"
_SUFFIX = r"(?:\s*(?P<percent>%|percent\b|per\s+cent\b)|\s+(?P<money>dollars|euros|pounds|shekels|yuan|yen|rupees|francs)\b)"
FIGURE_RE = re.compile(
    rf"(?<![\w.,:$€£¥-])(?:(?P<qual>{_QUAL})\s+)?(?:between\s+)?(?P<cur>{_CURRENCY})?"
    rf"(?:(?P<vague>{_VAGUE})|(?P<num>{_CORE})"
    rf"(?:\s*(?:to|-|–|and)\s*{_CURRENCY}?(?P<num2>{_CORE}))?)"
    rf"{_SUFFIX}?"
    rf"(?:\s+of\s+(?:the\s+|a\s+total\s+of\s+)?(?:[a-z]+\s+)?(?P<total>{_DIGITS}|{_NUMWORD}(?:{_SCALE})*)(?![\w-]))?"
    rf"(?![\w-]|[.,:]\d)",
    re.IGNORECASE,
)


@dataclass
class Figure:
    """One number expression in a sentence, with offsets relative to the text searched."""

    start: int
    end: int
    value: float | None
    approximate: bool = False
    lower: float | None = None
    upper: float | None = None
    total: float | None = None
    unit: str | None = None  # "percent", a currency ("dollars"), or None for a count
    core: tuple[int, int] = (0, 0)  # the number words themselves (no hedge, no total)
    qualified: bool = False  # a hedge or a unit came with it: it is a figure, not a year


def parse_number(words: str) -> float | None:
    """'8,300' -> 8300, 'twenty-five' -> 25, '1.2 million' -> 1200000, 'a dozen' -> 12."""
    text = re.sub(r"(\d)(bn|m|k)\b", r"\1 \2", words.lower().replace(",", ""))
    text = re.sub(r"^half\s+a\s+dozen", "6", text)
    tokens = text.split()
    value = _word_value(tokens[0]) if tokens else None
    for scale in tokens[1:]:
        factor = 12 if scale == "dozen" else SCALES.get(scale)
        if value is None or factor is None:
            return None
        value *= factor
    return value


def _word_value(word: str) -> float | None:
    if word in ("a", "an"):
        return 1.0
    if re.fullmatch(r"\d+(?:\.\d+)?", word):
        return float(word)
    if "-" in word:
        tens, _, unit = word.partition("-")
        return float(WORDS[tens] + WORDS[unit]) if tens in WORDS and unit in WORDS else None
    return float(WORDS[word]) if word in WORDS else None


def _bounds(qualifier: str | None, value: float) -> tuple[bool, float | None, float | None]:
    """(approximate, lower, upper) a hedge word puts on a single value."""
    q = " ".join(qualifier.lower().split()) if qualifier else ""
    return (q in APPROXIMATE, value if q in LOWER else None, value if q in UPPER else None)


# The multiplier of "tens/hundreds/dozens of thousands" spans this range of the scale.
_MULTIPLIERS = {"tens": (20, 90), "hundreds": (200, 900), "dozens": (24, 99)}


def _vague(words: str) -> tuple[float, float]:
    """'tens of thousands' -> (20000, 90000); 'hundreds' -> (200, 900)."""
    parts = words.lower().split()
    if len(parts) == 1:
        return VAGUE[parts[0]]
    low, high = _MULTIPLIERS[parts[0]]
    scale = SCALES[parts[2].rstrip("s")]
    return low * scale, high * scale


def find_figures(text: str) -> list[Figure]:
    """Every figure in ``text`` (a sentence), in order."""
    found = []
    for match in FIGURE_RE.finditer(text):
        figure = _figure(match)
        if figure is not None:
            found.append(figure)
    return found


def _figure(match: re.Match) -> Figure | None:
    unit = _unit(match)
    if match.group("vague"):
        low, high = _vague(match.group("vague"))
        core = match.span("vague")
        return Figure(match.start(), match.end(), None, True, low, high, None, unit, core, True)
    value = parse_number(match.group("num"))
    if value is None:
        return None
    core = match.span("num")
    if match.group("num2"):
        high = parse_number(match.group("num2"))
        if high is None or high <= value:
            return None  # "2 to 1" is a score or a ratio, not a range
        return Figure(match.start(), match.end(), None, False, value, high, None, unit,
                      (core[0], match.end("num2")), True)
    approximate, lower, upper = _bounds(match.group("qual"), value)
    total = parse_number(match.group("total")) if match.group("total") else None
    qualified = bool(match.group("qual") or unit or total)
    return Figure(match.start(), match.end(), value, approximate, lower, upper, total, unit,
                  core, qualified)


def _unit(match: re.Match) -> str | None:
    if match.group("percent"):
        return "percent"
    currency = match.group("cur") or match.group("money")
    return CURRENCIES.get(currency.lower()) if currency else None
