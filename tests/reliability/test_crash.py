"""Crash safety: SIGKILL ``storyline ingest`` at random points; nothing is lost or doubled.

Each round ingests the crash corpus into a fresh store and kills the ingest after a seeded
random delay (up to a quarter of a clean run's time), again and again, resuming each time, until a run
completes (once MIN_KILLS kills are done, the next run is left to complete). After every kill
the store must pass its integrity check; after the completing run it must hold exactly the
facts of a clean, uninterrupted run of the same input (every kind of fact, row by row). Rounds
go on until at least MIN_KILLS kills were survived.

Batches of 4 articles (one transaction each) put many commits in a run, so kills land before,
inside and after writes, in the clustering catch-up at the start and the state save at the end.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import pytest

from storyline.store import open_store
from tests.reliability.facts import counts, differences, fact_rows
from tests.reliability.runner import ForkServer

MIN_KILLS = 20
# Each kill comes within this share of a clean run's time: a resumed run then dies a few
# batches further on, so one round's kills walk through the whole batch (and its end).
KILL_WITHIN = 0.25
MAX_RUNS_PER_ROUND = 40  # a round that never completes is a failure, not an endless loop
SEED = 7_2024
CONFIG = "[nlp]\nbatch_size = 4\n"

pytestmark = pytest.mark.slow


def ingest_argv(corpus: tuple[Path, Path], config: Path, target: str) -> list[str]:
    folder, manifest = corpus
    return ["ingest", str(folder), "--manifest", str(manifest), "--config", str(config),
            "--db", target]


def snapshot(target: str) -> dict[str, list[tuple]]:
    with open_store(target) as store:
        assert store.integrity_check() == []
        return fact_rows(store)


def test_sigkill_at_random_points_loses_and_doubles_nothing(
    fork_server: ForkServer, corpus: tuple[Path, Path], new_target: Callable[[], str],
    backend: str, tmp_path: Path, record_property,
) -> None:
    config = tmp_path / "crash.toml"
    config.write_text(CONFIG, encoding="utf-8")
    reference = new_target()
    clean = fork_server.run(ingest_argv(corpus, config, reference))
    assert clean.status == 0, clean.stderr
    expected = snapshot(reference)

    rng = random.Random(f"{SEED}-{backend}")
    kills, rounds, lost = 0, 0, 0
    while kills < MIN_KILLS:
        rounds += 1
        target = new_target()
        kills += kill_until_complete(fork_server, ingest_argv(corpus, config, target), target,
                                     rng, clean.seconds, MIN_KILLS - kills)
        found = snapshot(target)
        lost += sum(differences(expected, found).values())
        assert differences(expected, found) == {}, f"round {rounds}: facts differ"
    rerun = fork_server.run(ingest_argv(corpus, config, target))
    assert rerun.status == 0 and "Ingested 0 article(s)" in rerun.stderr, rerun.stderr
    assert snapshot(target) == found  # re-running a complete batch changes nothing

    summary = (f"crash safety ({backend}): kills survived: {kills} in {rounds} rounds, "
               f"facts lost or doubled: {lost}; facts per store: {counts(expected)}")
    print(summary)
    record_property("summary", summary)


def kill_until_complete(server: ForkServer, argv: list[str], target: str, rng: random.Random,
                        full_run_seconds: float, budget: int) -> int:
    """Run ``argv`` again and again, killing it after a random delay (at most ``budget``
    times), until a run completes; the store must pass its integrity check after every kill.
    Returns the number of kills."""
    kills = 0
    for _ in range(MAX_RUNS_PER_ROUND):
        delay = rng.uniform(0.0, full_run_seconds * KILL_WITHIN) if kills < budget else None
        run = server.run(argv, kill_after=delay)
        if not run.killed:
            assert run.status == 0, f"exit {run.status}: {run.stderr[-2000:]}"
            assert "Traceback" not in run.stderr
            return kills
        kills += 1
        with open_store(target) as store:
            problems = store.integrity_check()
        assert problems == [], f"after kill {kills} at {run.seconds:.2f} s: {problems}"
    pytest.fail(f"no run completed in {MAX_RUNS_PER_ROUND} tries")
