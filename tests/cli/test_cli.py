"""The CLI through click's runner, against real SQLite files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from storyline.cli import main

ARTICLE_A = """Harbour cranes idle as dock strike enters third day
Workers at the port of Eastmouth walked out on Monday over pay, the Dockers' Union said.
Union leader Maria Okafor told reporters the strike would continue until the Harbour Board made a new offer.
"""
ARTICLE_B = """Harbour Board offers dockers a new deal
The Harbour Board in Eastmouth offered striking dockers a 6 percent raise on Thursday.
Board chair Tom Reyes said the offer was final.
"""


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    (folder / "nested").mkdir(parents=True)
    (folder / "a.txt").write_text(ARTICLE_A, encoding="utf-8")
    (folder / "nested" / "b.txt").write_text(ARTICLE_B, encoding="utf-8")
    return folder


def run(*args: str, input: bytes | None = None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


@pytest.mark.parametrize(
    "command",
    [[], ["ingest"], ["articles"], ["show"], ["entities"], ["entity"], ["search"], ["export"], ["demo"],
     ["eval"], ["eval", "conll2003"], ["eval", "meantime-entities"], ["eval", "tempeval3"],
     ["framing"], ["eval", "newswcl50"], ["stories"], ["story"], ["copies"], ["eval", "ecbplus"],
     ["timeline"], ["claims"], ["quotes"]],
)
def test_every_command_has_help(command: list[str]) -> None:
    result = run(*command, "--help")
    assert result.exit_code == 0
    assert "Usage:" in result.output


def test_ingest_then_query(corpus: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    result = run("ingest", str(corpus), "--db", db)
    assert result.exit_code == 0, result.output
    assert "Ingested 2 article(s)" in result.output

    listed = json.loads(run("articles", "--db", db, "--json").output)
    assert {a["title"] for a in listed} == {
        "Harbour cranes idle as dock strike enters third day",
        "Harbour Board offers dockers a new deal",
    }
    shown = json.loads(run("show", listed[0]["id"], "--db", db, "--json").output)
    for mention in shown["mentions"]:
        assert shown["text"][mention["start"]:mention["end"]] == mention["text"]

    people = json.loads(run("entities", "--type", "person", "--db", db, "--json").output)
    assert {"Maria Okafor", "Tom Reyes"} <= {p["name"] for p in people}

    hits = json.loads(run("search", "offer", "--db", db, "--json").output)
    assert len(hits) == 2


def test_reingest_is_a_no_op(corpus: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    run("ingest", str(corpus), "--db", db)
    again = json.loads(run("ingest", str(corpus), "--db", db, "--json").output)
    assert again["ingested"] == []
    assert len(again["duplicates"]) == 2
    assert len(json.loads(run("articles", "--db", db, "--json").output)) == 2


def test_stdin_is_ingested(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    result = run("ingest", "-", "--db", db, "--json", input=ARTICLE_B.encode())
    assert len(json.loads(result.output)["ingested"]) == 1


def test_bad_input_fails_alone_with_one_line(corpus: Path, tmp_path: Path) -> None:
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    (corpus / "blob.txt").write_bytes(b"\x00\x01\x02binary\x00" * 100)
    db = str(tmp_path / "s.db")
    result = run("ingest", str(corpus), "--db", db)
    assert result.exit_code == 1
    failed = [line for line in result.output.splitlines() if line.startswith("failed:")]
    assert len(failed) == 2 and any("empty.txt" in line for line in failed)
    assert len(json.loads(run("articles", "--db", db, "--json").output)) == 2


def test_unknown_article_is_one_clear_line(corpus: Path, tmp_path: Path) -> None:
    run("ingest", str(corpus), "--db", str(tmp_path / "s.db"))
    result = run("show", "nope", "--db", str(tmp_path / "s.db"))
    assert result.exit_code != 0
    assert result.output.strip().count("\n") == 0
    assert "nope" in result.output


def test_not_a_store_is_one_clear_line(tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.db"
    bogus.write_bytes(b"this is not sqlite" * 100)
    result = run("articles", "--db", str(bogus))
    assert result.exit_code != 0
    assert "bogus.db" in result.output


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv"])
def test_export_formats(fmt: str, corpus: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    run("ingest", str(corpus), "--db", db)
    output = tmp_path / f"out.{fmt}"
    assert run("export", "--db", db, "--format", fmt, "--output", str(output)).exit_code == 0
    if fmt == "json":
        document = json.loads(output.read_text(encoding="utf-8"))
        assert set(document) >= {"storyline_version", "articles", "entities", "events", "claims",
                                  "quotes", "stories", "framing"}
    elif fmt == "jsonl":
        kinds = {json.loads(line)["kind"] for line in output.read_text(encoding="utf-8").splitlines()}
        assert {"storyline", "article", "entity"} <= kinds
    else:
        assert {p.name for p in output.iterdir()} >= {"articles.csv", "entities.csv", "mentions.csv"}


def test_db_from_environment(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STORYLINE_DB", str(tmp_path / "env.db"))
    run("ingest", str(corpus))
    assert (tmp_path / "env.db").exists()


def test_demo_builds_a_store_and_says_how_to_explore(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    result = run("demo", "--db", str(db))
    assert result.exit_code == 0, result.output
    assert "Explore it" in result.output
    articles = json.loads(run("articles", "--db", str(db), "--json").output)
    assert 10 <= len(articles) <= 16
    assert any(a["language"] != "en" for a in articles)  # the Spanish report is stored, flagged


@pytest.mark.parametrize("name", ["Maria Okafor", "maria okafor", "Okafor"])
def test_entity_by_name_shows_mentions_in_their_sentences(name: str, corpus: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    run("ingest", str(corpus), "--db", db)
    [profile] = json.loads(run("entity", name, "--db", db, "--json").output)
    assert profile["name"] == "Maria Okafor" and profile["type"] == "PERSON"
    [mention] = profile["mentions"]
    assert mention["sentence"].startswith("Union leader Maria Okafor told reporters")
    assert len(profile["articles"]) == 1


def test_unknown_entity_is_one_clear_line(corpus: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    run("ingest", str(corpus), "--db", db)
    result = run("entity", "Nobody Atall", "--db", db)
    assert result.exit_code != 0
    assert result.output.strip() == "storyline: error: no entity named 'Nobody Atall'; list them with `storyline entities`"


@pytest.mark.parametrize("command", [["articles"], ["entities"], ["search", "x"], ["show", "x"],
                                     ["entity", "x"], ["export", "-o", "out.json"]])
def test_reading_a_missing_store_is_an_error_not_a_new_file(command: list[str], tmp_path: Path) -> None:
    missing = tmp_path / "typo.db"
    result = run(*command, "--db", str(missing))
    assert result.exit_code != 0
    assert result.output.strip() == f"storyline: error: no store at {missing}; create one with `storyline ingest ... --db {missing}`"
    assert not missing.exists()


def test_entity_shows_roles_over_time(corpus: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    run("ingest", str(corpus), "--db", db)
    [profile] = json.loads(run("entity", "Tom Reyes", "--db", db, "--json").output)
    assert [(r["title"], r["first"]) for r in profile["roles"]] == [("chair", None)]


def test_an_aliases_file_is_honoured(corpus: Path, tmp_path: Path) -> None:
    aliases = tmp_path / "aliases.yaml"
    aliases.write_text("- name: Maria Okafor\n  aliases: [The Iron Docker]\n", encoding="utf-8")
    (corpus / "c.txt").write_text("Strike goes on\nThe Iron Docker told the crowd to hold firm.\n",
                                  encoding="utf-8")
    db = str(tmp_path / "s.db")
    assert run("ingest", str(corpus), "--db", db, "--aliases", str(aliases)).exit_code == 0
    [profile] = json.loads(run("entity", "Maria Okafor", "--db", db, "--json").output)
    assert "The Iron Docker" in profile["aliases"]


def test_a_bad_aliases_file_stops_before_any_work(corpus: Path, tmp_path: Path) -> None:
    aliases = tmp_path / "aliases.yaml"
    aliases.write_text("- aliases: [x]\n", encoding="utf-8")
    db = tmp_path / "s.db"
    result = run("ingest", str(corpus), "--db", str(db), "--aliases", str(aliases))
    assert result.exit_code != 0
    assert result.output.strip().startswith(f"storyline: error: aliases file {aliases}, entry 1")


def test_framing_shows_each_outlets_words(corpus: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    run("ingest", str(corpus), "--db", db)
    report = json.loads(run("framing", "--db", db, "--json").output)
    assert set(report) == {"table", "side_by_side", "labels", "tone"}
    row = report["table"][0]
    assert set(row) == {"article", "outlet", "referent", "term", "count", "examples"}
    text = json.loads(run("show", row["article"], "--db", db, "--json").output)["text"]
    example = row["examples"][0]
    assert example["sentence"] in text and row["term"].split()[-1][:4] in text[example["start"]:example["end"]].lower()


def test_stories_story_and_copies(corpus: Path, tmp_path: Path) -> None:
    (corpus / "copy.txt").write_text(ARTICLE_B.replace("Thursday", "Thursday evening"), encoding="utf-8")
    db = str(tmp_path / "s.db")
    run("ingest", str(corpus), "--db", db)
    found = json.loads(run("stories", "--db", db, "--json").output)
    assert {s["level"] for s in found} == {"event", "storyline"}
    assert sum(len(s["articles"]) for s in found if s["level"] == "event") == 3
    [group] = json.loads(run("copies", "--db", db, "--json").output)
    assert len(group["articles"]) == 2
    event = next(s for s in found if group["canonical"] in s["articles"] and s["level"] == "event")
    detail = json.loads(run("story", event["id"], "--db", db, "--json").output)
    assert detail["independent_reports"] == len(detail["articles"]) - 1
    exported = tmp_path / "out.json"
    run("export", "--db", db, "-o", str(exported))
    stories = json.loads(exported.read_text(encoding="utf-8"))["stories"]
    assert set(stories[0]) == {"id", "title", "level", "articles", "events", "first", "last",
                               "independent_reports"}


def test_a_run_that_stopped_before_clustering_is_caught_up(corpus: Path, tmp_path: Path) -> None:
    from storyline.cluster.collection import COPIES, STORIES
    from storyline.pipeline import load_clusters
    from storyline.store import open_store

    db = str(tmp_path / "s.db")
    run("ingest", str(corpus), "--db", db)
    with open_store(db) as store:
        store.save_cluster_state(STORIES, {})  # as if the run died before saving
        store.save_cluster_state(COPIES, {})
        assert all(load_clusters(store).has(a) for a in store.article_ids())


def test_an_unknown_story_is_one_clear_line(corpus: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    run("ingest", str(corpus), "--db", db)
    result = run("story", "event-nope", "--db", db)
    assert result.exit_code != 0 and result.output.startswith("storyline: error:")


def test_timeline_claims_and_quotes_have_the_contract_shapes(corpus: Path, tmp_path: Path) -> None:
    (corpus / "q.txt").write_text(
        "Talks resume\nMaria Okafor met Tom Reyes in Eastmouth on Monday. "
        '"We are close to a deal," she said.\n', encoding="utf-8")
    db = str(tmp_path / "s.db")
    run("ingest", str(corpus), "--db", db)
    found = json.loads(run("timeline", "--db", db, "--json").output)
    events = found["dated"] + found["undated"]
    assert events and set(events[0]) == {"id", "type", "mode", "date", "date_precision", "modality",
                                         "actors", "place", "articles", "evidence"}
    quotes = json.loads(run("quotes", "--db", db, "--json").output)
    assert any(q["text"].startswith("We are close") for q in quotes)
    okafor = json.loads(run("quotes", "--speaker", "Maria Okafor", "--db", db, "--json").output)
    assert [q["speaker"]["name"] for q in okafor] == ["Maria Okafor"]
    assert isinstance(json.loads(run("claims", "--db", db, "--json").output), list)
