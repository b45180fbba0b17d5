"""Copies are one report: which article stands for each copy, and which fact a copy repeats.

A syndicated or lightly edited copy (``cluster/copies.py``) says what its canonical article
says; counting its claims, quotes or event reports again would make one source look like
several. Queries mark such facts instead of counting them::

    canonical = canonical_of(store)           # {copy id: canonical id} (canonicals map to themselves)
    mark_copies(records, canonical, same)     # adds copy_of_article / copy_of / independent

The map is read from the stored copy state without rebuilding the detector (its MinHash and
LSH index cost seconds on a large store), and kept per open store until an article is added:
a server lends one open store to request after request.
"""

from __future__ import annotations

import weakref
from collections import defaultdict
from collections.abc import Callable, Hashable

from storyline.cluster.collection import COPIES
from storyline.cluster.copies import canonical_rank
from storyline.store import Store

# open store -> (its article count when read, the map); dropped with the store
_CANONICAL: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def canonical_of(store: Store) -> dict[str, str]:
    """Every article in a copy group mapped to its group's canonical article; an article in
    no group is absent (it stands for itself: use ``canonical.get(id, id)``)."""
    count = store.count_articles()
    cached = _CANONICAL.get(store)
    if cached is not None and cached[0] == count:
        return cached[1]
    rows = store.cluster_state(COPIES)
    canonical = canonical_from_rows(rows)
    # kept only once the copy state covers every article: an ingest saves articles before it
    if len(rows.get("copy_signatures", ())) == count:
        _CANONICAL[store] = (count, canonical)
    return canonical


def canonical_from_rows(rows: dict[str, list[tuple]]) -> dict[str, str]:
    """``canonical_of`` from the copy state's rows (``CopyDetector.to_rows()``): each group of
    two or more members maps to its canonical article, chosen as ``CopyDetector`` does
    (earliest published, undated last, then the longest, then the smallest id)."""
    if not rows:
        return {}
    rank = {article_id: canonical_rank(article_id, published, length)
            for article_id, _, published, length, *_ in rows.get("copy_signatures", ())}
    groups: dict[str, list[str]] = defaultdict(list)
    for group_id, _, _, article_id in sorted(rows.get("copy_members", ()), key=lambda r: (r[1], r[2])):
        groups[group_id].append(article_id)
    return {member: min(members, key=lambda a: rank.get(a, (True, "", 0, a)))
            for members in groups.values() if len(members) > 1 for member in members}


def mark_copies(records: list[dict], canonical: dict[str, str],
                same: Callable[[dict], Hashable]) -> list[dict]:
    """Add to each record (with an ``article`` and an ``id``) ``copy_of_article`` (the canonical
    article when the record's article is a copy of it, else None), ``copy_of`` (the id of the
    canonical article's record with the same ``same(record)`` key, if any) and
    ``independent`` (False for a record from a copy)."""
    by_key: dict[tuple, str] = {}
    for record in records:
        if canonical.get(record["article"], record["article"]) == record["article"]:
            by_key.setdefault((record["article"], same(record)), record["id"])
    for record in records:
        original = canonical.get(record["article"], record["article"])
        is_copy = original != record["article"]
        record["copy_of_article"] = original if is_copy else None
        record["copy_of"] = by_key.get((original, same(record))) if is_copy else None
        record["independent"] = not is_copy
    return records


def copies_by_original(records: list[dict]) -> dict[str, list[dict]]:
    """Records that repeat another record, keyed by the id of the record they repeat."""
    found: dict[str, list[dict]] = defaultdict(list)
    for record in records:
        if record.get("copy_of"):
            found[record["copy_of"]].append(record)
    return dict(found)
