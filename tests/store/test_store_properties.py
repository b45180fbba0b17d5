"""Property tests of the Store contract (every backend in conftest.BACKENDS)."""

from __future__ import annotations

import itertools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.store.store_factories import bare, make_article

from storyline.errors import StoreError
from storyline.models import Article, RemovedLine, Repair
from storyline.store import Store

# Any Unicode a Python str can be encoded with, except NUL: PostgreSQL text can't hold it
# and no cleaned article contains it.
TEXT = st.text(st.characters(exclude_characters="\x00", exclude_categories=("Cs",)), max_size=80)
OPTIONAL = st.none() | TEXT
JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**63), 2**63 - 1)
    | st.floats(allow_nan=False, allow_infinity=False)
    | TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
    max_leaves=12,
)

# Hypothesis reuses one store for all examples (a function-scoped fixture), so each example
# needs its own id and content hash.
_serial = itertools.count()

ARTICLES = st.builds(
    lambda n, **fields: Article(id=f"art-{n}", content_hash=f"hash-{n}", **fields),
    st.builds(lambda: next(_serial)),
    source=TEXT,
    text=TEXT,
    raw_text=TEXT,
    title=OPTIONAL,
    outlet=OPTIONAL,
    authors=st.lists(TEXT, max_size=4),
    published=OPTIONAL,
    url=OPTIONAL,
    language=OPTIONAL,
    removed=st.lists(st.builds(RemovedLine, TEXT, TEXT), max_size=3),
    repairs=st.lists(st.builds(Repair, TEXT, TEXT, TEXT), max_size=3),
    provenance=st.dictionaries(TEXT, st.sampled_from(["metadata", "text", "inferred"]), max_size=4),
    extra=st.dictionaries(TEXT, JSON, max_size=5),
    nlp_skipped=OPTIONAL,
)

SHARED_STORE = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


@SHARED_STORE
@given(article=ARTICLES)
def test_any_article_round_trips(store: Store, article: Article) -> None:
    assert store.save_batch([bare(article)]).saved == [article.id]
    assert store.article(article.id) == article
    assert store.find_by_hash(article.content_hash) == article.id


@SHARED_STORE
@given(query=st.text(max_size=40))
def test_any_search_query_returns_hits_or_a_store_error(store: Store, query: str) -> None:
    if store.count_articles() == 0:
        store.save_batch([bare(make_article("seed", text='Storm "near" Zürich; AND OR * NEAR('))])
    try:
        hits = store.search(query)
    except StoreError as exc:
        # The only refusal: a query with nothing to search for.
        assert str(exc) == "empty search query"
        assert not query.replace("\x00", "").strip()
    else:
        assert all(hit.article_id == "art-seed" for hit in hits)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(articles=st.lists(ARTICLES, min_size=1, max_size=4))
def test_saving_a_batch_again_stores_nothing_twice(store: Store, articles: list[Article]) -> None:
    # What a resumed run after a crash does: the batch it repeats must not be stored twice.
    before = store.count_articles()
    first = store.save_batch([bare(a) for a in articles])
    again = store.save_batch([bare(a) for a in articles])
    assert first.saved == [a.id for a in articles] and again.saved == []
    assert again.duplicates == [a.id for a in articles]
    assert store.count_articles() == before + len(articles)
    assert store.integrity_check() == []
