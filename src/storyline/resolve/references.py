"""Titles, pronouns and roles point at a name; give them that name's entity.

Extraction links a title ("the secretary") or pronoun ("he") to the start of an earlier name
mention in the same article (``Mention.antecedent``), and a role to its holder's mention
(``Role.holder_start``). Once names have entities, these references take the same entity.

A title the article itself did not tie to a name ("the Omani prime minister" in a story that
never names him) is looked up among the roles known at the article's date: the office's holder
is taken only when exactly one person is attested in it within ``window_days`` of that date.
Undated articles never resolve titles this way: an office changes hands over time.
"""

from __future__ import annotations

from datetime import date

from storyline.dates import iso_day

from storyline.lexicon import Lexicon, lexicon, name_key
from storyline.models import Entity, Extraction, Mention, Role
from storyline.titles import qualifiers_match, split_title_mention, titles_match

WINDOW_DAYS = 120


def follow_references(extractions: list[Extraction]) -> None:
    """Set ``entity_id`` on title/pronoun mentions and roles from the mentions they point at."""
    for extraction in extractions:
        by_start = {m.start: m for m in extraction.mentions if m.kind == "name"}
        for mention in extraction.mentions:
            if mention.kind != "name" and mention.antecedent is not None:
                target = by_start.get(mention.antecedent)
                mention.entity_id = target.entity_id if target is not None else None
        for role in extraction.roles:
            holder = by_start.get(role.holder_start)
            role.entity_id = holder.entity_id if holder is not None else None


def link_facts(extractions: list[Extraction]) -> None:
    """Event actors, claim sources and quote speakers take the entity of the mention they start at
    (a pronoun or title mention has already taken its antecedent's entity)."""
    for extraction in extractions:
        entity_at = {m.start: m.entity_id for m in extraction.mentions if m.entity_id}
        for event in extraction.events:
            for actor in event.actors:
                actor.entity_id = actor.entity_id or entity_at.get(actor.start) \
                    or entity_at.get(actor.antecedent)
        for claim in extraction.claims:
            if claim.source_start is not None:
                claim.source_entity = claim.source_entity or entity_at.get(claim.source_start)
        for quote in extraction.quotes:
            # the speaker phrase may start with a title ("Senator ..."); the mention inside names it
            at = quote.speaker_mention if quote.speaker_mention is not None else quote.speaker_start
            if at is not None:
                quote.speaker_entity = quote.speaker_entity or entity_at.get(at)


def link_named_actors(extractions: list[Extraction], entities: list[Entity],
                      words: Lexicon | None = None) -> None:
    """An event actor written as a capitalised name no mention holds ("the Varn Altair" in a
    report that never says it is a ship) takes the one entity of that name or spelling among
    ``entities`` (the batch's and the stored ones it was joined to). A lone head word ("the
    Authority") never does: it stands for a different name in each story."""
    words = words or lexicon()
    heads = words.organization_heads | words.place_heads
    by_key: dict[str, set[str]] = {}
    for entity in entities:
        for spelling in {entity.name, *entity.aliases}:
            by_key.setdefault(name_key(spelling), set()).add(entity.id)
    for extraction in extractions:
        for event in extraction.events:
            for actor in event.actors:
                key = written_name_key(actor.text)
                if actor.entity_id or actor.antecedent is not None or key is None or key in heads:
                    continue
                ids = by_key.get(key, set())
                actor.entity_id = next(iter(ids)) if len(ids) == 1 else None


def written_name_key(text: str) -> str | None:
    """'the Varn Altair' -> 'varn altair' when every word after the article is capitalised."""
    key = name_key(text)
    written = text.split()[-len(key.split()):] if key else []
    return key if written and all(w[:1].isupper() for w in written) else None


def resolve_open_titles(extractions: list[Extraction], known_roles: list[Role],
                        window_days: int = WINDOW_DAYS) -> None:
    """Titles with no holder in their article -> the one holder attested near the article date."""
    roles = [r for r in known_roles if r.entity_id and r.date]
    roles += [r for e in extractions for r in e.roles if r.entity_id and r.date]
    for extraction in extractions:
        when = iso_day(extraction.article.published)
        if when is None:
            continue
        for mention in extraction.mentions:
            if mention.kind == "title" and mention.entity_id is None:
                mention.entity_id = _holder_at(mention, when, roles, window_days)


def open_title_words(extractions: list[Extraction]) -> set[str]:
    """Head words of the titles no article tied to a name: the roles a store should return."""
    words = set()
    for extraction in extractions:
        if not extraction.article.published:
            continue  # undated: never resolved by date
        for mention in extraction.mentions:
            if mention.kind == "title" and mention.antecedent is None:
                words.add(split_title_mention(mention.text)[0].split()[-1])
    return words


def _holder_at(mention: Mention, when: date, roles: list[Role], window_days: int) -> str | None:
    title, qualifier = split_title_mention(mention.text)
    holders = {
        r.entity_id for r in roles
        if titles_match(title, r.title) and qualifiers_match(qualifier, r.qualifier)
        and abs((iso_day(r.date) - when).days) <= window_days
    }
    return holders.pop() if len(holders) == 1 else None


__all__ = ["follow_references", "link_facts", "link_named_actors", "open_title_words",
           "resolve_open_titles", "written_name_key"]
