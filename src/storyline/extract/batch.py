"""Run the NLP model over a batch of articles with ``nlp.pipe`` and collect the facts."""

from __future__ import annotations

from spacy.language import Language

from storyline import registry
from storyline.extract import entities as _entities  # noqa: F401  (registers entities.spacy.v1)
from storyline.extract import roles as _roles  # noqa: F401  (registers roles.rules.v1)
from storyline.extract import framing as _framing  # noqa: F401  (registers framing.terms.v1)
from storyline.extract import events as _events  # noqa: F401  (registers events.rules.v1)
from storyline.extract import quotes as _quotes  # noqa: F401  (registers quotes.rules.v1)
from storyline.extract.claims import component as _claims  # noqa: F401  (registers claims.rules.v1)
from storyline.extract import time as _time  # noqa: F401  (registers time.rules.v1)
from storyline.extract.pubdate import infer_published_range
from storyline.lexicon import Lexicon
from storyline.models import Article, Extraction


def extract_batch(
    articles: list[Article],
    nlp: Language,
    batch_size: int = 32,
    component: str = "entities.spacy.v1",
    max_chars: int = 200_000,
    time_component: str = "time.rules.v1",
    roles_component: str = "roles.rules.v1",
    framing_component: str = "framing.terms.v1",
    events_component: str = "events.rules.v1",
    quotes_component: str = "quotes.rules.v1",
    claims_component: str = "claims.rules.v1",
    words: Lexicon | None = None,
) -> list[Extraction]:
    """One Extraction per article, in order. Articles flagged ``nlp_skipped`` get no facts.
    ``words``: the run's word lists (``Lexicon.from_settings``); else the package defaults."""
    find_entities = registry.get(component)(words)
    find_times = registry.get(time_component)()
    find_roles = registry.get(roles_component)()
    find_framing = registry.get(framing_component)()
    find_events = registry.get(events_component)()
    find_quotes = registry.get(quotes_component)()
    find_claims = registry.get(claims_component)()
    results = {id(a): Extraction(article=a) for a in articles}
    to_parse = [a for a in articles if a.nlp_skipped is None]
    texts = (a.text[:max_chars] for a in to_parse)
    for article, doc in zip(to_parse, nlp.pipe(texts, batch_size=batch_size)):
        extraction = results[id(article)]
        extraction.sentences, extraction.mentions = find_entities(article, doc)
        extraction.timexes = find_times(article, doc, extraction.sentences)
        infer_published_range(article, extraction.timexes)
        extraction.roles, references = find_roles(article, doc, extraction.sentences,
                                                  extraction.mentions)
        # titles and pronouns join the mentions; resolve/ follows their antecedents
        extraction.mentions = sorted(extraction.mentions + references, key=lambda m: (m.start, m.end))
        extraction.framing = find_framing(article, doc, [s.start for s in extraction.sentences])
        extraction.events = find_events(article, doc, extraction.sentences, extraction.mentions,
                                        extraction.timexes)
        extraction.quotes = find_quotes(article, doc, extraction.sentences, extraction.mentions)
        extraction.claims = find_claims(article, doc, extraction.sentences, extraction.mentions,
                                        extraction.timexes)
    return [results[id(a)] for a in articles]
