"""Ingest throughput vs bare spaCy, measured in one run.

    python benchmarks/ingest_throughput.py [--articles 360] [--rounds 3] [--data ../shared/data]

Writes N distinct articles (MEANTIME texts, each copy perturbed so deduplication keeps it) as
.txt files, then alternates, ``--rounds`` times: (a) bare ``nlp.pipe`` over the same texts with
the same model and batch size, (b) ``storyline ingest`` of the files into a fresh SQLite store
(read, clean, language, NLP, entities, store). Prints the median articles/s of each and the
ratio ours/bare. Target: ratio >= 0.8 (everything but the model costs at most 25%).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

from storyline.config import load_settings
from storyline.extract.nlp import load_model
from storyline.pipeline import ingest
from storyline.store import open_store

VARIANTS = ("Reporting continued on {n}.", "This copy is number {n}.", "Filed as item {n}.")


def meantime_texts(data_dir: Path) -> list[str]:
    path = data_dir / "meantime_en" / "meantime_en_documents.jsonl"
    if not path.is_file():
        sys.exit(f"{path} not found: pass --data pointing at shared/data")
    docs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    # sentence 0 is the headline, 1 the dateline; the rest is the body
    return ["\n".join([d["title"], *d["sentences"][2:]]) for d in docs]


def distinct_articles(texts: list[str], count: int) -> list[str]:
    """Cycle the corpus, appending a different sentence to each copy so none is a duplicate."""
    articles = []
    for n in range(count):
        variant = VARIANTS[n % len(VARIANTS)].format(n=n)
        articles.append(f"{texts[n % len(texts)]}\n{variant}")
    return articles


def time_bare(nlp, texts: list[str], batch_size: int) -> float:
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass
    return time.perf_counter() - start


def time_ours(folder: Path, settings) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(str(Path(tmp) / "bench.db"))
        start = time.perf_counter()
        report = ingest([str(folder)], store, settings)
        elapsed = time.perf_counter() - start
        store.close()
    if report.failures or report.duplicates:
        sys.exit(f"benchmark input problem: {report.failures[:3]} {report.duplicates[:3]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=360)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data")
    args = parser.parse_args()

    settings = load_settings()
    batch_size = settings.get("nlp.batch_size")
    nlp = load_model(settings.get("nlp.model"))
    articles = distinct_articles(meantime_texts(args.data), args.articles)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for n, text in enumerate(articles):
            (folder / f"{n:05d}.txt").write_text(text, encoding="utf-8")
        time_bare(nlp, articles[:20], batch_size)  # warm-up: first calls allocate
        bare, ours = [], []
        for _ in range(args.rounds):
            bare.append(time_bare(nlp, articles, batch_size))
            ours.append(time_ours(folder, settings))
    report(len(articles), statistics.median(bare), statistics.median(ours), args.rounds)


def report(count: int, bare_s: float, ours_s: float, rounds: int) -> None:
    bare_rate, ours_rate = count / bare_s, count / ours_s
    print(f"articles: {count}, rounds: {rounds} (medians)")
    print(f"bare nlp.pipe     : {bare_rate:8.1f} articles/s")
    print(f"storyline ingest  : {ours_rate:8.1f} articles/s")
    print(f"ratio ours/bare   : {ours_rate / bare_rate:8.2f}  (target >= 0.80)")


if __name__ == "__main__":
    main()
