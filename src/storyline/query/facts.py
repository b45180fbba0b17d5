"""The timeline, the claims ledger and quotes, in the export contract's shapes.

An event in the timeline is one real-world event: its mentions share ``Event.id`` (set by the
merge step); a mention without one stands alone. Every line keeps its evidence: the article,
the sentence and the offsets of each report.
"""

from __future__ import annotations

from collections import defaultdict

from storyline.models import Claim, Event, Quote
from storyline.store import Store


class _Texts:
    """Article texts, sentences and entity names, each read once per query."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._articles: dict[str, tuple[str, list]] = {}
        self._names: dict[str, str] = {}

    def sentence(self, article_id: str, index: int | None, start: int) -> str:
        if article_id not in self._articles:
            self._articles[article_id] = (self.store.article(article_id).text,
                                          self.store.sentences(article_id))
        text, sentences = self._articles[article_id]
        found = next((s for s in sentences if s.start <= start < s.end), None)
        if index is not None and 0 <= index < len(sentences):
            found = sentences[index]
        return text[found.start:found.end] if found else ""

    def entity_name(self, entity_id: str | None) -> str | None:
        if entity_id is None:
            return None
        if entity_id not in self._names:
            self._names[entity_id] = self.store.entity(entity_id).entity.name
        return self._names[entity_id]


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
    return {
        "id": key, "type": first.type, "mode": first.mode, "date": first.date,
        "date_precision": first.date_precision, "modality": first.modality,
        "actors": list(actors.values()), "place": next((m.place for m in mentions if m.place), None),
        "articles": sorted({m.article_id for m in mentions}),
        "evidence": [{"article": m.article_id, "sentence": texts.sentence(m.article_id, m.sentence, m.start),
                      "start": m.start, "end": m.end} for m in mentions],
    }


def claim_records(store: Store) -> list[dict]:
    texts = _Texts(store)
    return [_claim_record(c, texts) for c in store.claims()]


def _claim_record(claim: Claim, texts: _Texts) -> dict:
    return {
        "id": f"{claim.article_id}:{claim.start}", "value": claim.value, "approximate": claim.approximate,
        "lower": claim.lower, "upper": claim.upper, "total": claim.total, "counts": claim.counts,
        "as_of": claim.as_of,
        "source": {"entity": claim.source_entity,
                   "name": texts.entity_name(claim.source_entity) or claim.source},
        "article": claim.article_id, "sentence": texts.sentence(claim.article_id, claim.sentence, claim.start),
        "start": claim.start, "end": claim.end,
    }


def quote_records(store: Store, speaker_entity: str | None = None) -> list[dict]:
    texts = _Texts(store)
    return [_quote_record(q, texts) for q in store.quotes(speaker_entity)]


def _quote_record(quote: Quote, texts: _Texts) -> dict:
    return {
        "id": f"{quote.article_id}:{quote.start}", "text": quote.text, "cue": quote.cue,
        "speaker": {"entity": quote.speaker_entity,
                    "name": texts.entity_name(quote.speaker_entity) or quote.speaker},
        "article": quote.article_id, "start": quote.start, "end": quote.end,
    }
