"""Referent groups on NewsWCL50: do our groups match its concept annotations?

Data: ``newswcl50/Annotations.csv`` (gold mentions with the concept ``code_name`` they belong
to) and ``articles/<event>_<outlet>.txt`` (10 events x 5 outlets; see the dataset README).

What we score, per event (the five articles of one event are one collection, as a story is):

  1. Gold mentions: every annotation except ``PROPERTY`` (a framing property such as "Power",
     not a mention of a concept). A mention is placed in the article text by finding its
     phrase (quotes folded) in its paragraph (paragraph 0 is the title line, paragraphs are
     split on blank lines); the k-th annotation of one phrase in one paragraph, in token order,
     is its k-th occurrence. Mentions that can't be placed are dropped (counted in ``unplaced``).
  2. Our mentions: ``framing.terms.v1`` rows of the five articles, grouped by
     ``group_referents``. A gold mention is *found* when one of our rows has a character
     Jaccard overlap >= 0.5 with it, or ends where it ends with at most 3 words of it before
     ("Mr. Kim" is found by the name "Kim"); the best one is taken, and its predicted group
     is that row's referent. Gold mentions we did not find count against recall.
  3. Per concept C (gold mentions of one ``code_name`` in one event): for each predicted group
     G, tp = |C found in G|, precision = tp / (gold mentions found in G), recall = tp / |C|;
     the concept's score is the group with the best F1 (the concept-to-candidate matching of
     Hamborg et al. 2019, with gold mentions as the common ground). The total is the mean over
     concepts weighted by |C| (so large concepts count for their size), for precision, recall
     and F1 alike; F1 is reported as the weighted mean of per-concept F1s, not recomputed.

The dataset has no dev/test split. We split the events in half: **dev = events 0-4** (tuned
on), **test = events 5-9** (reported). A baseline in the same run groups mentions only by
identical words (``steps=()``), so the gain of the grouping steps is visible.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language

from storyline.errors import InputError
from storyline.extract.framing import FramingTerms, group_referents
from storyline.extract.framing.referents import ALL_STEPS
from storyline.models import Article, FramingTerm

SPLITS = {"dev": range(0, 5), "test": range(5, 10), "all": range(0, 10)}
OUTLETS = ("LL", "L", "M", "R", "RR")
MIN_OVERLAP = 0.5
MAX_LEFT_WORDS = 3
QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "`": "'"})


@dataclass(frozen=True)
class GoldMention:
    article: str  # "<event>_<outlet>"
    concept: str  # code_name
    start: int
    end: int
    text: str = ""

    def text_before(self, offset: int) -> str:
        """The mention's words before a character offset of the article."""
        return self.text[: max(0, offset - self.start)]


def evaluate(
    nlp: Language, data_dir: Path, split: str = "test", steps: Sequence[str] = ALL_STEPS, **grouping: float
) -> dict:
    """Weighted concept P/R/F1 (percent) of our referent groups on one split, and a baseline."""
    if split not in SPLITS:
        raise InputError(str(split), f"unknown NewsWCL50 split; use one of {', '.join(SPLITS)}")
    data_dir = Path(data_dir)
    annotations = _read_annotations(data_dir / "Annotations.csv")
    totals = {"ours": Counter(), "baseline": Counter()}
    unplaced = placed = 0
    for event in SPLITS[split]:
        texts = _read_event(data_dir / "articles", event)
        gold, missing = _place_gold(annotations, texts)
        placed, unplaced = placed + len(gold), unplaced + missing
        rows = _extract(nlp, texts)
        _add(totals["ours"], score_concepts(gold, group_referents(rows, steps=steps, **grouping)))
        _add(totals["baseline"], score_concepts(gold, group_referents(rows, steps=())))
    ours, baseline = _finish(totals["ours"]), _finish(totals["baseline"])
    return {**ours, "split": split, "events": len(SPLITS[split]), "gold_mentions": placed,
            "unplaced": unplaced, "baseline_exact_words": baseline}


def _read_annotations(path: Path) -> list[dict]:
    if not path.is_file():
        raise InputError(str(path), "NewsWCL50 annotations not found (expected Annotations.csv)")
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    if lines and lines[0].startswith("sep="):
        lines = lines[1:]
    rows = csv.DictReader(io.StringIO("\n".join(lines)))
    return [r for r in rows if r.get("code_type") and r["code_type"] != "PROPERTY"]


def _read_event(folder: Path, event: int) -> dict[str, str]:
    texts = {}
    for outlet in OUTLETS:
        path = folder / f"{event}_{outlet}.txt"
        if not path.is_file():
            raise InputError(str(path), "NewsWCL50 article text not found")
        texts[f"{event}_{outlet}"] = path.read_text(encoding="utf-8")
    return texts


def _extract(nlp: Language, texts: dict[str, str]) -> list[FramingTerm]:
    component = FramingTerms()
    rows: list[FramingTerm] = []
    for article_id, text in texts.items():
        article = Article(id=article_id, source=article_id, text=text, raw_text=text, content_hash="",
                          outlet=article_id.split("_", 1)[1])
        rows.extend(component(article, nlp(text)))
    return rows


# --- placing gold mentions --------------------------------------------------------------------


def _paragraphs(text: str) -> list[tuple[int, str]]:
    """(offset, text) of each blank-line separated paragraph, quotes folded (same length)."""
    folded = text.translate(QUOTES)
    return [(m.start(), m.group()) for m in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*", folded)]


def _place_gold(annotations: list[dict], texts: dict[str, str]) -> tuple[list[GoldMention], int]:
    """Gold mentions of one event with character offsets; and how many could not be placed."""
    by_phrase: dict[tuple, list[dict]] = defaultdict(list)
    for row in annotations:
        article = f"{row['event_id']}_{row['publisher_id']}"
        if article in texts:
            by_phrase[(article, int(row["paragraph"]), row["code_mention"].translate(QUOTES))].append(row)
    paragraphs = {article: _paragraphs(text) for article, text in texts.items()}
    placed, missing = [], 0
    for (article, index, phrase), rows in sorted(by_phrase.items()):
        rows.sort(key=lambda r: (int(r["sentence"]), int(r["start"])))
        spots = _occurrences(paragraphs[article], index, phrase)
        for k, row in enumerate(rows):
            if not spots:
                missing += 1
                continue
            start = spots[min(k, len(spots) - 1)]
            placed.append(GoldMention(article, row["code_name"], start, start + len(phrase), phrase))
    return placed, missing


def _occurrences(paragraphs: list[tuple[int, str]], index: int, phrase: str) -> list[int]:
    if not phrase.strip() or index >= len(paragraphs):
        return []
    offset, text = paragraphs[index]
    found = [m.start() for m in re.finditer(re.escape(phrase), text)]
    if not found:
        found = [m.start() for m in re.finditer(re.escape(phrase), text, re.IGNORECASE)]
    return [offset + i for i in found]


# --- scoring ----------------------------------------------------------------------------------


def score_concepts(gold: Sequence[GoldMention], rows: Sequence[FramingTerm]) -> Counter:
    """Summed per-concept P, R, F1, each weighted by the concept's size (see the module doc)."""
    predicted = _match(gold, rows)
    in_group = Counter(predicted.values())
    concepts: dict[tuple, list[GoldMention]] = defaultdict(list)
    for mention in gold:
        concepts[(mention.article.split("_")[0], mention.concept)].append(mention)
    totals = Counter()
    for members in concepts.values():
        hits = Counter(predicted[m] for m in members if m in predicted)
        best = max((_prf(n, in_group[g], len(members)) for g, n in hits.items()), default=(0.0, 0.0, 0.0),
                   key=lambda prf: (prf[2], prf[0]))
        for name, value in zip(("precision", "recall", "f1"), best):
            totals[name] += value * len(members)
        totals["weight"] += len(members)
        totals["concepts"] += 1
        totals["found"] += sum(hits.values())
    return totals


def _prf(true_pos: int, predicted: int, gold: int) -> tuple[float, float, float]:
    precision, recall = true_pos / predicted, true_pos / gold
    return precision, recall, 2 * precision * recall / (precision + recall)


def _match(gold: Sequence[GoldMention], rows: Sequence[FramingTerm]) -> dict[GoldMention, str]:
    """Each gold mention's predicted group: the referent of our row overlapping it best."""
    by_article: dict[str, list[FramingTerm]] = defaultdict(list)
    for row in rows:
        by_article[row.article_id].append(row)
    found = {}
    for mention in gold:
        best, best_overlap = None, MIN_OVERLAP
        for row in by_article[mention.article]:
            overlap = _overlap(mention, row)
            if overlap >= best_overlap and (best is None or overlap > best_overlap or row.kind == "name"):
                best, best_overlap = row, overlap
        if best is not None:
            found[mention] = best.referent
    return found


def _overlap(mention: GoldMention, row: FramingTerm) -> float:
    """Character Jaccard; a row that ends where the mention ends, inside it, with at most
    ``MAX_LEFT_WORDS`` words before it ("Mr." in "Mr. Kim", "former FBI director") counts as
    a full match, since English noun phrases end on their head."""
    if row.end == mention.end and row.start >= mention.start:
        return 1.0 if len(_left_words(mention, row)) <= MAX_LEFT_WORDS else 0.0
    return _jaccard(mention.start, mention.end, row.start, row.end)


def _left_words(mention: GoldMention, row: FramingTerm) -> list[str]:
    return mention.text_before(row.start).split()


def _jaccard(a_start: int, a_end: int, b_start: int, b_end: int) -> float:
    inter = min(a_end, b_end) - max(a_start, b_start)
    if inter <= 0:
        return 0.0
    return inter / (max(a_end, b_end) - min(a_start, b_start))


def _add(total: Counter, part: Counter) -> None:
    total.update(part)


def _finish(total: Counter) -> dict:
    weight = total["weight"] or 1
    return {
        "precision": round(100 * total["precision"] / weight, 2),
        "recall": round(100 * total["recall"] / weight, 2),
        "f1": round(100 * total["f1"] / weight, 2),
        "concepts": total["concepts"],
        "found": total["found"],
    }
