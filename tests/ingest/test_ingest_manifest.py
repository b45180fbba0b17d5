"""Manifests: per-file metadata from the user, matched by resolved path; and the seed articles."""

from __future__ import annotations

import json

import pytest

from storyline.errors import InputError
from storyline.ingest import read_sources
from storyline.ingest.manifest import load_manifest


def manifest_lines(*entries: object) -> str:
    return "".join((e if isinstance(e, str) else json.dumps(e)) + "\n" for e in entries)


def test_load_manifest_resolves_paths_against_its_folder(tmp_path, write):
    path = write(
        tmp_path / "meta" / "manifest.jsonl",
        manifest_lines(
            {
                "path": "../a.txt",
                "published": "2025-01-28",
                "outlet": "JNS",
                "authors": "Jane Doe; John Roe",
                "title": None,
            },
            {
                "path": "sub/b.txt",
                "url": "https://b.example/",
                "published": None,
                "unknown": "ignored",
            },
        ),
    )
    assert load_manifest(path) == {
        (tmp_path / "a.txt").resolve(): {
            "published": "2025-01-28",
            "outlet": "JNS",
            "authors": ["Jane Doe", "John Roe"],
        },
        (tmp_path / "meta" / "sub" / "b.txt").resolve(): {"url": "https://b.example/"},
    }


def test_manifest_metadata_is_applied_to_files_given_by_any_path(
    tmp_path, write, read_all, monkeypatch
):
    write(tmp_path / "articles" / "one.txt", "One\nBody.")
    write(tmp_path / "articles" / "two.txt", "Two\nBody.")
    manifest = write(
        tmp_path / "articles" / "manifest.jsonl",
        manifest_lines({"path": "one.txt", "published": "28 January 2025", "outlet": "JNS"}),
    )
    monkeypatch.chdir(tmp_path)
    # a relative file path, and the same folder through "..": both match by resolved path
    articles, failures = read_all(["articles/one.txt", "articles/../articles"], manifest=manifest)
    assert failures == []
    assert [(a.source, a.metadata) for a in articles] == [
        ("articles/one.txt", {"format": "txt", "published": "2025-01-28", "outlet": "JNS"}),
        (
            "articles/../articles/one.txt",
            {"format": "txt", "published": "2025-01-28", "outlet": "JNS"},
        ),
        ("articles/../articles/two.txt", {"format": "txt"}),
    ]  # and the manifest itself is not read as records


def test_manifest_overrides_what_the_file_states(tmp_path, write, read_all):
    write(
        tmp_path / "a.jsonl",
        json.dumps({"text": "Body.", "title": "Stated", "outlet": "Wire", "date": "2024-01-01"})
        + "\n",
    )
    manifest = write(
        tmp_path / "m.jsonl",
        manifest_lines({"path": "a.jsonl", "outlet": "Real Outlet", "title": None}),
    )
    [article], [] = read_all([tmp_path / "a.jsonl"], manifest=manifest)
    assert article.metadata == {
        "title": "Stated",
        "published": "2024-01-01",
        "outlet": "Real Outlet",
        "format": "jsonl",
    }


def test_bad_manifest_lines_are_failures_and_the_others_apply(tmp_path, write, read_all):
    write(tmp_path / "a.txt", "A\nBody.")
    write(tmp_path / "b.txt", "B\nBody.")
    manifest = write(
        tmp_path / "m.jsonl",
        manifest_lines(
            "{not json",
            {"published": "2025-01-01"},
            ["a.txt"],
            {"path": "b.txt", "published": "03/04/2025", "outlet": "Kept"},
            {"path": "a.txt", "outlet": "A Times"},
        ),
    )
    articles, failures = read_all([tmp_path / "a.txt", tmp_path / "b.txt"], manifest=manifest)
    assert [f.source for f in failures] == [
        f"{manifest}:1",
        f"{manifest}:2",
        f"{manifest}:3",
        f"{manifest}:4",
    ]
    assert "manifest line is not valid JSON" in failures[0].message
    assert 'must be an object with a "path" string' in failures[1].message
    assert (
        "published '03/04/2025' is not a full date; write it as YYYY-MM-DD (value ignored)"
        in failures[3].message
    )
    assert [a.metadata for a in articles] == [
        {"format": "txt", "outlet": "A Times"},
        {"format": "txt", "outlet": "Kept"},
    ]


@pytest.mark.parametrize(
    ("name", "words"),
    [("missing.jsonl", "manifest file does not exist"), ("folder", "manifest file is a folder")],
)
def test_an_unusable_manifest_raises_before_anything_is_read(tmp_path, settings, name, words):
    (tmp_path / "folder").mkdir()
    with pytest.raises(InputError, match=words):
        read_sources([str(tmp_path)], settings, manifest=tmp_path / name)


def test_a_non_utf8_manifest_raises(tmp_path, write, settings):
    manifest = write(tmp_path / "m.jsonl", '{"path": "a.txt", "outlet": "Café"}\n'.encode("cp1252"))
    with pytest.raises(InputError, match="can't be read as UTF-8 text"):
        read_sources([str(tmp_path)], settings, manifest=manifest)


@pytest.mark.seeds
def test_seed_articles_with_their_manifest(seeds_dir, read_all):
    # seeds_dir (tests/conftest.py) is ../shared/seeds, and skips the test when it is absent
    articles, failures = read_all([seeds_dir], manifest=seeds_dir / "manifest.jsonl")
    assert failures == []
    assert len(articles) == 5
    by_number = {a.source.rsplit("/", 1)[-1][:3]: a for a in articles}
    assert sorted(by_number) == ["000", "001", "002", "003", "004"]
    assert by_number["000"].metadata["published"] == "2025-01-28"
    assert "published" not in by_number["002"].metadata
    assert all(a.kind == "txt" and a.text.strip() for a in articles)
