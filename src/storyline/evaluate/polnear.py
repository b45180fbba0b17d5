"""Quotes and reported speech on PolNeAR (Newell, Margolin & Ruths 2018): source, cue, content.

Data: ``polnear/{dev,test}/text/*.txt`` with brat standoff ``attributions/<article>_<annotator>.ann``
(see its README; read in place, never copied). An article annotated by several annotators (two
test articles have six) is scored against one: the first ``.ann`` file in name order.

What runs: ``quotes.rules.v1`` with indirect speech on (PolNeAR attributions include reported
speech and beliefs, not only quoted words), per whole article, after our entity and role
components so pronoun and title speakers are mentions.

Scores, per span type (source = ``Quote.speaker_start..speaker_end``, cue = ``cue_start..cue_end``,
content = ``start..end``), micro over the split, as sets of (article, start, end):

A quotation split by its attribution or running over paragraphs is one content span from the
start of its first stretch to the end of its last (``Quote.group``), as PolNeAR annotates it
(its discontinuous spans are read by their extent too), and a partial quote inside a reported
clause ("said the plan was “dead”") is left to the clause, which PolNeAR takes as the content.

* ``exact``: start and end equal, after both gold and predicted spans are trimmed of spaces,
  quote marks and ``, . ; :`` at either end (gold content often keeps its closing quote mark
  and full stop, ours never does; that is the only difference this forgives).
* ``begin``: the trimmed starts are equal (CofeNet's "begin-match").
* ``overlap``: precision = predicted spans overlapping a gold span / predicted; recall = gold
  spans overlapping a predicted span / gold.

These are document-level scores on PolNeAR's own files. The anchors in the README (rule baseline
10.7/22.8/5.6, BERT+CofeNet 83.2/75.3/72.9) are exact-match F1 over CofeNet's sentence-level
BIO file, ``cofenet_sentence_level/test.jsonl``; ``evaluate_sentences`` scores that file the
same way over token spans (each line run alone, its tokens kept as spaCy's words, PTB quote
tokens read as curly quotes, spans trimmed of punctuation tokens at either end).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from spacy.language import Language

from spacy.tokens import Doc

from storyline.errors import InputError
from storyline.extract.entities import SpacyEntities
from storyline.extract.quotes import RuleQuotes
from storyline.extract.roles import RuleRoles
from storyline.models import Article, Quote

KINDS = ("source", "cue", "content")
_GOLD_TYPES = {"Source": "source", "Cue": "cue", "Content": "content"}
_TRIM = " \t\n\u00a0\"“”‘’'`,.;:"
_SPAN_LINE = re.compile(r"^T\d+\t(\w+) ([\d; ]+)\t")

Key = tuple[str, int, int]


@dataclass
class Document:
    name: str
    text: str
    gold: dict[str, set[Key]] = field(default_factory=dict)  # kind -> trimmed spans


def read_documents(data_dir: Path, split: str) -> list[Document]:
    folder = Path(data_dir) / split
    if not (folder / "text").is_dir():
        raise InputError(str(folder), "PolNeAR split not found; expected text/ and attributions/ "
                         "under it (splits: dev, test)")
    annotations = sorted((folder / "attributions").glob("*.ann"))
    documents = []
    for path in sorted((folder / "text").glob("*.txt")):
        files = [a for a in annotations if a.stem.rsplit("_", 1)[0] == path.stem]
        if not files:
            continue
        text = path.read_text(encoding="utf-8")
        documents.append(Document(path.stem, text, read_gold(path.stem, text, files[0])))
    return documents


def read_gold(name: str, text: str, path: Path) -> dict[str, set[Key]]:
    """Source/Cue/Content span lines of one .ann file; a discontinuous span keeps its extent."""
    gold: dict[str, set[Key]] = {kind: set() for kind in KINDS}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = _SPAN_LINE.match(line)
        if match is None or match.group(1) not in _GOLD_TYPES:
            continue
        offsets = [int(n) for n in re.split(r"[ ;]", match.group(2)) if n]
        span = trim(text, min(offsets), max(offsets))
        if span is not None:
            gold[_GOLD_TYPES[match.group(1)]].add((name, *span))
    return gold


def trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return (start, end) if start < end else None


def predict(nlp: Language, documents: list[Document], indirect: bool = True) -> dict[str, set[Key]]:
    """Our spans for every document, by kind, trimmed like the gold ones."""
    entities, roles, quotes = SpacyEntities(), RuleRoles(), RuleQuotes(indirect=indirect)
    predicted: dict[str, set[Key]] = {kind: set() for kind in KINDS}
    texts = (d.text for d in documents)
    for document, doc in zip(documents, nlp.pipe(texts, batch_size=16)):
        article = Article(document.name, "polnear", document.text, document.text, document.name)
        sentences, mentions = entities(article, doc)
        _, references = roles(article, doc, sentences, mentions)
        mentions = sorted(mentions + references, key=lambda m: (m.start, m.end))
        for quote in _as_annotated(quotes(article, doc, sentences, mentions)):
            for kind, span in _spans(quote).items():
                trimmed = trim(document.text, *span) if span[0] is not None else None
                if trimmed is not None:
                    predicted[kind].add((document.name, *trimmed))
    return predicted


def _as_annotated(quotes: list[Quote]) -> list[Quote]:
    """Quotes shaped as PolNeAR annotates them: split quotations joined, and a partial quote
    inside a reported clause left to that clause (the clause is the content)."""
    joined = _join_groups(quotes)
    clauses = [q for q in joined if q.kind == "indirect"]
    return [q for q in joined if q.kind != "partial"
            or not any(c.start <= q.start and q.end <= c.end for c in clauses)]


def _join_groups(quotes: list[Quote]) -> list[Quote]:
    """One content span per quotation: PolNeAR annotates a split or multi-paragraph quote as
    one (discontinuous) content, which we read by its extent."""
    joined: dict[int, Quote] = {}
    single = []
    for quote in quotes:
        if quote.group is None:
            single.append(quote)
        elif quote.group in joined:
            joined[quote.group].end = max(joined[quote.group].end, quote.end)
        else:
            joined[quote.group] = replace(quote)
    return single + list(joined.values())


def _spans(quote: Quote) -> dict[str, tuple[int | None, int | None]]:
    return {"source": (quote.speaker_start, quote.speaker_end),
            "cue": (quote.cue_start, quote.cue_end),
            "content": (quote.start, quote.end)}


def prf(hits_predicted: int, predicted: int, hits_gold: int, gold: int) -> dict[str, float]:
    precision = hits_predicted / predicted if predicted else 0.0
    recall = hits_gold / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(100 * precision, 2), "recall": round(100 * recall, 2),
            "f1": round(100 * f1, 2)}


def score(predicted: set[Key], gold: set[Key]) -> dict[str, dict[str, float]]:
    """Exact, begin-match and overlap P/R/F1 of one span type."""
    exact = len(predicted & gold)
    gold_starts = {(d, s) for d, s, _ in gold}
    predicted_starts = {(d, s) for d, s, _ in predicted}
    return {
        "exact": prf(exact, len(predicted), exact, len(gold)),
        "begin": prf(sum((d, s) in gold_starts for d, s, _ in predicted), len(predicted),
                     sum((d, s) in predicted_starts for d, s, _ in gold), len(gold)),
        "overlap": prf(_overlapping(predicted, gold), len(predicted),
                       _overlapping(gold, predicted), len(gold)),
    }


def _overlapping(spans: Iterable[Key], others: Iterable[Key]) -> int:
    """How many of ``spans`` overlap at least one of ``others`` (same document)."""
    by_document: dict[str, list[tuple[int, int]]] = {}
    for document, start, end in others:
        by_document.setdefault(document, []).append((start, end))
    return sum(any(s < end and start < e for s, e in by_document.get(document, ()))
               for document, start, end in spans)


def evaluate(nlp: Language, data_dir: Path, split: str = "test", indirect: bool = True) -> dict:
    """Source/cue/content scores of ``quotes.rules.v1`` on one PolNeAR split."""
    documents = read_documents(Path(data_dir), split)
    predicted = predict(nlp, documents, indirect=indirect)
    gold = {kind: set().union(*(d.gold[kind] for d in documents)) for kind in KINDS}
    result: dict = {"benchmark": "polnear", "split": split, "documents": len(documents),
                    "component": "quotes.rules.v1", "indirect": indirect}
    for kind in KINDS:
        result[kind] = score(predicted[kind], gold[kind])
        result[kind]["gold"], result[kind]["predicted"] = len(gold[kind]), len(predicted[kind])
    return result


# -- CofeNet's sentence-level test file ---------------------------------------------------
_PTB_QUOTES = {"``": "“", "''": "”", "`": "‘", "'": "’"}
SENTENCE_FILE = "cofenet_sentence_level/test.jsonl"


def evaluate_sentences(nlp: Language, data_dir: Path, indirect: bool = True,
                       trimmed: bool = True) -> dict:
    """Exact/begin/overlap F1 over token spans of CofeNet's sentence-level PolNeAR test file;
    ``trimmed=False`` compares the token spans as they are (CofeNet's own exact match, where our
    content, never holding its quote marks, rarely matches a gold one that does)."""
    trim_chars = _TRIM if trimmed else ""
    path = Path(data_dir) / SENTENCE_FILE
    if not path.is_file():
        raise InputError(str(path), "CofeNet sentence-level PolNeAR file not found")
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    words = [[_PTB_QUOTES.get(t, t) for t in row["tokens"]] for row in rows]
    docs = nlp.pipe((Doc(nlp.vocab, words=w) for w in words), batch_size=64)
    predicted: dict[str, set[Key]] = {kind: set() for kind in KINDS}
    gold: dict[str, set[Key]] = {kind: set() for kind in KINDS}
    for index, (row, doc) in enumerate(zip(rows, docs)):
        for kind, start, end in bio_spans(row["labels"]):
            _add_tokens(gold[kind], index, doc, start, end, trim_chars)
        for kind, start, end in _predicted_token_spans(doc, indirect):
            _add_tokens(predicted[kind], index, doc, start, end, trim_chars)
    result: dict = {"benchmark": "polnear-cofenet-sentences", "sentences": len(rows),
                    "component": "quotes.rules.v1", "indirect": indirect, "trimmed": trimmed}
    for kind in KINDS:
        result[kind] = score(predicted[kind], gold[kind])
    return result


def bio_spans(labels: list[str]) -> list[tuple[str, int, int]]:
    """(kind, first token, end token) of each B-/I- run; an I- after another kind starts one."""
    spans: list[list] = []
    for i, label in enumerate(labels):
        tag, _, kind = label.partition("-")
        if tag == "I" and spans and spans[-1][0] == kind and spans[-1][2] == i:
            spans[-1][2] = i + 1
        elif tag in ("B", "I"):
            spans.append([kind, i, i + 1])
    return [tuple(s) for s in spans]


def _predicted_token_spans(doc: Doc, indirect: bool) -> list[tuple[str, int, int]]:
    article = Article("s", "polnear", doc.text, doc.text, "s")
    sentences, mentions = SpacyEntities()(article, doc)
    _, references = RuleRoles()(article, doc, sentences, mentions)
    mentions = sorted(mentions + references, key=lambda m: (m.start, m.end))
    spans = []
    for quote in _as_annotated(RuleQuotes(indirect=indirect)(article, doc, sentences, mentions)):
        for kind, (start, end) in _spans(quote).items():
            span = doc.char_span(start, end, alignment_mode="expand") if start is not None else None
            if span is not None:
                spans.append((kind, span.start, span.end))
    return spans


def _add_tokens(spans: set[Key], index: int, doc: Doc, start: int, end: int, trim_chars: str) -> None:
    """Add the token span, without tokens made only of ``trim_chars`` at either end."""
    while start < end and all(c in trim_chars for c in doc[start].text):
        start += 1
    while end > start and all(c in trim_chars for c in doc[end - 1].text):
        end -= 1
    if start < end:
        spans.add((str(index), start, end))
