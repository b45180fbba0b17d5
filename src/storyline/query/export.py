"""The export contract: one JSON object (or JSONL rows, or CSV tables) with everything stored.

Held-out checks read these names; extend, never rename::

    {"storyline_version", "articles": [...], "entities": [...],
     "events": [], "claims": [], "quotes": [], "stories": [], "framing": []}

``start``/``end`` are character offsets into that article's ``text``.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path

from storyline import __version__
from storyline.errors import InputError
from storyline.models import Article, Timex
from storyline.query.entities import roles_over_time
from storyline.query.facts import claim_records, quote_records, timeline
from storyline.query.framing import framing_report
from storyline.query.stories import list_stories
from storyline.store import EntitySummary, Store

FORMATS = ("json", "jsonl", "csv")
# Filled by later capabilities; present now so readers can rely on the keys.
ROW_KIND = {"articles": "article", "entities": "entity", "events": "event", "claims": "claim",
            "quotes": "quote", "stories": "story", "framing": "framing"}


def article_record(article: Article) -> dict:
    return {
        "id": article.id,
        "source": article.source,
        "outlet": article.outlet,
        "title": article.title,
        "authors": list(article.authors),
        "published": article.published,
        "published_from": article.provenance.get("published") if article.published else None,
        # an estimate for undated articles, kept apart from "published" (never a real date)
        "published_range": article.published_range,
        "language": article.language,
        "url": article.url,
        "text": article.text,
        "removed": [{"text": r.text, "reason": r.reason} for r in article.removed],
        "repairs": [
            {"original": r.original, "replacement": r.replacement, "reason": r.reason}
            for r in article.repairs
        ],
        "provenance": dict(article.provenance),
        "extra": dict(article.extra),
        "nlp_skipped": article.nlp_skipped,
    }


def timex_records(timexes: list[Timex]) -> list[dict]:
    return [
        {"start": t.start, "end": t.end, "text": t.text, "type": t.type, "value": t.value,
         "precision": t.precision, "anchored": t.anchored}
        for t in timexes
    ]


def entity_record(summary: EntitySummary, store: Store) -> dict:
    entity = summary.entity
    mentions = [
        {"article": m.article_id, "start": m.start, "end": m.end, "text": m.text, "kind": m.kind}
        for m in store.mentions(entity_id=entity.id)
    ]
    return {
        "id": entity.id,
        "name": entity.name,
        "type": entity.type,
        "aliases": list(entity.aliases),
        "roles": roles_over_time(store, entity.id),
        "mentions": mentions,
    }


def iter_articles(store: Store, page: int = 500) -> Iterator[Article]:
    offset = 0
    while batch := store.articles(limit=page, offset=offset):
        yield from batch
        offset += len(batch)


def build_export(store: Store) -> dict:
    document = {
        "storyline_version": __version__,
        "articles": [
            {**article_record(a), "timexes": timex_records(store.timexes(a.id))}
            for a in iter_articles(store)
        ],
        "entities": [entity_record(e, store) for e in store.entities()],
    }
    found = timeline(store)
    document["events"] = found["dated"] + found["undated"]
    document["claims"] = claim_records(store)
    document["quotes"] = quote_records(store)
    document["stories"] = [
        {k: v for k, v in row.items() if k != "parent"}  # with independent_reports: copies count once
        for row in list_stories(store)
    ]
    document["framing"] = framing_report(store)["table"]
    return document


def write_export(store: Store, fmt: str, output: Path) -> Path:
    """Write the export in ``fmt``; CSV writes a folder of tables. Returns what was written."""
    if fmt not in FORMATS:
        raise InputError(f"--format {fmt}", f"unknown format; use one of {', '.join(FORMATS)}")
    document = build_export(store)
    output.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "json":
        output.write_text(json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8")
    elif fmt == "jsonl":
        _write_jsonl(document, output)
    else:
        _write_csv_tables(document, output)
    return output


def _write_jsonl(document: dict, output: Path) -> None:
    with output.open("w", encoding="utf-8") as handle:
        header = {"kind": "storyline", "storyline_version": document["storyline_version"]}
        handle.write(json.dumps(header) + "\n")
        for section, rows in document.items():
            if section == "storyline_version":
                continue
            for row in rows:
                handle.write(json.dumps({"kind": ROW_KIND[section], **row}, ensure_ascii=False) + "\n")


def _write_csv_tables(document: dict, folder: Path) -> None:
    """One flat table per kind; nested lists become their own tables keyed by id."""
    folder.mkdir(parents=True, exist_ok=True)
    articles = document["articles"]
    _write_table(folder / "articles.csv", [_flat_article(a) for a in articles])
    removed = [{"article": a["id"], **r} for a in articles for r in a["removed"]]
    _write_table(folder / "removed.csv", removed, ["article", "text", "reason"])
    entities = document["entities"]
    _write_table(
        folder / "entities.csv",
        [{**{k: e[k] for k in ("id", "name", "type")}, "aliases": "|".join(e["aliases"])}
         for e in entities],
        ["id", "name", "type", "aliases"],
    )
    mentions = [{"entity": e["id"], **m} for e in entities for m in e["mentions"]]
    _write_table(folder / "mentions.csv", mentions,
                 ["entity", "article", "start", "end", "text", "kind"])
    roles = [{"entity": e["id"], **r, "articles": "|".join(r["articles"])}
             for e in entities for r in e["roles"]]
    _write_table(folder / "roles.csv", roles,
                 ["entity", "title", "qualifier", "first", "last", "articles"])


def _flat_article(record: dict) -> dict:
    nested = ("removed", "repairs", "provenance", "extra", "timexes", "published_range")
    flat = {k: v for k, v in record.items() if k not in nested}
    flat["authors"] = "|".join(record["authors"])
    flat["published_not_before"] = (record["published_range"] or {}).get("not_before")
    return flat


def _write_table(path: Path, rows: list[dict], fields: list[str] | None = None) -> None:
    fields = fields or (list(rows[0]) if rows else [])
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)
