"""Whether "warned that ..." / "threatened that ..." tells a threat, and whom it is against.

A warning is a threat when the clause it reports says what will be done: "warned that it would
retaliate" (the speaker acts), "warned that its army would strike the towns" (a hostile act),
"warned that Velor would face consequences" / "would pay a heavy price" (a third party will
suffer). "Warned that delays were likely" or "that prices would rise" only tell a fear.
"""

from __future__ import annotations

from spacy.tokens import Token

from storyline.extract.events import lexicon as lx

_WILL = frozenset({"will", "would", "'ll", "shall", "could"})
_SPEAKERS = frozenset({"we", "i", "it", "they"})  # the warner speaking of itself
_HOSTILE_TYPES = frozenset({"ASSAULT", "COERCE", "SANCTION"})


def is_threat(verb: Token) -> bool:
    """ "warned X to stop" and a bare "threatened" threaten; a reported clause must say what
    will be done (see the module docstring)."""
    told = [c for c in verb.children if c.dep_ == "ccomp"]
    return not told or any(_threatening(c) for c in told)


def threatened(verb: Token) -> list[Token]:
    """Who the reported clause threatens: the one who "would face consequences", or the object
    of the hostile act ("would strike the border towns")."""
    found = []
    for clause in (c for c in verb.children if c.dep_ == "ccomp" and _threatening(c)):
        if _suffers(clause):
            found += [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")
                      and c.lower_ not in _SPEAKERS]
        elif _hostile(clause):
            found += [c for c in clause.children if c.dep_ in ("dobj", "nsubjpass")]
    return found


def _threatening(clause: Token) -> bool:
    if not any(c.dep_ == "aux" and c.lower_ in _WILL for c in clause.children):
        return False
    speaks = any(s.dep_ == "nsubj" and s.lower_ in _SPEAKERS for s in clause.children)
    return speaks or _hostile(clause) or _suffers(clause)


def _hostile(clause: Token) -> bool:
    entry = lx.VERBS.get(clause.lemma_.lower())
    return clause.lemma_.lower() in lx.HOSTILE_VERBS or (entry is not None and entry.type in _HOSTILE_TYPES)


def _suffers(clause: Token) -> bool:
    """ "would face severe consequences", "would pay a heavy price"."""
    return clause.lemma_.lower() in ("face", "pay", "suffer", "bear") and any(
        c.dep_ == "dobj" and c.lemma_.lower() in lx.HOSTILE_OUTCOMES for c in clause.children)
