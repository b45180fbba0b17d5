"""Ingest throughput in one process vs on a local Dask cluster, on the same articles.

    python benchmarks/scale_out.py [--articles 280] [--workers 2] [--rounds 1] [--data DIR]

The articles are the bundled demo corpus (or, with ``--data``, the MEANTIME texts of
shared/data, read in place), repeated until there are ``--articles``, each copy given a
different closing sentence so deduplication keeps it. Each round ingests them into a fresh
SQLite store (a) in this process, (b) with ``runner=`` a LocalCluster of ``--workers``
processes started beforehand (its start-up is printed apart: a long backfill pays it once).
Both are warmed up on other copies first (model loaded, first calls made on every worker).
Prints articles/s of each (median over rounds), the ratio (target >= 1.6 with 2 workers on 2
cores), and whether the two stores export identically.

On a machine other jobs share, wall-clock figures say more about them than about us, so the CPU
seconds each run used are printed too (this process; for the cluster, this process plus the
workers) with the ratio they imply when the cores are ours: single-process CPU over the
cluster run's CPU spread across the cores it had.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import psutil  # a dependency of distributed

from storyline.config import load_settings
from storyline.extract.nlp import load_model
from storyline.ingest import read_sources
from storyline.models import Failure, RawArticle
from storyline.pipeline import ingest
from storyline.query.export import write_export
from storyline.scale import dask_runner
from storyline.store import open_store

DEMO = Path(__file__).resolve().parents[1] / "src" / "storyline" / "demo"
VARIANTS = ("Reporting continued on {n}.", "This copy is number {n}.", "Filed as item {n}.")


def demo_articles(settings) -> list[RawArticle]:
    items = read_sources([str(DEMO / "articles")], settings, manifest=DEMO / "manifest.jsonl")
    return [item for item in items if not isinstance(item, Failure)]


def meantime_articles(data_dir: Path) -> list[RawArticle]:
    path = data_dir / "meantime_en" / "meantime_en_documents.jsonl"
    if not path.is_file():
        sys.exit(f"{path} not found: pass --data pointing at shared/data, or leave it out")
    docs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    # sentence 0 is the headline, 1 the dateline; the rest is the body
    return [RawArticle(f"meantime-{n}", "\n".join([d["title"], *d["sentences"][2:]]), kind="txt")
            for n, d in enumerate(docs)]


def distinct_copies(base: list[RawArticle], count: int, start: int = 0) -> list[RawArticle]:
    """Cycle ``base``, appending a different sentence to each copy so none is a duplicate."""
    copies = []
    for n in range(start, start + count):
        raw = base[n % len(base)]
        variant = VARIANTS[n % len(VARIANTS)].format(n=n)
        copies.append(replace(raw, source=f"{raw.source}#copy{n}", text=f"{raw.text}\n{variant}",
                              metadata=dict(raw.metadata)))
    return copies


def timed_ingest(articles: list[RawArticle], db: Path, settings, runner=None) -> tuple[float, float]:
    """Wall-clock and CPU seconds (here and on the workers) of one ingest into a fresh store."""
    with open_store(str(db)) as store:
        cpu_before = cpu_seconds(runner)
        start = time.perf_counter()
        report = ingest([], store, settings, raw=articles, runner=runner)
        elapsed = time.perf_counter() - start
        cpu = cpu_seconds(runner) - cpu_before
    if report.failures or report.duplicates:
        sys.exit(f"benchmark input problem: {report.failures[:3]} {report.duplicates[:3]}")
    return elapsed, cpu


def cpu_seconds(runner=None) -> float:
    """CPU time used so far by this process and, given a runner, by its workers."""
    workers = runner.client.run(process_cpu_seconds).values() if runner else ()
    return process_cpu_seconds() + sum(workers)


def process_cpu_seconds() -> float:
    times = psutil.Process().cpu_times()
    return times.user + times.system


def export_of(db: Path) -> str:
    with open_store(str(db)) as store:
        return Path(write_export(store, "json", db.with_suffix(".json"))).read_text(encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=280)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--data", type=Path, help="shared/data, to use MEANTIME texts")
    args = parser.parse_args()

    settings = load_settings()
    load_model(settings.get("nlp.model"))
    base = meantime_articles(args.data) if args.data else demo_articles(settings)
    # a warm-up task for every worker: each pays its first calls (lazy set-up) before timing
    warm_up = distinct_copies(base, 2 * args.workers * settings.get("scale.partition_size"), start=10**6)
    articles = distinct_copies(base, args.articles)
    tmp = Path(tempfile.mkdtemp(prefix="scale-out-"))
    started = time.perf_counter()
    with dask_runner(workers=args.workers) as runner:
        startup = time.perf_counter() - started
        timed_ingest(warm_up, tmp / "warm-single.db", settings)
        timed_ingest(warm_up, tmp / "warm-dask.db", settings, runner)
        single, dask = [], []
        for n in range(args.rounds):
            single.append(timed_ingest(articles, tmp / f"single-{n}.db", settings))
            dask.append(timed_ingest(articles, tmp / f"dask-{n}.db", settings, runner))
    same = export_of(tmp / "single-0.db") == export_of(tmp / "dask-0.db")
    report(len(articles), medians(single), medians(dask), args, startup, same)


def medians(runs: list[tuple[float, float]]) -> tuple[float, float]:
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)


def report(count: int, single: tuple[float, float], dask: tuple[float, float], args,
           startup: float, same: bool) -> None:
    (single_s, single_cpu), (dask_s, dask_cpu) = single, dask
    cores = min(os.cpu_count() or 1, args.workers + 1)  # the workers and this process
    print(f"articles: {count} ({'MEANTIME' if args.data else 'demo corpus'} copies), "
          f"rounds: {args.rounds} (medians), cores: {os.cpu_count()}, "
          f"load average at the end: {os.getloadavg()[0]:.1f}")
    print(f"1 process             : {count / single_s:8.1f} articles/s ({single_s:.1f} s, "
          f"{single_cpu:.1f} CPU s)")
    print(f"{args.workers}-worker LocalCluster : {count / dask_s:8.1f} articles/s ({dask_s:.1f} s, "
          f"{dask_cpu:.1f} CPU s; cluster start-up {startup:.1f} s, not counted)")
    print(f"ratio (wall clock)    : {single_s / dask_s:8.2f}  (target >= 1.6 with 2 workers)")
    print(f"ratio (CPU, own cores): {single_cpu / (dask_cpu / cores):8.2f}  "
          f"(single-process CPU / (cluster CPU / {cores} cores))")
    print(f"identical export      : {'yes' if same else 'NO'}")


if __name__ == "__main__":
    main()
