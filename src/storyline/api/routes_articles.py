"""Articles (the list, one with everything read from it) and full-text search."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request

from storyline.api.deps import get_store
from storyline.api.params import Page, page
from storyline.api.responses import plain_json
from storyline.query.export import article_record, timex_records
from storyline.store import Store

router = APIRouter(prefix="/api", tags=["articles"])


@router.get("/articles", summary="Stored articles, oldest first (undated last)")
@plain_json
def list_articles(store: Store = Depends(get_store), paging: Page = Depends(page)) -> dict:
    found = store.articles(limit=paging.limit, offset=paging.offset)
    return {"total": store.count_articles(), "limit": paging.limit, "offset": paging.offset,
            "items": [_summary(a) for a in found]}


@router.get("/articles/{article_id}", summary="One article: text, removed lines, metadata provenance, names")
@plain_json
def get_article(article_id: str, store: Store = Depends(get_store)) -> dict:
    article = store.article(article_id)
    return {
        **article_record(article),
        "sentences": [{"start": s.start, "end": s.end} for s in store.sentences(article.id)],
        "mentions": [
            {"start": m.start, "end": m.end, "text": m.text, "label": m.label, "kind": m.kind,
             "entity": m.entity_id, "sentence": m.sentence}
            for m in store.mentions(article_id=article.id)
        ],
        "timexes": timex_records(store.timexes(article.id)),
    }


@router.get("/search", summary="Full-text search over titles and texts, best match first")
@plain_json
def search(
    request: Request,
    q: str = Query(..., min_length=1, pattern=r"[^\s\x00]",  # blank: 400, not the store's 500
                   description='Words, "phrases", OR, NOT, prefix*.'),
    store: Store = Depends(get_store), paging: Page = Depends(page),
) -> dict:
    """``total`` is exact when ``total_exact``; past a few hundred matches it is a lower bound
    (the matches ranked so far)."""
    end = paging.offset + paging.limit
    count = request.app.state.timeline_cache.article_count(store)
    hits, complete = request.app.state.search_cache.hits(store, q, end + 1, count)
    items = [{"article": h.article_id, "title": h.title, "snippet": h.snippet, "rank": h.rank}
             for h in hits[paging.offset:end]]
    return {"query": q, "total": len(hits), "total_exact": complete, "limit": paging.limit,
            "offset": paging.offset, "items": items}


def _summary(article) -> dict:
    return {k: v for k, v in article_record(article).items() if k not in ("text", "raw_text")}
