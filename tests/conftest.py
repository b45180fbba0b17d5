"""Fixtures shared by every test folder: where ../shared is, the settings, the model."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

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
