"""TempEval-3 Task A (SemEval-2013 Task 1): time expression extraction and normalization.

dev  = TBAQ-cleaned (TimeBank 1.2 + AQUAINT, read straight from ``TBAQ-cleaned.tar.xz`` or an
       unpacked ``TBAQ-cleaned/`` folder); ``limit``/``stride`` subsample it deterministically.
test = ``te3-platinum-gold/*.tml`` (20 documents, 138 TIMEX3).

Each document's creation time (the TIMEX3 with ``functionInDocument="CREATION_TIME"``) is the
article's publication date; the model reads the content of ``<TEXT>`` with every tag removed and
XML entities decoded; gold TIMEX3 spans are character offsets into that text.

Scores follow the official scorer (``TE3-evaluation.py``, UzZaman et al. 2013, section 4):

* strict  P/R/F1: a predicted timex matches a gold one with exactly the same extent;
* relaxed P/R/F1: a predicted timex matches a gold one when the extents overlap (each gold and
  each predicted timex is used at most once; pairs are taken in document order);
* attribute F1 (``value_f1``, ``type_f1``): P = |relaxed matches with equal attribute| / |predicted|,
  R = the same count / |gold|. This equals relaxed F1 x attribute accuracy over the relaxed
  matches, which is how the TE3 paper reports it. ``value_accuracy``/``type_accuracy`` give the
  accuracy alone. The official ranking score is ``value_f1``.
"""

from __future__ import annotations

import html
import re
import tarfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language

from storyline.errors import InputError
from storyline.models import Article, Timex

SPLITS = {"dev": "TBAQ-cleaned", "test": "te3-platinum-gold"}

_TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*?)(/?)>", re.S)
_ATTR = re.compile(r'([A-Za-z_:]+)\s*=\s*"([^"]*)"')


@dataclass
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str | None
    tid: str = ""


@dataclass
class TimeMLDocument:
    name: str
    dct: str | None  # "YYYY-MM-DD" (the date part of the creation time)
    text: str
    timexes: list[GoldTimex] = field(default_factory=list)


def parse_timeml(markup: str, name: str = "") -> TimeMLDocument:
    """Text of ``<TEXT>`` without tags, the DCT and the gold TIMEX3 spans as offsets into it."""
    dct = None
    dct_match = re.search(r"<DCT>(.*?)</DCT>", markup, re.S)
    for attrs in (_attrs(m.group(0)) for m in re.finditer(r"<TIMEX3\b[^>]*>", markup)):
        if attrs.get("functionInDocument") == "CREATION_TIME":
            dct = attrs.get("value")
            break
    else:
        if dct_match:  # a DCT element without the attribute
            inner = re.search(r'value="([^"]+)"', dct_match.group(1))
            dct = inner.group(1) if inner else None
    if dct:
        found = re.match(r"(\d{4})-?(\d{2})-?(\d{2})", dct)
        dct = f"{found.group(1)}-{found.group(2)}-{found.group(3)}" if found else None
    body = re.search(r"<TEXT>(.*?)</TEXT>", markup, re.S)
    if body is None:
        raise InputError(name or "<timeml>", "TimeML document has no <TEXT> element")
    text, timexes = _strip_tags(body.group(1))
    return TimeMLDocument(name, dct, text, timexes)


def _attrs(tag: str) -> dict[str, str]:
    return {k: html.unescape(v) for k, v in _ATTR.findall(tag)}


def _strip_tags(inner: str) -> tuple[str, list[GoldTimex]]:
    parts: list[str] = []
    length = 0
    timexes: list[GoldTimex] = []
    open_timex: tuple[int, dict[str, str]] | None = None
    position = 0
    for match in _TAG.finditer(inner):
        chunk = html.unescape(inner[position:match.start()])
        parts.append(chunk)
        length += len(chunk)
        position = match.end()
        closing, name = match.group(1), match.group(2)
        if name != "TIMEX3":
            continue
        if not closing:
            attrs = _attrs(match.group(0))
            if match.group(4):  # empty <TIMEX3 .../>: no extent, not scored
                continue
            open_timex = (length, attrs)
        elif open_timex is not None:
            start, attrs = open_timex
            open_timex = None
            if start < length:
                timexes.append(GoldTimex(start, length, "", attrs.get("type", ""),
                                         attrs.get("value") or None, attrs.get("tid", "")))
    chunk = html.unescape(inner[position:])
    parts.append(chunk)
    text = "".join(parts)
    for timex in timexes:
        timex.text = text[timex.start:timex.end]
    return text, timexes


def read_split(data_dir: Path, split: str = "dev") -> list[TimeMLDocument]:
    """Documents of one split, sorted by name (so subsampling is deterministic)."""
    if split not in SPLITS:
        raise InputError(split, f"unknown TempEval-3 split; use one of {sorted(SPLITS)}")
    data_dir = Path(data_dir)
    folder = data_dir / SPLITS[split]
    docs: list[TimeMLDocument] = []
    if folder.is_dir():
        for path in sorted(folder.rglob("*.tml")):
            docs.append(parse_timeml(path.read_text(encoding="utf-8"), path.stem))
    elif split == "dev" and (data_dir / "TBAQ-cleaned.tar.xz").is_file():
        with tarfile.open(data_dir / "TBAQ-cleaned.tar.xz", "r:xz") as archive:
            for member in sorted(archive.getmembers(), key=lambda m: m.name):
                if member.isfile() and member.name.endswith(".tml"):
                    raw = archive.extractfile(member).read().decode("utf-8")
                    docs.append(parse_timeml(raw, Path(member.name).stem))
    else:
        raise InputError(str(folder), "TempEval-3 data not found; point data_dir at tempeval3/")
    return sorted(docs, key=lambda d: d.name)


Pair = tuple[int, int]


def match_relaxed(predicted: list[tuple[int, int]], gold: list[tuple[int, int]]) -> list[Pair]:
    """One-to-one overlap alignment (index into predicted, index into gold).

    Exact-extent pairs are taken first, then the remaining overlaps in document order.
    """
    pairs: list[Pair] = []
    used_p: set[int] = set()
    used_g: set[int] = set()
    exact = {span: i for i, span in enumerate(gold)}
    for i, span in enumerate(predicted):
        j = exact.get(span)
        if j is not None and j not in used_g:
            pairs.append((i, j))
            used_p.add(i)
            used_g.add(j)
    for i, (ps, pe) in enumerate(predicted):
        if i in used_p:
            continue
        for j, (gs, ge) in enumerate(gold):
            if j not in used_g and ps < ge and gs < pe:
                pairs.append((i, j))
                used_p.add(i)
                used_g.add(j)
                break
    return pairs


def _prf(hits: int, predicted: int, gold: int) -> dict[str, float]:
    p = hits / predicted if predicted else 0.0
    r = hits / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f}


def score_documents(results: Iterable[tuple[list[Timex], list[GoldTimex]]]) -> dict:
    """Micro-averaged TE3 Task A scores (fractions in 0..1) over (predicted, gold) pairs."""
    n_pred = n_gold = strict = relaxed = value_ok = type_ok = 0
    for predicted, gold in results:
        n_pred += len(predicted)
        n_gold += len(gold)
        pspans = [(t.start, t.end) for t in predicted]
        gspans = [(g.start, g.end) for g in gold]
        strict += len(set(pspans) & set(gspans))
        for i, j in match_relaxed(pspans, gspans):
            relaxed += 1
            value_ok += predicted[i].value == gold[j].value
            type_ok += predicted[i].type == gold[j].type
    strict_s, relaxed_s = _prf(strict, n_pred, n_gold), _prf(relaxed, n_pred, n_gold)
    value_s, type_s = _prf(value_ok, n_pred, n_gold), _prf(type_ok, n_pred, n_gold)
    return {
        "predicted": n_pred, "gold": n_gold, "strict_matches": strict, "relaxed_matches": relaxed,
        "strict": strict_s, "relaxed": relaxed_s, "value": value_s, "type": type_s,
        "value_accuracy": value_ok / relaxed if relaxed else 0.0,
        "type_accuracy": type_ok / relaxed if relaxed else 0.0,
    }


def run_documents(nlp: Language, docs: list[TimeMLDocument], component: str = "time.rules.v1"
                  ) -> Iterator[tuple[TimeMLDocument, list[Timex]]]:
    from storyline import registry
    import storyline.extract.time  # noqa: F401  (registers the component)

    tagger = registry.get(component)()
    for document, doc in zip(docs, nlp.pipe((d.text for d in docs), batch_size=16)):
        article = Article(id=document.name, source=document.name, text=document.text,
                          raw_text=document.text, content_hash="", published=document.dct)
        yield document, tagger(article, doc)


def evaluate(nlp: Language, data_dir: Path, split: str = "dev", limit: int | None = None,
             stride: int = 1, component: str = "time.rules.v1") -> dict:
    """TE3 Task A scores (percentages) on one split.

    Returned keys: ``strict_f1``, ``strict_precision``, ``strict_recall``, ``relaxed_f1``,
    ``relaxed_precision``, ``relaxed_recall``, ``value_f1``, ``type_f1``, ``value_accuracy``,
    ``type_accuracy``, plus counts. ``stride=k`` keeps every k-th document (sorted by name),
    then ``limit`` keeps the first ``limit`` of those.
    """
    docs = read_split(Path(data_dir), split)[::max(1, stride)][:limit]
    pairs = [(predicted, d.timexes) for d, predicted in run_documents(nlp, docs, component)]
    s = score_documents(pairs)

    def pct(x: float) -> float:
        return round(100 * x, 2)

    return {
        "benchmark": "tempeval3", "split": split, "documents": len(docs),
        "predicted": s["predicted"], "gold": s["gold"],
        "strict_f1": pct(s["strict"]["f1"]), "strict_precision": pct(s["strict"]["precision"]),
        "strict_recall": pct(s["strict"]["recall"]),
        "relaxed_f1": pct(s["relaxed"]["f1"]), "relaxed_precision": pct(s["relaxed"]["precision"]),
        "relaxed_recall": pct(s["relaxed"]["recall"]),
        "value_f1": pct(s["value"]["f1"]), "type_f1": pct(s["type"]["f1"]),
        "value_accuracy": pct(s["value_accuracy"]), "type_accuracy": pct(s["type_accuracy"]),
    }


__all__ = ["GoldTimex", "TimeMLDocument", "evaluate", "match_relaxed", "parse_timeml",
           "read_split", "score_documents"]
