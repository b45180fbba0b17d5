"""Fixtures shared by every test folder: where ../shared is, the settings, the model, and a
throwaway PostgreSQL server (tests/pg_server.py)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from tests.pg_server import PostgresServer, find_bin_dir as find_pg_bin_dir
from tests.pg_server import running_server as running_pg_server

from storyline.config import Settings, load_settings

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"
DATA = SHARED / "data"


def require(path: Path) -> Path:
    """Skip (cleanly) a test that reads ../shared when this checkout has none beside it."""
    if not path.exists():
        pytest.skip(f"{path} is not available beside this checkout")
    return path


@pytest.fixture
def seeds_dir() -> Path:
    return require(SEEDS)


@pytest.fixture
def seed_manifest(seeds_dir: Path) -> dict[str, dict]:
    lines = (seeds_dir / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
    return {row["path"]: row for row in map(json.loads, filter(None, lines))}


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """A throwaway PostgreSQL server for the session (skips when none is installed)."""
    if find_pg_bin_dir() is None:
        pytest.skip("no PostgreSQL server installed (/usr/lib/postgresql/*/bin); "
                    "scripts/system-deps.sh installs it")
    with running_pg_server() as server:
        yield server


@pytest.fixture(scope="session")
def postgres_url(postgres_server: PostgresServer) -> str:
    """The URL of a fresh database on the session's server."""
    return postgres_server.create_database()


@pytest.fixture
def postgres_db_url(postgres_server: PostgresServer, postgres_url: str) -> Iterator[Callable[[], str]]:
    """A factory of fresh, empty stores' URLs (one per call), dropped after the test. Each is
    a new schema in the session's database (CREATE DATABASE costs up to a second; a schema, 1 ms)."""
    made: list[str] = []

    def make() -> str:
        made.append(postgres_server.create_schema(postgres_url))
        return made[-1]

    yield make
    for url in made:
        postgres_server.drop_schema(url)


@pytest.fixture(scope="session")
def settings() -> Settings:
    return load_settings()


@pytest.fixture(scope="session")
def nlp(settings: Settings):
    from storyline.extract.nlp import load_model

    return load_model(settings.get("nlp.model"))


def pytest_terminal_summary(terminalreporter) -> None:
    """Print the lines tests record with ``record_property("summary", ...)`` (the reliability
    suites' counts) at the end of the run; under xdist a test's own prints are never shown."""
    lines = [
        value
        for report in terminalreporter.stats.get("passed", [])
        if report.when == "call"
        for name, value in getattr(report, "user_properties", ())
        if name == "summary"
    ]
    if lines:
        terminalreporter.write_sep("-", "reliability and security counts")
        for line in lines:
            terminalreporter.write_line(line)
