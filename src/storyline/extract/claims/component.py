"""``claims.rules.v1``: every figure a reader would cite, per article (see the package doc)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from storyline.errors import InputError
from storyline.extract.claims.attribution import figure_giver, source_mention, source_span, source_token
from storyline.extract.claims.counts import counts_of
from storyline.extract.claims.figures import Figure, find_figures
from storyline.models import ENTITY_LABELS, Article, Claim, Mention, Sentence, Timex
from storyline.registry import register

# A number after one of these was named before ("the two men"): a reference, not a figure.
_DEFINITE = re.compile(r"\b(?:the|these|those|its|their|his|her|our|all|both|each|every)\s+$",
                       re.IGNORECASE)
# Dates before these words start or bound a period; they don't date the figure.
_NOT_AS_OF = re.compile(r"\b(?:since|from|before|after|until|till|between)\s+(?:\w+\s+)?$",
                        re.IGNORECASE)
_PERIOD_PREPOSITIONS = frozenset({"since", "from", "until", "till", "between"})
_NAME_LABELS = ENTITY_LABELS - {"NORP"}
# A capitalized word inside a sentence right before a bare number names it ("Resolution 2334").
_NAMED_NUMBER = re.compile(r"[a-z,]\s+[A-Z][a-z]+\s+$")


@register("claims.rules.v1")
class RuleClaims:
    """Figures with their value, what they count, as-of date and source, per article."""

    name = "claims.rules.v1"

    def __call__(self, article: Article, doc: Doc, sentences: list[Sentence],
                 mentions: list[Mention], timexes: list[Timex]) -> list[Claim]:
        claims = []
        for sentence in sentences:
            span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
            if span is None:
                continue
            for figure in find_figures(article.text[sentence.start:sentence.end]):
                claim = self.claim(article, doc, span, sentence, figure, mentions, timexes)
                if claim is not None:
                    claims.append(claim)
        _attribute_from_next(claims, doc, sentences, mentions)
        return claims

    def claim(self, article: Article, doc: Doc, span: Span, sentence: Sentence, figure: Figure,
              mentions: list[Mention], timexes: list[Timex]) -> Claim | None:
        start, end = sentence.start + figure.start, sentence.start + figure.end
        core = (sentence.start + figure.core[0], sentence.start + figure.core[1])
        if not _is_figure(article.text, core, figure, mentions, timexes):
            return None
        number = doc.char_span(*core, alignment_mode="expand")
        if number is None:
            return None
        root = number.root
        counts, noun = counts_of(root, figure.unit)
        if not _worth_citing(counts, figure, root):
            return None
        claim = Claim(article.id, start, end, sentence.index, article.text[start:end],
                      figure.value, counts, figure.approximate, figure.lower, figure.upper,
                      figure.total, as_of=_as_of(article.text, sentence, noun, root, timexes))
        _attribute(claim, root, noun, span, mentions)
        _subject(claim, noun, mentions)
        return claim

    def score(self, gold_path: str | Path, nlp=None) -> dict[str, float]:
        """P/R/F1 of (sentence, value, head of counts) against a JSONL golden file."""
        from storyline.extract.claims.scoring import score_file

        return score_file(self, Path(gold_path), nlp)


def _is_figure(text: str, core: tuple[int, int], figure: Figure, mentions: list[Mention],
               timexes: list[Timex]) -> bool:
    """False for dates, times, years, references ("the two") and numbers inside names."""
    start, end = core
    if any(t.start < end and start < t.end for t in timexes):
        return False
    if any(m.start < end and start < m.end for m in mentions
           if m.label in _NAME_LABELS and m.kind == "name"):
        return False
    if _DEFINITE.search(text, max(0, start - 12), start) and not figure.qualified and not _restated(figure):
        return False
    word = text[start:end]
    if word[:1].isupper() and start > 0 and not text[:start].rstrip().endswith((".", "“", '"')):
        return False  # "Stage One", "Phase Two": a capitalized number word inside a name
    if not figure.qualified and _NAMED_NUMBER.search(text, max(0, start - 40), start):
        return False  # "adopted Resolution 2334": a number that is part of a name
    return not (re.fullmatch(r"1[89]\d\d|20\d\d", word) and not figure.qualified)


def _restated(figure: Figure) -> bool:
    """'all 25 crew members', 'the 400 workers': a large figure after 'the' restates a count a
    reader cites; 'the two men' only refers back to people named before."""
    return figure.value is not None and figure.value >= 10


def _worth_citing(counts: str, figure: Figure, root: Token) -> bool:
    """A figure counts something; a lone 'one' only when something happened to it."""
    if not counts:
        return False
    if figure.value == 1 and not figure.unit and " " not in counts:
        return False  # "one option is ...": an indefinite, not a figure
    return root.ent_type_ != "ORDINAL"  # dates and times are the timexes, checked before


def _as_of(text: str, sentence: Sentence, noun: Token | None, root: Token,
           timexes: list[Timex]) -> str | None:
    """The date the sentence gives for the figure: a date in the sentence, outside the counted
    phrase ("people taken on Oct. 7" dates the taking) and not starting a period ("since")."""
    inside = _subtree_chars(noun) if noun is not None else (0, 0)
    dates = [t for t in timexes if sentence.start <= t.start < sentence.end
             and t.type in ("DATE", "TIME") and t.value and not t.value.startswith("P")
             and not (inside[0] <= t.start < inside[1])
             and not _NOT_AS_OF.search(text, max(sentence.start, t.start - 20), t.start)
             and _dates_clause_of(root, t)]
    if not dates:
        return None
    return min(dates, key=lambda t: abs(t.start - root.idx)).value


def _dates_clause_of(figure: Token, timex: Timex) -> bool:
    """A date dates a figure when it hangs off the figure's clause or a clause governing it
    ("said on Monday that 35 ..."), not off a clause inside another phrase ("the deal, which
    took effect on May 2") nor after a preposition that starts a period ("since the raid on
    May 2")."""
    date = figure.doc.char_span(timex.start, timex.end, alignment_mode="expand")
    if date is None:
        return True
    clause = _clause(date.root)
    if clause is None:
        return False
    own = _clause(figure)
    if own is not None and own.dep_ == "relcl":  # "dredgers that removed 30,000 ..."
        return clause == own  # a relative clause has its own time
    return own is None or clause == own or clause in own.ancestors


def _clause(token: Token) -> Token | None:
    """The verb a token hangs off (the sentence root at most); None when the way up passes a
    preposition that starts or bounds a period."""
    while token.pos_ not in ("VERB", "AUX") and token.head is not token:
        token = token.head
        if token.dep_ == "prep" and token.lower_ in _PERIOD_PREPOSITIONS:
            return None
    while token.dep_ == "xcomp":  # "are to be freed on Monday": one clause with its verb chain
        token = token.head
    return token


def _subtree_chars(token: Token) -> tuple[int, int]:
    last = token.right_edge
    return token.left_edge.idx, last.idx + len(last)


def _attribute_from_next(claims: list[Claim], doc: Doc, sentences: list[Sentence],
                        mentions: list[Mention]) -> None:
    """Figures no one gives in their sentence take the source the next sentence names for
    them ("The queue grew to 369. Officials gave the figure to reporters.")."""
    by_index = {s.index: s for s in sentences}
    for claim in claims:
        following = by_index.get(claim.sentence + 1)
        if claim.source is not None or following is None:
            continue
        span = doc.char_span(following.start, following.end, alignment_mode="expand")
        head = figure_giver(span) if span is not None else None
        if head is not None:
            _set_source(claim, head, mentions)


def _attribute(claim: Claim, root: Token, noun: Token | None, span: Span,
               mentions: list[Mention]) -> None:
    head = source_token(root, noun, span)
    if head is not None:
        _set_source(claim, head, mentions)


def _set_source(claim: Claim, head: Token, mentions: list[Mention]) -> None:
    start, end = source_span(head)
    claim.source = head.doc.text[start:end]
    claim.source_start = source_mention(head, start, end, mentions)


def _subject(claim: Claim, noun: Token | None, mentions: list[Mention]) -> None:
    """The place or people the counted noun belongs to ("foreign hostages", "killed in X")."""
    if noun is None:
        return
    low, high = _subtree_chars(noun)
    places = [m for m in mentions if m.label in ("GPE", "LOC", "NORP") and m.kind == "name"
              and low <= m.start < high]
    if places:
        claim.subject, claim.subject_start = places[0].text, places[0].start


def load_gold(path: Path) -> list[dict]:
    """Rows of a claims golden file: {"text", "published"?, "claims": [{"value", ...}]}."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
        return [json.loads(line) for line in lines if line.strip()]
    except (OSError, ValueError) as exc:
        raise InputError(str(path), f"not a readable claims golden file ({exc})") from exc


__all__ = ["RuleClaims", "load_gold"]
