"""What a figure counts, read from the dependency parse around its number.

"8,300 dead" -> "dead", "50 hostages released" -> "hostages released", "killing 12 people" ->
"people killed", "87 of the 251 people ... remain" -> "people remaining": the noun the number
modifies (or the noun after "of"), then the word that says what happened to it, in the
participle so that active and passive sentences give the same words.
"""

from __future__ import annotations

from spacy.tokens import Token

from storyline.extract.claims.attribution import REPORTING
from storyline.extract.claims.figures import CURRENCIES

# Irregular participles of verbs that figures follow; the rest take -ed.
_PARTICIPLES = {"hold": "held", "take": "taken", "flee": "fled", "leave": "left", "send": "sent",
                "lose": "lost", "find": "found", "bring": "brought", "shoot": "shot",
                "catch": "caught", "give": "given", "steal": "stolen", "drive": "driven",
                "make": "made", "keep": "kept", "build": "built", "spend": "spent",
                "kidnap": "kidnapped", "hit": "hit", "put": "put", "win": "won", "raise": "raised",
                "die": "dead", "be": ""}
# Intransitive verbs whose subject's state is what is counted ("87 remain" -> remaining).
_STATES = {"remain": "remaining", "stay": "remaining", "die": "dead", "flee": "fled",
           "live": "living", "survive": "survived", "return": "returned", "arrive": "arrived",
           "perish": "dead", "go": "", "escape": "escaped", "disappear": "missing"}
# Adjectives that say what became of the counted ("the remaining 59", "35 are dead").
_STATE_WORDS = {"dead", "alive", "missing", "remaining", "injured", "wounded", "displaced",
                "homeless", "unaccounted", "detained", "captive", "killed", "hurt", "held",
                "released", "freed", "evacuated", "infected", "sick", "jobless", "unemployed"}
_NOUNS = ("NOUN", "PROPN")
# Tallies a figure can reach ("the toll rose to 52") and what their first word says they count.
_TALLIES = frozenset({"toll", "tally", "number", "count"})
_TALLY_KINDS = {"death": "dead", "casualty": "casualties", "injury": "injured",
                "fatality": "dead", "infection": "infected", "case": "cases"}
_UNIT_WORDS = frozenset(CURRENCIES) | {"percent", "%", "cent"}


def participle(verb: Token) -> str:
    lemma = verb.lemma_.lower()
    if lemma in _PARTICIPLES:
        return _PARTICIPLES[lemma]
    if lemma.endswith("e"):
        return lemma + "d"
    if len(lemma) > 2 and lemma.endswith("y") and lemma[-2] not in "aeiou":
        return lemma[:-1] + "ied"
    return lemma + "ed"


def counted_noun(root: Token) -> tuple[Token | None, Token]:
    """(the noun counted, the token whose place in the clause says what happened to it)."""
    if root.dep_ in ("nummod", "quantmod", "compound") and root.head.pos_ in _NOUNS:
        return root.head, root.head
    of = next((c for c in root.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    if pobj is not None and pobj.pos_ in _NOUNS:
        return pobj, root  # "87 of the 251 people remain": 87 is the subject
    return None, root


def qualifier(noun: Token | None, anchor: Token) -> str | None:
    """The participle or adjective saying what became of the counted things, if any."""
    if noun is None:  # "8,300 dead were counted": the adjective on the number says it
        return _modifier(anchor) or _clause_word(anchor)
    return (_clause_word(anchor) or _modifier(anchor) or _modifier(noun)
            or _participle_clause(noun))


def _clause_word(anchor: Token) -> str | None:
    head, dep = anchor.head, anchor.dep_
    if head.i == anchor.i or head.pos_ not in ("VERB", "AUX", "ADJ"):
        return None
    if head.lemma_ in REPORTING:  # "were counted", "confirmed dead": the state, not the report
        return _complement(head)
    if dep in ("dobj", "nsubjpass", "obj", "attr") and head.pos_ == "VERB":
        return _complement(head) or participle(head) or None
    if dep == "nsubj":
        if head.tag_ == "VBN" or head.lower_ in _STATE_WORDS:  # "91,000 injured"
            return head.lower_
        if head.lemma_ in _STATES:
            return _STATES[head.lemma_] or None
        return _complement(head)
    return None


def _complement(verb: Token) -> str | None:
    """'35 of them are dead' -> 'dead'."""
    for child in verb.children:
        if child.dep_ in ("acomp", "oprd", "attr") and child.lower_ in _STATE_WORDS:
            return child.lower_
    return None


def _modifier(token: Token | None) -> str | None:
    """An adjective on the number or the noun: "8,300 dead", "the remaining 59 hostages"."""
    if token is None:
        return None
    for child in token.children:
        if child.dep_ in ("amod", "acomp") and child.lower_ in _STATE_WORDS:
            return child.lower_
    return None


def _participle_clause(noun: Token | None) -> str | None:
    """'50 hostages released on Monday' -> 'released'."""
    if noun is None:
        return None
    for child in noun.children:
        if child.dep_ == "acl" and child.tag_ == "VBN":
            return _complement(child) if child.lemma_ in REPORTING else participle(child)
    return None


def toll_counts(root: Token) -> tuple[str, Token] | None:
    """'the death toll rose to 52' -> 'dead'; 'the number of injured stood at 90' -> 'injured':
    a figure a tally reaches counts what the tally counts (with the tally as its noun)."""
    verb = root.head.head if root.dep_ == "pobj" and root.head.lower_ in ("to", "at") else (
        root.head if root.dep_ in ("attr", "dobj") else None)
    if verb is None or verb.pos_ not in ("VERB", "AUX"):
        return None
    tally = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if tally is None or tally.lemma_.lower() not in _TALLIES:
        return None
    kind = next((c for c in tally.children if c.dep_ in ("compound", "amod")
                 and c.lemma_.lower() in _TALLY_KINDS), None)
    if kind is not None:
        return _TALLY_KINDS[kind.lemma_.lower()], tally
    of = next((c for c in tally.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    counted = next((c for c in of.children if c.dep_ in ("pobj", "amod")), None) if of is not None else None
    if counted is None:
        return None
    state = _modifier(counted)  # "the number of displaced people"
    return " ".join(w for w in (counted.lower_, state) if w), tally


def counts_of(root: Token, unit: str | None) -> tuple[str, Token | None]:
    """The normalized words for what ``root`` (the number's head token) counts, and the noun."""
    noun, anchor = counted_noun(root)
    if noun is None and not unit and (toll := toll_counts(root)) is not None:
        return toll
    if noun is not None and noun.lower_ in _UNIT_WORDS:  # "40 percent of its homes"
        noun, anchor = counted_noun(noun)
    words = [noun.lower_] if noun is not None else []
    state = qualifier(noun, anchor)
    if state and state not in words:
        words.append(state)
    if unit:
        words.insert(0, unit)
    return " ".join(words), noun
