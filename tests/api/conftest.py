"""One real SQLite store holding the bundled demo corpus, built once per test session and
served in-process through FastAPI's TestClient."""

from __future__ import annotations

import sqlite3
from importlib import resources
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from storyline.api import create_app
from storyline.config import Settings
from storyline.store import open_store

TOKEN = "test-token-0123456789abcdef"


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory, settings: Settings) -> Path:
    from storyline import pipeline

    db = tmp_path_factory.mktemp("api") / "demo.db"
    corpus = resources.files("storyline") / "demo"
    with resources.as_file(corpus) as folder, open_store(str(db)) as store:
        report = pipeline.ingest([str(folder / "articles")], store, settings.with_overrides({"store.db": str(db)}),
                                 manifest=folder / "manifest.jsonl")
    assert report.ok and len(report.ingested) >= 10
    return db


@pytest.fixture(scope="session")
def client(demo_db: Path) -> TestClient:
    return TestClient(create_app(str(demo_db)))


@pytest.fixture
def writable_db(demo_db: Path, tmp_path: Path) -> Path:
    """A copy of the demo store that a test may write to."""
    copy = tmp_path / "copy.db"
    with sqlite3.connect(demo_db) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    return copy


@pytest.fixture
def ingest_client(writable_db: Path) -> TestClient:
    return TestClient(create_app(str(writable_db), allow_ingest=True, token=TOKEN))
