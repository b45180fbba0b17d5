"""Stage 3, extract: per-article facts from the cleaned text.

Public entry point (used by ``pipeline.py`` only)::

    extract_batch(articles, nlp, batch_size, component="entities.spacy.v1") -> list[Extraction]

The spaCy ``Doc`` never leaves this package: what comes out is plain dataclasses with offsets,
so results cross process boundaries and map onto store rows.
"""

from __future__ import annotations

from typing import Any

__all__ = ["extract_batch"]


def __getattr__(name: str) -> Any:
    # Loaded on first use: importing a light submodule (``extract.claims.group`` from the query
    # side) must not load spaCy, which costs seconds at every CLI start.
    if name == "extract_batch":
        from storyline.extract.batch import extract_batch

        return extract_batch
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
