"""An undated article's publication date, estimated from the dates it mentions.

An article can't have been written before the latest date it states outright, so that date is
a lower bound: ``{"not_before": "2024-07-31", "not_after": None, "basis": "..."}``. Only
explicit, fully written dates count (a year in the text, not resolved against anything);
"December 1" with no year pins nothing. The estimate is kept apart from ``Article.published``
(which stays None) and marked ``inferred`` in the provenance; there is no upper bound, because
a text may be published any time after the events it tells.
"""

from __future__ import annotations

from storyline.models import Article, Timex

_PRECISE = {"day", "month", "year"}


def infer_published_range(article: Article, timexes: list[Timex]) -> None:
    """Set ``article.published_range`` when the article has no publication date."""
    if article.published is not None:
        return
    bounds = [(_lower_bound(t), t) for t in timexes if _is_explicit(t)]
    bounds = [(day, t) for day, t in bounds if day is not None]
    if not bounds:
        return
    day, timex = max(bounds, key=lambda pair: (pair[0], pair[1].start))
    article.published_range = {
        "not_before": day,
        "not_after": None,
        "basis": f"latest explicit date in the text: {timex.text!r} ({timex.value})",
    }
    article.provenance["published_range"] = "inferred"


def _is_explicit(timex: Timex) -> bool:
    return (timex.type == "DATE" and not timex.anchored and timex.value is not None
            and timex.precision in _PRECISE and timex.value[:4].isdigit())


def _lower_bound(timex: Timex) -> str | None:
    """'2024-07-31' -> itself; '2024-07' -> '2024-07-01'; '2024' -> '2024-01-01'."""
    parts = timex.value.split("-")
    if not all(p.isdigit() for p in parts[:3]):
        return None
    year, month, day = (parts + ["01", "01"])[:3]
    return f"{year}-{month}-{day}"
