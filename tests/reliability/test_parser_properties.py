"""Property tests of the input parsers: any bytes give articles, failures or one InputError (never
another exception), and what a well-formed input states comes back unchanged.

Derandomized, so every run tries the same examples. (Dates: tests/test_dates.py; the store round
trip: tests/store/test_store_properties.py.)
"""

from __future__ import annotations

import csv
import io
import json
from html import escape
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from storyline.errors import InputError
from storyline.ingest.feeds import parse_feed
from storyline.ingest.files import decode_bytes
from storyline.ingest.html import fragment_to_text, parse_html
from storyline.ingest.manifest import read_manifest
from storyline.ingest.records import parse_csv, parse_json, parse_jsonl
from storyline.models import Failure, RawArticle

PROPERTY = settings(max_examples=150, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])
# Text a record may hold: any character but NUL and lone surrogates (not encodable).
RECORD_TEXT = st.text(st.characters(exclude_characters="\x00", exclude_categories=("Cs",)),
                      min_size=1, max_size=60).filter(str.strip)
WORDS = st.lists(st.from_regex(r"[A-Za-z0-9äöüßéñ'’-]{1,12}", fullmatch=True), min_size=1,
                 max_size=12).map(" ".join)
HOSTILE_BYTES = st.one_of(
    st.binary(max_size=300),
    st.text(max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.lists(st.sampled_from([b"<rss", b"<item>", b"</item>", b"<feed", b"<entry>", b"<![CDATA[",
                              b"]]>", b"&amp;", b"&#0;", b"\"", b"{", b"}", b"[", b"]", b",", b"\n",
                              b"\r", b"\xef\xbb\xbf", b"<p>", b"text", b"description", b"\x00"]),
             max_size=40).map(b"".join),
)


def _outcome(items) -> list[RawArticle | Failure]:
    """Every item, or [] when the parser refused the whole input with an InputError."""
    try:
        found = list(items)
    except InputError:
        return []
    assert all(isinstance(item, RawArticle | Failure) for item in found)
    return found


def _page(html: str):
    yield parse_html("x.html", html)


@settings(PROPERTY, max_examples=80)
@given(data=HOSTILE_BYTES)
def test_any_bytes_as_records_feed_or_page_never_crash(settings, data: bytes) -> None:
    text = data.decode("utf-8", "replace")
    _outcome(parse_jsonl("x.jsonl", io.BytesIO(data), settings, max_bytes=1000))
    _outcome(parse_json("x.json", text, settings))
    _outcome(parse_csv("x.csv", text, settings))
    _outcome(parse_feed("x.rss", data, max_items=5))
    _outcome(_page(text))
    try:
        decode_bytes("x.txt", data, max_bytes=1000)
    except InputError:
        pass


@PROPERTY
@given(records=st.lists(st.fixed_dictionaries({"text": RECORD_TEXT},
                                              optional={"title": RECORD_TEXT}), max_size=6))
def test_jsonl_records_come_back_as_written(settings, records: list[dict]) -> None:
    data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode()
    found = _outcome(parse_jsonl("x.jsonl", io.BytesIO(data), settings, max_bytes=100_000))
    if not records:
        assert found == []  # an empty file is an EmptyInputError
        return
    assert [a.text for a in found] == [r["text"] for r in records]
    assert [a.source for a in found] == [f"x.jsonl#{n}" for n in range(1, len(records) + 1)]


@PROPERTY
@given(rows=st.lists(st.tuples(RECORD_TEXT, RECORD_TEXT), min_size=1, max_size=6))
@example(rows=[("Ferry", 'He said "we sail", twice.')])  # came back as ""we sail"" once
def test_csv_rows_come_back_as_written(settings, rows: list[tuple[str, str]]) -> None:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL)
    writer.writerow(["title", "text"])
    writer.writerows(rows)
    found = _outcome(parse_csv("x.csv", buffer.getvalue(), settings))
    assert [a.text for a in found] == [text for _, text in rows]


@settings(PROPERTY, max_examples=50)  # feedparser takes its time
@given(items=st.lists(st.tuples(WORDS, WORDS), min_size=1, max_size=8))
def test_feed_items_come_back_as_written(items: list[tuple[str, str]]) -> None:
    body = "".join(f"<item><title>{escape(t)}</title><description>{escape(d)}</description></item>"
                   for t, d in items)
    feed = f'<?xml version="1.0"?><rss version="2.0"><channel><title>C</title>{body}</channel></rss>'
    found = _outcome(parse_feed("f.rss", feed.encode(), max_items=5))
    articles = [a for a in found if isinstance(a, RawArticle)]
    assert [a.text for a in articles] == [d for _, d in items[:5]]
    assert [a.metadata.get("title") for a in articles] == [t for t, _ in items[:5]]
    assert len(found) == min(len(items), 5) + (len(items) > 5)  # the rest reported once


@PROPERTY
@given(paragraphs=st.lists(WORDS, min_size=1, max_size=6))
def test_html_paragraphs_come_back_as_lines(paragraphs: list[str]) -> None:
    fragment = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    assert fragment_to_text(f"<div>{fragment}<script>var x = 1;</script></div>") == "\n".join(
        paragraphs)


@PROPERTY
@given(text=st.text(st.characters(categories=("L", "N", "P", "Zs")), min_size=1, max_size=80)
       .filter(str.strip))
def test_utf8_text_decodes_to_itself(text: str) -> None:
    assert decode_bytes("x.txt", text.encode(), max_bytes=10_000).text == text


@PROPERTY
@given(entries=st.lists(st.tuples(st.from_regex(r"[a-z0-9_-]{1,10}\.txt", fullmatch=True),
                                  st.dates(), WORDS), max_size=6),
       junk=st.lists(st.text(max_size=30), max_size=3))
def test_manifest_lines_apply_and_bad_lines_are_reported(tmp_path: Path, entries, junk) -> None:
    lines = [json.dumps({"path": p, "published": d.isoformat(), "outlet": o}) for p, d, o in entries]
    path = tmp_path / "manifest.jsonl"
    path.write_text("\n".join(lines + [j.replace("\n", " ") for j in junk]), encoding="utf-8")
    manifest = read_manifest(path)
    last = {p: (d.isoformat(), o) for p, d, o in entries}  # a later line for a file wins
    assert {file.name: (meta.get("published"), meta.get("outlet"))
            for file, meta in manifest.entries.items() if file.name in last} == last
    assert all(isinstance(failure, Failure) for failure in manifest.failures)
