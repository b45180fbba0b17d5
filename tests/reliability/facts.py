"""Everything a store holds, as comparable values (through the Store interface, any backend).

``fact_rows`` gives one sorted list per kind of fact, each row keyed by article id and offsets,
so two stores built from the same input can be compared kind by kind: a row missing or
doubled in one of them shows up as a difference in that kind.
"""

from __future__ import annotations

from collections import Counter

from storyline.store import Store

KINDS = ("articles", "sentences", "mentions", "timexes", "events", "claims", "quotes", "roles",
         "entities")


def fact_rows(store: Store) -> dict[str, list[tuple]]:
    ids = store.article_ids()
    rows: dict[str, list[tuple]] = {
        "articles": [(a.id, a.content_hash, a.source.rsplit("/", 1)[-1], a.title, a.published,
                      a.outlet, a.text) for a in store.articles()],
        "sentences": [(s.article_id, s.index, s.start, s.end)
                      for article_id in ids for s in store.sentences(article_id)],
        "mentions": [(m.article_id, m.start, m.end, m.label, m.kind) for m in store.mentions()],
        "timexes": [(t.article_id, t.start, t.end, t.type, t.value)
                    for article_id in ids for t in store.timexes(article_id)],
        "events": [(e.article_id, e.start, e.end, e.type, e.date) for e in store.events()],
        "claims": [(c.article_id, c.start, c.end, c.value, c.counts) for c in store.claims()],
        "quotes": [(q.article_id, q.start, q.end, q.speaker) for q in store.quotes()],
        "roles": [(r.article_id, r.start, r.end, r.title) for r in store.roles()],
        "entities": [(e.entity.name, e.entity.type, e.mentions) for e in store.entities()],
    }
    return {kind: sorted(values, key=repr) for kind, values in rows.items()}


def counts(rows: dict[str, list[tuple]]) -> dict[str, int]:
    return {kind: len(values) for kind, values in rows.items()}


def differences(expected: dict[str, list[tuple]], found: dict[str, list[tuple]]) -> dict[str, int]:
    """Per kind, how many rows are missing or extra (doubled rows count as extra)."""
    diff = {}
    for kind in KINDS:
        want, got = Counter(expected[kind]), Counter(found[kind])
        lost = sum((want - got).values()) + sum((got - want).values())
        if lost:
            diff[kind] = lost
    return diff


def duplicates(rows: dict[str, list[tuple]]) -> dict[str, int]:
    """Per kind, rows that occur more than once (a fact stored twice)."""
    found = {}
    for kind, values in rows.items():
        doubled = sum(n - 1 for n in Counter(values).values() if n > 1)
        if doubled:
            found[kind] = doubled
    return found
