"""What only the SQLite backend promises: pragmas, opening files, detecting damage."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest
from tests.store.store_factories import BERLIN, OBAMA, bare, full_extraction, make_article

from storyline.errors import StoreError
from storyline.store import open_store
from storyline.store.sqlite import SQLiteStore


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "storyline.db"


@pytest.fixture
def sqlite_store(db: Path):
    with SQLiteStore(db) as store:
        yield store


def _raw(db: Path) -> sqlite3.Connection:
    """A plain connection, for looking at (or damaging) the file behind the store's back."""
    return sqlite3.connect(db, isolation_level=None)


def test_connection_settings(sqlite_store: SQLiteStore, db: Path) -> None:
    pragma = lambda name: sqlite_store._conn.execute(f"PRAGMA {name}").fetchone()[0]  # noqa: E731
    assert pragma("foreign_keys") == 1
    assert pragma("busy_timeout") == 5000
    assert pragma("synchronous") == 1  # NORMAL
    assert _raw(db).execute("PRAGMA journal_mode").fetchone()[0] == "wal"  # stored in the file


def test_open_store_creates_parent_folders(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "store.db"
    with open_store(str(target)) as store:
        assert store.target == str(target)
        assert store.count_articles() == 0
    assert target.is_file()


def test_memory_store_works() -> None:
    with open_store(":memory:") as store:
        store.save_batch([bare(make_article("m"))])
        assert store.search("storm")[0].article_id == "art-m"


@pytest.mark.parametrize(
    "content",
    [
        b"id,title\n1,hello\n",
        b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8,
        b"SQLite format 3\x00junk" * 10,  # the right magic, then garbage
    ],
)
def test_a_file_that_is_not_sqlite_is_refused_untouched(db: Path, content: bytes) -> None:
    db.write_bytes(content)
    refused = r"is not a Storyline store \(SQLite\): .*pass another --db"
    with pytest.raises(StoreError, match=refused):
        open_store(str(db))
    assert db.read_bytes() == content


def test_another_applications_database_is_refused(db: Path) -> None:
    _raw(db).execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    with pytest.raises(StoreError, match=r"not a Storyline store .*invoices.*--db"):
        open_store(str(db))


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match=r"is not a Storyline store \(SQLite\)"):
        SQLiteStore(tmp_path)


def test_an_empty_file_becomes_a_store(db: Path) -> None:
    db.touch()
    with open_store(str(db)) as store:
        assert store.integrity_check() == []


def test_two_stores_on_one_file_see_each_others_writes(db: Path) -> None:
    with SQLiteStore(db) as writer, SQLiteStore(db) as reader:
        writer.save_batch([full_extraction()], [OBAMA, BERLIN])
        assert reader.article("art-full") == full_extraction().article
        assert reader.save_batch([full_extraction()]).duplicates == ["art-full"]


def test_a_held_write_lock_gives_a_clear_busy_error(sqlite_store: SQLiteStore, db: Path) -> None:
    sqlite_store._conn.execute("PRAGMA busy_timeout = 50")  # don't wait the full 5 s here
    other = _raw(db)
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(StoreError, match="the store is busy .*try again"):
            sqlite_store.save_batch([bare(make_article("blocked"))])
    finally:
        other.execute("ROLLBACK")
    assert sqlite_store.save_batch([bare(make_article("blocked"))]).saved == ["art-blocked"]


def test_the_store_can_be_used_from_other_threads(sqlite_store: SQLiteStore) -> None:
    errors: list[BaseException] = []

    def work(key: str) -> None:
        try:
            sqlite_store.save_batch([bare(make_article(key))])
            sqlite_store.search("storm")
        except BaseException as exc:  # surfaced below; a thread would swallow it
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(f"t{i}",)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sqlite_store.count_articles() == 8


# -- integrity_check finds damage done behind the store's back -----------------------------


@pytest.fixture
def damaged(db: Path):
    with SQLiteStore(db) as store:
        store.save_batch([full_extraction()], [OBAMA, BERLIN])
        assert store.integrity_check() == []
        yield store, _raw(db)


def test_integrity_check_finds_offsets_outside_the_text(damaged) -> None:
    store, raw = damaged
    raw.execute('UPDATE mentions SET "end" = 999 WHERE text = \'Merkel\'')
    raw.execute('UPDATE sentences SET "start" = -1 WHERE idx = 1')
    problems = store.integrity_check()
    assert any("mention of article art-full spans 44:999" in p for p in problems)
    assert any("sentence of article art-full spans -1:65" in p for p in problems)


def test_integrity_check_finds_broken_foreign_keys(damaged) -> None:
    store, raw = damaged  # the raw connection has foreign keys off, as SQLite defaults
    raw.execute("DELETE FROM entities WHERE id = ?", (OBAMA.id,))
    problems = store.integrity_check()
    assert any("mentions row" in p and "missing entities row" in p for p in problems)


def test_integrity_check_finds_a_stale_search_index(damaged) -> None:
    store, raw = damaged
    raw.execute("DROP TRIGGER articles_fts_insert")
    raw.execute(
        "INSERT INTO articles (id, seq, content_hash, source, text, raw_text, ingested_at) "
        "VALUES ('art-sneaky', 99, 'h', 's', 'unindexed words', 'x', 'now')"
    )
    problems = store.integrity_check()
    assert "search index holds 1 articles but the store holds 2" in problems
    assert any("search index does not match the articles" in p for p in problems)
