"""Small extractions for resolver tests: named mentions laid out in a made-up text."""

from __future__ import annotations

from storyline.models import Article, Extraction, Mention


def extraction(article_id: str, *mentions: tuple[str, str], text: str | None = None,
               separator: str = " . ") -> Extraction:
    """Mentions ``(surface, label)`` one after another, joined by ``separator`` (or found in
    order in ``text`` when given), all in sentence 0."""
    found, offset = [], 0
    if text is None:
        text = separator.join(t for t, _ in mentions)
    for surface, label in mentions:
        start = text.index(surface, offset)
        found.append(Mention(article_id, start, start + len(surface), surface, label, 0))
        offset = start + len(surface)
    art = Article(id=article_id, source="t", text=text, raw_text=text, content_hash=article_id)
    return Extraction(article=art, mentions=found)
