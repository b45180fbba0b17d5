"""Stores the web tests read: the bundled demo corpus, and a store of hostile articles.

Both are built once per session by the real pipeline into real SQLite files. The hostile
articles carry script tags, event-handler attributes and ``javascript:`` links in every field
a page shows (title, outlet, authors, url, body), as plain text, as escaped HTML and as records.
Every payload sets ``window.__pwned`` or opens a dialog, so a browser test can tell if one ran.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest

from storyline.config import load_settings
from storyline.store import open_store

SCRIPT = "<script>window.__pwned = 'script'; alert('script')</script>"
IMG = "<img src=x onerror=\"window.__pwned = 'onerror'; alert('img')\">"
LINK = "<a href=\"javascript:window.__pwned = 'link'\" onclick=\"window.__pwned = 'onclick'\">click me</a>"
SVG = "<svg onload=\"window.__pwned = 'svg'\"></svg>"
PAYLOADS = (SCRIPT, IMG, LINK, SVG)
HOSTILE_WORD = "Quarrelvale"  # an invented place every hostile article names, to search for

HOSTILE_TEXT = f"""Ministers meet in {HOSTILE_WORD} {SCRIPT} after port dispute

The harbour minister Dana Kovac met union leaders in {HOSTILE_WORD} on 4 March 2024 {SCRIPT}, \
officials said. Kovac said "{IMG} we agreed to reopen the port" after the talks.

The port authority said 40 ships were held outside {HOSTILE_WORD} {LINK} on Monday. {SVG}

Read more: javascript:alert('text-link') and <b onclick="window.__pwned = 'bold'">bold words</b>.
"""

HOSTILE_HTML = f"""<!doctype html><html><head><title>Port talks end in {HOSTILE_WORD} &lt;script&gt;alert(1)&lt;/script&gt;</title>
<script>window.__pwned = 'html-head'</script></head>
<body><article><h1>Port talks end in {HOSTILE_WORD}</h1>
<p>The union leader Mara Voss praised the agreement in {HOSTILE_WORD} on 5 March 2024, \
her office said. &lt;script&gt;window.__pwned = 'escaped'; alert('escaped')&lt;/script&gt;</p>
<p>Voss said &lt;img src=x onerror="window.__pwned = 'escaped-img'"&gt; the strike was over.
<a href="javascript:window.__pwned = 'html-link'">Read the statement</a>
<img src="x" onerror="window.__pwned = 'html-img'"></p>
</article></body></html>
"""

HOSTILE_RECORD = {
    "title": f"{IMG} Harbour strike ends in {HOSTILE_WORD}",
    "text": (f"Dockworkers in {HOSTILE_WORD} returned to work on 6 March 2024 after the union "
             f"accepted the offer, the harbour minister Dana Kovac said. {SCRIPT} {LINK}"),
    "outlet": f"The {SCRIPT} Gazette",
    "authors": [IMG],
    "url": "javascript:window.__pwned = 'url'",
    "published": "2024-03-06",
}


def _ingest(target: Path, sources: list[str], manifest: Path | None = None) -> str:
    from storyline import pipeline

    settings = load_settings().with_overrides({"store.db": str(target)})
    with open_store(str(target)) as store:
        report = pipeline.ingest(sources, store, settings, manifest=manifest)
    assert report.ingested, f"nothing ingested from {sources}: {report.failures}"
    return str(target)


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> str:
    corpus = resources.files("storyline") / "demo"
    target = tmp_path_factory.mktemp("web-demo") / "demo.db"
    with resources.as_file(corpus) as folder:
        return _ingest(target, [str(folder / "articles")], manifest=folder / "manifest.jsonl")


@pytest.fixture(scope="session")
def hostile_db(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("web-hostile")
    inputs = folder / "inputs"
    inputs.mkdir()
    (inputs / "talks.txt").write_text(HOSTILE_TEXT, encoding="utf-8")
    (inputs / "statement.html").write_text(HOSTILE_HTML, encoding="utf-8")
    (inputs / "records.jsonl").write_text(json.dumps(HOSTILE_RECORD) + "\n", encoding="utf-8")
    manifest = folder / "manifest.jsonl"
    manifest.write_text(json.dumps({"path": "inputs/talks.txt", "outlet": f"Harbour {SCRIPT} Times",
                                    "authors": [LINK], "published": "2024-03-04"}) + "\n")
    return _ingest(folder / "hostile.db", [str(inputs)], manifest=manifest)
