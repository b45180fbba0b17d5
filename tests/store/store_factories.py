"""Hand-built articles and extractions for the store tests (no NLP involved)."""

from __future__ import annotations

from storyline.models import Article, Entity, Extraction, Mention, RemovedLine, Repair, Sentence, Timex

OBAMA = Entity("ent-obama", "Barack Obama", "PERSON")
BERLIN = Entity("ent-berlin", "Berlin", "GPE")


def make_article(key: str, text: str | None = None, **fields: object) -> Article:
    """A minimal article whose id and content hash derive from ``key``."""
    text = text if text is not None else f"Report {key}: a storm reached the coast."
    values: dict[str, object] = {
        "id": f"art-{key}",
        "source": f"{key}.txt",
        "text": text,
        "raw_text": text,
        "content_hash": f"hash-{key}",
        "title": f"Report {key}",
    }
    values.update(fields)
    return Article(**values)  # type: ignore[arg-type]


def bare(article: Article) -> Extraction:
    return Extraction(article)


def full_extraction(key: str = "full") -> Extraction:
    """An article with every field set, two sentences and resolved/unresolved mentions."""
    text = "Obama landed in Berlin on Monday. Obama and Merkel met in Berlin."
    article = make_article(
        key,
        text=text,
        raw_text="ADVERTISEMENT\nObama landed in Berlin on Monday.Obama and Merkel met in Berlin.",
        title="Obama visits “Berlin” — day 1",
        outlet="The Daily Example",
        authors=["Jane Doe", "José Álvarez"],
        published="2024-03-04",
        url="https://news.example/obama-berlin?x=1&y=2",
        language="en",
        removed=[
            RemovedLine("ADVERTISEMENT", "advertisement"),
            RemovedLine("Photo: AP", "photo-caption"),
        ],
        repairs=[Repair("Monday.Obama", "Monday. Obama", "glued-sentence")],
        provenance={"title": "metadata", "published": "text", "authors": "metadata"},
        extra={
            "section": "World",
            "wire": None,
            "tags": ["visit", 2, 3.5, True],
            "nested": {"a": {}},
        },
        nlp_skipped=None,
    )
    aid = article.id
    sentences = [Sentence(aid, 0, 0, 33), Sentence(aid, 1, 34, 65)]
    mentions = [
        Mention(aid, 0, 5, "Obama", "PERSON", 0, OBAMA.id),
        Mention(aid, 16, 22, "Berlin", "GPE", 0, BERLIN.id),
        Mention(aid, 26, 32, "Monday", "DATE", 0, None),
        Mention(aid, 34, 39, "Obama", "PERSON", 1, OBAMA.id),
        Mention(aid, 44, 50, "Merkel", "PERSON", 1, None),
        Mention(aid, 58, 64, "Berlin", "GPE", 1, BERLIN.id),
    ]
    timexes = [Timex(aid, 26, 32, "Monday", "DATE", "2024-03-04", "day", True, 0)]
    for fact in (*mentions, *timexes):  # keep the fixture honest: offsets point at the text
        assert text[fact.start : fact.end] == fact.text
    return Extraction(article, sentences, mentions, timexes)
