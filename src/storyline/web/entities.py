"""What the entity pages show: the list by type, and one entity's profile with its events,
quotes, figures and every mention in its sentence."""

from __future__ import annotations

from itertools import groupby

from storyline.query.entities import entity_profile, other_spellings
from storyline.query.facts import claim_records, quote_records, timeline
from storyline.store import Store
from storyline.web.events import ArticleInfo

TYPE_ORDER = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC")


def entities_page(store: Store, type: str | None) -> dict:
    everything = store.entities()
    chosen = [e for e in everything if not type or e.entity.type == type]
    chosen.sort(key=lambda e: (_type_order(e.entity.type), -e.mentions, e.entity.name.lower()))
    return {
        "types": sorted({e.entity.type for e in everything}, key=_type_order), "type": type or "",
        "groups": [(kind, list(rows)) for kind, rows in groupby(chosen, key=lambda e: e.entity.type)],
        "total": len(chosen),
        # not the name again with "the" or "'s" (the same list the CLI shows)
        "others": {e.entity.id: other_spellings(e.entity.name, e.entity.aliases) for e in chosen},
    }


def _type_order(kind: str) -> tuple:
    """People first, then organisations and places: what a reader looks for most."""
    return (TYPE_ORDER.index(kind) if kind in TYPE_ORDER else len(TYPE_ORDER), kind)


def entity_page(store: Store, entity_id: str) -> dict:
    """The profile; ``canonical`` differs from the id asked for when that one was merged away."""
    summary = store.entity(entity_id)  # NotFoundError when unknown; follows merges
    profile = entity_profile(store, summary)
    info = ArticleInfo(store)
    found = timeline(store, {summary.entity.id})
    return {
        "canonical": summary.entity.id, "summary": summary, "profile": profile,
        "others": other_spellings(profile["name"], profile["aliases"]),
        "events": found["dated"] + found["undated"],
        "quotes": [{**q, "article_info": info(q["article"]), "hl": info.hl(q["article"], q["start"], q["end"])}
                   for q in quote_records(store, speaker_entity=summary.entity.id)],
        "claims": [{**c, "hl": info.hl(c["article"], c["start"], c["end"])}
                   for c in claim_records(store) if c["source"]["entity"] == summary.entity.id],
        "mentions": _mentions_by_article(profile["mentions"], info),
    }


def _mentions_by_article(mentions: list[dict], info: ArticleInfo) -> list[dict]:
    """Mentions grouped under their article, each split around the name for highlighting."""
    groups: dict[str, list[dict]] = {}
    for m in mentions:
        at = m["start"] - m["sentence_start"]
        sentence = m["sentence"]
        groups.setdefault(m["article"], []).append({
            **m, "lead": sentence[:at], "name": sentence[at:at + len(m["text"])],
            "rest": sentence[at + len(m["text"]):],
            "hl": f"{m['sentence_start']}-{m['sentence_start'] + len(sentence)}",
        })
    rows = [{"article": info(aid), "mentions": ms} for aid, ms in groups.items()]
    return sorted(rows, key=lambda r: (r["article"]["published"] or "9999", r["article"]["id"]))
