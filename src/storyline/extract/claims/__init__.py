"""``claims.rules.v1``: the claims ledger, every figure a reader would cite.

Per article and pure (the spaCy ``Doc``, sentences, mentions and timexes in; ``Claim`` rows
out, offsets into ``Article.text``):

* ``figures``: where a number expression is and its value, with its hedge as bounds
  ("some 8,300", "at least 39,445", "87 of the 251", "tens of thousands", "$5 billion").
* ``counts``: what it counts, from the parse ("50 hostages released", "killing 12 people").
* ``attribution``: who gives it ("according to X", "X said", "confirmed by X").
* a date in the sentence is its as-of date; dates, times, years, ages, ordinals, references
  ("the two men") and numbers inside names are not figures.

``group_claims`` (collection level) groups claims about one quantity across articles.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from storyline.extract.claims.group import group_claims, keyed_claim_groups, quantity_key

# Loaded on first use, since they import spaCy: the query side needs only ``group``.
_LAZY = {"RuleClaims": "component", "Figure": "figures", "find_figures": "figures",
         "parse_number": "figures"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(f"storyline.extract.claims.{_LAZY[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["Figure", "RuleClaims", "find_figures", "group_claims", "keyed_claim_groups", "parse_number",
           "quantity_key"]
