"""Copies are one report: which article stands for each copy, and which fact a copy repeats.

A syndicated or lightly edited copy (``cluster/copies.py``) says what its canonical article
says; counting its claims, quotes or event reports again would make one source look like
several. Queries mark such facts instead of counting them::

    canonical = canonical_of(store)           # {copy id: canonical id} (canonicals map to themselves)
    mark_copies(records, canonical, same)     # adds copy_of_article / copy_of / independent
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable

from storyline.cluster.collection import COPIES
from storyline.cluster.copies import CopyDetector
from storyline.store import Store


def canonical_of(store: Store) -> dict[str, str]:
    """Every article in a copy group mapped to its group's canonical article; an article in
    no group is absent (it stands for itself: use ``canonical.get(id, id)``)."""
    rows = store.cluster_state(COPIES)
    if not rows:
        return {}
    return {member: group.canonical for group in CopyDetector.from_rows(rows).groups()
            for member in group.articles}


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
