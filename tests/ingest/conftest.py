"""Shared fixtures for the ingest tests: package-default settings and small helpers.

Helpers are handed out as fixtures (not imported from here), so the tests work under any
pytest import mode and beside other folders' conftest.py files.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from importlib import resources
from pathlib import Path

import pytest

from storyline.config import Settings
from storyline.ingest import read_sources
from storyline.models import Failure, RawArticle

ReadAll = Callable[..., tuple[list[RawArticle], list[Failure]]]


def _default_settings() -> Settings:
    # The package defaults only: a developer's own storyline.toml must not change test results.
    text = resources.files("storyline").joinpath("defaults.toml").read_text(encoding="utf-8")
    return Settings(tomllib.loads(text))


@pytest.fixture
def settings() -> Settings:
    """Overrides the suite-wide fixture (which reads user config files) for these tests."""
    return _default_settings()


def _write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


@pytest.fixture
def write() -> Callable[[Path, str | bytes], Path]:
    """``write(path, content)``: create the file and its folders; str is written as UTF-8."""
    return _write


def _read_all(
    sources: list[str | Path], settings: Settings | None = None, **kwargs
) -> tuple[list[RawArticle], list[Failure]]:
    items = list(
        read_sources([str(source) for source in sources], settings or _default_settings(), **kwargs)
    )
    articles = [item for item in items if isinstance(item, RawArticle)]
    failures = [item for item in items if isinstance(item, Failure)]
    assert len(articles) + len(failures) == len(items), "read_sources yielded something else"
    return articles, failures


@pytest.fixture
def read_all() -> ReadAll:
    """``read_all(sources, settings=None, **kwargs)`` -> (articles, failures)."""
    return _read_all


@pytest.fixture
def only_failure() -> Callable[..., Failure]:
    """``only_failure(sources, settings=None, **kwargs)``: the one Failure; asserts no article."""

    def run(sources: list[str | Path], settings: Settings | None = None, **kwargs) -> Failure:
        articles, failures = _read_all(sources, settings, **kwargs)
        assert articles == [], articles
        assert len(failures) == 1, failures
        return failures[0]

    return run
