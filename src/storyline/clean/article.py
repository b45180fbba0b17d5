"""``clean_article``: compose the cleaning steps into one pure function of a RawArticle."""

from __future__ import annotations

import re

from storyline.clean.boilerplate import find_boilerplate
from storyline.clean.fingerprint import article_id, content_hash
from storyline.clean.glued import repair_glued_words
from storyline.clean.headline import find_title_line
from storyline.clean.language import detect_language, normalize_language_code
from storyline.clean.metadata import TextMetadata, read_metadata, wire_from_dateline
from storyline.clean.normalize import normalize_text, unwrap_paragraphs
from storyline.dates import normalize_date
from storyline.models import Article, RawArticle, RemovedLine, Repair

_AUTHOR_SEPARATORS = re.compile(r"\s*(?:,|;|&|\band\b)\s*")
_BLANK_LINE_RUNS = re.compile(r"\n{3,}")


def clean_article(raw: RawArticle) -> Article:
    """Turn ``raw`` into an Article whose text is only the article (see package docstring)."""
    # 1. Unicode repair and whitespace normalization; hard-wrapped paragraphs become lines.
    normalized = unwrap_paragraphs(normalize_text(raw.text))
    lines = normalized.split("\n")
    meta = raw.metadata or {}
    stated = _stated_metadata(meta)
    # 2. Headline: the metadata title, or a headline-like first line of plain text.
    title_index = find_title_line(lines, stated["title"], raw.kind)
    # 3. Residue that is not the article (the title line is judged separately).
    body_lines = ["" if i == title_index else line for i, line in enumerate(lines)]
    reasons = find_boilerplate(body_lines)
    if title_index is not None:
        reasons[title_index] = "title"
    # The headline moves to Article.title (provenance "text"); it is not residue, so it is not
    # listed as removed.
    removed = [RemovedLine(lines[i], reasons[i]) for i in sorted(reasons) if i != title_index]
    # 4. Metadata the body states (bylines, date lines, footers, wire credits).
    found = read_metadata(removed)
    if title_index is not None and stated["title"] is None:
        found.title = lines[title_index]
    # 5. The article text: kept lines, with the paragraph breaks of the input.
    text = _join_kept_lines(lines, reasons)
    wire = wire_from_dateline(text)  # "CITY (AP) — ..." names the wire too
    if wire:
        found.extra.setdefault("wire", wire)
    # 6. Language: stated by the source, else detected from the text.
    language = str(stated["language"]) if stated["language"] else detect_language(text)
    # 7. Glued words, judged against English word frequencies, so English text only; the
    #    whole input counts as the article's vocabulary (captions name people).
    repairs: list[Repair] = []
    if language in (None, "en"):
        text, repairs = repair_glued_words(text, vocabulary_text=normalized)
    # 8. Fingerprint.
    digest = content_hash(text)
    article = Article(
        id=article_id(digest),
        source=raw.source,
        text=text,
        # NUL is never text, and PostgreSQL text can't hold it: the raw copy drops it too.
        raw_text=raw.text.replace("\x00", ""),
        content_hash=digest,
        language=language,
        removed=removed,
        repairs=repairs,
    )
    if language:
        article.provenance["language"] = "metadata" if stated["language"] else "inferred"
    # 9. Metadata: the source's values win over what the body says.
    _fill_metadata(article, stated, found)
    if meta.get("published") and stated["published"] is None:
        article.extra["published_raw"] = meta["published"]  # kept, but it is not a date
    article.extra.update({k: v for k, v in meta.items() if k not in stated})
    return article


def _join_kept_lines(lines: list[str], reasons: dict[int, str]) -> str:
    """Kept lines joined by "\\n"; a blank line of the input stays one blank line."""
    kept = [line for i, line in enumerate(lines) if i not in reasons]
    return _BLANK_LINE_RUNS.sub("\n\n", "\n".join(kept)).strip("\n")


def _stated_metadata(meta: dict[str, object]) -> dict[str, object]:
    """The values raw.metadata gives for Article fields, normalized (None when absent)."""
    return {
        "title": _text_value(meta.get("title")),
        "url": _text_value(meta.get("url")),
        "outlet": _text_value(meta.get("outlet")),
        "authors": _authors_value(meta.get("authors")),
        "published": normalize_date(meta.get("published")),
        "language": normalize_language_code(meta.get("language")),
    }


def _fill_metadata(article: Article, stated: dict[str, object], found: TextMetadata) -> None:
    from_text = {
        "title": found.title,
        "outlet": found.outlet,
        "authors": found.authors,
        "published": found.published,
    }
    for name in ("title", "url", "outlet", "authors", "published"):
        _set(article, name, stated[name], from_text.get(name))
    article.extra.update(found.extra)


def _set(article: Article, name: str, from_metadata: object, from_text: object) -> None:
    """Set a field from metadata if given, else from the text, recording where it came from."""
    for value, origin in ((from_metadata, "metadata"), (from_text, "text")):
        if value:
            setattr(article, name, value)
            article.provenance[name] = origin
            return


def _text_value(value: object) -> str | None:
    text = normalize_text(value) if isinstance(value, str) else ""
    return " ".join(text.split()) or None


def _authors_value(value: object) -> list[str] | None:
    if isinstance(value, str):
        value = _AUTHOR_SEPARATORS.split(value)
    if not isinstance(value, (list, tuple)):
        return None
    authors = [name for item in value if (name := _text_value(item))]
    return authors or None
