"""Concurrency: readers query a store while ``storyline ingest`` writes to it.

Readers of three kinds run until the ingest ends: threads with their own store connections
(the Python API), the HTTP API in-process, and ``storyline`` CLI queries as subprocesses. No
read may fail or take longer than its bound, every read sees a committed state (article count
never goes down; an article that is visible has its sentences), and the writer is not held up
by them (it exits 0 and stores the whole corpus).
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from storyline.store import open_store
from tests.reliability.conftest import GENERATED, isolated_env
from tests.reliability.runner import ForkServer, Run

READ_BOUND = 2.0  # seconds for one read through the store or the HTTP API
CLI_BOUND = 10.0  # one CLI query as a new process: interpreter start-up dominates
STORE_READERS = 2
PAUSE = 0.05  # between a reader's rounds: people and pages read in turns, not in a busy loop
STORYLINE = str(Path(sys.executable).with_name("storyline"))  # the installed console script
CONFIG = "[nlp]\nbatch_size = 4\n"

pytestmark = pytest.mark.slow


@dataclass
class Reads:
    """What the readers saw: read times, errors, and the article counts in order per reader."""

    seconds: list[float] = field(default_factory=list)
    cli_seconds: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    counts: dict[str, list[int]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)
    slowest: tuple[float, str] = (0.0, "")

    def timed(self, name: str, bound: list[float], read: Callable[[], object]) -> object:
        started = time.monotonic()
        try:
            return read()
        except Exception as exc:  # noqa: BLE001 (every reader error is a finding)
            with self.lock:
                self.errors.append(f"{name}: {type(exc).__name__}: {exc}")
            return None
        finally:
            with self.lock:
                bound.append(time.monotonic() - started)
                if bound is self.seconds:
                    self.slowest = max(self.slowest, (bound[-1], name))


def store_reader(target: str, reads: Reads, name: str, writing: threading.Event) -> None:
    seen = reads.counts.setdefault(name, [])
    store = reads.timed(f"{name} open", reads.seconds, lambda: open_store(target))
    if store is None:
        return
    with store:
        while writing.is_set():
            count = reads.timed(f"{name} count", reads.seconds, store.count_articles)
            seen.append(count if isinstance(count, int) else -1)
            page = reads.timed(f"{name} articles", reads.seconds, lambda: store.articles(limit=5))
            for article in page or []:
                sentences = reads.timed(f"{name} sentences", reads.seconds,
                                        lambda: store.sentences(article.id))
                if not sentences and not article.nlp_skipped:
                    reads.errors.append(f"{name}: article {article.id} visible without sentences")
            for what, read in (("search", lambda: store.search("repairs OR canal", limit=5)),
                               ("entities", lambda: store.entities()[:10]),
                               ("claims", store.claims)):
                reads.timed(f"{name} {what}", reads.seconds, read)
            time.sleep(PAUSE)


def api_reader(target: str, reads: Reads, writing: threading.Event) -> None:
    client = _api_client(target)
    if client is None:
        return
    with client:
        while writing.is_set():
            for path in ("/api/articles?limit=5", "/api/search?q=canal", "/api/entities"):
                response = reads.timed(f"api {path}", reads.seconds, lambda: client.get(path))
                if response is not None and response.status_code != 200:
                    reads.errors.append(f"api {path}: HTTP {response.status_code}")
            time.sleep(PAUSE)


def _api_client(target: str):
    try:
        from fastapi.testclient import TestClient

        from storyline.api.app import create_app
    except ImportError:
        return None
    client = TestClient(create_app(target))
    if client.get("/api/articles").status_code == 404:
        return None  # this checkout has no JSON API yet
    return client


def cli_reader(target: str, reads: Reads, home: Path, writing: threading.Event) -> None:
    env = isolated_env(home)
    # (`articles --json` is left out: its export code imports spaCy, ~4 s before any read)
    commands = (["articles"], ["search", "repairs", "--json"], ["entities", "--json"])
    while writing.is_set():
        for command in commands:
            argv = [STORYLINE, *command, "--db", target]
            done = reads.timed("cli", reads.cli_seconds, lambda: subprocess.run(
                argv, capture_output=True, text=True, env=env, timeout=60))
            if done is not None and done.returncode != 0:
                reads.errors.append(f"cli {' '.join(command)}: exit {done.returncode}: "
                                    f"{done.stderr.strip()[-300:]}")


def test_readers_never_fail_or_block_while_an_ingest_writes(
    fork_server: ForkServer, corpus: tuple[Path, Path], new_target: Callable[[], str],
    backend: str, tmp_path: Path, record_property,
) -> None:
    folder, manifest = corpus
    config = tmp_path / "batch4.toml"
    config.write_text(CONFIG, encoding="utf-8")
    target = new_target()
    with open_store(target):
        pass  # created and migrated before readers open it
    reads, writing = Reads(), threading.Event()
    writing.set()
    readers = [threading.Thread(target=store_reader, args=(target, reads, f"reader{n}", writing))
               for n in range(STORE_READERS)]
    readers.append(threading.Thread(target=api_reader, args=(target, reads, writing)))
    readers.append(threading.Thread(target=cli_reader, args=(target, reads, tmp_path, writing)))
    for reader in readers:
        reader.start()
    try:
        run: Run = fork_server.run(["ingest", str(folder / "generated"), "--manifest", str(manifest),
                                    "--config", str(config), "--db", target])
    finally:
        writing.clear()
        for reader in readers:
            reader.join(timeout=120)

    assert run.status == 0, run.stderr[-2000:]
    assert reads.errors == []
    for name, seen in reads.counts.items():
        assert seen == sorted(seen), f"{name} saw the article count go down: {seen}"
    assert max(reads.seconds) < READ_BOUND, f"slowest: {reads.slowest}"
    assert not reads.cli_seconds or max(reads.cli_seconds) < CLI_BOUND
    with open_store(target) as store:
        assert store.count_articles() == GENERATED and store.integrity_check() == []
    summary = (f"concurrency ({backend}): {len(reads.seconds)} reads and {len(reads.cli_seconds)} "
               f"CLI queries during a {run.seconds:.1f} s ingest, 0 errors, slowest read "
               f"{max(reads.seconds):.3f} s ({reads.slowest[1]}), slowest CLI query {max(reads.cli_seconds, default=0):.2f} s")
    print(summary)
    record_property("summary", summary)
