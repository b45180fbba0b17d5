"""Distributed ingest (storyline.scale) gives exactly what a single-process run gives.

The demo corpus goes in three ways (one process; ``--workers 2``, a LocalCluster of two
processes; ``--scheduler``, an existing cluster) in batches of 4 and partitions of 2, so
several batches cross the workers; the ``storyline export`` JSON of each store must be
identical. A partition whose task raises is retried, and reported per article once its retries
are spent.
"""

from __future__ import annotations

import json
from functools import partial
from pathlib import Path

import pytest
from click.testing import CliRunner

from storyline import pipeline
from storyline.cli import main
from storyline.ingest import read_sources
from storyline.scale import DaskRunner
from storyline.store import open_store

DEMO = Path(pipeline.__file__).parent / "demo"
BATCH, PART = 4, 2  # 14 demo articles -> 4 batches, 7 partitions


def storyline(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def config(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("config") / "storyline.toml"
    path.write_text(f"[nlp]\nbatch_size = {BATCH}\n[scale]\npartition_size = {PART}\n", encoding="utf-8")
    return path


def ingest_and_export(folder: Path, config: Path, *options: str) -> tuple[dict, dict]:
    """The ingest report and the export of a fresh store holding the demo corpus."""
    db, out = str(folder / "store.db"), str(folder / "export.json")
    result = storyline("ingest", str(DEMO / "articles"), "--manifest", str(DEMO / "manifest.jsonl"),
                       "--db", db, "--config", str(config), "--json", *options)
    assert result.exit_code == 0, result.output
    assert storyline("export", "--db", db, "-o", out).exit_code == 0
    return json.loads(result.stdout), json.loads(Path(out).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def single_process(tmp_path_factory, config: Path) -> tuple[dict, dict]:
    return ingest_and_export(tmp_path_factory.mktemp("single"), config)


@pytest.fixture(scope="module")
def cluster():
    """An existing cluster to point --scheduler at (in-process threads: quick to start)."""
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, protocol="tcp://",
                      dashboard_address=":0") as cluster, Client(cluster) as client:
        yield client


@pytest.mark.parametrize("where", ["local processes", "existing scheduler"])
def test_distributed_ingest_exports_what_one_process_exports(
    where: str, tmp_path: Path, config: Path, single_process, cluster
) -> None:
    options = ["--workers", "2"] if where == "local processes" else ["--scheduler", cluster.scheduler.address]
    report, export = ingest_and_export(tmp_path, config, *options)
    expected_report, expected_export = single_process
    assert report["ingested"] == expected_report["ingested"] and len(report["ingested"]) == 14
    for table in ("articles", "entities", "events", "claims", "quotes", "stories", "framing"):
        assert export[table] == expected_export[table], table
    assert export == expected_export


def test_an_article_is_extracted_the_same_whatever_its_batch(settings) -> None:
    raws = list(read_sources([str(DEMO / "articles")], settings))[:3]
    together = pipeline.clean_and_extract(raws, settings)
    alone = [pipeline.clean_and_extract([raw], settings)[0] for raw in reversed(raws)]
    assert together == list(reversed(alone))


def fail_first(batch, settings, *, times: int, marker: str, attempts: Path):
    """The real per-partition work, but one holding ``marker`` raises its first ``times`` tries."""
    if any(marker in item.source for item in batch):
        with attempts.open("a") as log:
            log.write("x")
        if len(attempts.read_text()) <= times:
            raise RuntimeError("worker lost its disk")
    return pipeline.clean_and_extract(batch, settings)


class FaultyRunner:
    """A BatchRunner that runs the real DaskRunner with ``fail_first`` around the work."""

    def __init__(self, runner: DaskRunner, **faults) -> None:
        self.runner, self.faults = runner, faults

    def map(self, work, batches, settings):
        return self.runner.map(partial(fail_first, **self.faults), batches, settings)


@pytest.mark.parametrize("failures, retries, attempts, reported", [
    (1, 2, 2, 0),  # fails once: the retry succeeds, nothing is lost
    (3, 2, 3, 2),  # fails every try: its 2 articles are reported, the other 12 stored
    (1, 0, 1, 2),  # no retries: the first failure is final
])
def test_a_failing_partition_is_retried_then_reported(
    failures: int, retries: int, attempts: int, reported: int, tmp_path: Path, settings, cluster
) -> None:
    counter = tmp_path / "attempts"
    runner = FaultyRunner(DaskRunner(cluster), times=failures, marker="07_", attempts=counter)
    settings = settings.with_overrides({"nlp.batch_size": BATCH, "scale.partition_size": PART,
                                        "scale.retries": retries})
    with open_store(str(tmp_path / "store.db")) as store:
        report = pipeline.ingest([str(DEMO / "articles")], store, settings,
                                 manifest=DEMO / "manifest.jsonl", runner=runner)
        assert store.count_articles() == 14 - reported
    assert len(counter.read_text()) == attempts
    assert len(report.failures) == reported and len(report.ingested) == 14 - reported
    assert all("partition failed on the Dask workers" in f.message for f in report.failures)
    assert reported == 0 or any("07_" in f.source for f in report.failures)


@pytest.mark.parametrize("options, message", [
    (["--workers", "2", "--scheduler", "tcp://127.0.0.1:1"], "not both"),
    (["--workers", "0"], "0 is not in the range x>=1"),
    (["--scheduler", "tcp://127.0.0.1:1"], "no Dask scheduler answered at 'tcp://127.0.0.1:1'"),
])
def test_bad_cluster_options_say_what_is_wrong(options: list[str], message: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["ingest", str(DEMO / "articles"), "--db", str(tmp_path / "s.db"), *options])
    assert result.exit_code != 0 and message in result.output
