"""Events: what happened, who did it to whom, where, when, and how sure the text is.

* ``rules`` — ``events.rules.v1``, the per-article extractor (PLOVER types and modes).
* ``lexicon`` — the trigger words and cue words it reads.
* ``patterns`` — dependency patterns for actors, place, date and modality.
* ``merge`` — ``merge_events``: one id per real-world event across mentions and articles.
"""

from storyline.extract.events.merge import merge_events
from storyline.extract.events.rules import RuleEvents

__all__ = ["RuleEvents", "merge_events"]
