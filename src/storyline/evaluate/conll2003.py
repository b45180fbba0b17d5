"""NER on CoNLL-2003 English (dev = eng.testa, test = eng.testb), scored like conlleval.

spaCy's small English model uses OntoNotes labels; we map them onto the four CoNLL types
(PERSON->PER, GPE/LOC/FAC->LOC, ORG->ORG, NORP/EVENT/...->MISC) and drop numeric types.
The model reads the gold tokens, so scores measure tagging, not tokenization.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from storyline.errors import InputError
from storyline.extract.entities import Scores, SpacyEntities, Span

SPLITS = {"dev": "eng.testa", "test": "eng.testb"}
ONTONOTES_TO_CONLL = {
    "PERSON": "PER", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "ORG": "ORG",
    "NORP": "MISC", "EVENT": "MISC", "WORK_OF_ART": "MISC", "LAW": "MISC",
    "LANGUAGE": "MISC", "PRODUCT": "MISC",
}


@dataclass
class Sentence:
    words: list[str]
    spans: list[Span]  # gold (start, end, type) as character offsets into " ".join(words)


def read_conll(path: Path) -> Iterator[Sentence]:
    """Sentences of a CoNLL-2003 file, with IOB1 tags turned into character spans."""
    if not path.is_file():
        raise InputError(str(path), "CoNLL-2003 file not found; point --data-dir at conll2003_en/")
    words: list[str] = []
    tags: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if line.strip() and not line.startswith("-DOCSTART-"):
            token, *_, tag = line.split()
            words.append(token)
            tags.append(tag)
        elif words:
            yield Sentence(words, iob1_spans(words, tags))
            words, tags = [], []


def iob1_spans(words: list[str], tags: list[str]) -> list[Span]:
    """IOB1: I-X continues an X span unless it follows another type; B-X always starts one."""
    spans: list[Span] = []
    offset, current = 0, None  # current = [start, end, type]
    for word, tag in zip(words, tags):
        kind = tag[2:] if tag != "O" else None
        continues = current is not None and kind == current[2] and not tag.startswith("B-")
        if current is not None and not continues:
            spans.append(tuple(current))
            current = None
        if kind is not None:
            current = [offset, offset + len(word), kind] if current is None else [current[0], offset + len(word), kind]
        offset += len(word) + 1
    if current is not None:
        spans.append(tuple(current))
    return spans


def evaluate(nlp: Language, data_dir: Path, split: str = "dev", limit: int | None = None) -> dict:
    """Micro P/R/F1 overall and per type on one split."""
    sentences = list(read_conll(data_dir / SPLITS[split]))[:limit]
    docs = (Doc(nlp.vocab, words=s.words) for s in sentences)
    predicted: set[tuple[int, int, int, str]] = set()
    gold: set[tuple[int, int, int, str]] = set()
    for index, (sentence, doc) in enumerate(zip(sentences, nlp.pipe(docs, batch_size=256))):
        gold.update((index, *span) for span in sentence.spans)
        predicted.update((index, *span) for span in _predicted_spans(doc))
    return _report(predicted, gold, split, len(sentences))


def _predicted_spans(doc: Doc) -> list[Span]:
    mentions = SpacyEntities.mentions("eval", doc, SpacyEntities.sentences("eval", doc))
    return [(m.start, m.end, ONTONOTES_TO_CONLL[m.label]) for m in mentions if m.label in ONTONOTES_TO_CONLL]


def _report(predicted: set, gold: set, split: str, sentences: int) -> dict:
    overall = SpacyEntities.score(predicted, gold)
    by_type = {
        kind: SpacyEntities.score({p for p in predicted if p[3] == kind}, {g for g in gold if g[3] == kind})
        for kind in ("PER", "LOC", "ORG", "MISC")
    }
    return {
        "benchmark": "conll2003", "split": split, "sentences": sentences,
        "f1": round(overall.f1 * 100, 2), "precision": round(overall.precision * 100, 2),
        "recall": round(overall.recall * 100, 2),
        "by_type": {k: round(s.f1 * 100, 2) for k, s in by_type.items()},
    }


__all__ = ["Scores", "evaluate", "iob1_spans", "read_conll"]
