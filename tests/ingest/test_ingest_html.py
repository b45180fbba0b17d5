"""HTML pages: the main text with its paragraphs, the page's stated metadata, malformed pages."""

from __future__ import annotations

import pytest

from storyline.errors import MalformedInputError
from storyline.ingest.html import declared_charset, fragment_to_text, looks_like_html, parse_html

PAGE = """<!DOCTYPE html>
<html lang="en-GB"><head>
<meta charset="utf-8">
<title>Harbour bridge reopens after repairs | The Coastal Gazette</title>
<meta property="og:title" content="Harbour bridge reopens after repairs">
<meta name="author" content="Mara Quill; Tobias Fenwick">
<meta property="og:site_name" content="The Coastal Gazette">
<meta property="article:published_time" content="2024-03-05T07:30:00+01:00">
<link rel="canonical" href="https://gazette.example/news/harbour-bridge">
</head><body>
<nav><a href="/">Home</a> | <a href="/news">News</a> | <a href="/sport">Sport</a></nav>
<article>
<h1>Harbour bridge reopens after repairs</h1>
<p>The harbour bridge reopened to traffic on Tuesday morning after eight weeks of repairs to its
deck and railings, the town council said in a statement.</p>
<p>Engineers replaced forty steel plates and repainted the main span, work that the council
had postponed twice because of winter storms.</p>
<p>Ferry services that ran during the closure will continue at a reduced timetable until the
end of the month.</p>
</article>
<footer>Copyright The Coastal Gazette. All rights reserved.</footer>
</body></html>
"""


def test_article_text_and_metadata_are_extracted():
    article = parse_html("page.html", PAGE)
    assert article.kind == "extracted"
    assert article.metadata == {
        "title": "Harbour bridge reopens after repairs",
        "url": "https://gazette.example/news/harbour-bridge",
        "published": "2024-03-05",
        "outlet": "The Coastal Gazette",
        "authors": ["Mara Quill", "Tobias Fenwick"],
        "language": "en",
        "format": "html",
    }
    paragraphs = article.text.split("\n")
    assert len(paragraphs) == 3  # one line per paragraph; the headline is in metadata only
    assert paragraphs[0].startswith("The harbour bridge reopened")
    assert paragraphs[2].endswith("end of the month.")
    assert "Home" not in article.text and "Copyright" not in article.text


def test_a_page_without_stated_metadata_gets_none_invented():
    article = parse_html(
        "bare.html",
        "<html><body><article><p>"
        + "Only a body paragraph here. " * 5
        + "</p></article></body></html>",
    )
    assert article.text.startswith("Only a body paragraph here.")
    assert set(article.metadata) <= {"title", "format"}  # no date, author or outlet made up


@pytest.mark.parametrize(
    "html",
    [
        pytest.param("<html><body><script>var a = 1;</script></body></html>", id="script-only"),
        pytest.param("<html><head><title>x</title></head><body></body></html>", id="empty-body"),
        pytest.param("<<<>>> <div <p </", id="tag-soup"),
        pytest.param("<html><body><img src='photo.jpg'><br><hr></body></html>", id="image-only"),
    ],
)
def test_malformed_html_without_text_is_refused(html):
    with pytest.raises(MalformedInputError, match="no article text found"):
        parse_html("bad.html", html)


def test_malformed_html_file_becomes_a_failure(tmp_path, write, only_failure):
    path = write(tmp_path / "broken.htm", "<html><body><div><script>x()</script>")
    failure = only_failure([path])
    assert failure.source == str(path)
    assert f"{path}: no article text found" in failure.message


def test_html_file_declaring_a_legacy_charset_is_decoded(tmp_path, write, read_all):
    page = PAGE.replace('charset="utf-8"', 'charset="windows-1252"').replace(
        "Harbour bridge", "Café bridge"
    )
    path = write(tmp_path / "legacy.html", page.encode("cp1252"))
    [article], [] = read_all([path])
    assert article.metadata["title"] == "Café bridge reopens after repairs"
    assert article.metadata["encoding"] == "cp1252"


def test_stdin_that_looks_like_html_is_parsed_as_html(tmp_path, settings, read_all):
    stdin_file = tmp_path / "in"
    stdin_file.write_text(PAGE, encoding="utf-8")
    with stdin_file.open("rb") as stdin:
        [article], [] = read_all(["-"], settings, stdin=stdin)
    assert article.source == "<stdin>"
    assert article.kind == "extracted"
    assert article.metadata["outlet"] == "The Coastal Gazette"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<!DOCTYPE html><html>", True),
        ("  \n<html lang='en'>", True),
        ("<?xml version='1.0'?>\n<html xmlns='http://www.w3.org/1999/xhtml'>", True),
        ("<!-- saved page --><body>", True),
        ("<p>A fragment</p>", True),
        ("Plain text that mentions <html> later", False),
        ("A <b>bold</b> claim", False),
        ("", False),
    ],
)
def test_looks_like_html(text, expected):
    assert looks_like_html(text) is expected


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b'<meta charset="windows-1252">', "windows-1252"),
        (b"<meta http-equiv='Content-Type' content='text/html; charset=ISO-8859-1'>", "ISO-8859-1"),
        (b"<html><head></head>", None),
    ],
)
def test_declared_charset(data, expected):
    assert declared_charset(data) == expected


@pytest.mark.parametrize(
    ("fragment", "expected"),
    [
        ("<p>First para.</p><p>Second <b>para</b>.</p>", "First para.\nSecond para."),
        ("<div>Intro<p>Body</p></div>", "Intro\nBody"),
        ("Line one<br>Line two<br/>Line three", "Line one\nLine two\nLine three"),
        ("<ul><li>one</li><li>two</li></ul>", "one\ntwo"),
        ("<p>Text</p><script>alert(1)</script><style>p{}</style>", "Text"),
        ("Just   plain\n\n text", "Just plain\ntext"),
        ("", ""),
    ],
)
def test_fragment_to_text_keeps_paragraphs_as_lines(fragment, expected):
    assert fragment_to_text(fragment) == expected
