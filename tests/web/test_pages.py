"""Every web page through FastAPI's in-process client, against real SQLite stores built by the
pipeline (the demo corpus, an empty store, and a store of hostile articles)."""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from storyline.api.app import create_app
from storyline.query.facts import timeline
from storyline.query.stories import list_stories
from storyline.store import open_store
from tests.web.conftest import HOSTILE_WORD

PAGES = ["/", "/timeline", "/entities", "/claims", "/stories", "/articles", "/search", "/search?q=canal"]


@pytest.fixture(scope="module")
def client(demo_db: str) -> TestClient:
    return TestClient(create_app(demo_db))


@pytest.fixture(scope="module")
def demo(demo_db: str) -> dict:
    """Ids the tests follow, read from the store (never hard-coded)."""
    with open_store(demo_db) as store:
        found = timeline(store)
        top = max(store.entities(), key=lambda e: e.mentions)
        return {"events": found["dated"] + found["undated"], "dated": found["dated"],
                "entity": top, "stories": list_stories(store), "articles": store.articles()}


def path(route: str, key: str) -> str:
    return f"/{route}/{quote(key, safe='')}"


@pytest.mark.parametrize("url, text", [
    ("/", "Timeline"), ("/timeline", "Dated events"), ("/entities", "every spelling"),
    ("/claims", "Each chart shows"), ("/stories", "storyline"), ("/articles", "14 articles"),
    ("/search?q=canal", "match <strong>canal</strong>"), ("/search", "Full-text search"),
])
def test_page_answers_with_its_content(client: TestClient, url: str, text: str) -> None:
    response = client.get(url)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert text in response.text
    assert '<nav aria-label="Sections">' in response.text


@pytest.mark.parametrize("url", PAGES)
def test_pages_carry_a_content_security_policy(client: TestClient, url: str) -> None:
    headers = client.get(url).headers
    assert "default-src 'self'" in headers["content-security-policy"]
    assert "script-src 'self'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("url", ["/static/storyline.css", "/static/storyline.js", "/static/favicon.svg"])
def test_static_files_are_served_from_the_package(client: TestClient, url: str) -> None:
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("url", ["/articles/0000000000000000", "/events/no-such-event",
                                 "/entities/no-such-entity", "/stories/no-such-story"])
def test_missing_ids_get_the_not_found_page(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 404
    assert "<h1>Not found</h1>" in response.text
    assert "Traceback" not in response.text


def test_event_page_shows_each_report_and_links_to_the_highlighted_sentence(client, demo) -> None:
    event = max(demo["events"], key=lambda e: len(e["evidence"]))
    page = client.get(path("events", event["id"])).text
    assert event["type"] in page and event["modality"] in page
    links = re.findall(r'href="(/articles/[^"?]+\?hl=(\d+)-(\d+)#hl)"', page)
    assert len(links) == len(event["evidence"])
    shown_text = html.unescape(re.sub(r"<[^>]+>", "", page))
    for evidence in event["evidence"]:
        assert evidence["sentence"] in shown_text
    for link, start, end in links:
        article_page = client.get(html.unescape(link)).text
        marked = re.search(r'<mark class="hl" id="hl">(.*?)</mark>', article_page, re.S)
        assert marked, link
        shown = html.unescape(re.sub(r"<[^>]+>", "", marked[1]))
        assert any(shown in e["sentence"] or e["sentence"] in shown for e in event["evidence"])


@pytest.mark.parametrize("field", ["entity", "type", "outlet"])
def test_timeline_filters_narrow_the_events(client, demo, field: str) -> None:
    everything = client.get("/timeline").text
    if field == "entity":
        value = next(a["entity"] for e in demo["events"] for a in e["actors"] if a["entity"])
    elif field == "type":
        value = demo["events"][0]["type"]
    else:
        value = next(a.outlet for a in demo["articles"] if a.outlet)
    filtered = client.get("/timeline", params={field: value}).text
    count = lambda page: page.count('<li class="event">')  # noqa: E731
    assert 0 < count(filtered) < count(everything)
    assert "Clear filters" in filtered


def test_timeline_filter_by_entity_keeps_only_its_events(client, demo) -> None:
    entity = next(a["entity"] for e in demo["events"] for a in e["actors"] if a["entity"])
    page = client.get("/timeline", params={"entity": entity}).text
    expected = [e for e in demo["events"] if entity in {a["entity"] for a in e["actors"]}]
    assert page.count('<li class="event">') == len(expected)


@pytest.mark.parametrize("params, problem", [
    ({"date_from": "yesterday"}, "Ignored 'yesterday'"), ({"date_to": "2021-13"}, "Ignored '2021-13'"),
    ({"date_from": "2021-04"}, None), ({"date_from": "2021", "date_to": "2021-12-31"}, None),
])
def test_timeline_says_which_dates_it_could_not_read(client, params, problem) -> None:
    response = client.get("/timeline", params=params)
    assert response.status_code == 200
    assert (problem in html.unescape(response.text)) if problem else ('class="problem"' not in response.text)


@pytest.mark.parametrize("number", ["abc", "-3", "0", "99999", ""])
def test_any_articles_page_number_shows_a_page(client, number: str) -> None:
    response = client.get("/articles", params={"page": number})
    assert response.status_code == 200 and '<table class="grid">' in response.text


def test_timeline_draws_the_dated_events(client, demo) -> None:
    page = client.get("/timeline").text
    assert page.count('<circle class="dot') == len(demo["dated"])
    assert "Without a date" in page


def test_entity_page_has_aliases_roles_events_and_mentions(client, demo) -> None:
    entity = demo["entity"].entity
    page = client.get(path("entities", entity.id)).text
    assert html.escape(entity.name) in page
    for alias in entity.aliases:
        assert html.escape(alias, quote=True) in page
    for heading in ("Also written as", "Roles over time", "Events", "Quotes", "Mentions"):
        assert f"<h2>{heading}</h2>" in page
    assert page.count("?hl=") >= demo["entity"].mentions


def test_story_page_shows_outlets_side_by_side(client, demo) -> None:
    story = max(demo["stories"], key=lambda s: len(s["articles"]))
    page = client.get(path("stories", story["id"])).text
    assert "independent report" in page and "Framing side by side" in page
    assert '<table class="grid framing">' in page
    assert page.count('<span class="term">') > 3


def test_claims_page_draws_a_chart_and_a_table(client) -> None:
    page = client.get("/claims").text
    assert "<svg" in page and '<table class="grid claims">' in page


def test_article_page_shows_metadata_origin_and_removed_lines(client, demo) -> None:
    article = next(a for a in demo["articles"] if a.removed and a.published)
    page = client.get(path("articles", article.id)).text
    assert "from metadata" in page
    assert '<details class="removed">' in page
    for line in article.removed:
        assert html.escape(line.text, quote=True) in page


def test_article_text_survives_highlighting_unchanged(client, demo) -> None:
    for article in demo["articles"]:
        page = client.get(path("articles", article.id)).text
        body = re.search(r'<div class="text">(.*?)</div>\n', page, re.S)[1]
        assert html.unescape(re.sub(r"<[^>]+>", "", body)) == article.text


@pytest.mark.parametrize("hl", ["", "abc", "10-5", "-1-3", "999999-9999999", "5-5"])
def test_a_bad_highlight_parameter_is_ignored(client, demo, hl: str) -> None:
    response = client.get(path("articles", demo["articles"][0].id), params={"hl": hl})
    assert response.status_code == 200
    assert 'id="hl"' not in response.text


@pytest.mark.parametrize("q", ['"unclosed', "AND", "a OR", "*", "NEAR(", "col:umn", "'; DROP TABLE articles; --"])
def test_search_syntax_errors_never_fail(client, q: str) -> None:
    response = client.get("/search", params={"q": q})
    assert response.status_code == 200
    assert "Traceback" not in response.text


def test_empty_store_pages_say_there_is_nothing_yet(tmp_path: Path) -> None:
    empty = str(tmp_path / "empty.db")
    open_store(empty).close()
    client = TestClient(create_app(empty))
    expected = {"/timeline": "No events have been extracted yet", "/entities": "No entities yet",
                "/claims": "No figures have been extracted yet", "/stories": "No stories yet",
                "/articles": "No articles yet", "/search?q=anything": "No article matches"}
    for url, text in expected.items():
        response = client.get(url)
        assert response.status_code == 200, url
        assert text in response.text, url


# -- hostile articles: everything escaped, nothing of theirs becomes markup -----------------

RAW = ("<script>window", "<img src=x", "<svg onload", 'href="javascript:', "onerror=\"window",
       "onclick=\"window")


@pytest.fixture(scope="module")
def hostile(hostile_db: str) -> tuple[TestClient, list[str]]:
    with open_store(hostile_db) as store:
        found = timeline(store)
        urls = [path("articles", a.id) for a in store.articles()]
        urls += [path("events", e["id"]) for e in found["dated"] + found["undated"]]
        urls += [path("entities", e.entity.id) for e in store.entities()]
        urls += [path("stories", s["id"]) for s in list_stories(store)]
    urls += ["/timeline", "/entities", "/claims", "/stories", "/articles", f"/search?q={HOSTILE_WORD}",
             "/search?q=script"]
    return TestClient(create_app(hostile_db)), urls


def test_hostile_content_is_escaped_on_every_page(hostile) -> None:
    client, urls = hostile
    for url in urls:
        page = client.get(url).text
        for raw in RAW:
            assert raw not in page, (url, raw)
        assert page.count("<script") == 1, url  # ours: <script src="/static/storyline.js">
        assert not re.search(r"href=\"(?!/|#)", page), url  # links only to our own routes


def test_hostile_article_shows_its_payload_as_text(hostile) -> None:
    client, urls = hostile
    pages = [client.get(u).text for u in urls if u.startswith("/articles/")]
    assert any("&lt;script&gt;window.__pwned" in p for p in pages)
    assert any("javascript:window.__pwned = &#39;url&#39;" in p for p in pages)  # the url, as text


def test_other_spellings_never_repeat_the_name_with_the_or_s(client, demo_db: str) -> None:
    """The entity list shows what the CLI shows: "the X's" is no other spelling of "X"."""
    import re

    from storyline.lexicon import name_key

    with open_store(demo_db) as store:
        entities = [s.entity for s in store.entities()]
    assert any(a != e.name and name_key(a) == name_key(e.name) for e in entities for a in e.aliases)
    page = client.get("/entities").text
    for entity in entities:
        row = re.search(rf'{re.escape(quote(entity.id, safe=""))}">.*?<td class="muted">(.*?)</td>',
                        page, re.DOTALL)
        listed = html.unescape(row.group(1)).split("; ") if row and row.group(1) else []
        assert name_key(entity.name) not in {name_key(a) for a in listed}, (entity.name, listed)
