"""Copies: syndicated and lightly edited versions of one article, found with MinHash + LSH.

Each article's cleaned text becomes a set of word shingles (``clean.fingerprint.shingles``),
summarized by a MinHash signature; an LSH index (datasketch) returns the articles whose
signatures probably share enough shingles, and the estimated Jaccard similarity decides. The
headline is left out on purpose: outlets rewrite headlines of the copies they run.

Wire credits (``Article.extra["wire"]``) and bylines are a hint, never proof: two articles
crediting the same agency, or signed by the same author, count as copies at the lower
``hinted_threshold``; without that they need ``threshold``. An article that matches members of
two groups joins both into one (the older group keeps its id).

A group's canonical article is the earliest published, else the longest, ties by id; its id
(``copy-<founding article id>``) comes from the article that founded it and never changes.
Adding costs one signature and one LSH query, whatever the corpus size.

State, as rows (``to_rows()`` / ``CopyDetector.from_rows(rows)``)::

    copy_signatures (article_id, signature bytes, published, length, wire, authors)
    copy_members    (group_id, founded, position, article_id)

The LSH index is rebuilt from the signatures when the rows are loaded.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
from datasketch import MinHash, MinHashLSH

from storyline.clean.fingerprint import shingles
from storyline.errors import NotFoundError, StoreError
from storyline.models import Article, CopyGroup
from storyline.registry import register

_SIGNATURE_DTYPE = np.uint64
_SCHEME = "affine32"  # pinned, so stored signatures stay comparable across datasketch releases


@dataclass(frozen=True)
class CopySettings:
    threshold: float = 0.5  # estimated Jaccard of shingle sets
    hinted_threshold: float = 0.35  # same wire credit or same byline
    shingle_size: int = 4
    permutations: int = 128
    seed: int = 1  # fixed so signatures (and so groups) are the same on every run


@dataclass
class Signed:
    """What copy detection keeps of an article: its signature and the facts it ranks by."""

    article_id: str
    minhash: MinHash
    published: str | None
    length: int
    wire: str | None
    authors: tuple[str, ...] = ()


@dataclass
class _Group:
    id: str
    founded: int  # founding order: when groups join, the one founded first keeps its id
    members: list[str] = field(default_factory=list)


def canonical_rank(article_id: str, published: str | None, length: int) -> tuple:
    """A copy group's canonical is its smallest member by this key: earliest published first
    (undated last), then the longest, then the smallest id (``query/copies.py`` reads rows by it)."""
    return (published is None, published or "", -int(length), article_id)


@lru_cache(maxsize=8)
def _band_params(threshold: float, permutations: int) -> tuple[int, int]:
    """datasketch finds the bands and rows for a threshold by numeric integration (0.1-0.2 s);
    every query rebuilds a detector from stored state, so work them out once per process."""
    lsh = MinHashLSH(threshold=threshold, num_perm=permutations)
    return lsh.b, lsh.r


@register("copies.minhash.v1")
class CopyDetector:
    """Add articles one at a time; read the copy groups (two or more members) any time."""

    def __init__(self, settings: CopySettings = CopySettings()) -> None:
        self.settings = settings
        self.lsh = MinHashLSH(num_perm=settings.permutations,
                              params=_band_params(settings.hinted_threshold, settings.permutations))
        self.signed: dict[str, Signed] = {}
        self.group_of: dict[str, str] = {}
        self.groups_by_id: dict[str, _Group] = {}

    def add(self, article: Article) -> CopyGroup | None:
        """Index one article; returns its group when it is a copy (or has copies), else None."""
        if article.id not in self.signed:
            signed = self._sign(article)
            matches = self._matches(signed) if signed.length else []
            self._remember(signed)
            self._group(article.id, matches)
        return self.group_for(article.id)

    def add_many(self, articles: list[Article]) -> list[CopyGroup]:
        for article in articles:
            self.add(article)
        return self.groups()

    def groups(self) -> list[CopyGroup]:
        """Every group with at least two members, in founding order."""
        return [self._copy_group(g) for g in self.groups_by_id.values() if len(g.members) > 1]

    def group_for(self, article_id: str) -> CopyGroup | None:
        if article_id not in self.signed:
            raise NotFoundError(f"article {article_id!r} has not been checked for copies")
        group = self.groups_by_id.get(self.group_of.get(article_id, ""))
        return self._copy_group(group) if group and len(group.members) > 1 else None

    def canonical_of(self, article_id: str) -> str:
        """The article that stands for this one (itself when it has no copies)."""
        group = self.group_for(article_id)
        return group.canonical if group else article_id

    # -- matching ---------------------------------------------------------------------------
    def _sign(self, article: Article) -> Signed:
        minhash = MinHash(num_perm=self.settings.permutations, seed=self.settings.seed, scheme=_SCHEME)
        # one vectorized update for all shingles: a Python loop per shingle dominated the cost
        minhash.update_batch([s.encode("utf-8") for s in sorted(shingles(article.text, self.settings.shingle_size))])
        wire = article.extra.get("wire")
        authors = tuple(sorted(a.casefold() for a in article.authors))
        return Signed(article.id, minhash, article.published, len(article.text),
                      str(wire).casefold() if wire else None, authors)

    def _matches(self, signed: Signed) -> list[str]:
        """Indexed articles similar enough to count as copies of this one, sorted by id."""
        found = []
        for other_id in sorted(self.lsh.query(signed.minhash)):
            other = self.signed[other_id]
            needed = self.settings.hinted_threshold if _hinted(signed, other) else self.settings.threshold
            if signed.minhash.jaccard(other.minhash) >= needed:
                found.append(other_id)
        return found

    def _remember(self, signed: Signed) -> None:
        self.signed[signed.article_id] = signed
        self.lsh.insert(signed.article_id, signed.minhash)

    def _group(self, article_id: str, matches: list[str]) -> None:
        """Join the groups of every match (the oldest keeps its id), or found a new group."""
        group_ids = sorted({self.group_of[m] for m in matches}, key=lambda g: self.groups_by_id[g].founded)
        if not group_ids:
            group = _Group(f"copy-{article_id}", len(self.signed))
            self.groups_by_id[group.id] = group
        else:
            group = self.groups_by_id[group_ids[0]]
            for absorbed_id in group_ids[1:]:
                for member in self.groups_by_id.pop(absorbed_id).members:
                    group.members.append(member)
                    self.group_of[member] = group.id
        group.members.append(article_id)
        self.group_of[article_id] = group.id

    def _copy_group(self, group: _Group) -> CopyGroup:
        canonical = min(group.members, key=self._canonical_rank)
        reference = self.signed[canonical].minhash
        similarity = {m: round(self.signed[m].minhash.jaccard(reference), 4) for m in group.members}
        return CopyGroup(id=group.id, canonical=canonical, articles=list(group.members), similarity=similarity)

    def _canonical_rank(self, article_id: str) -> tuple:
        signed = self.signed[article_id]
        return canonical_rank(article_id, signed.published, signed.length)

    # -- persistence ------------------------------------------------------------------------
    def to_rows(self) -> dict[str, list[tuple]]:
        signatures = [
            (s.article_id, s.minhash.hashvalues.astype(_SIGNATURE_DTYPE).tobytes(), s.published,
             s.length, s.wire, "\n".join(s.authors))
            for s in self.signed.values()
        ]
        members = [(g.id, g.founded, i, a) for g in self.groups_by_id.values() for i, a in enumerate(g.members)]
        return {"copy_signatures": signatures, "copy_members": members}

    @classmethod
    def from_rows(cls, rows: dict[str, list[tuple]], settings: CopySettings = CopySettings()) -> CopyDetector:
        if "copy_signatures" not in rows or "copy_members" not in rows:
            raise StoreError("copy state needs the tables copy_signatures and copy_members")
        detector = cls(settings)
        for article_id, blob, published, length, wire, authors in rows["copy_signatures"]:
            values = np.frombuffer(blob, dtype=_SIGNATURE_DTYPE)
            minhash = MinHash(num_perm=settings.permutations, seed=settings.seed, hashvalues=values,
                              scheme=_SCHEME)
            authors_tuple = tuple(authors.split("\n")) if authors else ()
            detector._remember(Signed(article_id, minhash, published, int(length), wire, authors_tuple))
        for group_id, founded, _, article_id in sorted(rows["copy_members"], key=lambda r: (r[1], r[2])):
            detector.groups_by_id.setdefault(group_id, _Group(group_id, int(founded))).members.append(article_id)
            detector.group_of[article_id] = group_id
        return detector


def _hinted(left: Signed, right: Signed) -> bool:
    same_wire = left.wire is not None and left.wire == right.wire
    return same_wire or bool(set(left.authors) & set(right.authors))
