"""The CLI on a PostgreSQL store gives what it gives on SQLite: the demo corpus is ingested
into both (once for this module), and every query command must print the same JSON."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from storyline.cli import main

DEMO = Path(__file__).resolve().parents[2] / "src" / "storyline" / "demo"


def run(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)


def ingest_demo(db: str):
    return run("ingest", str(DEMO / "articles"), "--manifest", str(DEMO / "manifest.jsonl"), "--db", db)


@pytest.fixture(scope="module")
def stores(postgres_server, postgres_url: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """backend -> --db of a store holding the demo corpus."""
    found = {"sqlite": str(tmp_path_factory.mktemp("cli") / "demo.db"),
             "postgresql": postgres_server.create_schema(postgres_url)}
    for db in found.values():
        result = ingest_demo(db)
        assert result.exit_code == 0, result.output
        assert "Ingested 14 article(s)" in result.output
    yield found
    postgres_server.drop_schema(found["postgresql"])


def _first_article(db: str) -> str:
    return json.loads(run("articles", "--db", db, "--json").output)[0]["id"]


def _first_entity(db: str) -> str:
    return json.loads(run("entities", "--db", db, "--json").output)[0]["name"]


def _first_story(db: str) -> str:
    return json.loads(run("stories", "--db", db, "--json").output)[0]["id"]


# Each command's arguments, some read from the store first (the same on both backends).
COMMANDS: list[tuple[str, Callable[[str], list[str]]]] = [
    ("articles", lambda db: []),
    ("show", lambda db: [_first_article(db)]),
    ("entities", lambda db: []),
    ("entities", lambda db: ["--type", "person"]),
    ("entity", lambda db: [_first_entity(db)]),
    ("timeline", lambda db: []),
    ("claims", lambda db: []),
    ("quotes", lambda db: []),
    ("stories", lambda db: []),
    ("story", lambda db: [_first_story(db)]),
    ("copies", lambda db: []),
    ("framing", lambda db: []),
]


@pytest.mark.parametrize(("command", "arguments"), COMMANDS, ids=[f"{c}-{i}" for i, (c, _) in enumerate(COMMANDS)])
def test_query_commands_print_the_same_json_on_both_backends(stores, command: str, arguments) -> None:
    printed = {}
    for backend, db in stores.items():
        result = run(command, *arguments(db), "--db", db, "--json")
        assert result.exit_code == 0, result.output
        printed[backend] = json.loads(result.output)
    assert printed["postgresql"] == printed["sqlite"]
    assert printed["sqlite"]  # something to compare


@pytest.mark.parametrize("query", ["canal", "Ever Given", '"container ship"', "salvage OR tugboats",
                                   "Suez NOT authority", "dredg*", "title:canal"])
def test_search_finds_the_same_articles_on_both_backends(stores, query: str) -> None:
    found = {}
    for backend, db in stores.items():
        result = run("search", query, "--db", db, "--json")
        assert result.exit_code == 0, result.output
        found[backend] = {hit["article_id"] for hit in json.loads(result.output)}
    assert found["postgresql"] == found["sqlite"] and found["sqlite"]


def test_export_is_identical_on_both_backends(stores, tmp_path: Path) -> None:
    exported = {}
    for backend, db in stores.items():
        output = tmp_path / f"{backend}.json"
        assert run("export", "--db", db, "--format", "json", "--output", str(output)).exit_code == 0
        exported[backend] = json.loads(output.read_text(encoding="utf-8"))
    assert len(exported["sqlite"]["articles"]) == 14
    assert exported["postgresql"] == exported["sqlite"]


def test_reingesting_into_postgresql_is_a_no_op(stores) -> None:
    result = ingest_demo(stores["postgresql"])
    assert result.exit_code == 0, result.output
    assert "Ingested 0 article(s)" in result.output and "14 duplicate(s) skipped" in result.output
    assert ":***@" in result.output  # the store is named, its password not


def test_the_db_url_may_come_from_the_environment(stores) -> None:
    result = run("articles", "--json", env={"STORYLINE_DB": stores["postgresql"]})
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.output)) == 14


def test_an_unreachable_server_is_one_line_without_the_password() -> None:
    result = run("articles", "--db", "postgresql://ann:hunter2-pw@127.0.0.1:1/news")
    assert result.exit_code != 0
    assert result.output.startswith("storyline: error: postgresql://ann:***@127.0.0.1:1/news: could not connect")
    assert "hunter2-pw" not in result.output and result.output.count("\n") == 1


@pytest.mark.parametrize(
    "path", ["/api/articles?limit=500", "/api/entities?limit=500", "/api/timeline?limit=500",
             "/api/quotes?limit=500", "/api/stories?limit=500", "/api/framing"],
)
def test_the_api_answers_the_same_on_both_backends(stores, path: str) -> None:
    from fastapi.testclient import TestClient

    from storyline.api import create_app

    answers = {}
    for backend, db in stores.items():
        response = TestClient(create_app(db)).get(path)
        assert response.status_code == 200, response.text
        answers[backend] = response.json()
    assert answers["postgresql"] == answers["sqlite"]
