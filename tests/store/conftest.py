"""Store fixtures, parametrized over backends so one suite checks every backend.

"sqlite" stores live in temp files; "postgresql" stores each get a new database on the test
session's own server (tests/pg_server.py; skipped when no PostgreSQL is installed). The contract
tests in test_store_contract.py and test_store_properties.py run against both. Tests named
test_store_sqlite*/test_store_migrations* are SQLite-specific, test_store_postgres* PostgreSQL's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from storyline.store import Store, open_store

BACKENDS = ["sqlite", "postgresql"]


def _targets(backend: str, request: pytest.FixtureRequest) -> Callable[[], str]:
    """A factory of fresh store targets; asks for the PostgreSQL fixtures only when needed."""
    if backend == "sqlite":
        folders = request.getfixturevalue("tmp_path_factory")
        return lambda: str(folders.mktemp("store") / "storyline.db")
    if backend == "postgresql":
        return request.getfixturevalue("postgres_db_url")
    raise ValueError(f"unknown store backend {backend!r}")


@pytest.fixture(params=BACKENDS)
def make_store(request: pytest.FixtureRequest) -> Iterator[Callable[[], Store]]:
    """A factory of fresh, empty stores of one backend; closes them after the test."""
    opened: list[Store] = []
    new_target = _targets(request.param, request)

    def make() -> Store:
        store = open_store(new_target())
        opened.append(store)
        return store

    yield make
    for store in opened:
        store.close()


@pytest.fixture
def store(make_store: Callable[[], Store]) -> Store:
    return make_store()
