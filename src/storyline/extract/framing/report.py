"""What a user reads: the framing table, each outlet's words side by side, labels, and tone.

Pure functions over grouped ``FramingTerm`` rows (after ``group_referents``). Tone comes from
VADER's general-purpose English lexicon (the ``vaderSentiment`` package ships it; nothing is
downloaded): a term's valence is the mean lexicon value of its words, an outlet's tone the mean
VADER compound score of the sentences in which it names the referents.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from functools import lru_cache

from storyline.models import FramingTerm

MAX_EXAMPLES = 3
# Rows that are choices of words; "name" rows only tie those choices to their referent.
WORD_CHOICES = ("term", "label")


def framing_table(
    rows: Sequence[FramingTerm], texts: Mapping[str, str] | None = None, kinds: Sequence[str] = WORD_CHOICES
) -> list[dict]:
    """The export rows: one per (article, referent, term) with its count and example sentences.

    ``{"article", "outlet", "referent", "term", "count", "examples": [{"sentence", "start",
    "end"}]}``; ``start``/``end`` are the term's offsets in the article text. ``sentence`` is
    the sentence's text when ``texts`` (article id -> cleaned text) is given, else its index.
    """
    groups: dict[tuple, list[FramingTerm]] = defaultdict(list)
    for row in rows:
        if row.kind in kinds:
            groups[(row.article_id, row.outlet or "", row.referent, row.term)].append(row)
    table = []
    for (article, outlet, referent, term), members in sorted(groups.items()):
        examples = [_example(row, texts) for row in sorted(members, key=lambda r: r.start)[:MAX_EXAMPLES]]
        table.append({"article": article, "outlet": outlet or None, "referent": referent, "term": term,
                      "count": len(members), "examples": examples})
    return table


def _example(row: FramingTerm, texts: Mapping[str, str] | None) -> dict:
    text = (texts or {}).get(row.article_id)
    sentence: object = row.sentence if text is None else sentence_around(text, row.start, row.end)
    return {"sentence": sentence, "start": row.start, "end": row.end}


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence (or line) holding ``text[start:end]``: cut at the nearest . ! ? or line break."""
    left = max(text.rfind(mark, 0, start) for mark in (". ", "! ", "? ", "\n")) + 1
    rights = [i for i in (text.find(mark, end) for mark in (". ", "! ", "? ", "\n")) if i != -1]
    right = min(rights) + 1 if rights else len(text)
    return text[left:right].strip()


def outlet_summary(rows: Sequence[FramingTerm], min_terms: int = 2) -> dict[str, dict[str, dict[str, int]]]:
    """Side by side: referent -> outlet -> term -> count, for referents named in several ways.

    A referent is kept when the outlets together use at least ``min_terms`` different words
    for it (one word everywhere is no framing choice).
    """
    table: dict[str, dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))
    for row in rows:
        if row.kind in WORD_CHOICES:
            table[row.referent][_outlet(row)][row.term] += 1
    kept = {}
    for referent, outlets in sorted(table.items()):
        if len({term for terms in outlets.values() for term in terms}) >= min_terms:
            kept[referent] = {outlet: dict(terms.most_common()) for outlet, terms in sorted(outlets.items())}
    return kept


def labels_per_outlet(rows: Sequence[FramingTerm]) -> dict[str, dict[str, dict[str, int]]]:
    """outlet -> named entity -> label -> count: the labels each outlet attaches to names."""
    table: dict[str, dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))
    for row in rows:
        if row.kind == "label" and row.anchor:
            table[_outlet(row)][row.referent][row.term] += 1
    return {outlet: {name: dict(labels.most_common()) for name, labels in sorted(names.items())}
            for outlet, names in sorted(table.items())}


def outlets_labeling(rows: Sequence[FramingTerm], referent: str, word: str) -> set[str]:
    """The outlets that attach a label containing ``word`` to ``referent`` ("terrorist")."""
    return {
        outlet for outlet, names in labels_per_outlet(rows).items()
        if any(word in label.split() for label in names.get(referent, {}))
    }


def _outlet(row: FramingTerm) -> str:
    return row.outlet or row.article_id


# --- tone -------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _analyzer():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def term_valence(term: str) -> float:
    """Mean VADER lexicon value (-4..4) of a term's words; 0.0 when none is in the lexicon."""
    lexicon = _analyzer().lexicon
    values = [lexicon[word] for word in term.lower().split() if word in lexicon]
    return sum(values) / len(values) if values else 0.0


def outlet_tone(rows: Sequence[FramingTerm], texts: Mapping[str, str]) -> dict[str, dict[str, float]]:
    """Per outlet: mean VADER compound of the sentences naming a referent, and mean term valence.

    ``{"sentences": n, "compound": -1..1, "term_valence": -4..4, "negative_terms": share of
    word choices with a negative lexicon value}``.
    """
    sentences: dict[str, set[str]] = defaultdict(set)
    valences: dict[str, list[float]] = defaultdict(list)
    for row in rows:
        text = texts.get(row.article_id)
        if text is not None:
            sentences[_outlet(row)].add(sentence_around(text, row.start, row.end))
        if row.kind in WORD_CHOICES:
            valences[_outlet(row)].append(term_valence(row.term))
    return {outlet: _tone(sentences[outlet], valences.get(outlet, [])) for outlet in sorted(sentences)}


def _tone(sentences: set[str], valences: list[float]) -> dict[str, float]:
    scores = [_analyzer().polarity_scores(s)["compound"] for s in sorted(sentences)]
    return {
        "sentences": len(scores),
        "compound": round(sum(scores) / len(scores), 4) if scores else 0.0,
        "term_valence": round(sum(valences) / len(valences), 4) if valences else 0.0,
        "negative_terms": round(sum(v < 0 for v in valences) / len(valences), 4) if valences else 0.0,
    }
