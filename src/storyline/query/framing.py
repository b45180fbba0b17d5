"""How each outlet tells it: word choices grouped by referent, labels on names, and tone.

The referents are grouped over the articles asked for (a story's, or all of them) each time,
so a new article can regroup words: the grouping reads only the stored per-article rows.
"""

from __future__ import annotations

from storyline.extract.framing import (
    framing_table,
    group_referents,
    labels_per_outlet,
    outlet_summary,
    outlet_tone,
)
from storyline.store import Store


def framing_report(store: Store, article_ids: list[str] | None = None) -> dict:
    """``table`` (the export rows), ``side_by_side``, ``labels`` and ``tone`` per outlet."""
    rows = group_referents(store.framing_terms(article_ids))
    texts = {aid: store.article(aid).text for aid in sorted({r.article_id for r in rows})}
    return {
        "table": framing_table(rows, texts),
        "side_by_side": outlet_summary(rows),
        "labels": labels_per_outlet(rows),
        "tone": outlet_tone(rows, texts),
    }
