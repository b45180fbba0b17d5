"""POST /api/ingest: one article (text, HTML or a URL to fetch) through the normal pipeline.

Mounted only when the server runs with ``--allow-ingest``; every call must carry
``Authorization: Bearer <STORYLINE_TOKEN>``. A URL may not reach the server's own network:
the fetch checks (``storyline.ingest.web``) run first, with private addresses never allowed
here, whatever the settings say. The token is compared in constant time and never logged.
"""

from __future__ import annotations

import hmac
import threading

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, Field, model_validator

from storyline.api.deps import get_store
from storyline.api.responses import plain_json
from storyline.config import load_settings
from storyline.errors import InputError, InputTooLargeError
from storyline.ingest.html import looks_like_html, parse_html
from storyline.ingest.metadata import clean_metadata
from storyline.ingest.web import check_url
from storyline.models import RawArticle
from storyline.store import Store

router = APIRouter(prefix="/api", tags=["ingest"])
_bearer = HTTPBearer(auto_error=False, description="The server's STORYLINE_TOKEN.")
# One ingest at a time per process: the clustering state is read and written whole.
_INGEST_LOCK = threading.Lock()
API_SOURCE = "<api>"


class IngestRequest(BaseModel):
    """Exactly one of ``text``, ``html`` or ``url``; the metadata fields are optional."""

    text: str | None = Field(None, description="Article text; the first line is its title when no title is given.")
    html: str | None = Field(None, description="An article page's HTML.")
    url: str | None = Field(None, description="An http(s) URL to fetch (public addresses only).")
    title: str | None = None
    outlet: str | None = None
    published: str | None = Field(None, description="Publication date, e.g. 2021-03-23.")
    authors: list[str] = Field(default_factory=list)
    language: str | None = None

    @model_validator(mode="after")
    def one_input(self) -> "IngestRequest":
        given = [name for name in ("text", "html", "url") if (getattr(self, name) or "").strip()]
        if len(given) != 1:
            raise ValueError(f"give exactly one of text, html or url (given: {', '.join(given) or 'none'})")
        return self


def require_token(request: Request, credentials: HTTPAuthorizationCredentials | None = Depends(_bearer)) -> None:
    expected = request.app.state.token
    given = credentials.credentials if credentials else ""
    if not expected or not hmac.compare_digest(given.encode(), expected.encode()):
        raise HTTPException(401, "missing or wrong token; send 'Authorization: Bearer <STORYLINE_TOKEN>'",
                            headers={"WWW-Authenticate": "Bearer"})


@router.post("/ingest", status_code=201, dependencies=[Depends(require_token)],
             summary="Ingest one article (text, HTML or URL); needs the bearer token")
@plain_json(status_code=201)
def ingest(body: IngestRequest, request: Request, store: Store = Depends(get_store)) -> dict:
    from storyline import pipeline  # spaCy loads on the first ingest, not at start-up

    # private addresses are never fetched for a served API, whatever the settings file says
    settings = load_settings().with_overrides({"store.db": request.app.state.db, "fetch.allow_private": False})
    sources, raw = ([body.url], []) if body.url else ([], [_raw_article(body, settings.get("ingest.max_bytes"))])
    if body.url:
        check_url(body.url, allow_private=False)  # refuse before anything is fetched
    with _INGEST_LOCK:
        report = pipeline.ingest(sources, store, settings, raw=raw)
    request.app.state.timeline_cache.forget()
    if report.failures and not report.ingested and not report.duplicates:
        raise InputError(body.url or API_SOURCE, "; ".join(f.message for f in report.failures))
    return {"ingested": report.ingested,
            "duplicates": [stored for _source, stored in report.duplicates],
            "not_parsed": [{"article": a, "reason": r} for a, r in report.not_parsed],
            "failures": [f.message for f in report.failures]}


def _raw_article(body: IngestRequest, max_bytes: int) -> RawArticle:
    size = len((body.html or body.text or "").encode("utf-8"))
    if size > max_bytes:
        raise InputTooLargeError(API_SOURCE, f"is {size:,} bytes, over the limit of {max_bytes:,} (ingest.max_bytes)")
    stated = clean_metadata({"title": body.title, "outlet": body.outlet, "published": body.published,
                             "authors": body.authors, "language": body.language})
    source = API_SOURCE
    if body.html or looks_like_html(body.text or ""):
        article = parse_html(source, body.html or body.text)
        article.metadata.update(stated)  # what the caller stated beats what the page says
        return article
    kind = "extracted" if body.title else "txt"  # without a title, the first line may be one
    return RawArticle(source=source, text=body.text, metadata={**stated, "format": "txt"}, kind=kind)
