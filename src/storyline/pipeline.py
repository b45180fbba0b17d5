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

Run here, a batch is cleaned, deduplicated, then extracted (a duplicate costs no NLP). Given a
``runner`` (``storyline.scale``), steps 2 and 4 run remotely on whole batches
(``clean_and_extract``) while this process runs 3 and 5-7 on the batches before: the same
batches meet the global steps in the same order, and extracting an article does not depend on
its batch-mates, so the store ends up identical.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path
from typing import IO, Protocol

from storyline.clean import clean_article
from storyline.cluster.collection import COPIES, STORIES, Clusters
from storyline.config import Settings
from storyline.errors import InputError
from storyline.extract import extract_batch
from storyline.extract.nlp import load_model
from storyline.ingest import read_sources
from storyline.lexicon import Lexicon
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


class BatchRunner(Protocol):
    """Runs ``work(batch, settings)`` over batches elsewhere (``storyline.scale``); yields each
    batch with its result in input order, a failed batch as one Failure per article."""

    def map(self, work: Callable, batches: Iterable[list], settings: Settings
            ) -> Iterator[tuple[list, list]]: ...


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
    runner: BatchRunner | None = None,
) -> IngestReport:
    """Ingest every source into ``store``; bad inputs are reported, never fatal to the batch.

    ``raw``: articles already read (e.g. posted to the API), ingested after the sources.
    ``runner``: where steps 2 and 4 run (default: here)."""
    report = IngestReport()
    user = _user_entities(settings)  # read once: a bad aliases file stops the run before any work
    words = Lexicon.from_settings(settings)  # the run's word lists, built once
    clusters = load_clusters(store)
    # 1. read
    items = chain(read_sources(sources, settings, manifest=manifest, stdin=stdin, encoding=encoding), raw)
    batches = _batched(items, settings.get("nlp.batch_size"))
    for batch, cleaned in _cleaned_batches(batches, settings, runner):
        # 3. dedupe
        fresh = _admit(cleaned, store, report)
        # 4. extract (unless the runner's workers already did)
        extractions = _extract_articles(fresh, settings, words)
        report.failures.extend(x for x in extractions if isinstance(x, Failure))
        extractions = [x for x in extractions if not isinstance(x, Failure)]
        for extraction in _resolve_and_store(extractions, store, settings, report, user, words):
            # 7. cluster
            clusters.add(extraction)
        if on_progress is not None:
            on_progress(len(batch))
    save_clusters(store, clusters)
    return report


def _cleaned_batches(batches: Iterable[list], settings: Settings, runner: BatchRunner | None
                     ) -> Iterator[tuple[list, list]]:
    """Each batch with its items cleaned (here) or cleaned and extracted (by the runner)."""
    if runner is not None:
        # 2 and 4 on the workers, a few batches ahead of the global steps here
        yield from runner.map(clean_and_extract, batches, settings)
        return
    for batch in batches:
        # 2. clean
        yield batch, [_clean_or_failure(item, settings) for item in batch]


def clean_and_extract(batch: list[RawArticle | Failure], settings: Settings
                      ) -> list[Extraction | Failure]:
    """Steps 2 and 4 for a batch, needing no store: what a Dask worker runs. Duplicates are
    extracted too (only the store can tell); an article's facts don't depend on its batch-mates."""
    cleaned = [_clean_or_failure(item, settings) for item in batch]
    return _extract_articles(cleaned, settings, Lexicon.from_settings(settings))


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
    return _extract([article], nlp, settings, Lexicon.from_settings(settings))[0]


def _admit(cleaned: list[Article | Extraction | Failure], store: Store, report: IngestReport
           ) -> list[Article | Extraction]:
    """Step 3: report failures and duplicates (of the store or of this batch); keep the rest."""
    fresh: list[Article | Extraction] = []
    for item in cleaned:
        if isinstance(item, Failure):
            report.failures.append(item)
        elif not _is_duplicate(_article_of(item), store, [_article_of(f) for f in fresh], report):
            fresh.append(item)
    return fresh


def _extract_articles(items: list, settings: Settings, words: Lexicon) -> list:
    """Step 4 for the Articles among ``items``; Extractions and Failures pass through."""
    articles = [item for item in items if isinstance(item, Article)]
    if not articles:
        return items  # nothing to parse: don't even load the model
    nlp = load_model(settings.get("nlp.model"))
    try:
        extracted = iter(_extract(articles, nlp, settings, words))
    except Exception:  # one odd article must not cost its batch: redo one by one to find it
        log.debug("extracting a batch failed; extracting its articles one by one", exc_info=True)
        extracted = iter([_extract_or_failure(article, nlp, settings, words) for article in articles])
    return [next(extracted) if isinstance(item, Article) else item for item in items]


def _extract_or_failure(article: Article, nlp, settings: Settings, words: Lexicon
                        ) -> Extraction | Failure:
    try:
        return _extract([article], nlp, settings, words)[0]
    except Exception as exc:  # reported as this article's failure (a bug: please report it)
        log.debug("extracting %s failed", article.source, exc_info=True)
        return Failure(article.source, f"{article.source}: could not be processed ({exc!r}); "
                       "please report")


def _resolve_and_store(
    extractions: list[Extraction], store: Store, settings: Settings, report: IngestReport,
    user: list[Entity], words: Lexicon,
) -> list[Extraction]:
    """Steps 5 and 6 for one batch; returns the extractions stored."""
    if not extractions:
        return []
    # 5. resolve
    resolution = _resolve(extractions, store, settings, user, words)
    dates = {e.date for x in extractions for e in x.events if e.date}
    changed = merge_batch_events(extractions, store.events(dates=dates) if dates else [])
    # 6. store
    result = store.save_batch(extractions, resolution.entities, resolution.merges, changed)
    report.ingested.extend(result.saved)
    report.not_parsed.extend((x.article.id, x.article.nlp_skipped) for x in extractions
                             if x.article.nlp_skipped)
    saved = set(result.saved)
    return [e for e in extractions if e.article.id in saved]


def _article_of(item: Article | Extraction) -> Article:
    return item.article if isinstance(item, Extraction) else item


def _clean(raw: RawArticle, settings: Settings) -> Article:
    article = clean_article(raw)
    languages = settings.get("ingest.languages")
    if article.language is not None and article.language not in languages:
        # The model is English-only: a wrong-language parse would store confident nonsense.
        article.nlp_skipped = f"language {article.language!r} is not in ingest.languages"
    return article


def _clean_or_failure(item: RawArticle | Failure, settings: Settings) -> Article | Failure:
    if isinstance(item, Failure):
        return item  # a source that could not be read passes through to the report
    try:
        return _clean(item, settings)
    except InputError as exc:
        return Failure(item.source, str(exc))
    except Exception as exc:  # one odd article must not stop a batch of thousands
        log.debug("cleaning %s failed", item.source, exc_info=True)  # the Failure says why
        return Failure(item.source, f"could not be cleaned ({exc!r}); please report")


def _is_duplicate(
    article: Article, store: Store, pending: list[Article], report: IngestReport
) -> bool:
    stored_id = store.find_by_hash(article.content_hash)
    if stored_id is None and any(p.content_hash == article.content_hash for p in pending):
        stored_id = article.id
    if stored_id is not None:
        report.duplicates.append((article.source, stored_id))
    return stored_id is not None


def _extract(articles: list[Article], nlp, settings: Settings, words: Lexicon) -> list[Extraction]:
    return extract_batch(
        articles,
        nlp,
        batch_size=settings.get("nlp.batch_size"),
        max_chars=settings.get("nlp.max_chars"),
        words=words,
    )


def _resolve(extractions: list[Extraction], store: Store, settings: Settings,
             user: list[Entity], words: Lexicon) -> Resolution:
    """Join the batch's names to the stored entities (and the user's aliases) they fit."""
    return resolve_batch(
        extractions,
        known=store.known_entities(lookup_keys(extractions, words)),
        user=user,
        known_roles=store.roles(head_words=open_title_words(extractions)),
        component=settings.get("resolve.component"),
        title_window_days=settings.get("resolve.title_window_days"),
        words=words,
    )


def _user_entities(settings: Settings) -> list[Entity]:
    path = settings.get("resolve.aliases_file")
    return load_aliases(path) if path else []


def _batched(items: Iterable[RawArticle | Failure], size: int) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch
