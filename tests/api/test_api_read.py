"""The read-only JSON API over the demo store: every endpoint, filters, pages and errors."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

LISTS = [("/api/articles", {}), ("/api/entities", {}), ("/api/events", {}), ("/api/claims", {}),
         ("/api/quotes", {}), ("/api/stories", {}), ("/api/copies", {}), ("/api/search", {"q": "canal"})]


@pytest.mark.parametrize("path, query", LISTS)
def test_every_list_is_a_page_with_a_total(client: TestClient, path: str, query: dict) -> None:
    body = client.get(path, params=query).json()
    assert {"total", "limit", "offset", "items"} <= body.keys()
    assert body["total"] >= len(body["items"]) >= 1


@pytest.mark.parametrize("path, query", LISTS)
@pytest.mark.parametrize("limit, offset", [(2, 0), (2, 1), (1, 3)])
def test_pages_are_slices_of_the_whole_list(client: TestClient, path: str, query: dict, limit: int,
                                            offset: int) -> None:
    whole = client.get(path, params={**query, "limit": 500}).json()
    part = client.get(path, params={**query, "limit": limit, "offset": offset}).json()
    assert part["total"] == whole["total"]
    assert part["items"] == whole["items"][offset:offset + limit]


def test_articles_carry_removed_lines_and_provenance(client: TestClient) -> None:
    listed = client.get("/api/articles", params={"limit": 500}).json()
    assert listed["total"] == len(listed["items"]) >= 10
    cleaned = next(a for a in listed["items"] if a["removed"])
    article = client.get(f"/api/articles/{cleaned['id']}").json()
    assert article["removed"] == cleaned["removed"] and {"text", "reason"} <= article["removed"][0].keys()
    assert article["provenance"].get("published") in ("metadata", "text", "inferred")
    for mention in article["mentions"]:
        assert article["text"][mention["start"]:mention["end"]] == mention["text"]
    assert article["sentences"] and "timexes" in article


def test_entity_has_aliases_roles_and_mentions_in_sentences(client: TestClient) -> None:
    [person] = client.get("/api/entities", params={"type": "person", "limit": 1}).json()["items"]
    entity = client.get(f"/api/entities/{person['id']}", params={"limit": 3}).json()
    assert entity["name"] == person["name"] and entity["aliases"] == person["aliases"]
    assert entity["mentions"]["total"] == person["mentions"] and len(entity["mentions"]["items"]) <= 3
    assert "roles" in entity
    for mention in entity["mentions"]["items"]:
        assert mention["text"] in mention["sentence"]


@pytest.mark.parametrize("by", ["name", "alias"])
def test_entities_by_name_or_alias(client: TestClient, by: str) -> None:
    [top] = client.get("/api/entities", params={"limit": 1}).json()["items"]
    wanted = top["name"] if by == "name" else top["aliases"][-1]
    found = client.get("/api/entities", params={"name": wanted}).json()["items"]
    assert top["id"] in {e["id"] for e in found}


def test_timeline_is_dated_in_order_with_undated_apart(client: TestClient) -> None:
    body = client.get("/api/timeline", params={"limit": 500}).json()
    dates = [e["date"] for e in body["items"]]
    assert dates and None not in dates and dates == sorted(dates)
    assert body["undated_total"] == len(body["undated"]) and all(e["date"] is None for e in body["undated"])
    for event in body["items"]:
        assert event["evidence"] and all(r["sentence"] for r in event["evidence"])
    everything = client.get("/api/events", params={"limit": 500}).json()
    assert everything["total"] == body["total"] + body["undated_total"]
    assert client.get("/api/events", params={"dated": "false"}).json()["total"] == body["undated_total"]


def _all_events(client: TestClient, **params) -> list[dict]:
    return client.get("/api/events", params={"limit": 500, **params}).json()["items"]


@pytest.mark.parametrize("field", ["type", "entity", "outlet", "from", "to"])
def test_event_filters_keep_exactly_the_matching_events(client: TestClient, field: str) -> None:
    events = _all_events(client)
    outlets = {a["id"]: a["outlet"] for a in client.get("/api/articles", params={"limit": 500}).json()["items"]}
    dated = sorted(e["date"] for e in events if e["date"])
    with_actor = next(e for e in events if any(a["entity"] for a in e["actors"]))
    value, keep = {
        "type": (events[0]["type"], lambda e, v: e["type"] == v),
        "entity": (next(a["entity"] for a in with_actor["actors"] if a["entity"]),
                   lambda e, v: v in {a["entity"] for a in e["actors"]}),
        "outlet": (outlets[events[0]["articles"][0]], lambda e, v: v in {outlets[a] for a in e["articles"]}),
        "from": (dated[len(dated) // 2][:7], lambda e, v: e["date"] is not None and e["date"] >= v),
        "to": (dated[0][:7], lambda e, v: e["date"] is not None and e["date"][:7] <= v),
    }[field]
    filtered = _all_events(client, **{field: value})
    assert filtered and [e["id"] for e in filtered] == [e["id"] for e in events if keep(e, value)]


def test_entity_filter_takes_a_name_too(client: TestClient) -> None:
    actor = next(a for e in _all_events(client) for a in e["actors"] if a["entity"])
    by_id = _all_events(client, entity=actor["entity"])
    assert by_id and _all_events(client, entity=client.get(f"/api/entities/{actor['entity']}").json()["name"]) == by_id


def test_quotes_by_speaker(client: TestClient) -> None:
    quotes = client.get("/api/quotes", params={"limit": 500}).json()["items"]
    speaker = next(q["speaker"] for q in quotes if q["speaker"]["entity"])
    found = client.get("/api/quotes", params={"speaker": speaker["name"], "limit": 500}).json()
    assert found["total"] == sum(q["speaker"]["entity"] == speaker["entity"] for q in quotes)
    assert {q["speaker"]["entity"] for q in found["items"]} == {speaker["entity"]}


def test_story_copies_and_framing(client: TestClient) -> None:
    [story] = client.get("/api/stories", params={"limit": 1}).json()["items"]
    detail = client.get(f"/api/stories/{story['id']}").json()
    assert detail["articles"] == story["articles"] and detail["outlets"] and detail["article_rows"]
    framing = client.get("/api/framing", params={"story": story["id"]}).json()
    assert framing["story"] == story["id"] and {"table", "side_by_side", "labels", "tone"} <= framing.keys()
    assert client.get("/api/framing").json()["table"]
    assert client.get("/api/stories", params={"level": "event"}).json()["items"][0]["level"] == "event"


def test_search_finds_words_and_marks_them(client: TestClient) -> None:
    body = client.get("/api/search", params={"q": "canal", "limit": 3}).json()
    assert body["items"] and body["total_exact"] is True
    assert all("[" in hit["snippet"] for hit in body["items"])
    assert client.get("/api/search", params={"q": 'stray " quote AND'}).status_code == 200


@pytest.mark.parametrize(
    "path, status, says",
    [
        ("/api/timeline?from=2021-13", 400, "YYYY-MM-DD"),
        ("/api/events?to=yesterday", 400, "YYYY, YYYY-MM or YYYY-MM-DD"),
        ("/api/timeline?from=2021-05&to=2021-04", 400, "from <= to"),
        ("/api/articles?limit=0", 400, "limit"),
        ("/api/articles?limit=100000", 400, "limit"),
        ("/api/articles?offset=-1", 400, "offset"),
        ("/api/articles?limit=many", 400, "'many'"),
        ("/api/stories?level=chapter", 400, "level"),
        ("/api/search", 400, "q"),
        ("/api/articles/0000000000000000", 404, "no article with id 0000000000000000"),
        ("/api/entities/nobody", 404, "no entity with id nobody"),
        ("/api/stories/story-nope", 404, "story-nope"),
        ("/api/framing?story=story-nope", 404, "story-nope"),
        ("/api/events?entity=Nobody%20Atall", 404, "Nobody Atall"),
        ("/api/quotes?speaker=Nobody%20Atall", 404, "Nobody Atall"),
        ("/api/events?outlet=No%20Such%20Paper", 404, "No Such Paper"),
        ("/api/nowhere", 404, "/openapi.json"),
    ],
)
def test_errors_are_json_saying_what_is_allowed(client: TestClient, path: str, status: int, says: str) -> None:
    response = client.get(path)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert body["status"] == status and says in body["error"]


def test_openapi_lists_every_endpoint_and_no_ingest(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/articles", "/api/articles/{article_id}", "/api/entities", "/api/entities/{entity_id}",
            "/api/events", "/api/timeline", "/api/claims", "/api/quotes", "/api/stories",
            "/api/stories/{story_id}", "/api/copies", "/api/framing", "/api/search"} <= paths.keys()
    assert "/api/ingest" not in paths
    assert all(set(methods) == {"get"} for p, methods in paths.items() if p.startswith("/api/"))


@pytest.mark.parametrize("method", ["GET", "OPTIONS"])
def test_no_cors_headers(client: TestClient, method: str) -> None:
    response = client.request(method, "/api/articles", headers={
        "Origin": "https://elsewhere.example", "Access-Control-Request-Method": "GET"})
    assert not [h for h in response.headers if h.lower().startswith("access-control-")]
