"""The timeline, the claims ledger and quotes, in the export contract's shapes.

An event in the timeline is one real-world event: its mentions share ``Event.id`` (set by the
merge step); a mention without one stands alone. Every line keeps its evidence: the article,
the sentence and the offsets of each report.
"""

from __future__ import annotations

import re
from collections import defaultdict

from storyline.extract.claims.group import keyed_claim_groups
from storyline.models import Article, Claim, Entity, Event, Quote
from storyline.query.copies import canonical_of, mark_copies
from storyline.store import Store


class _Texts:
    """Article texts, sentences and entity names, each read once per query."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._articles: dict[str, tuple[str, list]] = {}
        self._entities: dict[str, Entity] = {}
        self._full: dict[str, Article] = {}

    def article(self, article_id: str) -> Article:
        if article_id not in self._full:
            self._full[article_id] = self.store.article(article_id)
        return self._full[article_id]

    def sentence(self, article_id: str, index: int | None, start: int) -> str:
        if article_id not in self._articles:
            self._articles[article_id] = (self.article(article_id).text,
                                          self.store.sentences(article_id))
        text, sentences = self._articles[article_id]
        found = next((s for s in sentences if s.start <= start < s.end), None)
        if index is not None and 0 <= index < len(sentences):
            found = sentences[index]
        return text[found.start:found.end] if found else ""

    def entity_name(self, entity_id: str | None) -> str | None:
        return self.entity(entity_id).name if entity_id is not None else None

    def entity(self, entity_id: str) -> Entity:
        if entity_id not in self._entities:
            self._entities[entity_id] = self.store.entity(entity_id).entity
        return self._entities[entity_id]


def event_id(event: Event) -> str:
    return event.id or f"{event.article_id}:{event.start}"


def timeline(store: Store, entities: set[str] | None = None, type: str | None = None,
             date_from: str | None = None, date_to: str | None = None) -> dict:
    """``{"dated": [...], "undated": [...]}``: events in date order, each with its reports;
    with ``entities``, only events one of those entities takes part in."""
    mentions = store.events(date_from, date_to, [type] if type else ())
    groups: dict[str, list[Event]] = defaultdict(list)
    for mention in mentions:
        groups[event_id(mention)].append(mention)
    texts = _Texts(store)
    records = [event_record(key, members, texts) for key, members in groups.items()]
    if entities is not None:
        records = [r for r in records if entities & {a["entity"] for a in r["actors"]}]
    dated = sorted((r for r in records if r["date"]), key=lambda r: (r["date"], r["id"]))
    return {"dated": dated, "undated": [r for r in records if not r["date"]]}


def event_record(key: str, mentions: list[Event], texts: _Texts) -> dict:
    first = mentions[0]
    actors: dict[tuple, dict] = {}
    for mention in mentions:
        for actor in mention.actors:
            name = texts.entity_name(actor.entity_id) or actor.text
            actors.setdefault((actor.entity_id or name, actor.role),
                              {"entity": actor.entity_id, "name": name, "role": actor.role})
    dated = _best_dated(mentions)
    return {
        "id": key, "type": first.type, "mode": first.mode, "date": dated.date,
        "date_precision": dated.date_precision, "modality": first.modality,
        "actors": list(actors.values()), "place": next((m.place for m in mentions if m.place), None),
        "articles": sorted({m.article_id for m in mentions}),
        "evidence": [{"article": m.article_id, "sentence": texts.sentence(m.article_id, m.sentence, m.start),
                      "start": m.start, "end": m.end} for m in mentions],
    }


def _best_dated(mentions: list[Event]) -> Event:
    """The mention whose date speaks for the event: a dated one before an undated one (an
    undated report joins a dated event), and a day the text states before an "on or before"."""
    return min(mentions, key=lambda m: (m.date is None, m.date_precision == "on_or_before"))


def claim_records(store: Store) -> list[dict]:
    """The claims ledger's rows: the export contract plus ``group`` (claims about one quantity
    share it), ``as_of_source`` ("text", or "published" when the sentence gives no date and
    the article's date stands in), ``source_basis`` ("text", "outlet" or "article": who stands
    behind a figure no one is quoted for) and the copy marks of ``query/copies.py``."""
    texts = _Texts(store)
    claims = store.claims()
    group_of = _claim_groups(store, claims)
    records = [_claim_record(c, texts, group_of) for c in claims]
    return mark_copies(records, canonical_of(store), _same_claim)


def _claim_groups(store: Store, claims: list[Claim]) -> dict[tuple[str, int], str]:
    """(article, start) -> group id, with subjects compared as canonical entities."""
    entity_of = {}
    for article_id in sorted({c.article_id for c in claims if c.subject_start is not None}):
        entity_of.update({(article_id, m.start): m.entity_id
                          for m in store.mentions(article_id=article_id) if m.entity_id})
    return {(c.article_id, c.start): "q-" + re.sub(r"[^a-z0-9]+", "-", key.lower()).strip("-")
            for key, members in keyed_claim_groups(claims, entity_of) for c in members}


def _same_claim(record: dict) -> tuple:
    return (record["group"], record["value"], record["lower"], record["upper"], record["total"])


def _claim_record(claim: Claim, texts: _Texts, group_of: dict[tuple[str, int], str]) -> dict:
    article = texts.article(claim.article_id)
    record_id = f"{claim.article_id}:{claim.start}"
    as_of = claim.as_of or article.published
    return {
        "id": record_id, "value": claim.value, "approximate": claim.approximate,
        "lower": claim.lower, "upper": claim.upper, "total": claim.total, "counts": claim.counts,
        "as_of": as_of, "source": _claim_source(claim, texts),
        "article": claim.article_id, "sentence": texts.sentence(claim.article_id, claim.sentence, claim.start),
        "start": claim.start, "end": claim.end,
        "group": group_of.get((claim.article_id, claim.start), f"q-{record_id}"),
        "as_of_source": None if as_of is None else ("text" if claim.as_of else "published"),
        "source_basis": "text" if claim.source else ("outlet" if article.outlet else "article"),
    }


def _claim_source(claim: Claim, texts: _Texts) -> dict:
    """The entity behind a figure, or the words naming its source; a people or place that only
    qualifies the source ("Norlandic intelligence") is not the source. With no source in the
    text, the article's outlet stands behind it."""
    written = _without_article(claim.source)
    if claim.source_entity is not None:
        entity = texts.entity(claim.source_entity)
        if not (entity.type in _QUALIFIER_TYPES and written and not _names(written, entity)):
            return {"entity": entity.id, "name": entity.name}
    if written is None:
        return {"entity": None, "name": texts.article(claim.article_id).outlet}
    return {"entity": None, "name": written}


_QUALIFIER_TYPES = frozenset({"NORP", "GPE"})


def _without_article(words: str | None) -> str | None:
    return re.sub(r"^(?:the|The)\s+", "", words) if words else None


def _names(written: str, entity: Entity) -> bool:
    """Whether the written words end with one of the entity's spellings."""
    folded = written.casefold()
    return any(folded.endswith(name.casefold()) for name in (entity.name, *entity.aliases))


def quote_records(store: Store, speaker_entity: str | None = None) -> list[dict]:
    """Quotes in the export contract plus the copy marks of ``query/copies.py`` (a quote in a
    copy repeats the canonical article's quote with the same words)."""
    texts = _Texts(store)
    records = [_quote_record(q, texts) for q in store.quotes(speaker_entity)]
    return mark_copies(records, canonical_of(store), lambda r: " ".join(r["text"].split()))


def _quote_record(quote: Quote, texts: _Texts) -> dict:
    return {
        "id": f"{quote.article_id}:{quote.start}", "text": quote.text, "cue": quote.cue,
        "speaker": {"entity": quote.speaker_entity,
                    "name": texts.entity_name(quote.speaker_entity) or quote.speaker},
        "article": quote.article_id, "start": quote.start, "end": quote.end,
    }
