"""The timeline behind /api/events and /api/timeline, indexed once per store state.

Building the whole timeline reads every event mention (tens of thousands in a store of 20k
articles) and every article's text; a request wants one page of it. So the grouped, ordered
events are kept per process with small inverted indexes (type, entity, article) and a sorted
date list, rebuilt when the store gained articles (events only change when articles are
saved). A request intersects the index and builds records, with their evidence sentences,
for its page only, in the same shape as ``storyline.query.facts.timeline``.
"""

from __future__ import annotations

import bisect
import threading
import time
from collections import OrderedDict, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from storyline.api.responses import RawJSON, dumps
from storyline.models import Event, Sentence
from storyline.query.facts import event_id, event_record
from storyline.store import EntitySummary, Store


ENCODED_HELD = 20_000  # event records kept encoded per index (a few kB each)
# Articles stored by another process show up within this many seconds (an API ingest: at once).
RECHECK_SECONDS = 1.0


@dataclass(frozen=True)
class Filters:
    entities: frozenset[str] | None = None  # any of these ids among the actors
    type: str | None = None
    articles: frozenset[str] | None = None  # reported by one of these articles (an outlet's)
    date_from: str | None = None  # YYYY[-MM[-DD]], inclusive
    date_to: str | None = None  # inclusive: a month takes all its days

    def dated_only(self) -> bool:
        return bool(self.date_from or self.date_to)


class TimelineIndex:
    """Real-world events (mentions grouped by ``Event.id``): dated by (date, id), then undated."""

    def __init__(self, mentions: Iterable[Event]) -> None:
        groups: dict[str, list[Event]] = defaultdict(list)
        for mention in mentions:
            groups[event_id(mention)].append(mention)
        ordered = sorted(groups.items(), key=lambda kv: (kv[1][0].date is None, kv[1][0].date or "", kv[0]))
        self.keys = [key for key, _ in ordered]
        self.mentions = [members for _, members in ordered]
        self.dates = [members[0].date for members in self.mentions if members[0].date]
        self.dated = len(self.dates)
        self.by_type = _positions((m[0].type,) for m in self.mentions)
        self.by_entity = _positions({a.entity_id for e in m for a in e.actors if a.entity_id} for m in self.mentions)
        self.by_article = _positions({e.article_id for e in m} for m in self.mentions)
        self._unions: dict[frozenset[str], list[int]] = {}
        self._encoded: dict[int, str] = {}

    def select(self, filters: Filters) -> tuple[Sequence[int], Sequence[int]]:
        """Positions of the dated and of the undated events that pass ``filters``, in order."""
        start, stop = self._date_span(filters)
        wanted = [self._any_of(self.by_entity, filters.entities), self._any_of(self.by_article, filters.articles),
                  self.by_type.get(filters.type, []) if filters.type else None]
        wanted = [w for w in wanted if w is not None]
        if not wanted:
            undated = range(0) if filters.dated_only() else range(self.dated, len(self.keys))
            return range(start, stop), undated
        smallest, *others = sorted(wanted, key=len)
        chosen = smallest
        if others:
            checks = [set(o) for o in others]
            chosen = [p for p in smallest if all(p in c for c in checks)]
        # positions are sorted, dated ones first: the date span and the undated are slices
        dated = chosen[bisect.bisect_left(chosen, start):bisect.bisect_left(chosen, stop)]
        undated = [] if filters.dated_only() else chosen[bisect.bisect_left(chosen, self.dated):]
        return dated, undated

    def _date_span(self, filters: Filters) -> tuple[int, int]:
        start = bisect.bisect_left(self.dates, filters.date_from) if filters.date_from else 0
        # "to + U+FFFF": a bound of day (or month) precision also takes what lies inside it
        stop = bisect.bisect_right(self.dates, filters.date_to + "\uffff") if filters.date_to else self.dated
        return start, max(start, stop)

    def _any_of(self, index: dict[str, list[int]], keys: frozenset[str] | None) -> list[int] | None:
        """Sorted positions under any of ``keys``; unions of many keys (an outlet's articles)
        are remembered, as the same ones come back."""
        if keys is None:
            return None
        if len(keys) == 1:
            return index.get(next(iter(keys)), [])
        if keys not in self._unions:
            if len(self._unions) >= 256:
                self._unions.clear()
            self._unions[keys] = sorted({p for key in keys for p in index.get(key, ())})
        return self._unions[keys]

    def records(self, store: Store, positions: Sequence[int], entities: dict[str, EntitySummary]) -> RawJSON:
        """The JSON list of the records of the events at ``positions`` (``entities``, by id,
        names the actors). Each record is encoded once per index: it changes only with the
        store, and then the index is rebuilt."""
        missing = [p for p in positions if p not in self._encoded]
        if missing:
            if len(self._encoded) > ENCODED_HELD:
                self._encoded.clear()
            texts = _PageTexts(store, entities)
            for p in missing:
                self._encoded[p] = dumps(event_record(self.keys[p], self.mentions[p], texts))
        return RawJSON("[" + ",".join(self._encoded[p] for p in positions) + "]")


def _positions(values_per_position: Iterable[Iterable[str]]) -> dict[str, list[int]]:
    index: dict[str, list[int]] = defaultdict(list)
    for position, values in enumerate(values_per_position):
        for value in values:
            index[value].append(position)
    return dict(index)


class _PageTexts:
    """Sentences and entity names for one page of records (``event_record``'s ``texts``).

    An article's text and sentences never change (its id is its content's hash), so they are
    kept across requests in a bounded cache; entity names come from the cached entity list."""

    def __init__(self, store: Store, entities: dict[str, EntitySummary]) -> None:
        self.store = store
        self._names = {entity_id: summary.entity.name for entity_id, summary in entities.items()}

    def sentence(self, article_id: str, index: int | None, start: int) -> str:
        text, sentences = _article_text(self.store, article_id)
        if index is not None and 0 <= index < len(sentences):
            found = sentences[index]
        else:
            found = next((s for s in sentences if s.start <= start < s.end), None)
        return text[found.start:found.end] if found else ""

    def entity_name(self, entity_id: str | None) -> str | None:
        if entity_id is None:
            return None
        if entity_id not in self._names:  # merged away since: follow it to its entity
            self._names[entity_id] = self.store.entity(entity_id).entity.name
        return self._names[entity_id]


_TEXTS: OrderedDict[tuple[str, str], tuple[str, list[Sentence]]] = OrderedDict()
_TEXTS_HELD = 4096  # articles; a few tens of MB at most
_TEXTS_LOCK = threading.Lock()


def _article_text(store: Store, article_id: str) -> tuple[str, list[Sentence]]:
    key = (store.target, article_id)
    with _TEXTS_LOCK:
        held = _TEXTS.get(key)
        if held is not None:
            _TEXTS.move_to_end(key)
            return held
    held = (store.article(article_id).text, store.sentences(article_id))
    with _TEXTS_LOCK:
        _TEXTS[key] = held
        while len(_TEXTS) > _TEXTS_HELD:
            _TEXTS.popitem(last=False)
    return held


class IndexCache:
    """What costs a scan of the whole store, kept per store target until its article count
    moves: the TimelineIndex, the outlet map, the entity list (mention counts, aliases).
    Events, entities and outlets change only when articles are saved."""

    def __init__(self, recheck_seconds: float = RECHECK_SECONDS) -> None:
        self._lock = threading.Lock()
        self._built: dict[tuple[str, str], tuple[int, object]] = {}
        self._recheck = recheck_seconds
        self._counted: dict[str, tuple[float, int]] = {}  # target -> (when, article count)

    def article_count(self, store: Store) -> int:
        """The store's article count, read again at most every ``recheck_seconds``: counting
        20k rows on every request (several times) cost more than the rest of a search."""
        now = time.monotonic()
        held = self._counted.get(store.target)
        if held is None or now - held[0] > self._recheck:
            held = self._counted[store.target] = (now, store.count_articles())
        return held[1]

    def index(self, store: Store) -> TimelineIndex:
        return self._cached("timeline", store, lambda: TimelineIndex(store.events()))

    def outlet_articles(self, store: Store) -> dict[str, frozenset[str]]:
        """Outlet name (case-folded) -> the ids of its articles."""
        return self._cached("outlets", store, lambda: _articles_by_outlet(store))

    def entities(self, store: Store) -> dict[str, EntitySummary]:
        """Entity id -> summary, most mentioned first (``store.entities()``)."""
        return self._cached("entities", store, lambda: {e.entity.id: e for e in store.entities()})

    def forget(self) -> None:
        with self._lock:
            self._built.clear()
            self._counted.clear()

    def _cached(self, what: str, store: Store, build):
        count = self.article_count(store)
        key = (what, store.target)
        held = self._built.get(key)
        if held is not None and held[0] == count:
            return held[1]
        with self._lock:  # one build at a time; the others wait for it instead of repeating it
            held = self._built.get(key)
            if held is None or held[0] != count:
                held = self._built[key] = (count, build())
            return held[1]


def _articles_by_outlet(store: Store) -> dict[str, frozenset[str]]:
    from storyline.query.export import iter_articles

    grouped: dict[str, set[str]] = defaultdict(set)
    for article in iter_articles(store):
        if article.outlet:
            grouped[article.outlet.casefold()].add(article.id)
    return {outlet: frozenset(ids) for outlet, ids in grouped.items()}
