"""Global step for events, ``merge_events``: one id for every mention of the same real-world event.

Mentions join when their type matches, their modes don't clash, they share an actor (as the
same canonical entity, or the same capitalized name where no entity holds it, in the same role
unless the type is symmetric, e.g. CONSULT) and their
counterparts don't clash (X's call with Y is not X's call with Z), their places don't clash
and their dates agree at the coarser of the two precisions (a mention naming nobody joins
one that names someone only on the same day, with a place on either side). Dates that
differ never merge: two calls between the same people on different days are two events, and a
cluster never holds two dates that disagree. An undated mention joins only on strong evidence
(same type and mode, both sides' actors, same article or same publication day; within one
article a shared actor and a named mode, "the call" told again) and only when exactly one
cluster fits it.

Pure: events in, copies with ``id`` set out. Ids are stable: a cluster keeps an id one of its
members already had (an earlier run), else takes a hash of its first mention's article/start.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import date

from storyline.models import Event

EntityOf = Callable[[str, int], "str | None"]
# Types whose two sides are interchangeable: "A met B" and "B met A" are one meeting.
SYMMETRIC = frozenset({"AGREE", "CONSULT", "COOPERATE"})
_PLAIN_DATE = re.compile(r"^[\dX]{4}(?:-[\dX]{2}(?:-[\dX]{2})?)?$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")


@dataclass
class _View:
    """One mention with what merging compares, computed once."""

    index: int
    event: Event
    sources: frozenset[str]
    targets: frozenset[str]
    day: str | None  # the date value cut to a date (no clock time); None when undated

    @property
    def everyone(self) -> frozenset[str]:
        return self.sources | self.targets


def merge_events(events: list[Event], entity_of: EntityOf,
                 published: Mapping[str, str | None] | None = None) -> list[Event]:
    """Copies of ``events`` (same order) with ``id`` set; see the module docstring.

    ``entity_of(article_id, start)`` gives the entity of the mention starting there (None when
    unresolved); ``published`` maps an article id to its publication day, for undated mentions.
    """
    views = [_view(i, e, entity_of) for i, e in enumerate(events)]
    order = sorted(views, key=lambda v: (v.day is None, v.event.article_id, v.event.start))
    clusters: list[list[_View]] = []
    for view in order:
        fitting = [c for c in clusters if _fits(view, c, published or {})]
        if fitting and (view.day is not None or len(fitting) == 1):
            fitting[0].append(view)
        else:
            clusters.append([view])
    ids = {v.index: _cluster_id(c) for c in clusters for v in c}
    return [replace(e, id=ids[i]) for i, e in enumerate(events)]


def _view(index: int, event: Event, entity_of: EntityOf) -> _View:
    def entities(role: str) -> frozenset[str]:
        found = (entity_of(event.article_id, a.start) or a.entity_id or _name_key(a.text)
                 for a in event.actors if a.role == role)
        return frozenset(e for e in found if e)

    day = event.date.split("T")[0] if event.date else None
    if day is not None and not (_PLAIN_DATE.match(day) or _WEEK.match(day)):
        day = None  # "PRESENT_REF" and the like say nothing about which day
    return _View(index, event, entities("source"), entities("target"), day)


_ARTICLES = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)


def _name_key(text: str) -> str | None:
    """A name no entity holds (NER missed "the Ever Bound") still names the same thing in
    another report: its words without the article, when they are all capitalized."""
    words = _ARTICLES.sub("", text.strip()).replace("’", "'").removesuffix("'s").split()
    if not words or not all(w[:1].isupper() for w in words):
        return None
    return "name:" + " ".join(words).casefold()


def _fits(view: _View, cluster: list[_View], published: Mapping[str, str | None]) -> bool:
    """Every dated member agrees on the date, and one member is the same event."""
    if view.day is not None and any(m.day is not None and not same_date(view.day, m.day)
                                    for m in cluster):
        return False
    return any(_same_event(view, m, published) for m in cluster)


def _same_event(a: _View, b: _View, published: Mapping[str, str | None]) -> bool:
    first, second = a.event, b.event
    if first.type != second.type or not _places_agree(first.place, second.place):
        return False
    if a.day is None or b.day is None:
        return _strong(a, b, published)
    if first.mode and second.mode and first.mode != second.mode:
        return False
    if not a.everyone and not b.everyone:  # nobody named: the same place must say it
        return first.place is not None and _places_agree(first.place, second.place)
    if not a.everyone or not b.everyone:
        # "after a settlement was signed in X" next to "A and B signed the deal in X" that
        # day: with nobody named on one side, the same day and a place must say it
        return _same_day(a.day, b.day) and (first.place or second.place) is not None
    return _actors_overlap(a, b) and not _counterparts_clash(a, b)


def _same_day(first: str, second: str) -> bool:
    return first == second and len(first) == len("2025-01-28")


def _strong(a: _View, b: _View, published: Mapping[str, str | None]) -> bool:
    """Evidence enough for an undated mention: same mode, both sides, same article or day."""
    first, second = a.event, b.event
    same_day = published.get(first.article_id) is not None and \
        published.get(first.article_id) == published.get(second.article_id)
    if first.mode != second.mode or not (first.article_id == second.article_id or same_day):
        return False
    if first.article_id == second.article_id and first.mode is not None:
        # one article telling its call again ("during the call"): a shared side is enough
        return bool(a.everyone & b.everyone)
    if first.type in SYMMETRIC:
        return len(a.everyone) >= 2 and a.everyone == b.everyone
    return bool(a.sources & b.sources) and bool(a.targets & b.targets)


def _actors_overlap(a: _View, b: _View) -> bool:
    if a.event.type in SYMMETRIC:
        return bool(a.everyone & b.everyone)
    return bool(a.sources & b.sources) or bool(a.targets & b.targets)


def _counterparts_clash(a: _View, b: _View) -> bool:
    """Same person, other counterpart: "X called Y" and "X called Z" on one day are two calls.
    For a symmetric type the counterparts are everyone but the shared actors; otherwise the
    targets of a shared source (or the sources of a shared target)."""
    if a.event.type in SYMMETRIC:
        shared = a.everyone & b.everyone
        mine, theirs = a.everyone - shared, b.everyone - shared
    elif a.sources & b.sources:
        mine, theirs = a.targets, b.targets
    else:
        mine, theirs = a.sources, b.sources
    return bool(mine) and bool(theirs) and not mine & theirs


def _places_agree(first: str | None, second: str | None) -> bool:
    if first is None or second is None:
        return True
    x, y = first.casefold(), second.casefold()
    return x in y or y in x


def same_date(first: str, second: str) -> bool:
    """Whether two TIMEX3 date values agree at the coarser precision ("2025-01" ~ "2025-01-28",
    "2025-W05" ~ "2025-01-28"; "X" digits are unknown and match anything)."""
    if _WEEK.match(first) or _WEEK.match(second):
        weeks = _week_of(first), _week_of(second)
        return None not in weeks and weeks[0] == weeks[1]
    size = min(len(first), len(second))
    return all(x == y or "X" in (x, y) for x, y in zip(first[:size], second[:size]))


def _week_of(value: str) -> tuple[int, int] | None:
    match = _WEEK.match(value)
    if match:
        return int(match.group(1)), int(match.group(2))
    try:
        iso = date.fromisoformat(value).isocalendar()
    except ValueError:
        return None  # a month or a year is coarser than a week: no common precision to test
    return iso[0], iso[1]


def _cluster_id(cluster: list[_View]) -> str:
    members = sorted(cluster, key=lambda v: (v.event.article_id, v.event.start))
    kept = next((v.event.id for v in members if v.event.id), None)
    if kept is not None:
        return kept
    first = members[0].event
    digest = hashlib.sha1(f"{first.article_id}:{first.start}".encode()).hexdigest()[:16]
    return f"event-{digest}"
