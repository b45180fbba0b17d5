"""When an event happened, read from the text only: never from the article's date alone.

1. The timex of the event's own clause (``patterns.date_of``: its clause, or the verb an
   "agreed to meet" / "met and signed" chain hangs on).
2. Else the timex of the clause that governs it, read through the link between the two:

   * "told the court **on Wednesday** that they *had agreed*": a past event reported in a
     dated clause happened that day or before it (precision ``on_or_before``);
   * "sailed **on Wednesday** *after* the owner *reached* a settlement": ``after``, ``since``
     and ``once`` say the same (``on_or_before``); ``when``, ``as``, ``while``, a participle
     ("..., *swinging* across the channel") or a purpose infinitive ("stepped up efforts
     **on Sunday** *to free* the ship") share the day;
   * "**the same day** a court *rejected* an appeal": a clause describing a day is that day.

   Before that, a day told relative to the last one the article named ("**earlier in the
   day**, officials *signed* ...", "the day before", "a day later") is that day, moved.

   A future or planned event reported in a dated clause ("said on Monday it would withdraw")
   gets no date from the report, and neither does one under "before", "until", "if".

Relative days ("on Wednesday", "yesterday") were resolved against the publication date by
``time.rules.v1`` (the verb's tense picks last or next); an undated article leaves them None.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from spacy.tokens import Doc, Token

from storyline.dates import iso_day
from storyline.extract.events import lexicon as lx
from storyline.extract.events.patterns import clause_verb, date_of
from storyline.models import Timex

# The event happened on the governing clause's date or some time before it.
ON_OR_BEFORE = "on_or_before"
_BEFORE_MARKS = frozenset({"after", "since", "once"})
_SAME_MARKS = frozenset({"when", "as", "while", "during"})
_PERFECT_AUX = frozenset({"had", "has", "have", "'d", "'ve"})
_HOPS = 3  # clauses walked up, at most


@dataclass(frozen=True)
class Dated:
    value: str
    precision: str | None


def dating(trigger: Token, timexes: list[Timex], doc: Doc, modality: str) -> Dated | None:
    """The date an event has in the text (see the module docstring), or None."""
    own = date_of(trigger, timexes, doc)
    if own is not None:
        # "rejected an appeal on Sunday": the appeal was made that day or before
        reacted = trigger.pos_ in ("NOUN", "PROPN") and trigger.dep_ == "dobj" \
            and trigger.head.lemma_.lower() in lx.REACTING and modality == "happened"
        return Dated(own.value, ON_OR_BEFORE if reacted else own.precision)
    relative = relative_day(trigger, timexes)
    if relative is not None:
        return relative
    return _governing_date(clause_verb(trigger), _dated(timexes, doc), modality)


# A day told relative to the one the article spoke of last: (pattern, days from it).
_RELATIVE_DAYS = [
    (re.compile(r"\b(?:earlier|later)\s+in\s+the\s+day\b|\b(?:earlier|later)\s+that\s+"
                r"(?:morning|afternoon|evening|night)\b|\bhours\s+(?:earlier|later)\b", re.I), 0),
    (re.compile(r"\bthe\s+(?:day|night|evening)\s+before\b|\ba\s+day\s+earlier\b", re.I), -1),
    (re.compile(r"\bthe\s+day\s+after\b|\ba\s+day\s+later\b", re.I), 1),
]
_REACH = 1500  # characters back to the day spoken of: further, the reference is a guess


def relative_day(trigger: Token, timexes: list[Timex]) -> Dated | None:
    """ "Earlier in the day, X signed ...", "the day before": a day relative to the latest day
    the article named before the phrase (its sentence's or an earlier one's), when the phrase
    is in the event's own clause; "the day before the vote" is relative to the vote, not this."""
    sentence, verb = trigger.sent, clause_verb(trigger)
    for pattern, step in _RELATIVE_DAYS:
        for match in pattern.finditer(sentence.text):
            start = sentence.start_char + match.start()
            words = sentence.doc.char_span(start, sentence.start_char + match.end(),
                                           alignment_mode="expand")
            if words is None or clause_verb(words[0]) != verb or _has_object(words[-1]):
                continue
            anchor = _day_before(timexes, start)
            if anchor is not None:
                return Dated((anchor + timedelta(days=step)).isoformat(), "day")
    return None


def _has_object(word: Token) -> bool:
    return any(c.dep_ in ("pobj", "pcomp") for c in word.children)


def _day_before(timexes: list[Timex], offset: int) -> date | None:
    days = [t for t in timexes if t.end <= offset and offset - t.end <= _REACH
            and t.type in ("DATE", "TIME") and iso_day(t.value)]
    return iso_day(max(days, key=lambda t: t.end).value) if days else None


def _dated(timexes: list[Timex], doc: Doc) -> list[tuple[Timex, Token]]:
    found = []
    for timex in timexes:
        if timex.type in ("DATE", "TIME") and timex.value and not timex.value.startswith("P") \
                and timex.value[:1].isdigit():
            span = doc.char_span(timex.start, timex.end, alignment_mode="expand")
            if span is not None:
                found.append((timex, span.root))
    return found


def _governing_date(verb: Token, dated: list[tuple[Timex, Token]], modality: str) -> Dated | None:
    for _ in range(_HOPS):
        if verb.head == verb:
            return None
        described = [t for t, root in dated if root == verb.head and verb.dep_ == "relcl"]
        if described:  # "the same day a court rejected ...": the clause tells of that day
            return Dated(described[0].value, described[0].precision)
        reading = _reading(verb, modality)
        if reading is None:
            return None
        governor = clause_verb(verb.head)
        own = [t for t, root in dated if clause_verb(root) == governor and root not in verb.subtree]
        if own:
            timex = min(own, key=lambda t: abs(t.start - verb.idx))
            return Dated(timex.value, timex.precision if reading == "same" else ON_OR_BEFORE)
        verb = governor
    return None


def _reading(verb: Token, modality: str) -> str | None:
    """How the governing clause's date bears on this clause: "same", "before" or None."""
    relation = verb.dep_
    if relation in ("xcomp", "conj"):
        return "same"
    if relation in ("ccomp", "parataxis"):
        telling = clause_verb(verb.head).lemma_ in lx.REPORTING | lx.TELLING
        return "before" if telling and modality == "happened" and _past(verb) else None
    if relation == "advcl":
        return _adverbial_reading(verb, modality)
    if relation == "acl" and _infinitive(verb):
        return "same"  # "efforts on Sunday to free the ship"
    return None


def _adverbial_reading(verb: Token, modality: str) -> str | None:
    marks = {c.lower_ for c in verb.children if c.dep_ == "mark"}
    if marks & _BEFORE_MARKS:
        return "before" if modality == "happened" else None
    if marks & _SAME_MARKS:
        return "same"
    if not marks and (verb.tag_ in ("VBG", "VBN") or _infinitive(verb)):
        return "same"  # "..., swinging across the channel"; "... to speed up the convoys"
    return None


def _past(verb: Token) -> bool:
    """ "had agreed", "has signed", "agreed": the reported event is over when it is told."""
    if verb.tag_ == "VBD":
        return True
    return verb.tag_ == "VBN" and any(  # "had agreed", "was signed"
        c.dep_ in ("aux", "auxpass") and (c.lower_ in _PERFECT_AUX or c.tag_ == "VBD")
        for c in verb.children)


def _infinitive(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
