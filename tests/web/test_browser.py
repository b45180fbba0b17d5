"""The web UI in a real browser: Debian's chromium driven by Playwright, against uvicorn serving
real SQLite stores on a free loopback port. One browser for the whole module.

Screenshots of every page land in ``test-output/screenshots/`` (gitignored), so a person can
look at what the pages show.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import pytest

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip("Debian chromium is not installed (scripts/system-deps.sh installs it)",
                allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")
uvicorn = pytest.importorskip("uvicorn")

from storyline.api.app import create_app  # noqa: E402
from storyline.query.facts import timeline  # noqa: E402
from storyline.query.stories import list_stories  # noqa: E402
from storyline.store import open_store  # noqa: E402
from tests.web.conftest import HOSTILE_WORD  # noqa: E402

pytestmark = pytest.mark.timeout(300)

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-output" / "screenshots"
VIEWPORT = {"width": 1280, "height": 900}
MAX_SHOT_HEIGHT = 3000  # the top of a long page is enough to see it, and much quicker to take
# What a payload would have left in the DOM had it become markup: script elements (ours is the
# one /static/storyline.js), images, on* attributes, javascript: links.
SURVIVORS = """() => ({
  scripts: document.scripts.length,
  images: document.images.length,
  handlers: [...document.querySelectorAll("*")].filter(
      el => [...el.attributes].some(a => a.name.toLowerCase().startsWith("on"))).length,
  js_links: [...document.querySelectorAll("a[href]")].filter(
      a => a.getAttribute("href").trim().toLowerCase().startsWith("javascript:")).length,
})"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def serving(db: str) -> Iterator[str]:
    """uvicorn in a background thread on a free 127.0.0.1 port; stopped on leaving."""
    port = _free_port()
    config = uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "uvicorn did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def demo_site(demo_db: str) -> Iterator[str]:
    with serving(demo_db) as url:
        yield url


@pytest.fixture(scope="module")
def hostile_site(hostile_db: str) -> Iterator[str]:
    with serving(hostile_db) as url:
        yield url


class Watched:
    """A page with its console errors, uncaught exceptions and dialogs recorded."""

    def __init__(self, browser) -> None:
        self.page = browser.new_page(viewport=VIEWPORT)
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", self._dialog)

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def shot(self, name: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        target = SCREENSHOTS / f"{name}.png"
        height = min(self.page.evaluate("document.documentElement.scrollHeight"), MAX_SHOT_HEIGHT)
        self.page.screenshot(path=str(target), full_page=True,
                             clip={"x": 0, "y": 0, "width": VIEWPORT["width"], "height": height})
        return target


@pytest.fixture
def watched(browser) -> Iterator[Watched]:
    page = Watched(browser)
    yield page
    page.page.close()


def _path(route: str, key: str) -> str:
    return f"/{route}/{quote(key, safe='')}"


def _demo_pages(db: str) -> list[tuple[str, str]]:
    """(screenshot name, path) for one of each page, ids read from the store."""
    with open_store(db) as store:
        found = timeline(store)
        events = found["dated"] + found["undated"]
        event = max(events, key=lambda e: len(e["evidence"]))
        entity = max(store.entities(), key=lambda e: e.mentions).entity
        story = max(list_stories(store), key=lambda s: len(s["articles"]))
        article = max(store.articles(), key=lambda a: len(a.removed))
    return [
        ("timeline", "/timeline"), ("event", _path("events", event["id"])),
        ("entities", "/entities"), ("entity", _path("entities", entity.id)),
        ("claims", "/claims"), ("stories", "/stories"), ("story", _path("stories", story["id"])),
        ("articles", "/articles"), ("article", _path("articles", article.id)),
        ("search", "/search?q=canal"), ("search-bad-syntax", "/search?q=%22unclosed%20AND"),
        ("not-found", "/articles/0000000000000000"),
    ]


def test_every_page_loads_without_console_errors(demo_db, demo_site, watched) -> None:
    for name, path in _demo_pages(demo_db):
        response = watched.page.goto(demo_site + path)
        assert response.status == (404 if name == "not-found" else 200), path
        watched.page.wait_for_load_state("load")
        watched.shot(name)
        expected = ["404"] if name == "not-found" else []
        assert [e for e in watched.errors if not any(x in e for x in expected)] == [], path
        watched.errors.clear()


def test_timeline_filter_event_evidence_lands_on_the_highlighted_sentence(demo_db, demo_site, watched) -> None:
    page = watched.page
    with open_store(demo_db) as store:
        events = timeline(store)
    everything = events["dated"] + events["undated"]
    actors = [a["entity"] for e in everything for a in e["actors"] if a["entity"]]
    entity = max(sorted(set(actors)), key=actors.count)
    expected = sum(1 for e in everything if entity in {a["entity"] for a in e["actors"]})

    page.goto(demo_site + "/timeline")
    page.select_option("select[name=entity]", entity)  # our JS submits the form on change
    page.wait_for_url(f"**/timeline?*entity={entity}*")
    assert page.locator("li.event").count() == expected
    watched.shot("timeline-filtered")

    page.locator("li.event a.event-link").first.click()
    page.wait_for_url("**/events/*")
    trigger = page.locator(".report .trigger").first.inner_text()
    sentence = page.locator(".report .sentence").first.inner_text()
    watched.shot("event-reports")

    page.locator("a.to-article").first.click()
    page.wait_for_url("**/articles/*?hl=*#hl")
    mark = page.locator("mark#hl")
    sync_api.expect(mark).to_be_visible()
    sync_api.expect(mark).to_be_in_viewport()
    assert " ".join(mark.inner_text().split()) == " ".join(sentence.split())
    assert trigger in mark.inner_text()
    watched.shot("article-highlighted-evidence")
    assert watched.errors == []


def test_hostile_articles_run_nothing_in_the_browser(hostile_db, hostile_site, watched) -> None:
    page = watched.page
    with open_store(hostile_db) as store:
        articles = [a.id for a in store.articles()]
        found = timeline(store)
        events = [e["id"] for e in found["dated"] + found["undated"]]
    paths = [_path("articles", a) for a in articles] + [_path("events", e) for e in events]
    paths += ["/timeline", "/articles", "/entities", "/claims", "/stories",
              f"/search?q={HOSTILE_WORD}", "/search?q=script"]
    for number, path in enumerate(paths):
        page.goto(hostile_site + path)
        page.wait_for_load_state("load")
        assert page.evaluate("typeof window.__pwned") == "undefined", path
        assert page.evaluate(SURVIVORS) == {"scripts": 1, "images": 0, "handlers": 0, "js_links": 0}, path
        if number < len(articles):
            sync_api.expect(page.locator(".article-text")).to_contain_text("<script>")
            watched.shot(f"hostile-article-{number + 1}")
    watched.shot("hostile-search")
    page.goto(hostile_site + "/timeline")
    watched.shot("hostile-timeline")
    assert watched.dialogs == []
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert watched.errors == []
