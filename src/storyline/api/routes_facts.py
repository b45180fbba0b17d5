"""What happened: events and the timeline (filtered, paged), the claims ledger, quotes."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request

from storyline.api.deps import get_store
from storyline.api.params import Page, checked_range, entity_ids, page
from storyline.api.timeline import Filters, IndexCache
from storyline.errors import NotFoundError
from storyline.query.facts import claim_records, quote_records
from storyline.store import Store

router = APIRouter(prefix="/api", tags=["what happened"])


def event_filters(
    request: Request,
    entity: str | None = Query(None, description="Only events this entity (id or name) takes part in."),
    type: str | None = Query(None, description="Only this event type (PLOVER: CONSULT, AGREE, ASSAULT, ...)."),
    outlet: str | None = Query(None, description="Only events an article of this outlet reports."),
    date_from: str | None = Query(None, alias="from", description="On or after this date (YYYY[-MM[-DD]])."),
    date_to: str | None = Query(None, alias="to", description="On or before this date (YYYY[-MM[-DD]])."),
    store: Store = Depends(get_store),
) -> Filters:
    date_from, date_to = checked_range(date_from, date_to)
    ids = entity_ids(store, entity)
    articles = None
    if outlet:
        articles = _cache(request).outlet_articles(store).get(outlet.casefold())
        if articles is None:
            raise NotFoundError(f"no articles from outlet {outlet!r}; the outlets are listed in /api/articles")
    return Filters(frozenset(ids) if ids is not None else None, type.upper() if type else None,
                   articles, date_from, date_to)


@router.get("/timeline", summary="Dated events in order, a page of them; undated events apart")
def get_timeline(request: Request, filters: Filters = Depends(event_filters),
                 store: Store = Depends(get_store), paging: Page = Depends(page)) -> dict:
    """``items``: the page of dated events (``total`` of them). Undated events come apart:
    ``undated_total`` of them, the first ``limit`` in ``undated`` on the first page (offset 0);
    page through them with /api/events?dated=false."""
    index = _cache(request).index(store)
    dated, undated = index.select(filters)
    window = slice(paging.offset, paging.offset + paging.limit)
    first_undated = undated[:paging.limit] if paging.offset == 0 else []
    return {"total": len(dated), "limit": paging.limit, "offset": paging.offset,
            "items": index.records(store, dated[window]),
            "undated_total": len(undated), "undated": index.records(store, first_undated)}


@router.get("/events", summary="Events (dated first, in date order), filtered and paged")
def list_events(request: Request, filters: Filters = Depends(event_filters),
                dated: bool | None = Query(None, description="true: only dated events; false: only undated."),
                store: Store = Depends(get_store), paging: Page = Depends(page)) -> dict:
    index = _cache(request).index(store)
    with_date, without = index.select(filters)
    chosen = {True: list(with_date), False: list(without), None: [*with_date, *without]}[dated]
    found = paging.of(chosen)
    return {**found, "items": index.records(store, found["items"])}


@router.get("/claims", summary="The claims ledger: figures, what they count, as of when, who says so")
def list_claims(
    counts: str | None = Query(None, description="Only claims counting this (e.g. 'ships'); a part of it matches."),
    article: str | None = Query(None, description="Only claims made in this article."),
    store: Store = Depends(get_store), paging: Page = Depends(page),
) -> dict:
    found = claim_records(store)
    if counts:
        found = [c for c in found if counts.casefold() in (c.get("counts") or "").casefold()]
    if article:
        found = [c for c in found if c["article"] == article]
    return paging.of(found)


@router.get("/quotes", summary="Direct quotes with their speakers and cue verbs")
def list_quotes(
    speaker: str | None = Query(None, description="Only quotes by this entity (id or any of its spellings)."),
    store: Store = Depends(get_store), paging: Page = Depends(page),
) -> dict:
    speakers = entity_ids(store, speaker)
    if speakers is None:
        return paging.of(quote_records(store))
    return paging.of([q for entity in sorted(speakers) for q in quote_records(store, entity)])


def _cache(request: Request) -> IndexCache:
    return request.app.state.timeline_cache
