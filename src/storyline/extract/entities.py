"""Sentences and named-entity mentions from a spaCy ``Doc``, with offsets into the cleaned text."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

import numpy
from spacy.attrs import SENT_START
from spacy.tokens import Doc

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
    """spaCy's sentence boundaries and NER spans, as plain dataclasses."""

    name = "entities.spacy.v1"

    def __call__(self, article: Article, doc: Doc) -> tuple[list[Sentence], list[Mention]]:
        sentences = self.sentences(article.id, doc)
        return sentences, self.mentions(article.id, doc, sentences)

    @staticmethod
    def sentences(article_id: str, doc: Doc) -> list[Sentence]:
        found: list[Sentence] = []
        text = doc.text  # a property that re-joins every token: read it once, not per sentence
        for first, last in _sentence_token_ranges(doc):
            start = doc[first].idx
            start, end = _strip_span(text, start, doc[last - 1].idx + len(doc[last - 1]))
            if start < end:  # spaCy makes whitespace-only "sentences" between paragraphs
                found.append(Sentence(article_id, len(found), start, end))
        return found

    @staticmethod
    def mentions(article_id: str, doc: Doc, sentences: list[Sentence]) -> list[Mention]:
        starts = [s.start for s in sentences]
        found = []
        for ent in doc.ents:
            if "\n" in ent.text or not ent.text.strip():
                continue  # a span across a paragraph break is a tagging error, not a name
            index = max(0, bisect_right(starts, ent.start_char) - 1)
            found.append(
                Mention(article_id, ent.start_char, ent.end_char, ent.text, ent.label_, index)
            )
        return found

    @staticmethod
    def score(predicted: Iterable[Span], gold: Iterable[Span]) -> Scores:
        """Exact-match span F1 (CoNLL style): a hit needs the same start, end and label."""
        predicted_set, gold_set = set(predicted), set(gold)
        hits = len(predicted_set & gold_set)
        return Scores.from_counts(hits, len(predicted_set), len(gold_set))


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


