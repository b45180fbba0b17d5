"""Store fixtures, parametrized over backends so one suite checks every backend.

Today only "sqlite". A PostgreSQL backend adds "postgresql" to BACKENDS and a branch in
``_open`` (skipping when no test database URL is configured); the contract tests in
test_store_contract.py and test_store_properties.py then run against it unchanged.
Tests named test_store_sqlite*/test_store_migrations* are SQLite-specific.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from storyline.store import Store, open_store

BACKENDS = ["sqlite"]


def _open(backend: str, tmp_path_factory: pytest.TempPathFactory) -> Store:
    if backend == "sqlite":
        return open_store(str(tmp_path_factory.mktemp("store") / "storyline.db"))
    raise ValueError(f"unknown store backend {backend!r}")


@pytest.fixture(params=BACKENDS)
def make_store(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Callable[[], Store]]:
    """A factory of fresh, empty stores of one backend; closes them after the test."""
    opened: list[Store] = []

    def make() -> Store:
        store = _open(request.param, tmp_path_factory)
        opened.append(store)
        return store

    yield make
    for store in opened:
        store.close()


@pytest.fixture
def store(make_store: Callable[[], Store]) -> Store:
    return make_store()
