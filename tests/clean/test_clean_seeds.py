"""clean_article on the five real seed articles, read from ../shared/seeds at run time.

No seed text is copied here: lines are located by position or by structure (the file is
read at run time), and only a few short probes name what they look for.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.clean import clean_article
from storyline.clean.normalize import normalize_text
from storyline.models import Article, RawArticle

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"

pytestmark = pytest.mark.seeds


def _manifest() -> dict[str, dict]:
    if not (SEEDS / "manifest.jsonl").exists():
        pytest.skip(f"{SEEDS} is not available beside this checkout")
    rows = [
        json.loads(line)
        for line in (SEEDS / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
        if line
    ]
    return {row["path"][:3]: row for row in rows}


def _seed(number: str) -> tuple[list[str], Article]:
    """The seed's normalized lines (blank lines dropped) and its cleaned article."""
    entry = dict(_manifest()[number])
    path = entry.pop("path")
    text = (SEEDS / path).read_text(encoding="utf-8")
    article = clean_article(RawArticle(source=path, text=text, kind="txt", metadata=entry))
    lines = [line for line in normalize_text(text).split("\n") if line]
    return lines, article


def _assert_kept(lines: list[str], article: Article) -> None:
    text_lines = article.text.split("\n")
    for line in lines:
        for repair in article.repairs:
            line = line.replace(repair.original, repair.replacement)
        assert line in text_lines, f"content line lost: {line[:40]!r}"


def _assert_removed(lines: list[str], reason: str, article: Article) -> None:
    text_lines = article.text.split("\n")
    removed = {(r.text, r.reason) for r in article.removed}
    for line in lines:
        assert line not in text_lines, f"residue left in text: {line[:40]!r}"
        assert (line, reason) in removed, f"not removed as {reason}: {line[:40]!r}"


def test_000_keeps_every_paragraph_and_takes_the_date_from_the_manifest() -> None:
    lines, article = _seed("000")
    assert article.title is None  # the first line is a sentence, not a headline
    _assert_kept(lines, article)
    assert article.removed == [] and article.repairs == []
    assert article.published == _manifest()["000"]["published"]
    assert article.provenance["published"] == "metadata"
    assert article.language == "en"


def test_001_byline_promo_block_and_repost_footer() -> None:
    lines, article = _seed("001")
    assert article.title == lines[0]
    assert article.provenance["title"] == "text"
    assert article.authors == ["Joshua Marks", "Amelie Botbol"]
    assert article.outlet == "JNS"
    assert article.provenance["outlet"] == article.provenance["authors"] == "text"
    assert article.published == _manifest()["001"]["published"]
    assert article.provenance["published"] == "metadata"
    _assert_removed([lines[2]], "byline", article)
    # From the end: site name, repost footer, call to action, 3 appeal lines, appeal heading.
    _assert_removed([lines[-1]], "site-name", article)
    _assert_removed([lines[-2]], "repost-footer", article)
    _assert_removed([lines[-3]], "call-to-action", article)
    _assert_removed(lines[-7:-3], "advertisement", article)
    assert "CLICK HERE" not in article.text and "Purim" not in article.text
    assert article.extra["first_appeared_on"] == lines[-1]
    # The sub-heading before the appeal and its three paragraphs are content; so is the rest.
    assert not lines[-11].endswith(".")
    _assert_kept([lines[1], *lines[3:-7]], article)
    assert article.text.split("\n")[-4] == lines[-11]


def test_002_keeps_every_paragraph_and_has_no_date() -> None:
    lines, article = _seed("002")
    assert article.title is None
    _assert_kept(lines, article)
    assert article.removed == []
    assert article.published is None and "published" not in article.provenance


def test_003_metadata_bullets_and_related_links() -> None:
    lines, article = _seed("003")
    assert article.title == lines[0]
    _assert_removed(lines[1:5], "metadata", article)
    _assert_removed(lines[-5:], "related-links", article)
    _assert_kept(lines[5:-5], article)
    assert article.published == "2024-07-31"
    assert article.provenance["published"] == "text"
    assert article.extra["modified"] == "2024-07-31"
    assert article.outlet == "Anadolu Agency" and article.provenance["outlet"] == "text"
    assert article.extra["section"] == lines[1].lstrip("- ")
    assert not article.text.startswith("-") and "\n-" not in article.text


def test_004_captions_wire_credit_and_glued_words() -> None:
    lines, article = _seed("004")
    assert article.title == lines[0]
    captions = [i for i, line in enumerate(lines) if line.endswith(")") and "/" in line]
    assert len(captions) == 2
    label = captions[1] - 1  # the name label printed above the second caption
    caption_lines = [lines[captions[0]], lines[label], lines[captions[1]]]
    _assert_removed(caption_lines, "photo-caption", article)
    _assert_removed([lines[-1]], "wire-credit", article)
    assert article.extra["wire"] == "EFE"
    paragraphs = [line for i, line in enumerate(lines[1:-1], 1) if i not in (*captions, label)]
    _assert_kept(paragraphs, article)
    assert article.published == _manifest()["004"]["published"]
    assert article.provenance["published"] == "metadata"
    repairs = {r.original: r.replacement for r in article.repairs}
    assert repairs == {
        "Blinkenthanked": "Blinken thanked",
        "Thanithe": "Thani the",
        "Thanisigned": "Thani signed",
        "Journalin": "Journal in",
    }
    assert all(r.reason == "glued-word" for r in article.repairs)
    assert not any(original in article.text for original in repairs)


def test_cleaning_is_deterministic_and_ids_are_distinct() -> None:
    numbers = ("000", "001", "002", "003", "004")
    first = [_seed(n)[1] for n in numbers]
    assert first == [_seed(n)[1] for n in numbers]
    assert len({article.id for article in first}) == len(numbers)
