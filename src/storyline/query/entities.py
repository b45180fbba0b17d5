"""Look up an entity by name and gather what the store knows about it."""

from __future__ import annotations

from storyline.errors import NotFoundError
from storyline.lexicon import name_key
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
        "roles": roles_over_time(store, entity.id, articles),
        "evidence": store.entity_evidence(entity.id),
        "articles": [
            {"id": a.id, "published": a.published, "outlet": a.outlet, "title": a.title}
            for a in articles.values()
        ],
        "mentions": [_mention_in_sentence(m, articles, sentences) for m in mentions],
    }


def roles_over_time(store: Store, entity_id: str, articles: dict | None = None) -> list[dict]:
    """Each office the entity held, with the dates the texts attest it (first, last) and the
    articles saying so; undated attestations are listed with no dates."""
    grouped: dict[tuple, dict] = {}
    for role in store.roles(entity_id=entity_id):
        key = (role.title, role.qualifier)
        row = grouped.setdefault(key, {"title": role.title, "qualifier": role.qualifier,
                                       "first": None, "last": None, "articles": []})
        if role.date:
            row["first"] = min(filter(None, [row["first"], role.date]))
            row["last"] = max(filter(None, [row["last"], role.date]))
        if role.article_id not in row["articles"]:
            row["articles"].append(role.article_id)
    return sorted(grouped.values(), key=lambda r: (r["first"] or "9999", r["title"]))


def _mention_in_sentence(mention, articles: dict, sentences: dict) -> dict:
    text = articles[mention.article_id].text
    sentence = sentences[mention.article_id][mention.sentence]
    return {
        "article": mention.article_id, "start": mention.start, "end": mention.end,
        "text": mention.text, "kind": mention.kind, "sentence": text[sentence.start:sentence.end],
        "sentence_start": sentence.start,
    }


def _names(summary: EntitySummary) -> list[str]:
    return [summary.entity.name, *summary.entity.aliases]


def other_spellings(name: str, aliases: list[str]) -> list[str]:
    """Aliases (most used first) that are not the name again with "the", "'s", dots or
    another case: "the Varn Authority's" is no other spelling of "Varn Authority"."""
    seen, found = {name_key(name)}, []
    for alias in aliases:
        key = name_key(alias)
        if key not in seen:
            seen.add(key)
            found.append(alias)
    return found
