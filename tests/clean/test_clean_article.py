"""clean_article on articles we wrote: composition, headline rules, metadata precedence."""

from __future__ import annotations

import datetime as dt

from storyline.clean import clean_article
from storyline.clean.fingerprint import article_id, content_hash
from storyline.models import RawArticle

BODY = [
    "The harbour authority said on Tuesday that the pier would reopen next spring.",
    "Engineers found that the storm had cracked two of the main supports.",
    "“It will take months, not weeks,” said the authority’s chief engineer.",
]


def _raw(lines: list[str], kind: str = "txt", **metadata: object) -> RawArticle:
    return RawArticle(source="test.txt", text="\n".join(lines), metadata=dict(metadata), kind=kind)


def test_full_article_with_residue() -> None:
    raw = _raw(
        [
            "Pier to reopen next spring, harbour authority says",
            "By Lena Marsh, Harbor City Ledger Daily",
            "Published: March 3, 2022",
            *BODY,
            "Advertisement",
            "Ferry fares frozen for locals",  # a sub-heading: content
            "Fares for residents will not rise this year, the operator said.",
            "(With information from AFP)",
            "- Lighthouse keeper retires after 40 years",
            "- Storm season: what to expect",
        ]
    )
    article = clean_article(raw)
    assert article.title == "Pier to reopen next spring, harbour authority says"
    assert article.authors == ["Lena Marsh"]
    assert article.outlet == "Harbor City Ledger Daily"
    assert article.published == "2022-03-03"
    assert article.extra["wire"] == "AFP"
    assert article.provenance == {
        "title": "text",
        "outlet": "text",
        "authors": "text",
        "published": "text",
        "language": "inferred",
    }
    assert article.language == "en"
    assert article.text.split("\n") == [
        *BODY,
        "Ferry fares frozen for locals",
        "Fares for residents will not rise this year, the operator said.",
    ]
    reasons = [r.reason for r in article.removed]
    assert reasons == [
        "byline",
        "metadata",
        "advertisement",
        "wire-credit",
        "related-links",
        "related-links",
    ]
    assert article.content_hash == content_hash(article.text)
    assert article.id == article_id(article.content_hash)
    assert article.raw_text == raw.text


def test_first_line_that_is_a_sentence_stays_in_the_text() -> None:
    article = clean_article(_raw(BODY))
    assert article.title is None
    assert article.text == "\n".join(BODY)
    assert article.removed == []
    assert article.published is None  # no date anywhere: none is invented
    assert "published" not in article.provenance


def test_extracted_text_keeps_a_short_first_line() -> None:
    article = clean_article(_raw(["Ferry fares frozen for locals", *BODY], kind="extracted"))
    assert article.title is None
    assert article.text.startswith("Ferry fares frozen")


def test_metadata_wins_and_its_title_line_is_dropped() -> None:
    article = clean_article(
        _raw(
            ["Pier to reopen", "By Lena Marsh, KVX", "Published: March 3, 2022", *BODY],
            title="Pier to reopen",
            outlet="Northwind Review",
            authors="Tobias Quill and Ines van der Berg",
            published="2022-03-01T08:00:00Z",
            url="https://example.com/pier",
            language="en-GB",
            section="Local",
        )
    )
    assert article.title == "Pier to reopen"
    assert article.outlet == "Northwind Review"
    assert article.authors == ["Tobias Quill", "Ines van der Berg"]
    assert article.published == "2022-03-01"
    assert article.url == "https://example.com/pier"
    assert article.language == "en"
    assert article.extra["section"] == "Local"
    assert set(article.provenance.values()) == {"metadata"}
    assert article.text == "\n".join(BODY)


def test_metadata_date_objects_and_unreadable_dates() -> None:
    assert clean_article(_raw(BODY, published=dt.date(2021, 5, 4))).published == "2021-05-04"
    article = clean_article(_raw(BODY, published="sometime last spring"))
    assert article.published is None
    assert article.extra["published_raw"] == "sometime last spring"


def test_blank_line_paragraphs_keep_one_blank_line() -> None:
    raw = RawArticle(
        "t.txt",
        "\n\n\n".join(
            ["Pier to reopen next spring", *BODY, "Advertisement", "Closing paragraph here."]
        ),
        kind="txt",
    )
    article = clean_article(raw)
    assert article.text == "\n\n".join([*BODY, "Closing paragraph here."])


def test_trivially_different_copies_share_an_id() -> None:
    a = clean_article(_raw(["Pier to reopen next spring", *BODY]))
    b = clean_article(
        RawArticle(
            "other.txt",
            "\r\n".join(["Pier to reopen next spring", *BODY]).replace("“", '"').replace("”", '"')
            + "\r\n",
            kind="txt",
        )
    )
    assert a.id == b.id


def test_empty_and_whitespace_only_input_do_not_raise() -> None:
    for text in ("", " \n\t\n"):
        article = clean_article(RawArticle("e.txt", text, kind="txt"))
        assert article.text == "" and article.title is None and article.language is None


def test_glued_words_are_only_repaired_in_english() -> None:
    spanish = "La alcaldesa Valdric habló el martes. Valdricsaid que el muelle abrirá en primavera."
    article = clean_article(RawArticle("es.txt", spanish, kind="extracted"))
    assert article.language == "es" and article.provenance["language"] == "inferred"
    assert article.repairs == [] and "Valdricsaid" in article.text
    english = clean_article(RawArticle("en.txt", spanish, metadata={"language": "en"}))
    assert english.provenance["language"] == "metadata"
    assert [r.replacement for r in english.repairs] == ["Valdric said"]


def test_headline_below_metadata_bullets_is_the_title() -> None:
    text = (
        "- Business\n- Riverside Wire Service\n- Published Date: 08:00 | 2 May 2023\n\n"
        "Ferry operator cuts winter timetable\n\n"
        "The island ferry will sail twice a day from November, the operator said on Tuesday.\n"
    )
    article = clean_article(RawArticle(source="t.txt", text=text, kind="txt"))
    assert article.title == "Ferry operator cuts winter timetable"
    assert article.text.startswith("The island ferry")
    assert article.published == "2023-05-02"
