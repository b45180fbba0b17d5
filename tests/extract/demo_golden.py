"""Scoring the claims ledger and the quotes of a store holding the demo corpus against
``golden/demo_ledger.jsonl`` (every figure and quote of the demo we are sure of).

A golden row names its article by the demo file's number ("01") and its place by a fragment
of the article's text. A claim matches a predicted one in that article that overlaps the
fragment with the same value (or bounds); then its counts word, as-of day, source name and
group are checked. A quote matches the predicted quote holding the fragment; then its
speaker's name. A source "?" is not checked (the text's source and none are both right);
``optional`` rows are true figures the ledger may leave out: they count
neither for recall nor against precision. Copies (the demo's syndicated articles) are left
out on both sides. Run ``python -m tests.extract.demo_golden DB`` for a report.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from itertools import combinations
from pathlib import Path

from storyline.extract.claims.group import quantity_key

GOLDEN = Path(__file__).parent / "golden" / "demo_ledger.jsonl"


def load_golden() -> list[dict]:
    return [json.loads(line) for line in GOLDEN.read_text(encoding="utf-8").splitlines() if line.strip()]


def _articles(document: dict) -> dict[str, dict]:
    return {Path(a["source"]).name[:2]: a for a in document["articles"]}


def _span(article: dict, fragment: str) -> tuple[int, int]:
    at = article["text"].find(fragment)
    assert at >= 0 and article["text"].find(fragment, at + 1) < 0, (article["source"], fragment)
    return at, at + len(fragment)


def _same_figure(gold: dict, record: dict) -> bool:
    if gold.get("value") is not None:
        return record["value"] == gold["value"]
    return (record["lower"], record["upper"]) == (gold.get("lower"), gold.get("upper"))


def _names(expected: str | None, found: str | None) -> bool:
    return bool(found) and any(n.casefold() == found.casefold() for n in expected.split("|"))


def score_claims(document: dict, golden: list[dict]) -> dict:
    articles = _articles(document)
    ids = {a["id"]: key for key, a in articles.items()}
    predicted = [c for c in document["claims"] if c["independent"] and c["article"] in ids]
    used, matched, stats, missed = set(), [], Counter(), []
    for gold in (g for g in golden if g["kind"] == "claim"):
        article = articles[gold["article"]]
        low, high = _span(article, gold["fragment"])
        found = next((c for c in predicted if c["article"] == article["id"] and c["start"] < high
                      and low < c["end"] and _same_figure(gold, c)), None)
        if found is not None:
            used.add(found["id"])
        if gold.get("optional"):
            continue
        stats["gold"] += 1
        if found is None:
            stats["missed"] += 1
            missed.append(f"{gold['article']} {gold['fragment']!r}: missed")
            continue
        matched.append((gold, found))
        _check_claim(gold, found, article, stats)
    stats["predicted"] = len(predicted) - sum(1 for g in golden if g.get("optional") and g["kind"] == "claim"
                                              and _optional_found(g, articles, predicted))
    stats["hits"] = len(matched)
    stats.update(_pairs(matched))
    return dict(stats) | {"spurious": [f"{ids[c['article']]} {c['value'] or (c['lower'], c['upper'])} {c['counts']}"
                                       for c in predicted if c["id"] not in used],
                          "errors": missed + _errors(matched)}


def _optional_found(gold: dict, articles: dict, predicted: list[dict]) -> bool:
    article = articles[gold["article"]]
    low, high = _span(article, gold["fragment"])
    return any(c["article"] == article["id"] and c["start"] < high and low < c["end"] for c in predicted)


def _check_claim(gold: dict, found: dict, article: dict, stats: Counter) -> None:
    words = quantity_key(found["counts"]).split()
    stats["counts_ok"] += quantity_key(gold["counts"]).split()[0] in words
    if gold.get("as_of") is not None:
        stats["as_of_checked"] += 1
        stats["as_of_ok"] += (found["as_of"] or "")[:10] == gold["as_of"]
    if gold.get("source") == "?":  # either the text's source or none is right
        return
    stats["source_checked"] += 1
    if gold.get("source") is None:
        stats["source_ok"] += found["source_basis"] != "text"
    else:
        stats["source_ok"] += _names(gold["source"], found["source"]["name"])


def _errors(matched: list[tuple[dict, dict]]) -> list[str]:
    """What differs on matched claims (for the report)."""
    found = []
    for gold, claim in matched:
        where = f"{gold['article']} {gold['fragment']!r}"
        if quantity_key(gold["counts"]).split()[0] not in quantity_key(claim["counts"]).split():
            found.append(f"{where}: counts {claim['counts']!r}")
        if gold.get("as_of") is not None and (claim["as_of"] or "")[:10] != gold["as_of"]:
            found.append(f"{where}: as_of {claim['as_of']} not {gold['as_of']}")
        wanted_text = gold.get("source") is not None
        if gold.get("source") == "?":
            pass
        elif (wanted_text and not _names(gold["source"], claim["source"]["name"])) or (
                not wanted_text and claim["source_basis"] == "text"):
            found.append(f"{where}: source {claim['source']['name']!r} not {gold.get('source')!r}")
    by_group: dict[str, set[str]] = {}
    for gold, claim in matched:
        by_group.setdefault(gold["group"], set()).add(claim["group"])
    found += [f"quantity {g!r} split over {sorted(s)}" for g, s in by_group.items() if len(s) > 1]
    return found


def _pairs(matched: list[tuple[dict, dict]]) -> Counter:
    """Pairwise group agreement: same golden quantity <-> same predicted group."""
    pairs = Counter()
    for (g1, c1), (g2, c2) in combinations(matched, 2):
        same_gold, same_found = g1["group"] == g2["group"], c1["group"] == c2["group"]
        pairs["pairs_gold"] += same_gold
        pairs["pairs_found"] += same_found
        pairs["pairs_both"] += same_gold and same_found
    return pairs


def score_quotes(document: dict, golden: list[dict]) -> dict:
    articles = _articles(document)
    ids = {a["id"] for a in articles.values()}
    predicted = [q for q in document["quotes"] if q["independent"] and q["article"] in ids]
    stats, used, errors = Counter(), set(), []
    for gold in (g for g in golden if g["kind"] == "quote"):
        article = articles[gold["article"]]
        low, high = _span(article, gold["fragment"])
        found = next((q for q in predicted if q["article"] == article["id"]
                      and q["start"] <= low and high <= q["end"]), None)
        if found is not None:
            used.add(found["id"])
        if gold.get("optional"):
            continue
        stats["gold"] += 1
        stats["hits"] += found is not None
        right = found is not None and _names(gold["speaker"], found["speaker"]["name"])
        stats["speaker_ok"] += right
        if not right:
            errors.append(f"{gold['article']} {gold['fragment']!r}: "
                          + (f"speaker {found['speaker']['name']!r}" if found else "missed"))
    stats["predicted"] = len(predicted) - sum(1 for q in predicted if q["id"] in used) + stats["hits"]
    return dict(stats) | {"wrong": [f"{q['speaker']['name']}: {q['text'][:40]}" for q in predicted
                                    if q["id"] not in used], "errors": errors}


def summary(claims: dict, quotes: dict) -> str:
    def pct(a: int, b: int) -> str:
        return f"{100 * a / b:.1f}" if b else "-"

    return (f"demo claims P {pct(claims['hits'], claims['predicted'])} R {pct(claims['hits'], claims['gold'])}"
            f" ({claims['hits']}/{claims['gold']} gold, {claims['predicted']} predicted);"
            f" counts {pct(claims['counts_ok'], claims['hits'])} as_of {pct(claims['as_of_ok'], claims['as_of_checked'])}"
            f" source {pct(claims['source_ok'], claims['source_checked'])};"
            f" groups pairwise P {pct(claims['pairs_both'], claims['pairs_found'])} R {pct(claims['pairs_both'], claims['pairs_gold'])}"
            f" | quotes P {pct(quotes['hits'], quotes['predicted'])} R {pct(quotes['hits'], quotes['gold'])}"
            f" speaker {pct(quotes['speaker_ok'], quotes['gold'])} of gold")


def export(db: str, folder: Path) -> dict:
    from click.testing import CliRunner

    from storyline.cli import main

    out = folder / "demo-export.json"
    result = CliRunner().invoke(main, ["export", "--db", db, "--output", str(out)])
    assert result.exit_code == 0, result.output
    return json.loads(out.read_text(encoding="utf-8"))


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        document = export(sys.argv[1], Path(folder))
    golden = load_golden()
    claims, quotes = score_claims(document, golden), score_quotes(document, golden)
    print(summary(claims, quotes))
    print("claim errors:", *claims["errors"], sep="\n  ")
    print("spurious claims:", *claims["spurious"], sep="\n  ")
    print("quote errors:", *quotes["errors"], sep="\n  ")
    print("quotes not in the golden table:", *quotes["wrong"], sep="\n  ")
