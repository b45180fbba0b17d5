"""Grouping claims about one quantity across articles (collection level, pure).

Claims group when they count the same thing (the same ``counts`` after folding plurals and
synonyms such as "dead"/"killed") about a compatible subject: the same entity, the same place
words, or no subject at all when that leaves only one candidate. A figure whose counts is only a unit
("$300 million" of what?) is a quantity of its own. Within a group, claims are
ordered by as-of date, so a reader sees the figure move and sources disagree.
"""

from __future__ import annotations

from collections import defaultdict

from storyline.extract.claims.figures import CURRENCIES
from storyline.models import Claim

# Words that name one state of the counted: a death toll is "dead" in one outlet and
# "killed" in the next.
_SYNONYMS = {"dead": "killed", "died": "killed", "perished": "killed", "wounded": "injured",
             "hurt": "injured", "freed": "released", "detained": "held", "captive": "held",
             "person": "people", "remain": "remaining", "vessel": "ship", "vessels": "ship"}
# A sum one side wants from another, however it is worded (after folding plurals).
_SUMS = {"claimed": "claim", "demand": "claim", "demanded": "claim", "sought": "claim",
         "asked": "claim", "compensation": "claim"}


def _fold(word: str) -> str:
    if word in _SYNONYMS:
        return _SYNONYMS[word]
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


# Nouns that say nothing about who is counted: "1,200 people killed" and "1,200 killed" are one
# quantity.
_GENERIC = frozenset({"people", "persons", "individuals"})


def quantity_key(counts: str, subject: str | None = None) -> str:
    """'hostages released' and 'hostage freed' -> 'hostage released'; the subject's own words
    and generic nouns drop out ('Norlanders killed' about Norlanders -> 'killed'), since the
    subject is kept apart."""
    dropped = _GENERIC | {_fold(w) for w in (subject or "").lower().split()}
    words = [w for w in counts.lower().split() if w not in dropped and _fold(w) not in dropped]
    folded = [_SYNONYMS.get(w, _fold(w)) for w in words or counts.lower().split()]
    if folded and folded[0] in _UNITS:  # only a sum is claimed or demanded ("people sought refuge")
        folded = [_SUMS.get(w, w) for w in folded]
    return " ".join(folded)


# Units alone say what a figure is measured in, not what it counts.
_UNITS = frozenset({_fold(unit) for unit in (*CURRENCIES.values(), "percent")})


def _subject(claim: Claim, entity_of: dict | None) -> str | None:
    if entity_of and claim.subject_start is not None:
        found = entity_of.get((claim.article_id, claim.subject_start))
        if found is not None:
            return found
    if claim.subject_entity:
        return claim.subject_entity
    return quantity_key(claim.subject) if claim.subject else None


def _order(claim: Claim) -> tuple:
    return (claim.as_of or "", claim.article_id, claim.start)


def group_claims(claims: list[Claim], entity_of: dict | None = None) -> list[list[Claim]]:
    """Groups of claims about the same quantity, each ordered by as-of date.

    ``entity_of`` maps ``(article_id, subject_start)`` to a canonical entity id when resolve/
    has one; without it the subject words decide. Output order is deterministic.
    """
    return [members for _, members in keyed_claim_groups(claims, entity_of)]


def keyed_claim_groups(claims: list[Claim], entity_of: dict | None = None) -> list[tuple[str, list[Claim]]]:
    """``group_claims`` with each group's key: ``counts`` words, then ``@subject`` when the
    group is about one (an entity id or the subject's words), e.g. 'hostage released@E1'."""
    by_counts: dict[str, dict[str | None, list[Claim]]] = defaultdict(lambda: defaultdict(list))
    for claim in claims:
        if claim.counts:
            key = quantity_key(claim.counts, claim.subject)
            if set(key.split()) <= _UNITS:  # "$300 million" of what? a quantity of its own
                key = f"{key} {claim.article_id}:{claim.start}"
            by_counts[key][_subject(claim, entity_of)].append(claim)
    groups = []
    for counts in sorted(by_counts):
        subjects = by_counts[counts]
        named = sorted(s for s in subjects if s is not None)
        if len(named) == 1 and None in subjects:  # one subject: unlabelled claims are about it
            subjects[named[0]].extend(subjects.pop(None))
        for subject in sorted(subjects, key=lambda s: (s is None, s or "")):
            key = counts if subject is None else f"{counts}@{subject}"
            groups.append((key, sorted(subjects[subject], key=_order)))
    return groups
