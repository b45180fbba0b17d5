"""What a figure counts, read from the dependency parse around its number.

"8,300 dead" -> "dead", "50 hostages released" -> "hostages released", "killing 12 people" ->
"people killed", "87 of the 251 people ... remain" -> "people remaining": the noun the number
modifies (or the noun after "of"), then the word that says what happened to it, in the
participle so that active and passive sentences give the same words.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from storyline.extract.claims.attribution import REPORTING
from storyline.extract.claims.figures import CURRENCIES

# Irregular participles of verbs that figures follow; the rest take -ed.
_PARTICIPLES = {"hold": "held", "take": "taken", "flee": "fled", "leave": "left", "send": "sent",
                "lose": "lost", "find": "found", "bring": "brought", "shoot": "shot",
                "catch": "caught", "give": "given", "steal": "stolen", "drive": "driven",
                "make": "made", "keep": "kept", "build": "built", "spend": "spent",
                "kidnap": "kidnapped", "hit": "hit", "put": "put", "win": "won", "raise": "raised",
                "cut": "cut", "set": "set", "shut": "shut", "let": "let", "quit": "quit",
                "seek": "sought", "sink": "sunk", "strike": "struck", "tear": "torn", "pay": "paid", "buy": "bought", "sell": "sold", "lend": "lent",
                "die": "dead", "be": ""}
# Intransitive verbs whose subject's state is what is counted ("87 remain" -> remaining).
_STATES = {"remain": "remaining", "stay": "remaining", "die": "dead", "flee": "fled",
           "live": "living", "survive": "survived", "return": "returned", "arrive": "arrived",
           "perish": "dead", "go": "", "escape": "escaped", "disappear": "missing",
           "wait": "waiting", "queue": "waiting"}
# Adjectives that say what became of the counted ("the remaining 59", "35 are dead").
_STATE_WORDS = {"dead", "alive", "missing", "remaining", "injured", "wounded", "displaced",
                "homeless", "unaccounted", "detained", "captive", "killed", "hurt", "held",
                "released", "freed", "evacuated", "infected", "sick", "jobless", "unemployed"}
_NOUNS = ("NOUN", "PROPN")
# Tallies a figure can reach ("the toll rose to 52") and what their first word says they count.
_TALLIES = frozenset({"toll", "tally", "number", "count", "total", "queue"})
_TALLY_KINDS = {"death": "dead", "casualty": "casualties", "injury": "injured",
                "fatality": "dead", "infection": "infected", "case": "cases"}
# Nouns a figure after "of" sizes ("a crew of 25"); "the status of two" is not a count of status.
_COLLECTIVES = frozenset({"crew", "fleet", "population", "force", "workforce", "team", "group",
                          "convoy", "staff", "family", "army", "delegation", "contingent", "crowd",
                          "squad", "brigade", "battalion", "total", "toll", "tally", "queue", "list"})
# What a tally says of the things it counts ("the queue of ships grew to 200": ships waiting).
_TALLY_STATES = {"queue": "waiting"}
# Reporting verbs that also demand: "claimed $9 million" is a claim, not a report.
_DEMANDS = frozenset({"claim"})
# Periods a figure can be counted per ("$400 million an hour", "19,000 ships a year").
_PERIODS = frozenset({"hour", "day", "week", "month", "year"})
_PER = frozenset({"a", "an", "each", "every", "per"})
_UNIT_WORDS = frozenset(CURRENCIES) | {"percent", "%", "cent"}


def participle(verb: Token) -> str:
    lemma = verb.lemma_.lower()
    if lemma in _PARTICIPLES:
        return _PARTICIPLES[lemma]
    if lemma.endswith("e"):
        return lemma + "d"
    if len(lemma) > 2 and lemma.endswith("y") and lemma[-2] not in "aeiou":
        return lemma[:-1] + "ied"
    if re.fullmatch(r"[^aeiou]*[aeiou][^aeiouwxy]", lemma):  # one syllable: "drop" -> "dropped"
        return lemma + lemma[-1] + "ed"
    return lemma + "ed"


def counted_noun(root: Token) -> tuple[Token | None, Token | None]:
    """(the noun counted, the token whose place in the clause says what happened to it; None
    when the noun alone says it: "a crew of 25", "compensation of $9 million")."""
    if root.dep_ in ("nummod", "quantmod", "compound") and root.head.pos_ in _NOUNS:
        return root.head, root.head
    pobj = _of_object(root)
    if pobj is not None and pobj.pos_ in _NOUNS:
        return pobj, root  # "87 of the 251 people remain": 87 is the subject
    whole = root.head.head
    if root.dep_ == "pobj" and root.head.lower_ == "of" and whole.pos_ == "NOUN" and (
            whole.lemma_.lower() in _COLLECTIVES or _is_sum(root)):
        return whole, None
    return None, root


def _of_object(token: Token, deps: tuple[str, ...] = ("pobj",)) -> Token | None:
    """'87 of the people' -> 'people': the object of the "of" after ``token``, if any."""
    of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    return next((c for c in of.children if c.dep_ in deps), None) if of is not None else None


def _is_sum(root: Token) -> bool:
    """'compensation of $9 million': a sum is what the noun before 'of' amounts to."""
    return any(t.lower_ in CURRENCIES for t in root.subtree)  # "$", "US$", "euros"


def qualifier(noun: Token | None, anchor: Token | None, unit: str | None = None) -> str | None:
    """The participle or adjective saying what became of the counted things, if any."""
    if anchor is None:
        return _modifier(noun)
    if noun is None:  # "8,300 dead were counted": the adjective on the number says it
        return (_modifier(anchor) or _clause_word(anchor) or _participle_clause(anchor, "relcl")
                or (_verb_for(anchor) if unit else None))
    return (_clause_word(anchor) or _modifier(anchor) or _modifier(noun)
            or _participle_clause(noun))


def _verb_for(anchor: Token) -> str | None:
    """'asked for $9 million' -> 'asked' (a sum only: "held for a hundred" is a duration)."""
    head = anchor.head
    if anchor.dep_ == "pobj" and head.lower_ == "for" and head.head.pos_ == "VERB":
        return participle(head.head)
    return None


def _clause_word(anchor: Token) -> str | None:
    while anchor.dep_ == "conj" and anchor.head.pos_ in _NOUNS:  # "tugs and one dredger were sent"
        anchor = anchor.head
    head, dep = anchor.head, anchor.dep_
    if head.i == anchor.i or head.pos_ not in ("VERB", "AUX", "ADJ"):
        return None
    if head.lemma_ in REPORTING and not (dep == "dobj" and head.lemma_ in _DEMANDS):
        return _complement(head)  # "were counted", "confirmed dead": the state, not the report
    if dep in ("dobj", "nsubjpass", "obj", "attr") and head.pos_ == "VERB":
        return _complement(head) or participle(head) or None
    if dep == "nsubj":
        if head.tag_ == "VBN" or head.lower_ in _STATE_WORDS:  # "91,000 injured"
            return head.lower_
        if head.lemma_ in _STATES:
            return _STATES[head.lemma_] or None
        return _complement(head) or _to_be_done(head)
    return None


def _to_be_done(verb: Token) -> str | None:
    """'three more are to be freed' -> 'freed' (what is planned for them)."""
    if verb.lemma_ != "be":
        return None
    done = next((c for c in verb.children if c.dep_ == "xcomp" and c.tag_ == "VBN"), None)
    return participle(done) if done is not None else None


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


def _participle_clause(noun: Token | None, dep: str = "acl") -> str | None:
    """'50 hostages released on Monday' -> 'released', '420 ships waiting' -> 'waiting';
    with ``dep="relcl"``, 'the $9 million it sought' -> 'sought'."""
    if noun is None:
        return None
    for child in noun.children:
        if child.dep_ != dep or child.pos_ != "VERB":
            continue
        if child.tag_ == "VBG" and child.lemma_ in _STATES:
            return _STATES[child.lemma_] or None
        if child.tag_ == "VBN" or dep == "relcl":
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
    return _tally_counts(tally)


def _tally_counts(tally: Token) -> tuple[str, Token] | None:
    """What a tally counts: its kind ("death toll") or the noun after "of"."""
    kind = next((c for c in tally.children if c.dep_ in ("compound", "amod")
                 and c.lemma_.lower() in _TALLY_KINDS), None)
    if kind is not None:
        return _TALLY_KINDS[kind.lemma_.lower()], tally
    counted = _of_object(tally, ("pobj", "amod"))
    if counted is None:
        return None
    # "the number of displaced people", "the number of vessels waiting", "the queue of ships"
    state = _modifier(counted) or _participle_clause(counted) or _TALLY_STATES.get(tally.lemma_.lower())
    return " ".join(w for w in (counted.lower_, state) if w), tally


def brought_to(root: Token) -> tuple[str, Token] | None:
    """'cut its claim to $5 million' -> 'claim'; 'raised the number of troops to 900' ->
    'troops': the thing a verb brings to the figure counts it."""
    if not (root.dep_ == "pobj" and root.head.lower_ == "to" and root.head.head.pos_ == "VERB"):
        return None
    thing = next((c for c in root.head.head.children if c.dep_ == "dobj" and c.pos_ == "NOUN"), None)
    if thing is None:
        return None
    if thing.lemma_.lower() in _TALLIES:
        return _tally_counts(thing)
    return thing.lower_, thing


def per_period(root: Token, noun: Token | None) -> str | None:
    """'$400 million an hour', '19,000 ships a year', 'each day': the period counted per."""
    owners = {root.i} | ({noun.i} if noun is not None else set())
    for token in root.ancestors:  # up to the figure's verb: "holding up $9 billion worth ... each day"
        owners.add(token.i)
        if token.pos_ in ("VERB", "AUX"):
            break
    for token in root.sent:
        if token.lemma_.lower() not in _PERIODS:
            continue
        if not any(c.dep_ == "det" and c.lower_ in _PER for c in token.children) and token.head.lower_ != "per":
            continue
        head = token.head.head if token.dep_ == "pobj" else token.head
        if head.i in owners:
            return f"per {token.lemma_.lower()}"
    return None


def counts_of(root: Token, unit: str | None) -> tuple[str, Token | None]:
    """The normalized words for what ``root`` (the number's head token) counts, and the noun."""
    counts, noun = _counted_words(root, unit)
    rate = per_period(root, noun)
    words = [w for w in (unit, counts, rate) if w]
    return " ".join(words), noun


def _counted_words(root: Token, unit: str | None) -> tuple[str, Token | None]:
    noun, anchor = counted_noun(root)
    if noun is None:
        found = brought_to(root) or (toll_counts(root) if not unit else None)
        if found is not None:
            return found
    elif anchor is None and noun.lemma_.lower() in _TALLIES and (found := _tally_counts(noun)):
        return found  # "a death toll of 52"
    if noun is not None and noun.lower_ in _UNIT_WORDS:  # "40 percent of its homes"
        noun, anchor = counted_noun(noun)
    if noun is not None and noun.lower_ == "worth":  # "$9 billion worth of goods"
        noun = _of_object(noun) or noun
    words = [_noun_words(noun)] if noun is not None else []
    state = qualifier(noun, anchor, unit)
    if state and state not in words:
        words.append(state)
    return " ".join(words), noun


def _noun_words(noun: Token) -> str:
    """'crew members' -> 'crew', as 'staff members' is the staff: the group a member noun
    names; any other noun stands alone."""
    if noun.lemma_.lower() == "member":
        group = next((c for c in noun.children if c.dep_ == "compound" and c.i == noun.i - 1), None)
        if group is not None:
            return group.lower_
    return noun.lower_
