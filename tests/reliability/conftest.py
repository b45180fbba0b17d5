"""Fixtures for the crash and concurrency suites: a corpus on disk, store targets per backend,
and a fork server that runs (and kills) ``storyline`` commands.

``new_target`` is parametrized over the backends: "sqlite" (a new file each call) and
"postgresql" (a new database each call on the test session's own server; skipped when the
suite-wide ``postgres_url`` fixture is absent or skips because no PostgreSQL is installed).
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable, Iterator
from importlib import resources
from pathlib import Path

import pytest

from tests.reliability.corpus import write_corpus
from tests.reliability.runner import ForkServer

BACKENDS = ["sqlite", "postgresql"]
GENERATED = 40  # invented articles in the corpus, beside the 14 of the demo


def isolated_env(home: Path) -> dict[str, str]:
    """The environment for our subprocesses: no STORYLINE_* settings and no user config file."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("STORYLINE_")}
    env["HOME"] = str(home)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(Path.cwd()), env.get("PYTHONPATH")]))
    return env


def build_corpus(folder: Path, generated: int, seed: int = 7) -> Path:
    """The demo corpus plus ``generated`` invented articles, with one manifest for both."""
    demo = resources.files("storyline") / "demo"
    with resources.as_file(demo) as source:
        shutil.copytree(source / "articles", folder / "demo")
        demo_lines = (source / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
    lines = []
    for line in filter(str.strip, demo_lines):
        entry = json.loads(line)
        entry["path"] = "demo/" + entry["path"].removeprefix("articles/")
        lines.append(json.dumps(entry))
    generated_manifest = write_corpus(folder / "generated", generated, seed)
    for line in generated_manifest.read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        entry["path"] = "generated/" + entry["path"]
        lines.append(json.dumps(entry))
    generated_manifest.unlink()
    manifest = folder / "manifest.jsonl"
    manifest.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return manifest


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(folder, manifest) of the crash-test corpus: 14 demo articles and 40 generated ones."""
    folder = tmp_path_factory.mktemp("corpus")
    return folder, build_corpus(folder, generated=GENERATED)


@pytest.fixture(scope="session")
def fork_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ForkServer]:
    workdir = tmp_path_factory.mktemp("forkserver")
    server = ForkServer(workdir, isolated_env(workdir))
    yield server
    server.close()


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def new_target(
    backend: str, request: pytest.FixtureRequest, tmp_path: Path
) -> Callable[[], str]:
    """A factory of fresh, empty store targets (a path or a database URL) of one backend."""
    if backend == "sqlite":
        counter = iter(range(1_000_000))
        return lambda: str(tmp_path / f"store{next(counter)}.db")
    return _postgres_targets(request)


def _postgres_targets(request: pytest.FixtureRequest) -> Callable[[], str]:
    try:
        request.getfixturevalue("postgres_url")  # skips when no PostgreSQL server is installed
        make = request.getfixturevalue("postgres_db_url")
    except pytest.FixtureLookupError:
        pytest.skip("no PostgreSQL test fixture (postgres_url) in this checkout")
    return make if callable(make) else (lambda: make)
