"""Stage 2, clean: turn a ``RawArticle`` into an ``Article`` whose text is only the article.

Public entry point (used by ``pipeline.py`` only)::

    clean_article(raw: RawArticle) -> Article

A pure function of the raw article: normalizes Unicode punctuation and whitespace, separates a
headline, removes residue that is not the article (ads, calls to action, related links, photo
captions and credits, repost footers, metadata lines, bylines) into ``Article.removed`` with a
reason, reads metadata from the body where the source gave none (bylines, date lines, repost
footers, wire credits) with provenance "text", repairs glued words, detects the language and
computes the content hash and id. Modules: normalize.py, headline.py, boilerplate.py (the
removal reasons are listed in ``boilerplate.REASONS``), metadata.py, glued.py, language.py,
fingerprint.py, article.py (the composition, in numbered steps).
"""

from storyline.clean.article import clean_article

__all__ = ["clean_article"]
