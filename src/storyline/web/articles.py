"""What the article page shows: metadata with its origin, and the text as highlight tokens.

Every fact the store holds for the article becomes a ``Span`` over the cleaned text; links go
only to our own routes (``/entities/...``, ``/events/...``, ``/claims``); the article's own
URL is shown as text, never as a link, because it is untrusted input.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from storyline.models import Article
from storyline.query.facts import event_id
from storyline.store import Store
from storyline.web.claims import anchor
from storyline.web.highlight import Span, nest
from storyline.web.svg import full_number

ORIGIN = {"metadata": "from metadata", "text": "read from the text", "inferred": "inferred"}
FIELDS = ("title", "outlet", "authors", "published", "url", "language", "source")
_HL = re.compile(r"^(\d{1,9})-(\d{1,9})$")


def path(route: str, key: str) -> str:
    """A link to one of our own pages; the id is percent-quoted whole (no '/' or '?' left)."""
    return f"/{route}/{quote(str(key), safe='')}"


def parse_hl(value: str | None) -> tuple[int, int] | None:
    """'120-180' -> (120, 180); anything else -> None (ignored, never an error)."""
    found = _HL.match(value or "")
    if not found:
        return None
    start, end = int(found[1]), int(found[2])
    return (start, end) if start < end else None


def article_page(store: Store, article_id: str, hl: tuple[int, int] | None) -> dict:
    article = store.article(article_id)
    spans = _fact_spans(store, article)
    if hl:
        spans.append(Span(hl[0], hl[1], "hl"))
    layers = sorted({s.kind for s in spans} - {"hl"})
    return {
        "article": article, "metadata": metadata_rows(article), "tokens": nest(article.text, spans),
        "layers": layers, "hl": hl,
    }


def metadata_rows(article: Article) -> list[dict]:
    """One row per known value with where it came from; the estimate for undated articles."""
    rows = []
    for name in FIELDS:
        value = getattr(article, name)
        if value:
            shown = ", ".join(value) if isinstance(value, list) else str(value)
            origin = ORIGIN.get(article.provenance.get(name, ""), "as given" if name == "source" else "")
            rows.append({"field": name, "value": shown, "origin": origin})
    if article.published_range and not article.published:
        low = article.published_range.get("not_before") or "?"
        high = article.published_range.get("not_after") or "?"
        basis = article.published_range.get("basis") or ""
        rows.append({"field": "published (estimate)", "value": f"between {low} and {high}",
                     "origin": f"inferred{': ' + basis if basis else ''}"})
    for key, value in sorted(article.extra.items()):
        rows.append({"field": key.replace("_", " "), "value": str(value), "origin": "read from the text"})
    return rows


def _fact_spans(store: Store, article: Article) -> list[Span]:
    return [*_mention_spans(store, article.id), *_time_spans(store, article.id),
            *_event_spans(store, article.id), *_claim_spans(store, article.id),
            *_quote_spans(store, article.id)]


def _mention_spans(store: Store, article_id: str) -> list[Span]:
    return [Span(m.start, m.end, "mention", href=path("entities", m.entity_id),
                 title=f"{m.label}: {m.text}", label=m.label)
            for m in store.mentions(article_id=article_id) if m.entity_id]


def _time_spans(store: Store, article_id: str) -> list[Span]:
    return [Span(t.start, t.end, "time", title=f"{t.type} {t.value or '(not normalized)'}")
            for t in store.timexes(article_id)]


def _event_spans(store: Store, article_id: str) -> list[Span]:
    # The store has no per-article event query; filtering here is fine at page scale.
    return [Span(e.start, e.end, "event", href=path("events", event_id(e)),
                 title=f"{e.type} ({e.modality}){' ' + e.date if e.date else ''}", label=e.type)
            for e in store.events() if e.article_id == article_id]


def _claim_spans(store: Store, article_id: str) -> list[Span]:
    spans = []
    for c in store.claims():
        if c.article_id == article_id:
            value = full_number(c.value) if c.value is not None else _bounds(c.lower, c.upper)
            source = f" — {c.source}" if c.source else ""
            spans.append(Span(c.start, c.end, "claim", href=f"/claims#{anchor(c.counts)}",
                              title=f"{value} {c.counts}{source}"))
    return spans


def _bounds(lower: float | None, upper: float | None) -> str:
    return f"{full_number(lower) if lower is not None else '?'}–{full_number(upper) if upper is not None else '?'}"


def _quote_spans(store: Store, article_id: str) -> list[Span]:
    return [Span(q.start, q.end, "quote", title=f"quote: {q.speaker or 'unknown speaker'}"
                 + (f" ({q.cue})" if q.cue else ""))
            for q in store.quotes() if q.article_id == article_id]
