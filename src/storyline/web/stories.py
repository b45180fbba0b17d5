"""What the story pages show: storylines with their event clusters, copies, and framing
side by side (outlets as columns, each referent's words with counts)."""

from __future__ import annotations

from storyline.query.framing import framing_report
from storyline.query.stories import list_copies, list_stories, story_detail
from storyline.store import Store
from storyline.web.events import ArticleInfo

MAX_REFERENTS = 30


def stories_page(store: Store) -> dict:
    """Storylines, each with its event clusters under it; orphans listed on their own."""
    stories = list_stories(store)
    children: dict[str, list[dict]] = {}
    for story in stories:
        if story["parent"]:
            children.setdefault(story["parent"], []).append(story)
    known = {s["id"] for s in stories}
    tops = [s for s in stories if not s["parent"] or s["parent"] not in known]
    return {"stories": [{**s, "children": children.get(s["id"], [])} for s in tops],
            "total": len(stories), "copies": _copy_groups(store, None)}


def story_page(store: Store, story_id: str) -> dict:
    detail = story_detail(store, story_id)  # NotFoundError for an unknown id
    info = ArticleInfo(store)
    members = set(detail["articles"])
    children = [s for s in list_stories(store) if s["parent"] == detail["id"]]
    for row in detail["article_rows"]:
        row["copy_of_info"] = info(row["copy_of"]) if row["copy_of"] else None
    return {
        "story": detail, "children": children,
        "copies": _copy_groups(store, members),
        "framing": framing_columns(framing_report(store, detail["articles"]), info),
    }


def _copy_groups(store: Store, members: set[str] | None) -> list[dict]:
    info = ArticleInfo(store)
    groups = [g for g in list_copies(store) if members is None or members & set(g["articles"])]
    return [{**g, "rows": [{**info(a), "similarity": g["similarity"].get(a)} for a in g["articles"]]}
            for g in groups]


def framing_columns(report: dict, info: ArticleInfo) -> dict:
    """Referents as rows, outlets as columns; each cell the outlet's words, most used first.

    An article without an outlet is its own column, headed by its title."""
    side = report["side_by_side"]
    columns = sorted({key for cells in side.values() for key in cells} | set(report["tone"]))
    rows = []
    for referent, cells in side.items():
        used = {key: sorted(terms.items(), key=lambda t: (-t[1], t[0])) for key, terms in cells.items()}
        total = sum(n for terms in cells.values() for n in terms.values())
        rows.append({"referent": referent, "cells": used, "total": total})
    # Referents several outlets name are the ones where word choice can differ.
    rows.sort(key=lambda r: (-len(r["cells"]), -r["total"], r["referent"]))
    shared = [r for r in rows if len(r["cells"]) > 1] or rows
    return {
        "columns": [_column(key, info) for key in columns],
        "rows": shared[:MAX_REFERENTS], "more": max(0, len(rows) - min(len(shared), MAX_REFERENTS)),
        "labels": report["labels"], "tone": report["tone"],
    }


def _column(key: str, info: ArticleInfo) -> dict:
    """A column key is an outlet name, or an article id when the article has no outlet."""
    article = info(key)
    if article["title"] is not None or article["published"] is not None:
        return {"key": key, "name": "unknown outlet", "article": article}
    return {"key": key, "name": key, "article": None}
