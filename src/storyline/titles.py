"""Offices and titles: a general lexicon, and how two titles or their qualifiers compare.

Shared by extract/ (finding roles and titles used as names) and resolve/ (finding an office's
holder at a date). Nothing here names a person, a country or an organization.

    normalize_title("Secretary-General")        -> "secretary general"
    titles_match("secretary", "secretary of state")  -> True
    qualifiers_match("oman", "omani")          -> True
    split_title_mention("the Omani prime minister") -> ("prime minister", "omani")
"""

from __future__ import annotations

import re

_MODIFIER = (
    r"(?:vice|deputy|foreign|defen[cs]e|finance|interior|prime|crown|special|national\s+security|"
    r"chief|senior|top|assistant|under|press|attorney|acting|interim|presidential|executive|"
    r"lead|principal|permanent|supreme|military|opposition|party|state|army|police|health|"
    r"economy|trade|justice|energy|education|security|intelligence)"
)
_HEAD = (
    r"(?:president|premier|chancellor|king|queen|emir|sultan|pope|governor|mayor|senator|"
    r"ambassador|envoy|spokes(?:man|woman|person)|secretary|minister|chair(?:man|woman|person)?|"
    r"director|commander|chief|negotiator|mediator|advis[eo]r|prosecutor|ceo|leader|"
    r"coordinator|commissioner|prince|princess|speaker|general)"
)
# "of" + an object: "secretary of state", "chief of staff", "minister of Foreign Affairs"
_OF = (r"(?:\s+(?i:of)\s+(?:(?i:state|staff|defen[cs]e)\b|"
       r"[A-Z][\w-]+(?:\s+(?:and\s+)?[A-Z][\w-]+){0,2}))")
TITLE_PATTERN = rf"(?i:(?:{_MODIFIER}[\s-]+){{0,3}}{_HEAD}(?:[\s-]+general)?)\b{_OF}?"
TITLE_RE = re.compile(rf"\b{TITLE_PATTERN}")


def normalize_title(title: str) -> str:
    """'Secretary-General' -> 'secretary general'; 'Defence  Minister' -> 'defence minister'."""
    return " ".join(re.split(r"[\s-]+", title.strip().casefold()))


def normalize_qualifier(text: str | None) -> str | None:
    """'U.S.' -> 'us', "Oman's" -> 'oman', 'the Saudi' -> 'saudi'; None when empty."""
    if not text:
        return None
    words = re.sub(r"['’]s\b", "", text).replace(".", "").casefold().split()
    words = [w for w in words if w not in {"the", "a", "an"}]
    return " ".join(words) or None


def titles_match(short: str, full: str) -> bool:
    """Same head word, and one title's words hold the other's: 'secretary' ~ 'secretary of
    state' (either way round); 'prime minister' does not fit 'foreign minister'."""
    short_words, full_words = set(short.split()), set(full.split())
    same_head = _head_word(short.split()) == _head_word(full.split())
    return same_head and (short_words <= full_words or full_words <= short_words)


def qualifiers_match(a: str | None, b: str | None) -> bool:
    """Absent on either side fits; else one must start the other ('oman' ~ 'omani')."""
    if not a or not b:
        return True
    a, b = a.replace(" ", ""), b.replace(" ", "")
    stem = min(len(a), len(b), 5)
    return a[:stem] == b[:stem] and (len(a) >= 2 and len(b) >= 2)


def _head_word(words: list[str]) -> str:
    before_of = words[: words.index("of")] if "of" in words else words
    return next((w for w in reversed(before_of) if re.fullmatch(_HEAD, w)), before_of[-1])



def split_title_mention(text: str) -> tuple[str, str | None]:
    """A title used as a name -> (normalized title, normalized qualifier or None)."""
    match = TITLE_RE.search(text)
    if match is None:
        return normalize_title(text), None
    before = text[: match.start()]
    return normalize_title(match.group(0)), normalize_qualifier(before)
