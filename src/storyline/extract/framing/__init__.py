"""Framing: the words each outlet chooses for the same referent, and the labels it pins on names.

    FramingTerms()(article, doc) -> list[FramingTerm]      per article ("framing.terms.v1")
    group_referents(rows) -> list[FramingTerm]             per collection: fills ``referent``
    framing_table(rows, texts) -> list[dict]               the export rows
    outlet_summary(rows) / labels_per_outlet(rows) / outlet_tone(rows, texts)
"""

from storyline.extract.framing.referents import group_referents
from storyline.extract.framing.report import (
    framing_table,
    labels_per_outlet,
    outlet_summary,
    outlet_tone,
    outlets_labeling,
    term_valence,
)
from storyline.extract.framing.terms import FramingTerms, entity_key

__all__ = [
    "FramingTerms",
    "entity_key",
    "framing_table",
    "group_referents",
    "labels_per_outlet",
    "outlet_summary",
    "outlet_tone",
    "outlets_labeling",
    "term_valence",
]
