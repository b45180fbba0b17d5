"""The only module that knows the order of the stages.

    1. read      sources -> RawArticle | Failure                    (ingest/)
    2. clean     RawArticle -> Article                              (clean/, pure)
    3. dedupe    skip content already stored or seen in this run    (store lookup)
    4. extract   Article -> sentences, mentions, times, roles       (extract/, pure, batched)
    5. resolve   mentions -> canonical entities, joined to stored   (resolve/, incremental)
    6. store     one transaction per batch                          (store/)
    7. cluster   copies and stories, article by article             (cluster/, incremental)

Steps 2 and 4 are a pure function of one article (``process_article``), so they can run in
any process; steps 3, 5, 6 and 7 are the global, incremental part. The clustering state is
loaded once per run and saved at its end; articles a stopped run stored but did not cluster
are caught up at the start of the next.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path
from typing import IO

from storyline.clean import clean_article
from storyline.cluster.collection import COPIES, STORIES, Clusters
from storyline.config import Settings
from storyline.errors import InputError
from storyline.extract import extract_batch
from storyline.extract.nlp import load_model
from storyline.ingest import read_sources
from storyline.models import Article, Entity, Extraction, Failure, RawArticle, Resolution
from storyline.resolve import (
    load_aliases, lookup_keys, merge_batch_events, open_title_words, resolve_batch,
)
from storyline.store import Store

log = logging.getLogger(__name__)


@dataclass
class IngestReport:
    """What one ingest run did, for the closing summary."""

    ingested: list[str] = field(default_factory=list)  # article ids stored by this run
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (source, stored id)
    failures: list[Failure] = field(default_factory=list)
    not_parsed: list[tuple[str, str]] = field(default_factory=list)  # (article id, reason)

    @property
    def ok(self) -> bool:
        return not self.failures


def ingest(
    sources: list[str],
    store: Store,
    settings: Settings,
    manifest: str | Path | None = None,
    stdin: IO[bytes] | None = None,
    encoding: str | None = None,
    on_progress: Callable[[int], None] | None = None,
    *,
    raw: Iterable[RawArticle] = (),
) -> IngestReport:
    """Ingest every source into ``store``; bad inputs are reported, never fatal to the batch.

    ``raw``: articles already read (e.g. posted to the API), ingested after the sources."""
    report = IngestReport()
    user = _user_entities(settings)  # read once: a bad aliases file stops the run before any work
    clusters = load_clusters(store)
    # 1. read
    items = chain(read_sources(sources, settings, manifest=manifest, stdin=stdin, encoding=encoding), raw)
    for batch in _batched(items, settings.get("nlp.batch_size")):
        for extraction in _ingest_batch(batch, store, settings, report, user):
            # 7. cluster
            clusters.add(extraction)
        if on_progress is not None:
            on_progress(len(batch))
    save_clusters(store, clusters)
    return report


def load_clusters(store: Store) -> Clusters:
    """The stored clustering state, caught up with every stored article it lacks."""
    clusters = Clusters.from_state(store.cluster_state(COPIES), store.cluster_state(STORIES))
    for article_id in store.article_ids():
        if not clusters.has(article_id):
            clusters.add(_stored_extraction(store, article_id))
    return clusters


def save_clusters(store: Store, clusters: Clusters) -> None:
    for component, tables in clusters.to_state().items():
        store.save_cluster_state(component, tables)


def _stored_extraction(store: Store, article_id: str) -> Extraction:
    return Extraction(store.article(article_id), store.sentences(article_id),
                      store.mentions(article_id=article_id), store.timexes(article_id))


def process_article(raw: RawArticle, settings: Settings) -> Extraction:
    """Steps 2 and 4 for one article: a pure function of the article (and the settings)."""
    article = _clean(raw, settings)
    nlp = load_model(settings.get("nlp.model"))
    return _extract([article], nlp, settings)[0]


def _ingest_batch(
    batch: list[RawArticle | Failure], store: Store, settings: Settings, report: IngestReport,
    user: list[Entity],
) -> list[Extraction]:
    """Steps 2-6 for one batch; returns the extractions stored."""
    articles = []
    for item in batch:
        if isinstance(item, Failure):
            report.failures.append(item)
            continue
        # 2. clean
        article = _clean_or_fail(item, settings, report)
        # 3. dedupe
        if article is not None and not _is_duplicate(article, store, articles, report):
            articles.append(article)
    if not articles:
        return []  # nothing new: don't even load the model
    # 4. extract
    extractions = _extract(articles, load_model(settings.get("nlp.model")), settings)
    # 5. resolve
    resolution = _resolve(extractions, store, settings, user)
    dates = {e.date for x in extractions for e in x.events if e.date}
    changed = merge_batch_events(extractions, store.events(dates=dates) if dates else [])
    # 6. store
    result = store.save_batch(extractions, resolution.entities, resolution.merges, changed)
    report.ingested.extend(result.saved)
    report.not_parsed.extend((a.id, a.nlp_skipped) for a in articles if a.nlp_skipped)
    saved = set(result.saved)
    return [e for e in extractions if e.article.id in saved]


def _clean(raw: RawArticle, settings: Settings) -> Article:
    article = clean_article(raw)
    languages = settings.get("ingest.languages")
    if article.language is not None and article.language not in languages:
        # The model is English-only: a wrong-language parse would store confident nonsense.
        article.nlp_skipped = f"language {article.language!r} is not in ingest.languages"
    return article


def _clean_or_fail(raw: RawArticle, settings: Settings, report: IngestReport) -> Article | None:
    try:
        return _clean(raw, settings)
    except InputError as exc:
        report.failures.append(Failure(raw.source, str(exc)))
    except Exception as exc:  # one odd article must not stop a batch of thousands
        log.exception("cleaning %s failed", raw.source)
        report.failures.append(Failure(raw.source, f"could not be cleaned ({exc!r}); please report"))
    return None


def _is_duplicate(
    article: Article, store: Store, pending: list[Article], report: IngestReport
) -> bool:
    stored_id = store.find_by_hash(article.content_hash)
    if stored_id is None and any(p.content_hash == article.content_hash for p in pending):
        stored_id = article.id
    if stored_id is not None:
        report.duplicates.append((article.source, stored_id))
    return stored_id is not None


def _extract(articles: list[Article], nlp, settings: Settings) -> list[Extraction]:
    return extract_batch(
        articles,
        nlp,
        batch_size=settings.get("nlp.batch_size"),
        max_chars=settings.get("nlp.max_chars"),
    )


def _resolve(extractions: list[Extraction], store: Store, settings: Settings,
             user: list[Entity]) -> Resolution:
    """Join the batch's names to the stored entities (and the user's aliases) they fit."""
    return resolve_batch(
        extractions,
        known=store.known_entities(lookup_keys(extractions)),
        user=user,
        known_roles=store.roles(head_words=open_title_words(extractions)),
        component=settings.get("resolve.component"),
        title_window_days=settings.get("resolve.title_window_days"),
    )


def _user_entities(settings: Settings) -> list[Entity]:
    path = settings.get("resolve.aliases_file")
    return load_aliases(path) if path else []


def _batched(items: Iterable[RawArticle | Failure], size: int) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch
