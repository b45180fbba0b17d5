"""HTML pages -> main text and stated metadata, through trafilatura.

A news page is mostly navigation, ads and related links; trafilatura finds the article body
and reads the page's metadata (meta tags, JSON-LD, canonical link). Dates are taken only from
that markup or the URL (``extensive_search`` off): a date read from the body text is clean/'s
job, with its own provenance.
"""

from __future__ import annotations

import re
from datetime import datetime

import lxml.etree
import lxml.html
from trafilatura import bare_extraction
from trafilatura.settings import Document

from storyline.errors import MalformedInputError
from storyline.ingest.metadata import clean_metadata, clean_string, normalize_language
from storyline.models import RawArticle

_HTML_START = re.compile(
    r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*"  # an XML declaration and comments may come first
    r"<(?:!doctype\s+html|html|head|body|article|div|p)[\s>/]",
    re.IGNORECASE | re.DOTALL,
)
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)
_HTML_LANG = re.compile(
    r"""<html[^>]*?\slang\s*=\s*["']?([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)*)""", re.IGNORECASE
)
# Elements after which a line break belongs, so paragraphs stay separate lines.
_BLOCKS = frozenset(
    {"p", "div", "br", "hr", "li", "ul", "ol", "dd", "dt", "blockquote", "pre", "table", "tr"}
    | {"h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "header", "footer", "figcaption"}
)
_DROPPED = ("script", "style", "noscript", "iframe", "object", "embed", "template", "svg")


def looks_like_html(text: str) -> bool:
    """True if ``text`` opens like an HTML document or fragment (for stdin and untyped URLs)."""
    return bool(_HTML_START.match(text[:4096]))


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in ``<meta charset>`` near its start, if any."""
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii") if match else None


def parse_html(source: str, html: str, url: str | None = None) -> RawArticle:
    """Extract the article in ``html``; ``url`` (a fetched page's address) resolves relative links.

    Raises MalformedInputError when no article text is found (an empty page, a script-only page,
    something that isn't HTML).
    """
    document = _extract(source, html, url)
    metadata = clean_metadata(
        {
            "title": document.title,
            "url": document.url or url,
            "published": document.date,
            "outlet": document.sitename,
            "authors": document.author,  # trafilatura joins several with "; "
            "language": _html_language(html),
        }
    )
    metadata["format"] = "html"
    text = _drop_title_line(document.text, metadata.get("title"))
    return RawArticle(source=source, text=text, metadata=metadata)


def _extract(source: str, html: str, url: str | None) -> Document:
    """Run trafilatura; a result without text is a MalformedInputError."""
    try:
        document = bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            date_extraction_params={
                "original_date": True,
                "extensive_search": False,  # markup and URL only; body dates are clean/'s job
                "max_date": datetime.now().astimezone().strftime("%Y-%m-%d"),
            },
        )
    except (lxml.etree.LxmlError, ValueError) as exc:  # trafilatura lets some parser errors through
        raise MalformedInputError(source, f"no article text found in the HTML ({exc})") from exc
    if document is None or not (document.text or "").strip():
        raise MalformedInputError(
            source, "no article text found in the HTML; is it an article page?"
        )
    return document


def _html_language(html: str) -> str | None:
    match = _HTML_LANG.search(html[:8192])
    return normalize_language(match.group(1)) if match else None


def _drop_title_line(text: str, title: object) -> str:
    """Remove the headline trafilatura keeps as the first line: the title is in metadata already."""
    first, _, rest = text.strip().partition("\n")
    if isinstance(title, str) and rest.strip() and clean_string(first) == title:
        return rest.strip()
    return text.strip()


def fragment_to_text(fragment: str) -> str:
    """Turn an HTML fragment (a feed item's content) into text with one paragraph per line."""
    if not fragment.strip():
        return ""
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (lxml.etree.LxmlError, ValueError):
        return " ".join(fragment.split())  # unparseable markup: keep its words rather than nothing
    for element in list(root.iter(*_DROPPED)):
        element.drop_tree()
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.lower() in _BLOCKS:
            # break before and after, so "<div>Intro<p>Body</p></div>" gives two lines
            element.text = "\n" + (element.text or "")
            element.tail = "\n" + (element.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().split("\n"))
    return "\n".join(line for line in lines if line)
