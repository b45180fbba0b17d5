"""One name, one type: a batch's mentions of one name take the label most of them carry.

NER types each mention on its own, so a company named in full eight times as ORG may come out
PERSON the ninth time ("the owner, Tovari Kisen, said"), and a port named twice as GPE may be
PERSON once ("northbound to Varnhaven"). Before resolution, every mention of a name (compared
without a leading article, a possessive, dots, case or a trailing company form, so "Tovari
Kisen" counts with "Tovari Kisen Kaisha") takes the label with the most votes: the batch's
mentions, plus one vote per spelling of a stored entity of that name. A tie changes nothing.

A swap between PERSON and another type needs more: a person and the company named after them
are two entities. So a one-word name never swaps when it is also a word of a person's full name
in the batch ("Ford" may be a surname here and a company there), and an article that uses the
name twice or more with its own label keeps it (a lone slip is what the vote corrects).
"""

from __future__ import annotations

from collections import Counter, defaultdict

from storyline.lexicon import Lexicon, lexicon, name_key
from storyline.models import ENTITY_LABELS, Entity, Extraction, Mention


def vote_types(extractions: list[Extraction], known: list[Entity] = (),
               words: Lexicon | None = None) -> None:
    """Relabel, in place, each name mention whose name most mentions give another label."""
    words = words or lexicon()
    by_key: dict[str, list[Mention]] = defaultdict(list)
    for extraction in extractions:
        for mention in extraction.mentions:
            if mention.kind == "name" and mention.label in ENTITY_LABELS:
                by_key[type_key(mention.text, words)].append(mention)
    stored = _stored_votes(known, words)
    person_words = _person_words(by_key)
    for key, mentions in by_key.items():
        votes = Counter(m.label for m in mentions) + stored.get(key, Counter())
        winner = _winner(votes)
        if winner is None:
            continue
        uses = Counter((m.article_id, m.label) for m in mentions)
        for mention in mentions:
            if mention.label != winner and _may_swap(mention, key, winner, uses, person_words):
                mention.label = winner


def type_key(text: str, words: Lexicon) -> str:
    """'the Tovari Kisen Kaisha's' -> 'tovari kisen': what two spellings of a name share."""
    parts = name_key(text).split()
    while len(parts) > 1 and parts[-1] in words.company_forms:
        parts = parts[:-1]
    return " ".join(parts)


def _winner(votes: Counter) -> str | None:
    ranked = votes.most_common(2)
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        return None  # a tie: no evidence either way
    return ranked[0][0]


def _may_swap(mention: Mention, key: str, winner: str, uses: Counter,
              person_words: set[str]) -> bool:
    """Any swap between non-person types; to or from PERSON only for a lone use in its article
    of a name that is no word of a person's full name."""
    if "PERSON" not in (mention.label, winner):
        return True
    if " " not in key and key in person_words:
        return False
    return uses[(mention.article_id, mention.label)] < 2


def _person_words(by_key: dict[str, list[Mention]]) -> set[str]:
    """Words of the batch's multi-word person names ("dana", "kovac" for "Dana Kovac")."""
    return {word for key, mentions in by_key.items() if " " in key
            and any(m.label == "PERSON" for m in mentions) for word in key.split()}


def _stored_votes(known: list[Entity], words: Lexicon) -> dict[str, Counter]:
    votes: dict[str, Counter] = defaultdict(Counter)
    for entity in known:
        for spelling in {entity.name, *entity.aliases}:
            votes[type_key(spelling, words)][entity.type] += 1
    return votes


__all__ = ["type_key", "vote_types"]
