"""What the claims page shows: each counted quantity, its values over time by source.

A claim's place on the time axis is its as-of date when the text gives one, else the date its
article was published (marked as such in the table), so most figures can be drawn.
"""

from __future__ import annotations

import re

from storyline.extract.claims.group import group_claims, quantity_key
from storyline.query.facts import claim_records
from storyline.store import Store
from storyline.web.events import ArticleInfo
from storyline.web.svg import TimeScale, ValueScale, full_number, palette_classes, parse_when

WIDTH, HEIGHT, LEFT, RIGHT, TOP, BOTTOM = 1000, 260, 64, 980, 16, 224


def anchor(counts: str) -> str:
    """The page anchor of a quantity: 'dollars pledged' -> 'q-dollar-pledged'."""
    return _slug(quantity_key(counts))


def _slug(key: str) -> str:
    return "q-" + re.sub(r"[^a-z0-9]+", "-", key).strip("-")


def claims_page(store: Store) -> dict:
    claims = store.claims()
    records = {r["id"]: r for r in claim_records(store)}
    info = ArticleInfo(store)
    groups = []
    for members in group_claims(claims):
        rows = [_row(records[f"{c.article_id}:{c.start}"], info) for c in members]
        groups.append(_group(quantity_key(members[0].counts), members[0].subject, rows))
    groups.sort(key=lambda g: (-len(g["rows"]), g["name"]))
    return {"groups": groups, "total": len(claims)}


def _row(record: dict, info: ArticleInfo) -> dict:
    article = info(record["article"])
    # The ledger may already stand in the publication date; say so rather than "as of".
    from_text = record.get("as_of_source", "text") == "text"
    when, basis = record["as_of"], "as of" if from_text else "published"
    if not parse_when(when):
        when, basis = article["published"], "published"
    source = record["source"]["name"] or f"{article['outlet'] or 'unknown outlet'} (unattributed)"
    return {**record, "when": when, "when_basis": basis if when else None, "source_label": source,
            "shown": _shown(record), "article_info": article,
            "hl": info.hl(record["article"], record["start"], record["end"])}


def _shown(record: dict) -> str:
    """'~916,000,000', '≥ 12', '20,000–90,000', '87 of 251' as a reader writes them."""
    if record["value"] is None:
        low, high = record["lower"], record["upper"]
        text = f"{full_number(low)}–{full_number(high)}" if low is not None and high is not None else (
            f"≥ {full_number(low)}" if low is not None else f"≤ {full_number(high)}")
    else:
        bound = "≥ " if record["lower"] == record["value"] else ("≤ " if record["upper"] == record["value"] else "")
        text = bound + full_number(record["value"])
    if record["total"] is not None:
        text += f" of {full_number(record['total'])}"
    return ("~" if record["approximate"] else "") + text


def _group(name: str, subject: str | None, rows: list[dict]) -> dict:
    sources = sorted({r["source_label"] for r in rows})
    colours = palette_classes(sources)
    return {"name": name, "subject": subject, "anchor": _slug(name),
            "rows": sorted(rows, key=lambda r: (r["when"] or "9999", r["source_label"])),
            "sources": [(s, colours[s]) for s in sources], "chart": _chart(rows, colours)}


def _chart(rows: list[dict], colours: dict[str, str]) -> dict | None:
    """Points (and ranges as bars) per source; lines join one source's points over time."""
    drawable = [r for r in rows if parse_when(r["when"]) and _number(r) is not None]
    if len(drawable) < 2:
        return None
    times = TimeScale.covering([parse_when(r["when"]) for r in drawable], LEFT, RIGHT)
    values = ValueScale.covering([v for r in drawable for v in _extent(r)], TOP, BOTTOM)
    points = [{"x": times.x(parse_when(r["when"])), "y": values.y(_number(r)), "row": r,
               "colour": colours[r["source_label"]],
               "range": [values.y(v) for v in _extent(r)] if r["value"] is None else None}
              for r in drawable]
    lines = []
    for source, colour in colours.items():
        mine = sorted((p for p in points if p["row"]["source_label"] == source), key=lambda p: p["x"])
        if len(mine) > 1:
            lines.append({"colour": colour, "points": " ".join(f"{p['x']},{p['y']}" for p in mine)})
    return {"width": WIDTH, "height": HEIGHT, "left": LEFT, "right": RIGHT, "top": TOP,
            "bottom": BOTTOM, "x_ticks": times.ticks(), "y_ticks": values.ticks(),
            "points": points, "lines": lines, "plotted": {p["row"]["source_label"] for p in points}}


def _number(row: dict) -> float | None:
    """The value to plot: the stated one, else the middle of the bounds."""
    if row["value"] is not None:
        return float(row["value"])
    bounds = [b for b in (row["lower"], row["upper"]) if b is not None]
    return sum(bounds) / len(bounds) if bounds else None


def _extent(row: dict) -> list[float]:
    return [float(b) for b in (row["value"], row["lower"], row["upper"]) if b is not None]
