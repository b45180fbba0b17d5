"""Weighted terms of one article, the features story clustering compares.

Three kinds of term, each prefixed so they never collide:

* ``w:`` content words of the title and text (lower case, stop words dropped, plural -s off);
* ``e:`` named entities: from ``Extraction.mentions`` whose label is an entity label, else
  (an Article alone) capitalized word runs; a multi-word name also gives its words, so a later
  "Jeffs" meets an earlier "Warren Jeffs";
* ``t:`` time: the year and month of normalized time expressions and of the publication date
  (an Article alone: four-digit years in the text).

A term's weight is ``(1 + log tf) * idf * kind weight``. The idf comes from a running
document-frequency table blended with a prior drawn from general English word frequencies
(wordfreq), so the first articles of a corpus are weighted sensibly before the table has
seen much, and the table takes over as it grows.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from wordfreq import word_frequency

from storyline.models import ENTITY_LABELS, Article, Extraction

_WORD = re.compile(r"[^\W\d_][\w'’.-]*[^\W_]|\d+(?:[.,]\d+)?|[^\W\d_]", re.UNICODE)
_CAPITALIZED_RUN = re.compile(r"\b[A-Z][\w’'.-]*(?:\s+(?:of\s+|de\s+|al-)?[A-Z][\w’'.-]*)*")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_POSSESSIVE = re.compile(r"['’]s$")
_EXTRA_STOP = frozenset({"said", "says", "told", "according", "reported", "year", "week"})


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    # Imported on first use: importing anything from spaCy loads the whole library (seconds),
    # and query commands import this module only to read stored cluster rows.
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS) | _EXTRA_STOP


@dataclass(frozen=True)
class FeatureWeights:
    """How much each kind of term counts, and how strong the general-English prior is."""

    words: float = 1.0
    entities: float = 2.5  # names tell apart two similar events (tuned on ECB+ dev)
    times: float = 1.0
    prior_documents: float = 200.0  # pseudo-documents the wordfreq prior is worth
    words_per_document: float = 400.0  # turns a per-token frequency into a per-document one
    max_terms: int = 80  # an article vector keeps its strongest terms only (bounded cost)


@dataclass
class DocumentFrequencies:
    """The running document-frequency table: ``documents`` seen, and ``counts[term]``."""

    documents: int = 0
    counts: dict[str, int] = field(default_factory=dict)

    def add(self, terms: set[str]) -> None:
        self.documents += 1
        for term in terms:
            self.counts[term] = self.counts.get(term, 0) + 1

    def idf(self, term: str, weights: FeatureWeights) -> float:
        prior = weights.prior_documents
        expected = prior * _prior_document_rate(term, weights.words_per_document)
        observed = self.counts.get(term, 0)
        return math.log((self.documents + prior + 1.0) / (observed + expected + 1.0))


@lru_cache(maxsize=200_000)
def _prior_document_rate(term: str, words_per_document: float) -> float:
    """The share of English documents likely to hold ``term``, from its word frequency."""
    kind, _, body = term.partition(":")
    if kind == "t":
        return 0.02  # a year or month: common enough not to dominate on its own
    return min(1.0, word_frequency(body, "en") * words_per_document)


def term_counts(item: Extraction | Article) -> Counter[str]:
    """Raw counts of every term of an article (see the module docstring for the kinds)."""
    extraction = item if isinstance(item, Extraction) else Extraction(article=item)
    article = extraction.article
    counts = Counter(_content_words(article))
    counts.update(_entity_terms(extraction))
    counts.update(_time_terms(extraction))
    return counts


def weigh(counts: Counter[str], frequencies: DocumentFrequencies, weights: FeatureWeights) -> dict[str, float]:
    """L2-normalized tf-idf vector of the strongest ``weights.max_terms`` terms."""
    kind_weight = {"w": weights.words, "e": weights.entities, "t": weights.times}
    raw = {
        term: (1.0 + math.log(count)) * frequencies.idf(term, weights) * kind_weight[term[0]]
        for term, count in counts.items()
    }
    strongest = sorted(raw.items(), key=lambda pair: (-pair[1], pair[0]))[: weights.max_terms]
    norm = math.sqrt(sum(value * value for _, value in strongest)) or 1.0
    return {term: value / norm for term, value in strongest if value > 0}


def _content_words(article: Article) -> list[str]:
    text = f"{article.title or ''}\n{article.text}"
    words = []
    for token in _WORD.findall(text.lower()):
        token = _POSSESSIVE.sub("", token).strip(".-'’")
        if len(token) < 3 and not token.isdigit() or token in stop_words():
            continue
        words.append("w:" + _singular(token))
    return words


def _singular(word: str) -> str:
    """A light plural fold ("arrests" -> "arrest", "cities" -> "city"); no full stemming."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _entity_terms(extraction: Extraction) -> list[str]:
    names = [m.text for m in extraction.mentions if m.label in ENTITY_LABELS]
    if not extraction.mentions:
        article = extraction.article
        names = _capitalized_names(f"{article.title or ''}\n{article.text}")
    terms = []
    for name in names:
        words = [_POSSESSIVE.sub("", w).strip(".,'’") for w in name.lower().split()]
        words = [w for w in words if w and w not in stop_words()]
        if not words:
            continue
        terms.append("e:" + " ".join(words))
        if len(words) > 1:
            terms.extend("e:" + word for word in words)
    return terms


def _capitalized_names(text: str) -> list[str]:
    """Capitalized word runs, without a lone common word that only starts a sentence."""
    names = []
    for match in _CAPITALIZED_RUN.finditer(text):
        name = match.group(0)
        if " " not in name and name.lower() in stop_words():
            continue
        names.append(name)
    return names


def _time_terms(extraction: Extraction) -> list[str]:
    values = [t.value for t in extraction.timexes if t.value and t.type in ("DATE", "TIME")]
    if extraction.article.published:
        values.append(extraction.article.published)
    if not extraction.timexes:
        values.extend(_YEAR.findall(extraction.article.text))
    terms = []
    for value in values:
        year, month = value[:4], value[5:7]
        if year.isdigit():
            terms.append("t:" + year)
            if month.isdigit():
                terms.append(f"t:{year}-{month}")
    return terms
