"""SemEval-2015 Task 4, anchors: the day (or month, year) an event mention is placed on.

News follows a few conventions this module reads, all about English, none about a topic:

1. **A date of its own.** The timex of the event's clause (``patterns.date_of``); when the
   clause holds several, the most precise ("Yesterday, at this year's fair, X unveiled Y":
   yesterday, not this year).
2. **The report's reference day.** A lead often opens on a recent day ("Yesterday, ...", "X
   announced Friday that ..."), and the past-tense events told after it without a date of their
   own happened that day, not on the day of the report. The reference day is the first full
   date in the lead (its first sentences) that lies within a week before the report's date;
   without one it is the report's date.
3. **Tense.** With no date of its own, a simple past ("said", "was praised") is on the
   reference day; a present ("has", "uses") on the report's date; a present perfect ("has
   filed") on the report's date; a past perfect ("had agreed") before the story, so unknown.
   What did not happen (planned, hypothetical, negated: ``patterns.modality_of``) has no anchor,
   nor has what a quote tells without a date (its tenses count from when the words were said,
   and what it tells is the speaker's claim), nor a state of mind or perception ("believes",
   "loved", "has seen": ``PRIVATE_STATES``), which holds over a time rather than on a day.
4. **No tense of its own.** A participle, infinitive or noun takes the tense and date of the
   finite verb that governs it ("started by hinting", "filed a lawsuit").
5. **Counted from the story's last date.** "One year later" / "two months earlier" in the
   event's clause counts from the latest date written before it ("In 2029 ... One year later":
   2030), no finer than its unit. A week ("this week") is reported as its month.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from spacy.tokens import Doc, Token

from storyline.extract.events.patterns import clause_verb, date_of, modality_of
from storyline.extract.timex.lexicon import shift_months
from storyline.models import Timex

LEAD_SENTENCES = 3
REFERENCE_WINDOW = timedelta(days=7)
# States of mind and perception (general English): they hold over a time, not on a day.
PRIVATE_STATES = frozenset(
    "love like hate enjoy prefer want wish hope believe think feel know seem appear consider "
    "expect fear doubt understand remember forget see hear notice realize suspect imagine "
    "suppose assume trust worry care mind deserve need age".split())
_PAST_AUX = frozenset({"was", "were", "did"})
_PERFECT_AUX = frozenset({"has", "have", "'ve"})
_PLUPERFECT_AUX = frozenset({"had", "'d"})
_PRESENT_AUX = frozenset({"is", "are", "am", "'s", "'re", "'m", "does", "do"})


def dated(timexes: list[Timex]) -> list[Timex]:
    """Timexes that name a calendar date ("2031-05-06", "2031-05", "2031")."""
    return [t for t in timexes if t.type in ("DATE", "TIME") and t.value
            and re.match(r"\d{4}", t.value)]


def _root(timex: Timex, doc: Doc) -> Token | None:
    span = doc.char_span(timex.start, timex.end, alignment_mode="expand")
    return None if span is None else span.root


def own_timex(token: Token, timexes: list[Timex]) -> Timex | None:
    """The date of the event's own clause, the most precise one (module point 1)."""
    found = date_of(token, timexes, token.doc)
    if found is None or not re.match(r"\d{4}", found.value or ""):
        return None
    verb = clause_verb(token)
    same = [t for t in dated(timexes) if (root := _root(t, token.doc)) is not None
            and clause_verb(root) == verb]
    return max([found, *same], key=lambda t: (len(t.value.split("T")[0]), -abs(t.start - token.idx)))


def month_of_week(value: str) -> str:
    """ "2031-W19" -> "2031-05": the month the week's Thursday falls in (a week is reported as
    part of its month, and the task's anchors have no weeks)."""
    match = re.fullmatch(r"(\d{4})-W(\d{2})", value)
    if not match:
        return value
    try:
        thursday = date.fromisocalendar(int(match[1]), int(match[2]), 4)
    except ValueError:
        return value
    return thursday.strftime("%Y-%m")


_RELATIVE = {"later": 1, "after": 1, "afterwards": 1, "earlier": -1, "before": -1}


def relative_date(token: Token, timexes: list[Timex]) -> str | None:
    """ "One year later he founded Y": a span before "later"/"earlier" in the event's clause
    counts from the latest date the text gave before it (module point 5)."""
    doc, verb = token.doc, clause_verb(token)
    for timex in timexes:
        match = re.fullmatch(r"P(\d+)([YMD])", timex.value or "")
        span = doc.char_span(timex.start, timex.end, alignment_mode="expand")
        if not match or span is None or span.end >= len(doc) or clause_verb(span.root) != verb:
            continue
        sign = _RELATIVE.get(doc[span.end - 1].lower_) or _RELATIVE.get(doc[span.end].lower_)
        earlier = [t for t in dated(timexes) if t.end <= timex.start]
        if sign and earlier:
            base = max(earlier, key=lambda t: t.start).value
            return _shift(base, sign * int(match[1]), match[2])
    return None


def _shift(base: str, amount: int, unit: str) -> str | None:
    """``base`` moved by ``amount`` years/months/days, no finer than the unit or the base."""
    parts = [int(p) for p in re.findall(r"\d+", base.split("T")[0])[:3]]
    if unit == "Y":
        return str(parts[0] + amount)
    if unit == "M" and len(parts) >= 2:
        year, month = shift_months(parts[0], parts[1], amount)
        return f"{year:04d}-{month:02d}"
    if unit == "D" and len(parts) == 3:
        return (date(*parts) + timedelta(days=amount)).isoformat()
    return None


def reference_day(doc: Doc, timexes: list[Timex], published: str | None) -> str | None:
    """The day the report is about (module point 2)."""
    if not published or not re.match(r"\d{4}-\d{2}-\d{2}", published):
        return published
    report = date.fromisoformat(published[:10])
    sentences = list(doc.sents)[:LEAD_SENTENCES]
    lead_end = sentences[-1].end_char if sentences else 0
    for timex in sorted(dated(timexes), key=lambda t: t.start):
        day = _full_day(timex.value)
        if timex.start < lead_end and day and timedelta(0) < report - day <= REFERENCE_WINDOW:
            return day.isoformat()
    return published


def _full_day(value: str) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if re.match(r"\d{4}-\d{2}-\d{2}", value) else None
    except ValueError:
        return None


def tense(verb: Token) -> str | None:
    """past / perfect / pluperfect / present of a finite verb, or None (module point 3)."""
    auxes = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if auxes & _PLUPERFECT_AUX:
        return "pluperfect"
    if auxes & _PERFECT_AUX:
        return "perfect"
    if verb.tag_ == "VBD" or auxes & _PAST_AUX:
        return "past"
    if verb.tag_ in ("VBZ", "VBP") or auxes & _PRESENT_AUX:
        return "present"
    return None


def governing_verb(token: Token) -> Token | None:
    """The nearest finite verb at or above ``token`` (module point 4)."""
    for _ in range(4):
        if token.pos_ in ("VERB", "AUX") and tense(token):
            return token
        if token.head == token:
            return None
        token = token.head
    return None


def anchor_value(token: Token, timexes: list[Timex], published: str | None,
                 reference: str | None, quoted: bool = False) -> str | None:
    """The TIMEX3 value an event mention is anchored to, or None (see the module docstring)."""
    own = own_timex(token, timexes)
    if own is not None:
        return month_of_week(own.value)
    shifted = relative_date(token, timexes)
    if shifted is not None:
        return shifted
    if quoted or modality_of(token) != "happened" or token.lemma_.lower() in PRIVATE_STATES:
        return None
    verb = governing_verb(token)
    if verb is None:
        return None
    if verb != token and (governed := own_timex(verb, timexes)) is not None:
        return month_of_week(governed.value)
    return {"past": reference, "present": published, "perfect": published}.get(tense(verb))
