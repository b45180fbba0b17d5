"""Look up an entity by name and gather what the store knows about it."""

from __future__ import annotations

from storyline.errors import NotFoundError
from storyline.resolve.entities import normalize_name
from storyline.store import EntitySummary, Store


def find_entities(store: Store, name: str, type: str | None = None) -> list[EntitySummary]:
    """Entities whose name or an alias equals ``name`` (normalized); else those containing it."""
    wanted = normalize_name(name)
    candidates = store.entities(type=type)
    exact = [e for e in candidates if wanted in {normalize_name(a) for a in _names(e)}]
    found = exact or [e for e in candidates if any(wanted in normalize_name(a) for a in _names(e))]
    if not found:
        raise NotFoundError(f"no entity named {name!r}; list them with `storyline entities`")
    return found


def entity_profile(store: Store, summary: EntitySummary) -> dict:
    """The entity with its aliases, the articles naming it, and each mention in its sentence."""
    entity = summary.entity
    mentions = store.mentions(entity_id=entity.id)
    articles = {m.article_id: store.article(m.article_id) for m in mentions}
    sentences = {aid: store.sentences(aid) for aid in articles}
    return {
        "id": entity.id, "name": entity.name, "type": entity.type, "aliases": entity.aliases,
        "articles": [
            {"id": a.id, "published": a.published, "outlet": a.outlet, "title": a.title}
            for a in articles.values()
        ],
        "mentions": [_mention_in_sentence(m, articles, sentences) for m in mentions],
    }


def _mention_in_sentence(mention, articles: dict, sentences: dict) -> dict:
    text = articles[mention.article_id].text
    sentence = sentences[mention.article_id][mention.sentence]
    return {
        "article": mention.article_id, "start": mention.start, "end": mention.end,
        "text": mention.text, "sentence": text[sentence.start:sentence.end],
        "sentence_start": sentence.start,
    }


def _names(summary: EntitySummary) -> list[str]:
    return [summary.entity.name, *summary.entity.aliases]
