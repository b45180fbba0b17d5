"""The claims ledger grouped by quantity: how a figure moves over time, and where sources disagree.

Built from ``claim_records`` rows (see ``query/facts.py``): rows sharing a ``group`` count the
same quantity. A row from a copy that repeats its canonical article's row is folded into that
row (listed under ``copies``), so ``reports`` and ``sources`` count independent reports only.
"""

from __future__ import annotations

from collections import defaultdict

from storyline.query.copies import copies_by_original


def claim_ledger(records: list[dict]) -> list[dict]:
    """One entry per quantity, most reported first::

        {"group", "counts", "reports", "sources", "first", "last",
         "claims": [row + {"copies": [ids]}], "disagreements": [{"as_of", "figures"}]}
    """
    repeats = copies_by_original(records)
    by_group: dict[str, list[dict]] = defaultdict(list)
    for record in records:
        if not record.get("copy_of"):
            by_group[record["group"]].append({**record, "copies": [r["id"] for r in repeats.get(record["id"], [])]})
    groups = [_group(key, rows) for key, rows in by_group.items()]
    return sorted(groups, key=lambda g: (-g["reports"], -len(g["claims"]), g["group"]))


def _group(key: str, rows: list[dict]) -> dict:
    rows = sorted(rows, key=lambda r: (r["as_of"] or "9999", r["article"], r["start"]))
    independent = [r for r in rows if r["independent"]]
    dated = [r["as_of"] for r in rows if r["as_of"]]
    return {
        "group": key, "counts": rows[0]["counts"], "reports": len(independent),
        "sources": sorted({source_label(r) for r in independent}),
        "first": min(dated, default=None), "last": max(dated, default=None),
        "claims": rows, "disagreements": disagreements(independent),
    }


def disagreements(rows: list[dict]) -> list[dict]:
    """Days on which independent sources give different figures for the quantity."""
    by_day: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for row in rows:
        if row["as_of"]:
            by_day[row["as_of"][:10]][figure_text(row)].add(source_label(row))
    return [{"as_of": day, "figures": {figure: sorted(sources) for figure, sources in sorted(figures.items())}}
            for day, figures in sorted(by_day.items())
            if len(figures) > 1 and len(set().union(*figures.values())) > 1]


def source_label(row: dict) -> str:
    """Who stands behind a figure, as a reader would cite it."""
    name = row["source"]["name"]
    if row.get("source_basis") == "text":
        return name or "unnamed source"
    return f"{name} (unattributed)" if name else f"article {row['article']} (unattributed)"


def figure_text(row: dict) -> str:
    """'~8,300', '≥ 39,445', '20,000–90,000', '87 of 251' as a reader writes them."""
    value, lower, upper = row["value"], row["lower"], row["upper"]
    if value is None:
        text = (f"{number(lower)}–{number(upper)}" if lower is not None and upper is not None
                else f"≥ {number(lower)}" if lower is not None
                else f"≤ {number(upper)}" if upper is not None else "?")
    else:
        bound = "≥ " if lower == value else ("≤ " if upper == value else "")
        text = bound + number(value)
    if row["total"] is not None:
        text += f" of {number(row['total'])}"
    return ("~" if row["approximate"] else "") + text


def number(value: float) -> str:
    """8300.0 -> '8,300'; 1.5 -> '1.5' (no exponent for large figures)."""
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,}"
