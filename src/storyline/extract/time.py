"""Time expressions (TIMEX3) found in the article text and normalized against its publication date.

Rule-based, in the spirit of HeidelTime: general lexicons (month and weekday names, number words,
units, parts of day, seasons) and patterns, no knowledge of particular events. spaCy's DATE/TIME
entities license the ambiguous candidates (a bare "1990", "May", "the year"); the dependency
parse gives the tense that decides the direction of a bare weekday or a date without a year.

Span conventions follow TimeML/TimeBank: determiners and modifiers that are part of the
expression are kept ("the past two months", "nearly four years ago", "late November"), the
governing preposition is not ("on Tuesday" -> "Tuesday", "since October 7" -> "October 7").

Without a publication date, only values the text fixes on its own are given ("31 July 2024",
"XXXX-12-01", "P2M", "P1W", "PRESENT_REF"); relative ones get ``None``.

Layout: ``timex/lexicon.py`` (vocabulary, regex pieces, calendar helpers), ``timex/rules.py``
(the patterns and their normalizers), this module (the component, the tense from the parse,
candidate selection and ``score()``).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from datetime import date

from spacy.tokens import Doc

from storyline.extract.entities import Scores
from storyline.extract.timex import rules as _rules  # noqa: F401  (registers the rules)
from storyline.extract.timex import holidays as _holidays  # noqa: F401
from storyline.extract.timex import spelled as _spelled  # noqa: F401
from storyline.extract.timex.references import resolve_anaphora
from storyline.extract.timex.lexicon import _RULES, Candidate, Context
from storyline.models import Article, Sentence, Timex
from storyline.registry import register


# ---------------------------------------------------------------------------------------------
# The component
# ---------------------------------------------------------------------------------------------
_NEEDS_ENTITY_WORDS = re.compile(r"^(?:May|March|Mar\.|Jan\.|Dec\.|Sept\.)$")


def tense_at(doc: Doc | None, start: int, end: int) -> str | None:
    """'past', 'future' or None from the verb that governs the span's tokens in the parse."""
    if doc is None or not doc.has_annotation("DEP"):
        return None
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    token = span.root
    for _ in range(6):
        if token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB") or token.tag_ == "MD":
            break
        if token.head is token:
            return None
        token = token.head
    else:
        return None
    verbs = [token]
    if token.dep_ in ("xcomp", "ccomp", "conj", "advcl") and token.head is not token:
        verbs.append(token.head)
    for verb in verbs:
        children = list(verb.children)
        words = {c.lower_ for c in children if c.dep_ in ("aux", "auxpass", "neg")}
        if words & {"will", "'ll", "shall", "wo"} or any(c.tag_ == "MD" and c.lower_ in
                                                       ("will", "'ll", "shall", "wo")
                                                       for c in children):
            return "future"
        infinitive = any(c.lower_ == "to" and c.dep_ == "aux" for c in children) and (
            verb.tag_ == "VB" or (verb.tag_ == "VBN" and "be" in {c.lower_ for c in children}
                                  and "have" not in {c.lower_ for c in children}))
        if infinitive and verb.dep_ not in ("csubj", "nsubj", "acl", "relcl"):
            head = verb.head
            if head.lemma_ in ("be", "plan", "expect", "schedule", "set", "go", "want", "hope",
                               "intend", "aim", "due", "agree", "promise", "vow", "threaten"):
                return "future"  # "are to be freed", "agreed to release", "plans to vote"
        if any(c.tag_ == "MD" for c in children):
            return "future"
        if verb.tag_ == "VBD" or any(c.tag_ == "VBD" for c in children if c.dep_ in
                                     ("aux", "auxpass")):
            return "past"
        if verb.tag_ == "VBN":
            aux = [c for c in children if c.dep_ in ("aux", "auxpass")]
            if any(c.tag_ in ("VBZ", "VBP") and c.lemma_ == "have" for c in aux):
                return "past"
            if any(c.lemma_ == "be" and c.tag_ in ("VBZ", "VBP") for c in aux):
                if verb.lemma_ in ("expect", "schedule", "set", "due", "slate"):
                    return "future"
                continue
            if not aux:
                return "past"
        if verb.tag_ == "VBG" and any(c.lemma_ == "be" and c.tag_ in ("VBZ", "VBP")
                                      for c in children):
            if verb.lemma_ == "go":
                return "future"
            return None
    return None


@register("time.rules.v1")
class RuleTimex:
    """TIMEX3 extraction and normalization with general rules; see the module docstring."""

    name = "time.rules.v1"

    def __call__(
        self, article: Article, doc: Doc, sentences: list[Sentence] | None = None
    ) -> list[Timex]:
        """Time expressions of ``article``; pass the ``sentences`` already split to reuse them."""
        text = article.text
        dct = _parse_date(article.published)
        entities = [(e.start_char, e.end_char) for e in (doc.ents if doc is not None else ())
                    if e.label_ in ("DATE", "TIME")]
        if sentences is None:
            sentence_starts = _sentence_starts(doc)
        else:
            sentence_starts = [s.start for s in sentences]
        candidates = self.candidates(text, dct, doc, entities, sentence_starts)
        found = []
        for c in candidates:
            index = (max(0, bisect_right(sentence_starts, c.start) - 1)
                     if sentence_starts else None)
            found.append(Timex(article.id, c.start, c.end, text[c.start:c.end], c.type, c.value,
                               c.precision, c.anchored, index))
        return found

    def candidates(self, text: str, dct: date | None, doc: Doc | None,
                   entities: list[tuple[int, int]],
                   sentence_starts: list[int] | None = None) -> list[Candidate]:
        """Non-overlapping matches of every rule (longest first), normalized in context."""
        raw: list[Candidate] = []
        if sentence_starts is None:
            sentence_starts = _sentence_starts(doc)
        # a quarterly earnings report: "a year ago" compares quarters
        quarterly_article = len(re.findall(r"\bquarter", text, re.I)) >= 3
        for priority, (pattern, handler, needs_entity) in enumerate(_RULES):
            for match in pattern.finditer(text):
                start, end = match.span()
                start, end = _trim(text, start, end)
                if start >= end:
                    continue
                tense = (_cue_tense(text, start) or tense_at(doc, start, end)) if dct else None
                ctx = Context(dct, tense,
                              quarterly_article or _mentions_quarter(text, start, sentence_starts))
                try:
                    result = handler(match, ctx)
                except (OverflowError, ValueError):
                    # anchored past the calendar's ends ("tomorrow" of 9999-12-31): no value
                    continue
                if result is None:
                    continue
                kind, value, precision, anchored = result
                needs = needs_entity or bool(_NEEDS_ENTITY_WORDS.match(text[start:end]))
                raw.append(Candidate(start, end, kind, value, precision, anchored, needs,
                                     priority))
        kept = []
        for c in raw:
            if c.needs_entity and not any(s < c.end and c.start < e for s, e in entities):
                continue
            kept.append(c)
        kept.sort(key=lambda c: (-(c.end - c.start), c.priority, c.start))
        chosen: list[Candidate] = []
        for c in kept:
            if all(c.end <= o.start or o.end <= c.start for o in chosen):
                chosen.append(c)
        chosen.sort(key=lambda c: c.start)
        resolve_anaphora(chosen)
        return chosen

    @staticmethod
    def score(predicted: Iterable[Timex], gold: Iterable[Timex]) -> dict[str, Scores | float]:
        """TempEval-3 style: strict (exact span) and relaxed (overlap) span scores, value accuracy.

        ``value_accuracy`` is over relaxed matches; ``value`` is the TE3 value-F1 scores (hits
        are relaxed matches with the same value). Offsets are compared per ``article_id``.
        """
        predicted, gold = list(predicted), list(gold)
        strict_hits = len({(t.article_id, t.start, t.end) for t in predicted}
                          & {(t.article_id, t.start, t.end) for t in gold})
        used: set[int] = set()
        relaxed = value_ok = type_ok = 0
        order = sorted(range(len(predicted)), key=lambda i: predicted[i].start)
        for i in order:
            p = predicted[i]
            best = None
            for j, g in enumerate(gold):
                if j in used or g.article_id != p.article_id or not (p.start < g.end and g.start < p.end):
                    continue
                if (g.start, g.end) == (p.start, p.end):
                    best = j
                    break
                best = j if best is None else best
            if best is not None:
                used.add(best)
                relaxed += 1
                value_ok += predicted[i].value == gold[best].value
                type_ok += predicted[i].type == gold[best].type
        n_p, n_g = len(predicted), len(gold)
        return {
            "strict": Scores.from_counts(strict_hits, n_p, n_g),
            "relaxed": Scores.from_counts(relaxed, n_p, n_g),
            "value": Scores.from_counts(value_ok, n_p, n_g),
            "type": Scores.from_counts(type_ok, n_p, n_g),
            "value_accuracy": value_ok / relaxed if relaxed else 0.0,
        }


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    piece = text[start:end]
    # "at least" is part of the expression; "at noon" is not
    lead = re.match(r"(?:(?:on|in|at(?!\s+(?:least|most)\b)|since|by|until|from|during|for)\s+)+",
                    piece, re.I)
    if lead and lead.end() < len(piece):
        start += lead.end()
        piece = text[start:end]
    # a hyphenated compound is a modifier ("a two-year contract", "the third-quarter loss"):
    # TimeML leaves the article outside
    article = re.match(r"(?:an?|the)\s+", piece, re.I)
    if article and re.fullmatch(r"[\w.]+-[\w-]+", piece[article.end():]):
        start += article.end()
    while end > start and text[end - 1] in " \t\n,":
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    return start, end


# words right before a date that put it ahead whatever the tense of the clause ("a pact,
# effective June 1", "trading resumes as soon as Monday")
_FUTURE_CUE = re.compile(r"\b(?:effective|as\s+soon\s+as|as\s+early\s+as|no\s+later\s+than|"
                         r"scheduled\s+for|starting|beginning|until)\s+(?:on\s+)?$", re.I)


def _cue_tense(text: str, start: int) -> str | None:
    return "future" if _FUTURE_CUE.search(text[max(0, start - 30):start]) else None


def _mentions_quarter(text: str, position: int, sentence_starts: list[int]) -> bool:
    index = bisect_right(sentence_starts, position) - 1
    start = sentence_starts[index] if index >= 0 else max(0, position - 200)
    end = sentence_starts[index + 1] if 0 <= index + 1 < len(sentence_starts) else position + 200
    return re.search(r"\bquarter", text[start:end], re.I) is not None


def _parse_date(value: str | None) -> date | None:
    if not value:
        return None
    found = re.match(r"(\d{4})-(\d{2})-(\d{2})", value)
    if not found:
        return None
    try:
        return date(int(found.group(1)), int(found.group(2)), int(found.group(3)))
    except ValueError:
        return None


def _sentence_starts(doc: Doc | None) -> list[int]:
    if doc is None or not (doc.has_annotation("SENT_START") or doc.has_annotation("DEP")):
        return []
    from storyline.extract.entities import SpacyEntities

    return [s.start for s in SpacyEntities.sentences("", doc)]


__all__ = ["Context", "RuleTimex", "tense_at"]
