"""Web pages. Each handler reads through ``storyline.query`` (via the page modules beside this
one) and renders an escaped template; an unknown id gets the 404 page, not a stack trace."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from storyline.api.deps import get_store
from storyline.errors import NotFoundError, StorylineError
from storyline.store import Store
from storyline.web.articles import article_page, parse_hl, path
from storyline.web.claims import claims_page
from storyline.web.entities import entities_page, entity_page
from storyline.web.events import Filters, event_page, timeline_page
from storyline.web.render import not_found, page
from storyline.web.stories import stories_page, story_page

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
PAGE_SIZE = 50
SEARCH_LIMIT = 50


@router.get("/")
@router.get("/timeline")
def timeline_view(request: Request, entity: str = "", type: str = "", outlet: str = "",
                  date_from: str = "", date_to: str = "", store: Store = Depends(get_store)):
    filters, problem = Filters.checked(entity, type, outlet, date_from, date_to)
    context = timeline_page(store, filters)
    return page(request, "timeline.html", {"section": "timeline", "problem": problem, **context})


@router.get("/events/{event_id}")
def event_view(request: Request, event_id: str, store: Store = Depends(get_store)):
    try:
        context = event_page(store, event_id)
    except NotFoundError as error:
        return not_found(request, str(error))
    return page(request, "event.html", {"section": "timeline", **context})


@router.get("/entities")
def entities_view(request: Request, type: str = "", store: Store = Depends(get_store)):
    return page(request, "entities.html", {"section": "entities", **entities_page(store, type.strip())})


@router.get("/entities/{entity_id}")
def entity_view(request: Request, entity_id: str, store: Store = Depends(get_store)):
    try:
        context = entity_page(store, entity_id)
    except NotFoundError as error:
        return not_found(request, str(error))
    if context["canonical"] != entity_id:  # merged away: the surviving entity's own page
        return RedirectResponse(path("entities", context["canonical"]), status_code=307)
    return page(request, "entity.html", {"section": "entities", **context})


@router.get("/claims")
def claims_view(request: Request, store: Store = Depends(get_store)):
    return page(request, "claims.html", {"section": "claims", **claims_page(store)})


@router.get("/stories")
def stories_view(request: Request, store: Store = Depends(get_store)):
    return page(request, "stories.html", {"section": "stories", **stories_page(store)})


@router.get("/stories/{story_id}")
def story_view(request: Request, story_id: str, store: Store = Depends(get_store)):
    try:
        context = story_page(store, story_id)
    except NotFoundError as error:
        return not_found(request, str(error))
    return page(request, "story.html", {"section": "stories", **context})


@router.get("/articles")
def articles_view(request: Request, page_number: str = Query("1", alias="page"), store: Store = Depends(get_store)):
    total = store.count_articles()
    last_page = max(1, -(-total // PAGE_SIZE))
    wanted = int(page_number) if page_number.strip().lstrip("-").isdigit() else 1  # a bad value: page 1
    number = min(max(1, wanted), last_page)
    articles = store.articles(limit=PAGE_SIZE, offset=(number - 1) * PAGE_SIZE)
    return page(request, "articles.html", {"section": "articles", "articles": articles,
                                           "total": total, "page_number": number, "last_page": last_page})


@router.get("/articles/{article_id}")
def article_view(request: Request, article_id: str, hl: str = "", store: Store = Depends(get_store)):
    try:
        context = article_page(store, article_id, parse_hl(hl))
    except NotFoundError as error:
        return not_found(request, str(error))
    return page(request, "article.html", {"section": "articles", **context})


@router.get("/search")
def search_view(request: Request, q: str = "", store: Store = Depends(get_store)):
    hits, problem = [], None
    if q.strip():
        try:
            hits = store.search(q, limit=SEARCH_LIMIT)
        except StorylineError as error:  # a backend that rejects the syntax: say so, no 500
            problem = f"That search could not be run ({error}). Try plain words, or put a phrase in quotes."
    return page(request, "search.html", {"section": "search", "q": q, "hits": hits, "problem": problem})
