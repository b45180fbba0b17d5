"""Sentences and named-entity mentions from a spaCy ``Doc``, with offsets into the cleaned text."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, replace

import numpy
from spacy.attrs import SENT_START
from spacy.tokens import Doc

from storyline.extract.described_names import described_names
from storyline.extract.mention_types import retype_mentions
from storyline.lexicon import Lexicon, lexicon
from storyline.models import Article, Mention, Sentence
from storyline.registry import register


@dataclass(frozen=True)
class Scores:
    precision: float
    recall: float
    f1: float
    predicted: int
    gold: int

    @classmethod
    def from_counts(cls, true_pos: int, predicted: int, gold: int) -> "Scores":
        precision = true_pos / predicted if predicted else 0.0
        recall = true_pos / gold if gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return cls(precision, recall, f1, predicted, gold)


Span = tuple[int, int, str]  # start, end, label


@register("entities.spacy.v1")
class SpacyEntities:
    """spaCy's sentence boundaries and NER spans, as plain dataclasses. ``words``: the run's
    word lists (``Lexicon.from_settings``); the package defaults when not given."""

    name = "entities.spacy.v1"

    def __init__(self, words: Lexicon | None = None) -> None:
        self.words = words

    def __call__(self, article: Article, doc: Doc) -> tuple[list[Sentence], list[Mention]]:
        sentences = self.sentences(article.id, doc)
        return sentences, self.mentions(article.id, doc, sentences, self.words)

    @staticmethod
    def sentences(article_id: str, doc: Doc) -> list[Sentence]:
        """spaCy's sentences, trimmed of spaces and of a quote mark that belongs to a neighbour;
        a closing quote the parser split off joins its sentence (never across a line break)."""
        spans: list[tuple[int, int]] = []
        text = doc.text  # a property that re-joins every token: read it once, not per sentence
        for first, last in _sentence_token_ranges(doc):
            start, end = _strip_span(text, doc[first].idx, doc[last - 1].idx + len(doc[last - 1]))
            if start < end and not any(c.isalnum() for c in text[start:end]):
                if spans and "\n" not in text[spans[-1][1]:start]:
                    spans[-1] = (spans[-1][0], end)  # '"' after 'May.' closes that sentence
            elif start < end:  # spaCy makes whitespace-only "sentences" between paragraphs
                spans.append((start, end))
        return [Sentence(article_id, index, start, end) for index, (start, end) in enumerate(spans)]

    @staticmethod
    def mentions(article_id: str, doc: Doc, sentences: list[Sentence],
                 words: Lexicon | None = None) -> list[Mention]:
        starts = [s.start for s in sentences]
        found = []
        for ent in doc.ents:
            if "\n" in ent.text or not ent.text.strip():
                continue  # a span across a paragraph break is a tagging error, not a name
            index = max(0, bisect_right(starts, ent.start_char) - 1)
            found.append(
                Mention(article_id, ent.start_char, ent.end_char, ent.text, ent.label_, index)
            )
        words = words or lexicon()
        # the words around a name correct its label first ("salvage firm X", "... Kaisha")
        found = _surnames_are_people(article_id, doc, retype_mentions(doc, found, words), starts)
        # then names NER missed, told by their noun ("the tanker X"): they outrank its spans
        return described_names(article_id, doc, found, starts, words)

    @staticmethod
    def score(predicted: Iterable[Span], gold: Iterable[Span]) -> Scores:
        """Exact-match span F1 (CoNLL style): a hit needs the same start, end and label."""
        predicted_set, gold_set = set(predicted), set(gold)
        hits = len(predicted_set & gold_set)
        return Scores.from_counts(hits, len(predicted_set), len(gold_set))


# Labels NER gives a lone surname by mistake; a place (GPE, LOC) may share a surname's spelling.
_MISTAKEN_SURNAME_LABELS = frozenset({"ORG", "PRODUCT", "WORK_OF_ART", "FAC"})


def _surnames_are_people(article_id: str, doc: Doc, mentions: list[Mention],
                         starts: list[int]) -> list[Mention]:
    """One name, one type per article: once a person is named in full ("Dana Kovac"), a bare
    "Kovac" is that person, whether NER tagged it as an organization or, as often at the start
    of a sentence, not at all."""
    surnames = {m.text.split()[-1] for m in mentions if m.label == "PERSON" and " " in m.text}
    surnames = {s for s in surnames if s[:1].isupper() and s[1:].islower() and len(s) > 2}
    if not surnames:
        return mentions
    mistaken = _MISTAKEN_SURNAME_LABELS | _places_outvoted(mentions, surnames)
    found = [replace(m, label="PERSON") if m.text in surnames and m.label in mistaken
             else m for m in mentions]
    for token in doc:
        if token.text in surnames and not token.ent_type_ and token.pos_ == "PROPN":
            index = max(0, bisect_right(starts, token.idx) - 1)
            found.append(Mention(article_id, token.idx, token.idx + len(token), token.text, "PERSON", index))
    return sorted(found, key=lambda m: (m.start, m.end))


def _places_outvoted(mentions: list[Mention], surnames: set[str]) -> frozenset[str]:
    """GPE/LOC join the mistaken labels when the article itself uses the bare surname as a
    person at least as often as as a place: NER then tagged one of a person's mentions a place
    ("a call from Kovac"), while a real place of that spelling usually keeps its place tags."""
    bare = [m for m in mentions if m.text in surnames]
    as_person = sum(m.label == "PERSON" for m in bare)
    as_place = sum(m.label in ("GPE", "LOC") for m in bare)
    return frozenset({"GPE", "LOC"}) if as_place and as_person >= as_place else frozenset()


def _sentence_token_ranges(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of the sentences, read in one pass over the SENT_START array."""
    if len(doc) == 0:
        return []
    flags = doc.to_array(SENT_START)
    starts = [0] + [int(i) for i in numpy.flatnonzero(flags == 1) if i > 0]
    return list(zip(starts, starts[1:] + [len(doc)]))


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


