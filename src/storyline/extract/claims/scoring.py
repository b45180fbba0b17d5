"""Scoring ``claims.rules.v1`` against a small golden file of invented sentences.

A claim matches when the sentence, the value (or the bounds of a range) and the head word of
``counts`` agree: the head is what a reader looks for first; the rest of ``counts`` is wording.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from storyline.models import Article, Claim

Key = tuple[int, object, str]


def key(row: int, value, lower, upper, counts: str) -> Key:
    figure = value if value is not None else (lower, upper)
    return row, figure, counts.split()[0] if counts else ""


def predicted_keys(component, nlp, rows: list[dict]) -> Counter:
    from storyline.extract.entities import SpacyEntities
    from storyline.extract.roles import RuleRoles
    from storyline.extract.time import RuleTimex

    found: Counter = Counter()
    for index, row in enumerate(rows):
        article = Article(f"gold{index}", "gold", row["text"], row["text"], f"h{index}",
                          published=row.get("published"))
        doc = nlp(row["text"])
        sentences, mentions = SpacyEntities()(article, doc)
        _, references = RuleRoles()(article, doc, sentences, mentions)
        timexes = RuleTimex()(article, doc, sentences)
        claims: list[Claim] = component(article, doc, sentences, mentions + references, timexes)
        found.update(key(index, c.value, c.lower, c.upper, c.counts) for c in claims)
    return found


def score_file(component, path: Path, nlp=None) -> dict[str, float]:
    from storyline.extract.claims.component import load_gold

    if nlp is None:
        from storyline.config import load_settings
        from storyline.extract.nlp import load_model

        nlp = load_model(load_settings().get("nlp.model"))
    rows = load_gold(path)
    gold = Counter(key(i, c.get("value"), c.get("lower"), c.get("upper"), c["counts"])
                   for i, row in enumerate(rows) for c in row["claims"])
    predicted = predicted_keys(component, nlp, rows)
    hits = sum((gold & predicted).values())
    precision = hits / sum(predicted.values()) if predicted else 0.0
    recall = hits / sum(gold.values()) if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1,
            "predicted": sum(predicted.values()), "gold": sum(gold.values())}
