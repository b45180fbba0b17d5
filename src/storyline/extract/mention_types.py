"""A mention's type from its own words and the words around it, where NER's label is wrong.

The small model types a name from its letters; the sentence often says what the name is:

* **its own words**: a company's legal form ends it ("Tovari Kisen Kaisha", "Varnel Ltd") ->
  ORG; an organisation's head noun ("... Authority", "... Ministry") -> ORG; a water body or
  landform ("the Great Salt Marsh", "Lake Varn") -> LOC; "Port Arlo", "Fort Tessel" -> GPE;
* **a descriptor beside it**: "salvage firm X", "X, the Dutch company" -> ORG; "the port
  city X", "X, its destination" -> GPE; "broker X", "X, the paper's correspondent" -> PERSON;
* **a role it fills**: "chief executive of X", "X's shareholders" -> ORG; "the port of X",
  "the mayor of X" -> GPE; "sailed to X" (a verb of going) -> a place, not a person.

Each rule only replaces labels that cannot be right for that evidence (a company form never
retypes a FAC: "the Varn Line" may be a railway), and a descriptor's type spreads to the other
mentions of the same name in the article. The words come from ``storyline.lexicon``.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from storyline.lexicon import Lexicon, lexicon, name_key
from storyline.models import Mention

ORG, PLACE, LANDFORM, PERSON = "ORG", "GPE", "LOC", "PERSON"
# Labels a rule may replace: those that cannot be what the evidence says the name is.
_NOT_A_COMPANY = frozenset({"PERSON", "GPE", "LOC", "NORP", "PRODUCT", "EVENT", "WORK_OF_ART"})
_NOT_AN_ORG_HEAD = frozenset({"PERSON", "PRODUCT", "EVENT", "WORK_OF_ART"})
_NOT_A_LANDFORM = frozenset({"PERSON", "PRODUCT", "EVENT", "WORK_OF_ART"})
_NOT_DESCRIBED_ORG = frozenset({"PERSON", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "EVENT",
                                "WORK_OF_ART"})
_NOT_DESCRIBED_PLACE = frozenset({"ORG", "PERSON", "PRODUCT", "EVENT", "WORK_OF_ART"})
_NOT_DESCRIBED_PERSON = frozenset({"ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "EVENT",
                                   "WORK_OF_ART"})
# A description spreads to the name's other mentions in the article, but never over a place
# or organisation label: NER's span may have been wrong where the description was read.
_SPREAD = {ORG: _NOT_DESCRIBED_ORG - {"GPE", "LOC"}, PLACE: _NOT_DESCRIBED_PLACE - {"ORG"},
           PERSON: _NOT_DESCRIBED_PERSON - {"GPE", "LOC"}}
_TOWARDS = frozenset({"to", "towards", "toward", "into"})


def retype_mentions(doc: Doc, mentions: list[Mention], words: Lexicon | None = None
                    ) -> list[Mention]:
    """``mentions`` with the labels their own words or their context contradict replaced."""
    words = words or lexicon()
    spans = {(e.start_char, e.end_char): e for e in doc.ents}
    described: dict[str, set[str]] = {}
    found = []
    for mention in mentions:
        if words_kind(mention.text, words) is not None:  # its own words outrank its context
            found.append(replace(mention, label=type_from_words(mention.text, mention.label, words)))
            continue
        span = spans.get((mention.start, mention.end))
        context = context_type(span, mention.label, words, mentions) if span is not None else None
        if context is not None:
            described.setdefault(name_key(mention.text), set()).add(context)
        found.append(replace(mention, label=context or mention.label))
    return _spread_descriptions(found, described)


def type_from_words(text: str, label: str, words: Lexicon) -> str:
    """The label a name's own first or last word implies, else ``label``."""
    kind = words_kind(text, words)
    if kind is None:
        return label
    parts = name_key(text).split()
    first = parts[0]
    if kind == ORG and label in _NOT_A_COMPANY and parts[-1] in words.company_forms:
        return ORG
    if kind == ORG and label in _NOT_AN_ORG_HEAD:
        return ORG
    # a first word says less than the head noun at the end: "the Gulf War" is an EVENT
    from_first = first in words.place_firsts or first in words.settlement_firsts
    if kind != ORG and label in _NOT_A_LANDFORM and not (label == "EVENT" and from_first):
        return kind
    if kind == LANDFORM and label == "FAC" and not from_first:  # "Fort Tessel" may be a base
        return LANDFORM
    return label


def words_kind(text: str, words: Lexicon) -> str | None:
    """ORG, LOC or GPE when a multi-word name's own last (or first) word says so."""
    parts = name_key(text).split()
    if len(parts) < 2:
        return None
    first, last = parts[0], parts[-1]
    if last in words.company_forms or last in words.organization_heads:
        return ORG
    if last in words.place_heads or first in words.place_firsts:
        return LANDFORM
    if first in words.settlement_firsts:
        return PLACE
    return None


def context_type(span: Span, label: str, words: Lexicon, mentions: list[Mention]) -> str | None:
    """ORG, GPE or PERSON when the words around ``span`` say so and its label can't be that."""
    root = span.root
    evidence = _descriptor(span, root, words) or _role(root, words)
    if evidence == ORG and label in _NOT_DESCRIBED_ORG:
        return ORG
    if evidence == PLACE and label in _NOT_DESCRIBED_PLACE:
        return PLACE
    if evidence == PERSON and label in _NOT_DESCRIBED_PERSON:
        return PERSON
    if label == "PERSON" and _gone_to(root, words) and not _surname(span.text, mentions):
        return PLACE
    return None


def _descriptor(span: Span, root: Token, words: Lexicon) -> str | None:
    """A descriptor noun in apposition or in front of the name: "X, the company", "firm X"."""
    nouns = [t for t in root.children if t.dep_ in ("appos", "compound", "nmod")
             and not span.start <= t.i < span.end and t.text.islower()]
    if root.dep_ == "appos" and root.head.text.islower():
        nouns.append(root.head)  # "its owner, X"
    for noun in nouns:
        if noun.tag_ == "NNS":
            continue  # "reporters", "firms": a plural describes no one name
        kind = _noun_kind(noun.lemma_.casefold(), words)
        if kind == PERSON and span.text.isupper():
            continue  # an acronym names an organisation, whatever the parse tied it to
        if kind is not None:
            return kind
    return None


def _noun_kind(lemma: str, words: Lexicon) -> str | None:
    if lemma in words.organization_descriptors:
        return ORG
    if lemma in words.place_descriptors:
        return PLACE
    if lemma in words.person_descriptors:
        return PERSON
    return None


def _role(root: Token, words: Lexicon) -> str | None:
    """"chief executive of X", "X's shareholders" -> ORG; "the port of X" -> GPE."""
    if root.dep_ == "pobj" and root.head.lower_ == "of":
        owner = root.head.head.lemma_.casefold()
    elif root.dep_ == "poss":
        owner = root.head.lemma_.casefold()
    else:
        return None
    if owner in words.organization_roles:
        return ORG
    if owner in words.place_roles and root.dep_ == "pobj":
        return PLACE
    return None


def _gone_to(root: Token, words: Lexicon) -> bool:
    """"sailed on to X", "headed towards X": the object of a verb of going somewhere."""
    preposition = root.head
    return (root.dep_ == "pobj" and preposition.lower_ in _TOWARDS
            and preposition.head.lemma_.casefold() in words.motion_verbs)


def _surname(text: str, mentions: list[Mention]) -> bool:
    """A lone word that ends a person's full name in the article is that person."""
    return any(m.label == "PERSON" and " " in m.text and m.text.split()[-1] == text
               for m in mentions)


def _spread_descriptions(mentions: list[Mention], described: dict[str, set[str]]
                         ) -> list[Mention]:
    """One name, one type per article: what a descriptor said of one mention holds for all."""
    if not described:
        return mentions
    out = []
    for mention in mentions:
        kinds = described.get(name_key(mention.text), set())
        if len(kinds) == 1 and mention.label in _SPREAD[next(iter(kinds))]:
            mention = replace(mention, label=next(iter(kinds)))
        out.append(mention)
    return out


__all__ = ["context_type", "retype_mentions", "type_from_words"]
