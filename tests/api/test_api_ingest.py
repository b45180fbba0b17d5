"""POST /api/ingest: absent unless allowed, guarded by the token, refusing private URLs."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.api.conftest import TOKEN

AUTH = {"Authorization": f"Bearer {TOKEN}"}
ARTICLE = {
    "title": "Lighthouse keepers vote to strike at Greywater Point",
    "text": "Keepers at the Greywater Point lighthouse voted on Tuesday to strike over night-shift pay, "
            "the Coastal Keepers Guild said.\nGuild secretary Ines Varga said the vote was unanimous.",
    "outlet": "Shoreline Courier",
    "published": "2024-02-06",
}


@pytest.mark.parametrize("method", ["POST", "GET"])
def test_ingest_does_not_exist_unless_allowed(client: TestClient, method: str) -> None:
    response = client.request(method, "/api/ingest", json=ARTICLE, headers=AUTH)
    assert response.status_code in (404, 405)
    assert response.json()["status"] == response.status_code


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer wrong-token"}, {"Authorization": f"Basic {TOKEN}"},
     {"Authorization": TOKEN}, {"Authorization": f"Bearer {TOKEN}x"}],
)
def test_ingest_needs_the_token(ingest_client: TestClient, headers: dict) -> None:
    response = ingest_client.post("/api/ingest", json=ARTICLE, headers=headers)
    assert response.status_code == 401
    assert response.json() == {"error": response.json()["error"], "status": 401}
    assert "Bearer" in response.json()["error"] and TOKEN not in response.text
    assert response.headers["www-authenticate"] == "Bearer"


def test_ingest_with_the_token_stores_and_serves_the_article(ingest_client: TestClient) -> None:
    before = ingest_client.get("/api/events", params={"limit": 1}).json()["total"]  # warms the caches
    response = ingest_client.post("/api/ingest", json=ARTICLE, headers=AUTH)
    assert response.status_code == 201, response.text
    [article_id] = response.json()["ingested"]
    article = ingest_client.get(f"/api/articles/{article_id}").json()
    assert article["title"] == ARTICLE["title"] and article["outlet"] == ARTICLE["outlet"]
    assert article["published"] == "2024-02-06" and article["provenance"]["published"] == "metadata"
    assert "Ines Varga" in {m["text"] for m in article["mentions"]}
    hits = ingest_client.get("/api/search", params={"q": "Greywater"}).json()["items"]
    assert [h["article"] for h in hits] == [article_id]
    assert ingest_client.get("/api/events", params={"limit": 1}).json()["total"] >= before
    again = ingest_client.post("/api/ingest", json=ARTICLE, headers=AUTH).json()
    assert again["ingested"] == [] and again["duplicates"] == [article_id]


def test_ingest_takes_html(ingest_client: TestClient) -> None:
    page = ("<html><head><title>Ferry service resumes</title></head><body><article><h1>Ferry service resumes"
            "</h1><p>The Northsound ferry resumed sailings on Friday after a week of repairs, the operator "
            "Kestrel Lines said in a statement to passengers.</p><p>Captain Ola Brenn said the crossing "
            "would run hourly through the weekend.</p></article></body></html>")
    response = ingest_client.post("/api/ingest", json={"html": page, "outlet": "Isle Gazette"}, headers=AUTH)
    assert response.status_code == 201, response.text
    [article_id] = response.json()["ingested"]
    assert ingest_client.get(f"/api/articles/{article_id}").json()["outlet"] == "Isle Gazette"


@pytest.mark.parametrize(
    "url, says",
    [
        ("http://127.0.0.1:8000/api/articles", "loopback"),
        ("http://localhost/", "loopback"),
        ("http://10.1.2.3/story.html", "private"),
        ("http://192.168.0.10/", "private"),
        ("http://169.254.169.254/latest/meta-data/", "metadata"),
        ("http://169.254.10.20/", "link-local"),
        ("http://[::1]/", "loopback"),
        ("http://[::ffff:127.0.0.1]/", "loopback"),
        ("file:///etc/passwd", "scheme"),
        ("ftp://example.org/x", "scheme"),
    ],
)
def test_url_ingest_refuses_private_addresses(ingest_client: TestClient, url: str, says: str) -> None:
    response = ingest_client.post("/api/ingest", json={"url": url}, headers=AUTH)
    assert response.status_code == 400
    assert says in response.json()["error"] and response.json()["status"] == 400
    assert ingest_client.get("/api/articles", params={"limit": 1}).json()["total"] == 14


@pytest.mark.parametrize(
    "body, says",
    [({}, "exactly one of text, html or url"), ({"text": "a", "url": "https://example.org/"}, "exactly one"),
     ({"text": "   "}, "exactly one"), ({"text": 5}, "text")],
)
def test_ingest_body_is_checked(ingest_client: TestClient, body: dict, says: str) -> None:
    response = ingest_client.post("/api/ingest", json=body, headers=AUTH)
    assert response.status_code == 400 and says in response.json()["error"]


def test_ingest_is_in_the_schema_when_allowed(ingest_client: TestClient) -> None:
    assert "post" in ingest_client.get("/openapi.json").json()["paths"]["/api/ingest"]
