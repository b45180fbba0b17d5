"""Stories and copies (from the stored clustering) and framing (per outlet, optionally per story)."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Depends, Query

from storyline.api.deps import get_store
from storyline.api.params import Page, page
from storyline.api.responses import plain_json
from storyline.query.framing import framing_report
from storyline.query.stories import list_copies, list_stories, story_detail
from storyline.store import Store

router = APIRouter(prefix="/api", tags=["stories and framing"])


@router.get("/stories", summary="Story clusters, largest first")
@plain_json
def get_stories(level: Literal["event", "storyline"] | None = Query(None, description="Only this level."),
                store: Store = Depends(get_store), paging: Page = Depends(page)) -> dict:
    return paging.of(list_stories(store, level))


@router.get("/stories/{story_id}", summary="One story: articles, outlets, copies, independent reports")
@plain_json
def get_story(story_id: str, store: Store = Depends(get_store)) -> dict:
    return story_detail(store, story_id)


@router.get("/copies", summary="Groups of near-duplicate articles, canonical first")
@plain_json
def get_copies(store: Store = Depends(get_store), paging: Page = Depends(page)) -> dict:
    return paging.of(list_copies(store))


@router.get("/framing", summary="Each outlet's words for the same referents, labels and tone")
@plain_json
def get_framing(story: str | None = Query(None, description="Only the articles of this story (default: all)."),
                store: Store = Depends(get_store)) -> dict:
    articles = story_detail(store, story)["articles"] if story else None
    return {"story": story, **framing_report(store, articles)}
