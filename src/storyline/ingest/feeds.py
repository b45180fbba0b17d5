"""RSS and Atom feeds -> one RawArticle per item, through feedparser.

A feed item often carries only a summary; that is still the text the outlet published, so it
is ingested as is (clean/ and the story clusterer decide what it is worth).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

import feedparser

from storyline.errors import EmptyInputError, MalformedInputError
from storyline.ingest.html import fragment_to_text
from storyline.ingest.metadata import clean_metadata, clean_string
from storyline.models import Failure, RawArticle

# A feed with more items than this is almost certainly not a news feed (or is hostile); the
# rest are reported, not silently dropped. The setting ingest.max_feed_items overrides it.
MAX_FEED_ITEMS = 10_000
# Where an item starts (RSS <item>, Atom <entry>, also with a namespace prefix).
_ITEM_START = re.compile(rb"<(?:[A-Za-z][\w.-]*:)?(?:item|entry)[\s>/]")
# What closes a feed cut before an item, by its root element (RSS 2.0 by default).
_CLOSERS = ((re.compile(rb"<(?:[\w.-]+:)?RDF[\s>]"), b"</rdf:RDF>"),
            (re.compile(rb"<(?:[\w.-]+:)?feed[\s>]"), b"</feed>"))

# RSS <author> is "email (Name)" by spec; feedparser's own split of it is unreliable.
_EMAIL_NAME = re.compile(r"^\s*\S+@\S+\s*\((?P<name>[^)]+)\)\s*$")
_NAME_EMAIL = re.compile(r"^\s*(?P<name>[^<]+?)\s*<\S+@\S+>\s*$")


def parse_feed(
    source: str, data: bytes, max_items: int = MAX_FEED_ITEMS
) -> Iterator[RawArticle | Failure]:
    """Yield the items of the RSS/Atom feed in ``data``; each item's source is ``source#n``.

    Raises MalformedInputError when ``data`` is not a feed or is a broken one with no items.
    """
    if not data.strip():
        raise EmptyInputError(source, "is empty; there is no feed to read")
    data, total = _cut_items(data, max_items)
    parsed = parse_feed_bytes(data)
    if not parsed.entries:
        problem = "is not an RSS or Atom feed" if not parsed.version else "is a feed with no items"
        detail = f" ({parsed.bozo_exception})" if parsed.get("bozo") else ""
        raise MalformedInputError(
            source, f"{problem}{detail}; pass an RSS 2.0, RSS 1.0 or Atom feed"
        )
    feed_info = _feed_metadata(parsed)
    for number, entry in enumerate(parsed.entries[:max_items], start=1):
        yield _entry_to_article(f"{source}#{number}", entry, feed_info)
    total = max(total, len(parsed.entries))
    if total > max_items:
        yield Failure(
            source,
            f"{source}: feed has {total:,} items; only the first {max_items:,} were read (raise "
            "ingest.max_feed_items to read more)",
        )


def _cut_items(data: bytes, max_items: int) -> tuple[bytes, int]:
    """The feed cut before its item ``max_items + 1`` (and closed again), and its item count.

    feedparser takes about a millisecond per item, so a hostile 100,000-item feed would hold a
    run for minutes; cut, it costs the time of the items that are read.
    """
    starts = [match.start() for match in _ITEM_START.finditer(data)]
    if len(starts) <= max_items:
        return data, len(starts)
    head = data[: starts[0]]
    closer = next((end for root, end in _CLOSERS if root.search(head)), b"</channel></rss>")
    return data[: starts[max_items]] + closer, len(starts)


def parse_feed_bytes(data: bytes) -> Any:
    """Parse feed bytes. Never hand feedparser a str: it would treat it as a URL or file name."""
    return feedparser.parse(bytes(data))


def _feed_metadata(parsed: Any) -> dict[str, object]:
    version = parsed.version or ""
    return {
        "outlet": parsed.feed.get("title"),
        "language": parsed.feed.get("language"),
        "format": "atom" if version.startswith("atom") else "rss",
        "is_atom": version.startswith("atom"),
    }


def _entry_to_article(
    source: str, entry: Mapping[str, Any], feed_info: Mapping[str, object]
) -> RawArticle | Failure:
    text = _entry_text(entry)
    if not text:
        return Failure(source, f"{source}: feed item has no text (no content or summary)")
    metadata = clean_metadata(
        {
            "title": entry.get("title"),
            "url": entry.get("link"),
            "published": _entry_published(entry, bool(feed_info["is_atom"])),
            "outlet": feed_info["outlet"],
            "authors": _entry_authors(entry, bool(feed_info["is_atom"])),
            "language": entry.get("language") or feed_info["language"],
        }
    )
    metadata["format"] = feed_info["format"]
    return RawArticle(source=source, text=text, metadata=metadata, kind="extracted")


def _entry_text(entry: Mapping[str, Any]) -> str:
    """The fullest body the item has: its longest content, else its summary, as plain lines."""
    candidates = list(entry.get("content") or [])
    if entry.get("summary_detail"):
        candidates.append(entry["summary_detail"])
    elif entry.get("summary"):
        candidates.append({"type": "text/html", "value": entry["summary"]})
    texts = [_detail_text(detail) for detail in candidates]
    return max(texts, key=len, default="")


def _detail_text(detail: Mapping[str, Any]) -> str:
    value = detail.get("value") or ""
    if detail.get("type") == "text/plain":
        return value.strip()
    return fragment_to_text(value)


def _entry_published(entry: Mapping[str, Any], is_atom: bool) -> str | None:
    # feedparser files RSS's <dc:date> (the item's date in RSS 1.0) under "updated"; in Atom,
    # "updated" is the last edit, not the publication, so it is not used there.
    return entry.get("published") or (None if is_atom else entry.get("updated"))


def _entry_authors(entry: Mapping[str, Any], is_atom: bool) -> list[str]:
    if is_atom:
        raw = [author.get("name") for author in entry.get("authors") or []]
    else:
        raw = [entry.get("author")]
    names: list[str] = []
    for value in raw:
        name = clean_string(value)
        if name is None:
            continue
        match = _EMAIL_NAME.match(name) or _NAME_EMAIL.match(name)
        names.append(match["name"] if match else name)
    return names
