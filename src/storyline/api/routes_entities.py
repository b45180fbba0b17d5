"""Entities: the list (by type or name) and one entity with aliases, roles and mentions."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request

from storyline.api.deps import get_store
from storyline.api.params import Listed, Page, page
from storyline.api.responses import plain_json
from storyline.query.entities import find_entities, roles_over_time
from storyline.render import entity_record
from storyline.store import Store

router = APIRouter(prefix="/api", tags=["entities"])


@router.get("/entities", summary="Canonical entities, most mentioned first")
@plain_json
def list_entities(
    request: Request,
    type: str | None = Query(None, description="Only this type (PERSON, ORG, GPE, LOC, NORP, ...)."),
    name: str | None = Query(None, description="Only entities with this name or alias (else containing it)."),
    store: Store = Depends(get_store), paging: Page = Depends(page),
) -> dict:
    wanted = type.upper() if type else None
    listed = Listed(request.app.state.timeline_cache.entities(store))
    found = find_entities(listed, name, wanted) if name else listed.entities(type=wanted)
    return paging.of([entity_record(e) for e in found])


@router.get("/entities/{entity_id}", summary="One entity: aliases, roles over time, a page of its mentions")
@plain_json
def get_entity(entity_id: str, store: Store = Depends(get_store), paging: Page = Depends(page)) -> dict:
    summary = store.entity(entity_id)
    entity = summary.entity
    mentions = paging.of(store.mentions(entity_id=entity.id))
    return {
        "id": entity.id, "name": entity.name, "type": entity.type, "aliases": entity.aliases,
        "mention_count": summary.mentions, "article_count": summary.articles,
        "roles": roles_over_time(store, entity.id),
        "evidence": store.entity_evidence(entity.id),
        "mentions": {**mentions, "items": _in_sentences(store, mentions["items"])},
    }


def _in_sentences(store: Store, mentions: list) -> list[dict]:
    """Each mention with its sentence; every article on the page is read once."""
    texts = {}
    for aid in dict.fromkeys(m.article_id for m in mentions):
        article = store.article(aid)
        texts[aid] = (article, store.sentences(aid))
    rows = []
    for m in mentions:
        article, sentences = texts[m.article_id]
        sentence = sentences[m.sentence] if m.sentence is not None and m.sentence < len(sentences) else None
        rows.append({
            "article": m.article_id, "outlet": article.outlet, "published": article.published,
            "title": article.title, "start": m.start, "end": m.end, "text": m.text, "kind": m.kind,
            "sentence": article.text[sentence.start:sentence.end] if sentence else None,
            "sentence_start": sentence.start if sentence else None,
        })
    return rows
