"""The Store contract, run against every backend in conftest.BACKENDS."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from tests.store.store_factories import BERLIN, OBAMA, bare, full_extraction, make_article

from storyline.errors import NotFoundError, StoreError
from storyline.models import Entity, Extraction, Mention, Sentence
from storyline.store import SaveResult, Store

# -- round trip ----------------------------------------------------------------------------


def test_full_extraction_round_trips(store: Store) -> None:
    extraction = full_extraction()
    result = store.save_batch([extraction], [OBAMA, BERLIN])

    assert result == SaveResult(saved=[extraction.article.id], duplicates=[])
    assert store.article(extraction.article.id) == extraction.article
    assert store.sentences(extraction.article.id) == extraction.sentences
    assert store.mentions(article_id=extraction.article.id) == extraction.mentions
    assert store.timexes(extraction.article.id) == extraction.timexes
    assert store.count_articles() == 1
    assert store.find_by_hash(extraction.article.content_hash) == extraction.article.id


def test_article_with_no_optional_fields_round_trips(store: Store) -> None:
    article = make_article("bare", title=None)
    store.save_batch([bare(article)])
    assert store.article(article.id) == article
    assert store.sentences(article.id) == []
    assert store.mentions(article_id=article.id) == []


def test_missing_article_and_entity_raise_not_found(store: Store) -> None:
    with pytest.raises(NotFoundError, match=r"no article with id nope; .*storyline articles"):
        store.article("nope")
    with pytest.raises(NotFoundError, match=r"no entity with id nope"):
        store.entity("nope")
    assert store.find_by_hash("nope") is None
    assert store.sentences("nope") == []


# -- duplicates ----------------------------------------------------------------------------


def test_stored_content_hash_is_skipped_in_a_later_batch(store: Store) -> None:
    first = full_extraction("first")
    store.save_batch([first], [OBAMA, BERLIN])
    # Same content (hash) reached through another source, with its own facts.
    again = full_extraction("again")
    again.article.content_hash = first.article.content_hash
    other = bare(make_article("other"))

    result = store.save_batch([again, other])

    assert result == SaveResult(saved=["art-other"], duplicates=[first.article.id])
    assert store.count_articles() == 2
    assert store.mentions(article_id=again.article.id) == []
    assert len(store.mentions(article_id=first.article.id)) == len(first.mentions)


def test_duplicate_inside_one_batch_is_saved_once(store: Store) -> None:
    one = bare(make_article("one"))
    twin = bare(make_article("twin", content_hash=one.article.content_hash))
    result = store.save_batch([one, bare(make_article("two")), twin, one])
    assert result == SaveResult(saved=["art-one", "art-two"], duplicates=["art-one", "art-one"])
    assert store.count_articles() == 2


def test_existing_entities_keep_id_and_type_and_take_the_new_name(store: Store) -> None:
    store.save_batch([], [OBAMA])
    store.save_batch([], [Entity(OBAMA.id, "Barack H. Obama", "ORG"), BERLIN])
    assert store.entity(OBAMA.id).entity == Entity(OBAMA.id, "Barack H. Obama", "PERSON")
    assert store.entity(BERLIN.id).entity.name == "Berlin"


def test_known_entities_are_found_by_their_keys(store: Store) -> None:
    found = Entity("e-found", "Dana Kovac", "PERSON", ["Dana Kovac", "Kovac"], ["dk"], ["dn", "kvc"])
    other = Entity("e-other", "Lake Vostok", "LOC", ["Lake Vostok"], keys=["lake", "vostok"])
    store.save_batch([], [found, other])
    assert [e.id for e in store.known_entities({"kvc", "nothing"})] == ["e-found"]
    assert store.known_entities({"kvc"})[0].aliases == ["Dana Kovac", "Kovac"]
    assert store.known_entities({"kvc"})[0].acronyms == ["dk"]
    assert store.known_entities(set()) == []


def test_a_merge_moves_mentions_and_leaves_a_redirect(store: Store) -> None:
    from storyline.models import EntityMerge

    short = Entity("e-short", "Kovac", "PERSON", ["Kovac"], keys=["kvc"], evidence=["why 1"])
    full = Entity("e-full", "Dana Kovac", "PERSON", ["Dana Kovac"], keys=["dn", "kvc"])
    article = make_article("merge")
    mention = Mention(article.id, 0, 5, "Kovac", "PERSON", 0, "e-short")
    store.save_batch([Extraction(article, [Sentence(article.id, 0, 0, 10)], [mention])], [short])
    store.save_batch([], [full], [EntityMerge("e-short", "e-full", "surname fits")])
    assert [m.entity_id for m in store.mentions(article_id=article.id)] == ["e-full"]
    assert store.entity("e-short").entity.id == "e-full"
    assert "why 1" in store.entity_evidence("e-full")
    assert [e.id for e in store.known_entities({"kvc"})] == ["e-full"]


# -- all or nothing ------------------------------------------------------------------------


def _assert_only_earlier_data(store: Store) -> None:
    assert [a.id for a in store.articles()] == ["art-earlier"]
    assert [e.entity.id for e in store.entities()] == [OBAMA.id]
    assert store.search("storm") and store.integrity_check() == []


@pytest.fixture
def earlier(store: Store) -> Store:
    store.save_batch([bare(make_article("earlier"))], [OBAMA])
    return store


def _good() -> Extraction:
    return full_extraction("good")


def _foreign_mention() -> Extraction:
    extraction = bare(make_article("bad"))
    extraction.mentions.append(Mention("art-elsewhere", 0, 6, "Report", "ORG", 0))
    return extraction


def _unknown_entity() -> Extraction:
    extraction = bare(make_article("bad"))
    extraction.mentions.append(Mention("art-bad", 0, 6, "Report", "ORG", 0, "ent-missing"))
    return extraction


def _clashing_sentences() -> Extraction:
    # Two sentences with one index: only the database's own constraint catches this.
    aid = "art-bad"
    return Extraction(make_article("bad"), [Sentence(aid, 0, 0, 3), Sentence(aid, 0, 4, 9)])


def _not_json() -> Extraction:
    return bare(make_article("bad", extra={"when": object()}))


@pytest.mark.parametrize(
    ("make_bad", "message"),
    [
        (_foreign_mention, r"holds a mention of article art-elsewhere"),
        (_unknown_entity, r"refers to entity ent-missing, which is neither stored"),
        (_clashing_sentences, r"could not save the batch: .*(UNIQUE constraint failed|unique constraint)"),
        (_not_json, r"article art-bad: extra can't be stored as JSON"),
    ],
)
def test_failing_batch_writes_nothing(earlier: Store, make_bad, message: str) -> None:
    with pytest.raises(StoreError, match=message):
        earlier.save_batch([_good(), make_bad(), bare(make_article("after"))], [BERLIN])
    _assert_only_earlier_data(earlier)


def test_error_while_iterating_the_batch_writes_nothing(earlier: Store) -> None:
    def extractions() -> Iterator[Extraction]:
        yield _good()
        raise RuntimeError("upstream stage crashed")

    with pytest.raises(RuntimeError, match="upstream stage crashed"):
        earlier.save_batch(extractions(), [BERLIN])
    _assert_only_earlier_data(earlier)
    # The store is usable afterwards: the transaction did not linger.
    assert earlier.save_batch([_good()], [BERLIN]).saved == ["art-good"]


# -- listing -------------------------------------------------------------------------------


def test_articles_are_ordered_by_date_then_ingestion(store: Store) -> None:
    store.save_batch([
        bare(make_article("undated-1")),
        bare(make_article("late", published="2024-05-01")),
    ])  # fmt: skip
    store.save_batch([
        bare(make_article("early", published="2023-12-31")),
        bare(make_article("undated-2")),
        bare(make_article("late-2", published="2024-05-01")),
    ])  # fmt: skip
    expected = ["early", "late", "late-2", "undated-1", "undated-2"]

    assert [a.id for a in store.articles()] == [f"art-{k}" for k in expected]
    assert [a.id for a in store.articles(limit=2, offset=1)] == ["art-late", "art-late-2"]
    assert store.articles(offset=10) == []
    assert store.count_articles() == 5


@pytest.mark.parametrize(("limit", "offset"), [(0, 0), (-1, 0), (None, -1)])
def test_bad_paging_is_refused(store: Store, limit: int | None, offset: int) -> None:
    with pytest.raises(StoreError, match="must be"):
        store.articles(limit=limit, offset=offset)


def test_mentions_filter_and_order(store: Store) -> None:
    later, earlier = full_extraction("b-later"), full_extraction("z-earlier")
    store.save_batch([earlier, later], [OBAMA, BERLIN])

    everything = store.mentions()
    assert everything == earlier.mentions + later.mentions  # article ingestion order, then start
    obama = store.mentions(entity_id=OBAMA.id)
    assert [(m.article_id, m.start) for m in obama] == [
        ("art-z-earlier", 0), ("art-z-earlier", 34), ("art-b-later", 0), ("art-b-later", 34),
    ]  # fmt: skip
    assert store.mentions(article_id="art-b-later", entity_id=BERLIN.id) == [
        m for m in later.mentions if m.entity_id == BERLIN.id
    ]
    assert store.mentions(entity_id="nobody") == []


def test_entities_summaries(store: Store) -> None:
    extraction = full_extraction("x")
    extraction.mentions.append(Mention("art-x", 44, 50, "Merkel", "PERSON", 1, OBAMA.id))
    idle = Entity("ent-idle", "Nobody", "ORG")
    store.save_batch([extraction, full_extraction("y")], [OBAMA, BERLIN, idle])

    summaries = store.entities()
    assert [(s.entity.id, s.mentions, s.articles) for s in summaries] == [
        (OBAMA.id, 5, 2), (BERLIN.id, 4, 2), ("ent-idle", 0, 0),
    ]  # fmt: skip
    assert summaries[0].entity.aliases == ["Obama", "Merkel"]  # most frequent first
    assert summaries[2].entity == Entity("ent-idle", "Nobody", "ORG", [])
    assert [s.entity.id for s in store.entities(type="GPE")] == [BERLIN.id]
    assert store.entities(type="EVENT") == []
    assert store.entity(BERLIN.id) == summaries[1]


# -- search --------------------------------------------------------------------------------

CORPUS = {
    "storm": ("Storm hits Lisbon", "A violent storm reached the coast near Lisbon on Monday."),
    "zurich": (
        "Banks in Zürich",
        "Regulators in Zürich met bankers; a storm of criticism followed.",
    ),
    "tokyo": ("東京 news", "Markets in 東京 closed higher. 🙂 Investors cheered."),
    "quotes": ('He said "no"', "The minister said \"no\" and left; O'Brien stayed."),
}


@pytest.fixture
def searchable(store: Store) -> Store:
    store.save_batch([bare(make_article(k, text=t, title=h)) for k, (h, t) in CORPUS.items()])
    return store


def test_search_ranks_and_marks_matches(searchable: Store) -> None:
    hits = searchable.search("storm")
    assert [h.article_id for h in hits] == ["art-storm", "art-zurich"]  # title match first
    assert hits[0].rank > hits[1].rank
    assert hits[0].title == "Storm hits Lisbon"
    assert "[" in hits[0].snippet and "]" in hits[0].snippet
    assert "[storm]" in hits[1].snippet.lower()
    assert len(searchable.search("storm", limit=1)) == 1


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("storm lisbon", ["art-storm"]),
        ("storm OR tokyo", None),  # FTS syntax is honoured when valid
        ("title:zürich", ["art-zurich"]),
        ("zurich", ["art-zurich"]),  # diacritics folded
        ("東京", ["art-tokyo"]),
        ("O'Brien", ["art-quotes"]),
        ('"said no"', ["art-quotes"]),
        ('"unbalanced', []),
        ('storm"', ["art-storm", "art-zurich"]),
        ("AND", ["art-quotes"]),  # not valid FTS: taken as the word "and"
        ("OR", []),
        ("NOT storm", []),
        ("storm AND", []),  # both words: no article has "storm" and "and"
        ("NEAR(", ["art-storm"]),  # the word "near"
        ("NEAR(storm coast", []),  # "NEAR(storm" is the phrase "near storm"
        ("*", []),
        ("stor*", ["art-storm", "art-zurich"]),
        ("^", []),
        ("-storm", ["art-storm", "art-zurich"]),
        ("nosuchcolumn:storm", []),
        ("(storm", ["art-storm", "art-zurich"]),
        (";DROP TABLE articles;--", []),
        ("'; DROP TABLE articles; --", []),
        ("storm\x00; DROP TABLE articles", []),
        ("🙂", {"sqlite": ["art-tokyo"], "postgresql": []}),  # PostgreSQL's parser skips emoji
        ('"', []),
        ("\\", []),
        ("%_", []),
        ("{title text}: lisbon", ["art-storm"]),
        ("word " * 500, []),
    ],
)
def test_search_never_breaks_on_user_input(
    searchable: Store, query: str, expected: list[str] | dict[str, list[str]] | None
) -> None:
    hits = searchable.search(query)
    if isinstance(expected, dict):  # the backends' tokenizers differ here
        expected = expected["postgresql" if "://" in searchable.target else "sqlite"]
    if expected is not None:
        assert sorted(h.article_id for h in hits) == sorted(expected)
    assert searchable.count_articles() == len(CORPUS)
    assert searchable.integrity_check() == []


@pytest.mark.parametrize("query", ["", "   ", "\n\t", "\x00"])
def test_empty_search_is_refused(searchable: Store, query: str) -> None:
    with pytest.raises(StoreError, match="empty search query"):
        searchable.search(query)


def test_search_sees_articles_saved_in_the_same_batch(store: Store) -> None:
    store.save_batch([bare(make_article("fresh", text="Volcano erupts."))])
    assert [h.article_id for h in store.search("volcano")] == ["art-fresh"]


# -- checks and lifecycle ------------------------------------------------------------------


def test_integrity_check_is_clean_after_saves(store: Store) -> None:
    assert store.integrity_check() == []
    store.save_batch([full_extraction("a"), full_extraction("b")], [OBAMA, BERLIN])
    assert store.integrity_check() == []


def test_store_is_a_context_manager_and_refuses_use_after_close(make_store) -> None:
    with make_store() as store:
        store.save_batch([bare(make_article("ctx"))])
    with pytest.raises(StoreError, match="closed"):
        store.count_articles()
    store.close()  # closing twice is harmless


def test_events_claims_and_quotes_round_trip(store: Store) -> None:
    from storyline.models import Claim, Event, EventActor, Quote

    article = make_article("facts")
    event = Event(article.id, 0, 4, 0, "CONSULT", "phone", "call",
                  [EventActor(5, 9, "Dana", "source", "e1")], None, "2031-05-06", "day", id="v1")
    undated = Event(article.id, 6, 8, 0, "OTHER")
    claim = Claim(article.id, 0, 5, 0, "some 80", 80.0, "hostages", approximate=True, as_of="2031-05")
    quote = Quote(article.id, 1, 5, "we go", "said", "he", 0, "e1", 0)
    extraction = Extraction(article, [Sentence(article.id, 0, 0, 10)], events=[undated, event],
                            claims=[claim], quotes=[quote])
    store.save_batch([extraction])
    assert store.events() == [event, undated]  # dated first
    assert store.events(date_from="2031-05-06", date_to="2031-05-06") == [event]
    assert store.events(types=["OTHER"]) == [undated]
    assert store.claims() == [claim]
    assert store.quotes(speaker_entity="e1") == [quote] and store.quotes("e2") == []
    store.save_batch([], event_updates=[Event(article.id, 6, 8, 0, "OTHER", id="v9")])
    assert store.events(types=["OTHER"])[0].id == "v9"
