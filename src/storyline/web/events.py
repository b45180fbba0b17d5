"""What the timeline and event pages show: filtered events, their drawing, their reports.

Reads only through ``storyline.query`` and the Store interface; returns plain dicts and
numbers for the templates.
"""

from __future__ import annotations

from dataclasses import dataclass

from storyline.api.params import DATE_FILTER
from storyline.errors import NotFoundError
from storyline.query.facts import timeline
from storyline.store import Store
from storyline.web.svg import TimeScale, palette_classes, parse_when

WIDTH, LEFT, RIGHT, LANE, AXIS = 960, 40, 920, 22, 34


@dataclass
class Filters:
    """The timeline's GET form: every field optional, empty strings meaning 'any'."""

    entity: str = ""
    type: str = ""
    outlet: str = ""
    date_from: str = ""
    date_to: str = ""

    @classmethod
    def checked(cls, entity: str, type: str, outlet: str, date_from: str,
                date_to: str) -> tuple["Filters", str | None]:
        """The filters with a malformed date dropped, and a sentence saying so (else None)."""
        dates, bad = [], []
        for value in (date_from.strip(), date_to.strip()):
            ok = not value or DATE_FILTER.fullmatch(value)
            dates.append(value if ok else "")
            bad += [] if ok else [value]
        problem = (f"Ignored {', '.join(repr(b) for b in bad)}: dates are written YYYY, YYYY-MM "
                   "or YYYY-MM-DD.") if bad else None
        return cls(entity.strip(), type.strip().upper(), outlet.strip(), *dates), problem

    def active(self) -> bool:
        return any((self.entity, self.type, self.outlet, self.date_from, self.date_to))


class ArticleInfo:
    """Outlet, title and date of each article an event cites, read once per request."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._seen: dict[str, dict] = {}
        self._sentences: dict[str, list] = {}

    def __call__(self, article_id: str) -> dict:
        if article_id not in self._seen:
            try:
                a = self.store.article(article_id)
                self._seen[article_id] = {"id": a.id, "outlet": a.outlet, "title": a.title,
                                          "published": a.published}
            except NotFoundError:
                self._seen[article_id] = {"id": article_id, "outlet": None, "title": None,
                                          "published": None}
        return self._seen[article_id]

    def hl(self, article_id: str, start: int, end: int) -> str:
        """The ``hl`` parameter for the sentences covering ``start``..``end`` (a quote may span
        several); just ``start-end`` when the article has no sentence rows."""
        if article_id not in self._sentences:
            self._sentences[article_id] = self.store.sentences(article_id)
        covering = [s for s in self._sentences[article_id] if s.end > start and s.start < end]
        if covering:
            start, end = min(start, covering[0].start), max(end, covering[-1].end)
        return f"{start}-{end}"


def timeline_page(store: Store, filters: Filters) -> dict:
    """Events for the filters, the form's options, and the SVG drawing of the dated ones."""
    everything = timeline(store)
    all_events = everything["dated"] + everything["undated"]
    info = ArticleInfo(store)
    chosen = _filtered(store, filters, info) if filters.active() else everything
    placed = [e for e in chosen["dated"] if parse_when(e["date"])]
    vague = [e for e in chosen["dated"] if not parse_when(e["date"])]
    colours = palette_classes(sorted({e["type"] for e in all_events}))
    return {
        "filters": filters,
        "options": _options(all_events, info),
        "entity_name": _entity_name(store, filters.entity),
        "total": len(all_events),
        "dated": [_with_outlets(e, info) for e in placed],
        "undated": [_with_outlets(e, info) for e in vague + chosen["undated"]],
        "chart": _drawing(placed, colours),
        "colours": colours,
    }


def _filtered(store: Store, filters: Filters, info: ArticleInfo) -> dict:
    entities = {_canonical(store, filters.entity)} if filters.entity else None
    found = timeline(store, entities, filters.type or None, filters.date_from or None,
                     filters.date_to or None)
    if filters.outlet:
        keep = lambda e: any(info(a)["outlet"] == filters.outlet for a in e["articles"])  # noqa: E731
        found = {key: [e for e in rows if keep(e)] for key, rows in found.items()}
    return found


def _canonical(store: Store, entity_id: str) -> str:
    """A merged-away id still filters: it follows the merge to the entity that absorbed it."""
    try:
        return store.entity(entity_id).entity.id
    except NotFoundError:
        return entity_id


def _entity_name(store: Store, entity_id: str) -> str | None:
    try:
        return store.entity(entity_id).entity.name if entity_id else None
    except NotFoundError:
        return None


def _options(events: list[dict], info: ArticleInfo) -> dict:
    actors = {a["entity"]: a["name"] for e in events for a in e["actors"] if a["entity"]}
    outlets = {info(a)["outlet"] for e in events for a in e["articles"]} - {None}
    return {
        "entities": sorted(actors.items(), key=lambda item: item[1].lower()),
        "types": sorted({e["type"] for e in events}),
        "outlets": sorted(outlets),
    }


def _with_outlets(event: dict, info: ArticleInfo) -> dict:
    outlets = sorted({info(a)["outlet"] or "unknown outlet" for a in event["articles"]})
    return {**event, "outlets": outlets}


def _drawing(events: list[dict], colours: dict[str, str]) -> dict | None:
    """Dots on a time axis; events on the same day stack in lanes above the axis."""
    if not events:
        return None
    days = [parse_when(e["date"]) for e in events]
    scale = TimeScale.covering(days, LEFT, RIGHT)
    lanes: dict[float, int] = {}
    dots = []
    for event, day in zip(events, days):
        x = scale.x(day)
        lane = lanes[x] = lanes.get(x, -1) + 1
        dots.append({"event": event, "x": x, "lane": lane, "colour": colours[event["type"]]})
    height = (max(lanes.values()) + 1) * LANE + AXIS + 16
    axis_y = height - AXIS
    for dot in dots:
        dot["y"] = axis_y - 12 - dot["lane"] * LANE
    return {"width": WIDTH, "height": height, "axis_y": axis_y, "left": LEFT, "right": RIGHT,
            "ticks": scale.ticks(), "dots": dots}


def event_page(store: Store, event_id: str) -> dict:
    """One real-world event with each report: the evidence sentence in its context."""
    found = timeline(store)
    event = next((e for e in found["dated"] + found["undated"] if e["id"] == event_id), None)
    if event is None:
        raise NotFoundError(f"no event {event_id!r}; the timeline lists them")
    info = ArticleInfo(store)
    reports = [_report(store, ev, info) for ev in event["evidence"]]
    reports.sort(key=lambda r: (r["article"]["published"] or "9999", r["article"]["id"]))
    return {"event": _with_outlets(event, info), "reports": reports}


def _report(store: Store, evidence: dict, info: ArticleInfo) -> dict:
    """The sentence holding the trigger, split around it, with its neighbours as context."""
    article = store.article(evidence["article"])
    sentences = store.sentences(article.id)
    index = next((i for i, s in enumerate(sentences)
                  if s.start <= evidence["start"] < s.end), None)
    if index is None:  # no sentence rows (e.g. NLP skipped): the trigger alone
        start, end, before, after = evidence["start"], evidence["end"], "", ""
    else:
        start, end = sentences[index].start, sentences[index].end
        before = _sentence_text(article.text, sentences, index - 1)
        after = _sentence_text(article.text, sentences, index + 1)
    text = article.text
    return {
        "article": info(article.id), "hl": f"{start}-{end}",
        "before": before, "after": after,
        "lead": text[start:evidence["start"]], "trigger": text[evidence["start"]:evidence["end"]],
        "rest": text[evidence["end"]:end],
    }


def _sentence_text(text: str, sentences: list, index: int) -> str:
    if 0 <= index < len(sentences):
        return text[sentences[index].start:sentences[index].end]
    return ""
