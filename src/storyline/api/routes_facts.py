"""What happened: events and the timeline (filtered, paged), the claims ledger, quotes."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import APIRouter, Depends, Query, Request

from storyline.api.deps import get_store
from storyline.api.params import Page, checked_range, entity_ids, page
from storyline.api.responses import plain_json
from storyline.api.timeline import Filters, IndexCache
from storyline.errors import NotFoundError
from storyline.query.facts import claim_records, quote_records
from storyline.store import Store

router = APIRouter(prefix="/api", tags=["what happened"])


@dataclass(frozen=True)
class EventQuery:
    entity: str | None
    type: str | None
    outlet: str | None
    date_from: str | None
    date_to: str | None

    def filters(self, request: Request, store: Store) -> Filters:
        """The filters with names looked up: entities by id or name, an outlet's articles."""
        cache = _cache(request)
        ids = entity_ids(store, self.entity, cache.entities(store))
        articles = None
        if self.outlet:
            articles = cache.outlet_articles(store).get(self.outlet.casefold())
            if articles is None:
                raise NotFoundError(f"no articles from outlet {self.outlet!r}; the outlets are listed in /api/articles")
        return Filters(frozenset(ids) if ids is not None else None, self.type, articles, self.date_from, self.date_to)


async def event_query(  # async: only checks the values, on the event loop
    entity: str | None = Query(None, description="Only events this entity (id or name) takes part in."),
    type: str | None = Query(None, description="Only this event type (PLOVER: CONSULT, AGREE, ASSAULT, ...)."),
    outlet: str | None = Query(None, description="Only events an article of this outlet reports."),
    date_from: str | None = Query(None, alias="from", description="On or after this date (YYYY[-MM[-DD]])."),
    date_to: str | None = Query(None, alias="to", description="On or before this date (YYYY[-MM[-DD]])."),
) -> EventQuery:
    date_from, date_to = checked_range(date_from, date_to)
    return EventQuery(entity or None, type.upper() if type else None, outlet or None, date_from, date_to)


@router.get("/timeline", summary="Dated events in order, a page of them; undated events apart")
@plain_json
def get_timeline(request: Request, query: EventQuery = Depends(event_query),
                 store: Store = Depends(get_store), paging: Page = Depends(page)) -> dict:
    """``items``: the page of dated events (``total`` of them). Undated events come apart:
    ``undated_total`` of them, the first ``limit`` in ``undated`` on the first page (offset 0);
    page through them with /api/events?dated=false."""
    index = _cache(request).index(store)
    dated, undated = index.select(query.filters(request, store))
    window = slice(paging.offset, paging.offset + paging.limit)
    first_undated = undated[:paging.limit] if paging.offset == 0 else []
    entities = _cache(request).entities(store)
    return {"total": len(dated), "limit": paging.limit, "offset": paging.offset,
            "items": index.records(store, dated[window], entities),
            "undated_total": len(undated), "undated": index.records(store, first_undated, entities)}


@router.get("/events", summary="Events (dated first, in date order), filtered and paged")
@plain_json
def list_events(request: Request, query: EventQuery = Depends(event_query),
                dated: bool | None = Query(None, description="true: only dated events; false: only undated."),
                store: Store = Depends(get_store), paging: Page = Depends(page)) -> dict:
    index = _cache(request).index(store)
    with_date, without = index.select(query.filters(request, store))
    chosen = {True: list(with_date), False: list(without), None: [*with_date, *without]}[dated]
    found = paging.of(chosen)
    return {**found, "items": index.records(store, found["items"], _cache(request).entities(store))}


@router.get("/claims", summary="The claims ledger: figures, what they count, as of when, who says so")
@plain_json
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
@plain_json
def list_quotes(
    request: Request,
    speaker: str | None = Query(None, description="Only quotes by this entity (id or any of its spellings)."),
    store: Store = Depends(get_store), paging: Page = Depends(page),
) -> dict:
    speakers = entity_ids(store, speaker, _cache(request).entities(store))
    if speakers is None:
        return paging.of(quote_records(store))
    return paging.of([q for entity in sorted(speakers) for q in quote_records(store, entity)])


def _cache(request: Request) -> IndexCache:
    return request.app.state.timeline_cache
