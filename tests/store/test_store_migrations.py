"""Schema migrations of the SQLite store: recorded, idempotent, upgradeable, atomic."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from tests.store.store_factories import BERLIN, OBAMA, full_extraction

from storyline.errors import StoreError
from storyline.store.migrations import MIGRATIONS, Migration, current_version, migrate
from storyline.store.sqlite import SQLiteStore


def _versions(db: Path) -> list[tuple[int, str]]:
    with sqlite3.connect(db) as conn:
        query = "SELECT version, name FROM schema_migrations ORDER BY version"
        return conn.execute(query).fetchall()


def _add_notes(conn: sqlite3.Connection) -> None:
    conn.execute("ALTER TABLE articles ADD COLUMN notes TEXT")
    conn.execute("UPDATE articles SET notes = 'migrated'")


# A fake migration after the real ones, to exercise upgrades without touching the schema.
LATEST = MIGRATIONS[-1].version
NEXT = Migration(LATEST + 1, "add article notes", _add_notes)


def test_a_new_store_records_every_migration(tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    SQLiteStore(db).close()
    assert _versions(db) == [(m.version, m.name) for m in MIGRATIONS]
    with sqlite3.connect(db) as conn:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    assert {"articles", "removed_lines", "repairs", "sentences", "mentions", "entities"} <= tables
    assert "articles_fts" in tables


def test_opening_again_applies_nothing_and_keeps_data(tmp_path: Path) -> None:
    db = tmp_path / "again.db"
    with SQLiteStore(db) as store:
        store.save_batch([full_extraction()], [OBAMA, BERLIN])
    before = _versions(db)
    with SQLiteStore(db) as store:
        assert store.article("art-full") == full_extraction().article
        assert migrate(store._conn) == []
    assert _versions(db) == before


def _write_as_version_1(db: Path) -> None:
    """What a version-1 Storyline wrote: an entity and one of its mentions, by plain SQL."""
    SQLiteStore(db, migrations=MIGRATIONS[:1]).close()
    with sqlite3.connect(db) as conn:
        conn.execute("INSERT INTO entities (id, name, type) VALUES ('e1', 'Dana Kovac', 'PERSON')")
        conn.execute(
            "INSERT INTO articles (id, seq, content_hash, source, text, raw_text, ingested_at) "
            "VALUES ('a1', 1, 'h1', 'old.txt', 'Dana Kovac spoke.', 'Dana Kovac spoke.', 'then')"
        )
        conn.execute(
            'INSERT INTO mentions (article_id, "start", "end", text, label, sentence, entity_id) '
            "VALUES ('a1', 0, 10, 'Dana Kovac', 'PERSON', 0, 'e1')"
        )


def test_a_version_1_store_upgrades_to_a_later_migration(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    _write_as_version_1(db)
    assert [v for v, _ in _versions(db)] == [1]

    with SQLiteStore(db, migrations=[*MIGRATIONS, NEXT]) as store:
        assert store.article("a1").text == "Dana Kovac spoke."
        assert store.mentions(article_id="a1")[0].kind == "name"
        assert store.entity("e1").entity.aliases == ["Dana Kovac"]
        assert store.integrity_check() == []
        notes = store._conn.execute("SELECT notes FROM articles").fetchone()[0]
    assert notes == "migrated"
    assert [v for v, _ in _versions(db)] == list(range(1, LATEST + 2))


def test_a_failing_migration_is_rolled_back_alone(tmp_path: Path) -> None:
    def broken(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE half_done (x)")
        conn.execute("SELECT * FROM no_such_table")

    db = tmp_path / "broken.db"
    with pytest.raises(StoreError, match=rf"migration {LATEST + 1} \(broken\) failed: no such table"):
        SQLiteStore(db, migrations=[*MIGRATIONS, Migration(LATEST + 1, "broken", broken)])
    # The real migrations committed one by one; nothing of the broken one remains.
    assert [v for v, _ in _versions(db)] == list(range(1, LATEST + 1))
    with sqlite3.connect(db) as conn:
        query = "SELECT name FROM sqlite_master WHERE name = 'half_done'"
        assert conn.execute(query).fetchall() == []
    SQLiteStore(db).close()


def test_a_store_from_a_newer_storyline_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "newer.db"
    SQLiteStore(db, migrations=[*MIGRATIONS, NEXT]).close()
    with pytest.raises(StoreError, match=rf"schema version {LATEST + 1} .* knows only up to {LATEST}; upgrade"):
        SQLiteStore(db)


@pytest.mark.parametrize("versions", [[2], [1, 3], [2, 1]])
def test_migrations_must_be_numbered_in_order(versions: list[int]) -> None:
    conn = sqlite3.connect(":memory:", isolation_level=None)
    migrations = [Migration(v, f"m{v}", lambda c: None) for v in versions]
    with pytest.raises(StoreError, match="numbered 1, 2, 3"):
        migrate(conn, migrations)


def test_migrate_reports_what_it_applied() -> None:
    conn = sqlite3.connect(":memory:", isolation_level=None)
    assert migrate(conn, MIGRATIONS[:1]) == [1]
    assert migrate(conn, [*MIGRATIONS, NEXT]) == list(range(2, LATEST + 2))
    assert migrate(conn, [*MIGRATIONS, NEXT]) == []
    assert current_version(conn) == LATEST + 1
