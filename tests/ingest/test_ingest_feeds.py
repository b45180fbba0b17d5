"""RSS and Atom feed files: one article per item, malformed feeds, the item cap."""

from __future__ import annotations

import pytest

from storyline.ingest.feeds import parse_feed
from storyline.models import Failure, RawArticle

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"
     xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>The Coastal Gazette</title>
  <link>https://gazette.example/</link>
  <language>en-gb</language>
  <item>
    <title>Harbour bridge reopens</title>
    <link>https://gazette.example/news/bridge</link>
    <pubDate>Tue, 05 Mar 2024 23:30:00 -0500</pubDate>
    <author>desk@gazette.example (Mara Quill)</author>
    <description>Short summary.</description>
    <content:encoded><![CDATA[<p>The bridge reopened on Tuesday.</p>
      <p>Ferries continue <b>until</b> March.</p>]]></content:encoded>
  </item>
  <item>
    <title>Storm warning</title>
    <dc:creator>Tobias Fenwick</dc:creator>
    <dc:date>2024-03-06</dc:date>
    <description>&lt;p&gt;Gales are expected tonight.&lt;/p&gt;</description>
  </item>
  <item>
    <title>Photo of the day</title>
    <link>https://gazette.example/photo</link>
  </item>
</channel>
</rss>
"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Valley Post</title>
  <entry>
    <title>Mill closes after 90 years</title>
    <link href="https://valley.example/mill"/>
    <published>2023-11-02T08:00:00Z</published>
    <updated>2023-11-09T10:00:00Z</updated>
    <author><name>Ann Lee</name></author>
    <author><name>Bo Chen</name></author>
    <content type="html">&lt;p&gt;The mill closed.&lt;/p&gt;
      &lt;p&gt;Workers gathered.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Edited only</title>
    <updated>2023-11-09T10:00:00Z</updated>
    <summary>Summary text.</summary>
  </entry>
</feed>
"""


@pytest.mark.parametrize("name", ["news.rss", "news.xml"])
def test_rss_items_become_articles(tmp_path, write, read_all, name):
    path = write(tmp_path / name, RSS)
    articles, failures = read_all([path])
    first, second = articles
    assert first.source == f"{path}#1" and first.kind == "extracted"
    assert (
        first.text == "The bridge reopened on Tuesday.\nFerries continue until March."
    )  # content beats summary
    assert first.metadata == {
        "title": "Harbour bridge reopens",
        "url": "https://gazette.example/news/bridge",
        "published": "2024-03-05",  # as written, not shifted to UTC
        "outlet": "The Coastal Gazette",
        "authors": ["Mara Quill"],
        "language": "en",
        "format": "rss",
    }
    assert second.text == "Gales are expected tonight."
    assert (second.metadata["published"], second.metadata["authors"]) == (
        "2024-03-06",
        ["Tobias Fenwick"],
    )
    assert [(f.source, "no text" in f.message) for f in failures] == [(f"{path}#3", True)]


def test_atom_entries_become_articles(tmp_path, write, read_all):
    path = write(tmp_path / "valley.atom", ATOM)
    [mill, edited], [] = read_all([path])
    assert mill.text == "The mill closed.\nWorkers gathered."
    assert mill.metadata == {
        "title": "Mill closes after 90 years",
        "url": "https://valley.example/mill",
        "published": "2023-11-02",
        "outlet": "Valley Post",
        "authors": ["Ann Lee", "Bo Chen"],
        "format": "atom",
    }
    assert "published" not in edited.metadata  # Atom <updated> is an edit date, not publication


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        pytest.param(
            "broken.rss",
            b"<rss version='2.0'><channel><title>Cut off",
            "is a feed with no items",
            id="truncated-feed",
        ),
        pytest.param(
            "empty.atom",
            b"<feed xmlns='http://www.w3.org/2005/Atom'><title>x</title></feed>",
            "is a feed with no items",
            id="no-entries",
        ),
        pytest.param(
            "sitemap.xml",
            b"<urlset><url><loc>https://a.example/</loc></url></urlset>",
            "is not an RSS or Atom feed",
            id="xml-not-a-feed",
        ),
        pytest.param("notes.rss", b"just some words", "is not an RSS or Atom feed", id="not-xml"),
        pytest.param("blank.xml", b"  \n", "is empty", id="empty"),
    ],
)
def test_malformed_feeds_are_failures(tmp_path, write, only_failure, name, content, words):
    path = write(tmp_path / name, content)
    failure = only_failure([path])
    assert failure.source == str(path)
    assert words in failure.message


def test_items_over_the_cap_are_reported_not_read():
    items = b"".join(
        b"<item><title>t%d</title><description>Body %d.</description></item>" % (n, n)
        for n in range(5)
    )
    feed = b"<rss version='2.0'><channel><title>Many</title>" + items + b"</channel></rss>"
    results = list(parse_feed("many.rss", feed, max_items=3))
    assert [r.text for r in results if isinstance(r, RawArticle)] == [
        "Body 0.",
        "Body 1.",
        "Body 2.",
    ]
    [failure] = [r for r in results if isinstance(r, Failure)]
    assert failure.message == (
        "many.rss: feed has 5 items; only the first 3 were read (raise ingest.max_feed_items to "
        "read more)"
    )
