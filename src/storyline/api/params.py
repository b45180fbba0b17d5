"""Query parameters shared by the endpoints: pagination, dates, entity names.

A value that can't be used raises InputError (400) whose message says what is allowed; an
entity filter naming nobody raises NotFoundError (404), as the CLI does.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from fastapi import Query

from storyline.errors import InputError, NotFoundError
from storyline.query.entities import find_entities
from storyline.store import EntitySummary, Store

MAX_LIMIT = 500
DEFAULT_LIMIT = 50
# A date filter, YYYY, YYYY-MM or YYYY-MM-DD: the API's and the web pages'.
DATE_FILTER = re.compile(r"\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?")


@dataclass(frozen=True)
class Page:
    limit: int
    offset: int

    def of(self, items: Sequence) -> dict:
        """``{"total", "limit", "offset", "items"}`` for this page of ``items``."""
        return {"total": len(items), "limit": self.limit, "offset": self.offset,
                "items": list(items[self.offset:self.offset + self.limit])}


async def page(  # async: checked on the event loop, no worker thread needed
    limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description=f"At most this many items (1-{MAX_LIMIT})."),
    offset: int = Query(0, ge=0, description="Skip this many items first."),
) -> Page:
    return Page(limit, offset)


def checked_date(name: str, value: str | None) -> str | None:
    """``value`` when it is YYYY, YYYY-MM or YYYY-MM-DD (a real calendar shape)."""
    if value is None or value == "":
        return None
    if not DATE_FILTER.fullmatch(value):
        raise InputError(f"{name}={value!r}", "is not a date; use YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2021-03-23)")
    return value


def checked_range(date_from: str | None, date_to: str | None) -> tuple[str | None, str | None]:
    date_from, date_to = checked_date("from", date_from), checked_date("to", date_to)
    if date_from and date_to and date_from[:len(date_to)] > date_to:
        raise InputError(f"from={date_from!r}, to={date_to!r}", "'from' is after 'to'; give from <= to")
    return date_from, date_to


def entity_ids(store: Store, wanted: str | None, known: dict[str, EntitySummary]) -> set[str] | None:
    """The entities a filter means: an entity id, else every entity of that name (or alias).

    ``known`` is the store's entity list by id (cached per store state): matching a name
    needs every entity's aliases, which is costly to read for each request."""
    if not wanted:
        return None
    if wanted in known:
        return {wanted}
    try:
        return {store.entity(wanted).entity.id, wanted}  # an id merged into another entity
    except NotFoundError:
        pass
    try:
        return {e.entity.id for e in find_entities(Listed(known), wanted)}
    except NotFoundError:
        raise NotFoundError(f"no entity with id or name {wanted!r}; list them at /api/entities") from None


class Listed:
    """The one Store method ``find_entities`` reads, answered from the cached entity list."""

    def __init__(self, known: dict[str, EntitySummary]) -> None:
        self.known = known

    def entities(self, type: str | None = None) -> list[EntitySummary]:
        return [e for e in self.known.values() if type is None or e.entity.type == type]
