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

from storyline.extract.claims.component import RuleClaims
from storyline.extract.claims.figures import Figure, find_figures, parse_number
from storyline.extract.claims.group import group_claims, keyed_claim_groups, quantity_key

__all__ = ["Figure", "RuleClaims", "find_figures", "group_claims", "keyed_claim_groups", "parse_number",
           "quantity_key"]
