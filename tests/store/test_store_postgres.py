"""What only the PostgreSQL store has: URLs and their passwords, connection failures,
migrations under concurrency, the search query translation, its own integrity checks."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable

import psycopg
import pytest
from tests.store.store_factories import BERLIN, OBAMA, bare, full_extraction, make_article

from storyline.errors import StoreError
from storyline.models import EntityMerge
from storyline.store import open_store
from storyline.store.postgres import PostgresStore
from storyline.store.postgres_migrations import MIGRATIONS, PgMigration, migrate
from storyline.store.postgres_search import tsquery_sql
from storyline.store.urls import redact_url

SECRET = "s3cret-Pw"

# -- no server needed ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        (f"postgresql://ann:{SECRET}@db.example:5432/news", "postgresql://ann:***@db.example:5432/news"),
        (f"postgres://ann:{SECRET}@db.example/news", "postgres://ann:***@db.example/news"),
        ("postgresql://ann@db.example/news", "postgresql://ann@db.example/news"),
        (f"postgresql://db.example/news?user=ann&password={SECRET}&sslmode=require",
         "postgresql://db.example/news?user=ann&password=***&sslmode=require"),
        (f"postgresql://ann:{SECRET}@[::1]:5432/news", "postgresql://ann:***@[::1]:5432/news"),
        ("news.db", "news.db"),
    ],
)
def test_urls_are_shown_without_their_password(url: str, shown: str) -> None:
    assert redact_url(url) == shown


@pytest.mark.parametrize(
    "url",
    [
        f"postgresql://ann:{SECRET}@127.0.0.1:1/news",
        f"postgres://ann:{SECRET}@127.0.0.1:1/news",
        f"PostgreSQL://ann:{SECRET}@127.0.0.1:1/news",
        f"postgresql://127.0.0.1:1/news?user=ann&password={SECRET}",
    ],
)
def test_an_unreachable_server_is_a_clear_error_without_the_password(url: str) -> None:
    with pytest.raises(StoreError, match=r"could not connect to PostgreSQL .*server is running") as info:
        open_store(url)
    assert SECRET not in str(info.value)
    assert "127.0.0.1:1/news" in str(info.value)


@pytest.mark.parametrize(
    ("query", "params"),
    [
        ("storm lisbon", ["storm", "lisbon"]),
        ('"said no" OR tokyo', ["said no", "tokyo"]),
        ("storm NOT lisbon", ["storm", "lisbon"]),
        ("stor*", ["stor:*"]),
        ("title:zürich", ["zürich:A"]),
        ("{title text}: lisbon", ["lisbon:AB"]),
        ("title:stor*", ["stor:*A"]),
        ("nosuchcolumn:storm", ["nosuchcolumn:storm"]),
        ("'; DROP TABLE articles; --", ["';", "DROP", "TABLE", "articles;", "--"]),
        ("AND", ["AND"]),
        ("storm AND", ["storm", "AND"]),
        ("w " * 1001, ["w " * 1001]),  # too many terms: one "all of these words" parameter
    ],
)
def test_search_text_travels_only_as_parameters(query: str, params: list[str]) -> None:
    sql, found = tsquery_sql(query)
    assert found == params
    assert sql.count("%s") == len(params)
    for word in ("DROP", "storm", "zürich", "'; "):
        assert word not in sql


@pytest.mark.parametrize(
    ("query", "operators"),
    [("storm lisbon", ["&&"]), ("storm OR tokyo", ["||"]), ("storm NOT lisbon", ["&&", "!!"]),
     ("NOT storm", ["&&"]), ("OR", []), ("storm AND lisbon", ["&&"])],
)
def test_search_operators_need_a_term_on_both_sides(query: str, operators: list[str]) -> None:
    sql, _params = tsquery_sql(query)
    assert [op for op in ("&&", "||", "!!") if op in sql] == operators


# -- against the test session's server -----------------------------------------------------


@pytest.fixture
def new_url(postgres_db_url: Callable[[], str]) -> Callable[[], str]:
    return postgres_db_url


def _versions(url: str) -> list[tuple[int, str]]:
    with psycopg.connect(url) as conn:
        return conn.execute("SELECT version, name FROM schema_migrations ORDER BY version").fetchall()


def test_a_new_store_records_every_migration_and_hides_its_password(new_url) -> None:
    url = new_url()
    with open_store(url) as store:
        assert isinstance(store, PostgresStore)
        assert ":***@" in store.target and url.split(":")[2].split("@")[0] not in store.target
    assert _versions(url) == [(m.version, m.name) for m in MIGRATIONS]


def test_the_shown_target_opens_the_store_again_in_this_process(new_url) -> None:
    with open_store(new_url()) as store:
        store.save_batch([bare(make_article("again"))])
        shown = store.target
    assert "***" in shown
    with open_store(shown) as again:
        assert again.article_ids() == ["art-again"]


def test_opening_again_applies_nothing_and_keeps_data(new_url) -> None:
    url = new_url()
    with open_store(url) as store:
        store.save_batch([full_extraction()], [OBAMA, BERLIN])
    with open_store(url) as store:
        assert store.article("art-full") == full_extraction().article
        assert migrate(store._conn) == []
    assert len(_versions(url)) == len(MIGRATIONS)


def test_an_older_store_is_upgraded_in_place(new_url) -> None:
    url = new_url()
    PostgresStore(url, migrations=MIGRATIONS[:2]).close()
    with psycopg.connect(url) as conn:
        conn.execute("INSERT INTO entities (id, name, type) VALUES ('e1', 'Dana Kovac', 'PERSON')")
        conn.execute("INSERT INTO articles (id, content_hash, source, text, raw_text, ingested_at) "
                     "VALUES ('a1', 'h1', 'old.txt', 'Dana Kovac spoke.', 'Dana Kovac spoke.', 'then')")
        conn.execute("INSERT INTO mentions (article_id, \"start\", \"end\", text, label, sentence, "
                     "entity_id) VALUES ('a1', 0, 10, 'Dana Kovac', 'PERSON', 0, 'e1')")
    with open_store(url) as store:
        assert store.entity("e1").entity.aliases == ["Dana Kovac"]
        assert [h.article_id for h in store.search("kovac")] == ["a1"]
        assert store.integrity_check() == []


def test_a_newer_store_is_refused(new_url) -> None:
    url = new_url()
    later = PgMigration(len(MIGRATIONS) + 1, "from the future", lambda conn: None)
    PostgresStore(url, migrations=(*MIGRATIONS, later)).close()
    with pytest.raises(StoreError, match=r"schema version 7 but this Storyline knows only up to 6"):
        open_store(url)


def test_another_applications_tables_are_refused(new_url) -> None:
    url = new_url()
    with psycopg.connect(url) as conn:
        conn.execute("CREATE TABLE invoices (id int)")
    with pytest.raises(StoreError, match=r"not a Storyline store \(PostgreSQL\).*invoices.*--db"):
        open_store(url)


def test_a_failing_migration_leaves_the_last_good_version(new_url) -> None:
    url = new_url()

    def broken(conn: psycopg.Connection) -> None:
        conn.execute("ALTER TABLE articles ADD COLUMN notes TEXT")
        conn.execute("SELECT no_such_function()")

    with pytest.raises(StoreError, match=r"migration 7 \(broken\) failed: .*no_such_function"):
        PostgresStore(url, migrations=(*MIGRATIONS, PgMigration(7, "broken", broken)))
    assert len(_versions(url)) == len(MIGRATIONS)
    with open_store(url) as store:
        assert store.integrity_check() == []


def test_stores_opened_at_once_migrate_once(new_url) -> None:
    url, errors = new_url(), []

    def open_and_close() -> None:
        try:
            open_store(url).close()
        except Exception as exc:  # noqa: BLE001 - collected and shown below
            errors.append(exc)

    threads = [threading.Thread(target=open_and_close) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(_versions(url)) == len(MIGRATIONS)


def test_a_wrong_password_is_a_clear_error_without_it(postgres_db_url) -> None:
    url = postgres_db_url()
    wrong = url.replace("storyline:", f"storyline:{SECRET}", 1)
    with pytest.raises(StoreError, match=r"could not connect to PostgreSQL .*password") as info:
        open_store(wrong)
    assert SECRET not in str(info.value)


def test_the_store_reconnects_after_losing_its_connection(new_url) -> None:
    url = new_url()
    with open_store(url) as store:
        store.save_batch([bare(make_article("one"))])
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                          "WHERE application_name = 'storyline'")
        with pytest.raises(StoreError, match="could not count articles"):
            store.count_articles()  # the loss shows once, as a StoreError
        assert store.count_articles() == 1


def test_a_huge_article_is_stored_and_its_start_searchable(new_url) -> None:
    # Over 1 MB of distinct words: more than one tsvector may hold.
    words = " ".join(f"w{i:07d}" for i in range(150_000))
    article = make_article("huge", text="Needle at the start. " + words)
    with open_store(new_url()) as store:
        store.save_batch([bare(article)])
        assert store.article("art-huge").text == article.text
        assert [h.article_id for h in store.search("needle")] == ["art-huge"]


def test_nul_characters_are_a_clear_error(new_url) -> None:
    with open_store(new_url()) as store:
        with pytest.raises(StoreError, match=r"could not save the batch: .*NUL"):
            store.save_batch([bare(make_article("nul", title="a\x00b"))])
        assert store.count_articles() == 0


@pytest.mark.parametrize(
    ("damage", "problem"),
    [
        ('UPDATE mentions SET "end" = 999', r"a mention of article art-full spans 0:999, outside its text"),
        ("UPDATE entity_redirects SET new_id = 'e-gone'", r"merged entity e-short redirects to e-gone"),
        ("UPDATE schema_migrations SET version = 99 WHERE version = 6",
         r"schema is at version 99, but this Storyline writes version 6"),
    ],
)
def test_integrity_check_reports_damage(new_url, damage: str, problem: str) -> None:
    url = new_url()
    with open_store(url) as store:
        store.save_batch([full_extraction()], [OBAMA, BERLIN])
        store.save_batch([], [OBAMA], [EntityMerge("e-short", OBAMA.id, "test")])
        assert store.integrity_check() == []
        with psycopg.connect(url) as conn:
            conn.execute(damage)
        assert any(re.search(problem, found) for found in store.integrity_check())
