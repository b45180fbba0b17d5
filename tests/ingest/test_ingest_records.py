"""Article records in JSON lines, JSON and CSV files."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from storyline.ingest import read_sources
from storyline.models import Failure, RawArticle


def jsonl(*records: object) -> str:
    return "".join(
        (record if isinstance(record, str) else json.dumps(record)) + "\n" for record in records
    )


def test_jsonl_records_map_accepted_field_names(tmp_path, write, read_all):
    path = write(
        tmp_path / "crawl.jsonl",
        jsonl(
            {
                "maintext": "Body one.",
                "headline": "One",
                "link": "https://a.example/1",
                "date_publish": "2024-07-31 09:19:00",
                "source_domain": "a.example",
                "author": ["Jane Doe", "John Roe"],
                "lang": "en-US",
                "extra": "ignored",
            },
            {"Text": "Body two.", "Title": "Two", "published": "yesterday"},
        ),
    )
    [one, two], [] = read_all([path])
    assert one.source == f"{path}#1" and two.source == f"{path}#2"
    assert one.kind == "extracted" and one.text == "Body one."
    assert one.metadata == {
        "title": "One",
        "url": "https://a.example/1",
        "published": "2024-07-31",
        "outlet": "a.example",
        "authors": ["Jane Doe", "John Roe"],
        "language": "en",
        "format": "jsonl",
    }
    assert two.metadata == {
        "title": "Two",
        "format": "jsonl",
    }  # an unparseable date is dropped, not guessed


def test_a_bad_jsonl_line_is_a_failure_and_the_rest_goes_on(tmp_path, write, read_all):
    path = write(
        tmp_path / "mixed.jsonl",
        jsonl(
            {"text": "First."},
            '{"text": "unterminated',
            "",
            '["a", "list"]',
            {"title": "no body"},
            {"text": "   "},
            {"text": "Last."},
        ),
    )
    articles, failures = read_all([path])
    assert [a.text for a in articles] == ["First.", "Last."]
    assert [a.source for a in articles] == [
        f"{path}#1",
        f"{path}#7",
    ]  # line numbers, blank line counted
    assert [f.source for f in failures] == [f"{path}:2", f"{path}#4", f"{path}#5", f"{path}#6"]
    assert "line is not valid JSON" in failures[0].message
    assert "not an object" in failures[1].message
    assert "record has no text; put the article body in one of: text, body" in failures[2].message


def test_jsonl_keeps_unicode_line_separators_inside_records(tmp_path, write, read_all):
    path = write(
        tmp_path / "sep.jsonl",
        json.dumps({"text": "one\u2028two\u0085three"}, ensure_ascii=False) + "\n",
    )
    [article], [] = read_all([path])
    assert article.text == "one\u2028two\u0085three"


@pytest.mark.parametrize(
    "content",
    [
        pytest.param({"text": "Only one.", "title": "T"}, id="one-object"),
        pytest.param([{"text": "Only one.", "title": "T"}], id="list"),
        pytest.param(
            {"articles": [{"text": "Only one.", "title": "T"}], "count": 1}, id="articles-key"
        ),
    ],
)
def test_json_shapes(tmp_path, write, read_all, content):
    path = write(tmp_path / "a.json", json.dumps(content))
    [article], [] = read_all([path])
    assert (article.source, article.text, article.metadata) == (
        f"{path}#1",
        "Only one.",
        {"title": "T", "format": "json"},
    )


@pytest.mark.parametrize(
    ("content", "words"),
    [
        pytest.param("[1, 2, 3]", "is not an article list", id="list-of-numbers"),
        pytest.param('"just a string"', "is not an article list", id="string"),
        pytest.param(
            '{"status": "ok", "total": 3}', "is not an article list", id="object-without-text"
        ),
        pytest.param('{"articles": "none"}', "is not an article list", id="articles-not-a-list"),
        pytest.param("[]", "is not an article list", id="empty-list"),
        pytest.param('{"text": "unclosed', "is not valid JSON", id="invalid-json"),
    ],
)
def test_json_that_is_not_an_article_list_is_a_failure(
    tmp_path, write, only_failure, content, words
):
    path = write(tmp_path / "bad.json", content)
    failure = only_failure([path])
    assert failure.source == str(path)
    assert words in failure.message


def test_json_list_with_some_bad_items(tmp_path, write, read_all):
    path = write(tmp_path / "list.json", json.dumps([{"body": "Good."}, 7, {"title": "empty"}]))
    articles, failures = read_all([path])
    assert [a.text for a in articles] == ["Good."]
    assert [f.source for f in failures] == [f"{path}#2", f"{path}#3"]


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_csv_rows_become_articles(tmp_path, write, read_all, delimiter):
    d = delimiter
    rows = [
        f"title{d}body{d}date{d}authors",
        f'First{d}"Body, with a comma{d} and\na line break."{d}31 July 2024{d}Jane Doe and Jo Roe',
        f"Second{d}{d}2024-08-01{d}",
        f"Third{d}Third body.{d}{d}",
    ]
    path = write(tmp_path / "export.csv", "\r\n".join(rows) + "\r\n")
    articles, failures = read_all([path])
    assert [a.source for a in articles] == [f"{path}#1", f"{path}#3"]
    assert articles[0].text == f"Body, with a comma{d} and\na line break."
    assert articles[0].metadata == {
        "title": "First",
        "published": "2024-07-31",
        "authors": ["Jane Doe", "Jo Roe"],
        "format": "csv",
    }
    assert [f.source for f in failures] == [f"{path}#2"]


def test_csv_without_a_text_column_is_a_failure(tmp_path, write, only_failure):
    path = write(tmp_path / "meta.csv", "title,url\nA,https://a.example\n")
    failure = only_failure([path])
    assert (
        "has no text column (header: title, url); name one of: text, body, content"
        in failure.message
    )


def test_field_names_come_from_settings(tmp_path, write, settings, read_all):
    custom = settings.with_overrides(
        {"ingest.fields.text": ["story"], "ingest.fields.title": ["hed"]}
    )
    path = write(
        tmp_path / "custom.jsonl",
        jsonl({"story": "Custom body.", "hed": "Custom", "text": "not this"}),
    )
    [article], [] = read_all([path], custom)
    assert (article.text, article.metadata["title"]) == ("Custom body.", "Custom")


def test_an_empty_or_binary_records_file_is_a_failure(tmp_path, write, only_failure):
    assert "is empty" in only_failure([write(tmp_path / "empty.jsonl", "\n\n")]).message
    assert "binary" in only_failure([write(tmp_path / "bin.jsonl", b"\x00\x01\x02{}")]).message


def test_a_jsonl_line_over_the_cap_is_a_failure_and_the_rest_goes_on(
    tmp_path, write, settings, read_all
):
    path = write(
        tmp_path / "big.jsonl",
        jsonl({"text": "small"}, {"text": "x" * 500}, {"text": "small again"}),
    )
    articles, failures = read_all([path], settings.with_overrides({"ingest.max_bytes": 100}))
    assert [a.text for a in articles] == ["small", "small again"]
    assert [f.source for f in failures] == [f"{path}:2"]
    assert "--max-bytes" in failures[0].message


_text = st.text(min_size=1).filter(lambda s: s.strip())
_records = st.lists(
    st.fixed_dictionaries({"text": _text, "title": st.text()}), min_size=1, max_size=5
)


@hypothesis_settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(records=_records, ensure_ascii=st.booleans())
def test_jsonl_text_fields_round_trip(tmp_path_factory, settings, records, ensure_ascii):
    path = tmp_path_factory.mktemp("roundtrip") / "records.jsonl"
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=ensure_ascii) + "\n" for r in records), encoding="utf-8"
    )
    items = list(read_sources([str(path)], settings))
    assert all(isinstance(item, RawArticle) for item in items), [
        i for i in items if isinstance(i, Failure)
    ]
    assert [item.text for item in items] == [r["text"] for r in records]
    assert [item.metadata.get("title") for item in items] == [
        " ".join(r["title"].split()) or None for r in records
    ]


def test_a_legacy_encoded_csv_is_decoded_and_its_encoding_recorded(tmp_path, write, read_all):
    body = (
        "Le président a déclaré à la presse que l'économie française se porte bien, "
        "« c'est un été très chaud », a-t-il ajouté."
    )
    path = write(tmp_path / "fr.csv", f'titre,text\nÉté,"{body}"\n'.encode("cp1252"))
    [article], [] = read_all([path])
    assert article.text == body
    assert article.metadata["encoding"] == "cp1252"


def test_a_jsonl_file_may_start_with_a_bom(tmp_path, write, read_all):
    path = write(tmp_path / "bom.jsonl", b"\xef\xbb\xbf" + jsonl({"text": "First."}).encode())
    [article], [] = read_all([path])
    assert article.text == "First."
