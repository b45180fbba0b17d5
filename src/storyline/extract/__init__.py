"""Stage 3, extract: per-article facts from the cleaned text.

Public entry point (used by ``pipeline.py`` only)::

    extract_batch(articles, nlp, batch_size, component="entities.spacy.v1") -> list[Extraction]

The spaCy ``Doc`` never leaves this package: what comes out is plain dataclasses with offsets,
so results cross process boundaries and map onto store rows.
"""

from storyline.extract.batch import extract_batch

__all__ = ["extract_batch"]
