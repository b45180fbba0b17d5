"""Terms common within one storyline, which the event level counts for less.

Two events of one storyline (two earthquakes in one region, two arrests of players of one
team) share the storyline's words: the place, the kind of happening, the institutions. What
tells them apart is what only some of its articles say: the names, the dates, the numbers.
So each storyline keeps how many of its articles hold each term (``LocalTerms``), and when an
article is compared with that storyline's event clusters every term is scaled by

    (1 - share) ** alpha,   share = count / (documents + prior)

a term every article of the storyline holds counts for little, a term few hold counts fully;
the ``prior`` pseudo-articles keep a young storyline (a few articles, little evidence of what
is common) from discounting anything much. The table holds at most twice ``max_terms`` terms
(trimmed back to the ``max_terms`` most frequent, ties by term), so its size never grows with
the storyline.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class LocalSettings:
    alpha: float = 0.5  # tuned on ECB+ dev and train
    prior: float = 2.0  # pseudo-articles holding none of the terms
    max_terms: int = 100  # kept terms; the table is trimmed back to this at twice as many


@dataclass
class LocalTerms:
    """One storyline's document count and per-term article counts (bounded)."""

    documents: int = 0
    counts: dict[str, int] = field(default_factory=dict)

    def add(self, terms: set[str] | list[str], settings: LocalSettings) -> None:
        self.documents += 1
        for term in terms:
            self.counts[term] = self.counts.get(term, 0) + 1
        self._trim(settings)

    def merge(self, other: LocalTerms, settings: LocalSettings) -> None:
        """Fold another storyline's table into this one (when storylines merge)."""
        self.documents += other.documents
        for term, count in other.counts.items():
            self.counts[term] = self.counts.get(term, 0) + count
        self._trim(settings)

    def _trim(self, settings: LocalSettings) -> None:
        # trimmed in steps (at twice the limit, back to it), so the sort runs once per many adds
        if len(self.counts) > 2 * settings.max_terms:
            kept = sorted(self.counts.items(), key=lambda pair: (-pair[1], pair[0]))[: settings.max_terms]
            self.counts = dict(kept)

    def scale(self, term: str, settings: LocalSettings) -> float:
        share = self.counts.get(term, 0) / (self.documents + settings.prior)
        return (1.0 - share) ** settings.alpha

    def scaled(self, vector: dict[str, float], settings: LocalSettings) -> dict[str, float]:
        """``vector`` with every term scaled by how rare it is in this storyline."""
        return {term: weight * self.scale(term, settings) for term, weight in vector.items()}
