"""Events: what happened, who did it to whom, where, when, and how sure the text is.

* ``rules`` — ``events.rules.v1``, the per-article extractor (PLOVER types and modes).
* ``lexicon`` — the trigger words and cue words it reads.
* ``patterns`` — dependency patterns for actors, place, date and modality.

Merging mentions of one real-world event is a global step: ``storyline.resolve.events``.
"""

from storyline.extract.events.rules import RuleEvents

__all__ = ["RuleEvents"]
