"""Which name a description stands for: "the owner" after "its owner, Varnel Ltd".

An event's actor is often told as a description ("the owner", "the authority", "the court")
once the article has named it. Within one article, a definite description (``the``/``its``/
``their`` + noun) points at the latest name before it that

1. the article described with that noun: in apposition ("the owner, Varnel Ltd"; "Varnel Ltd,
   the owner"), or as a noun before it ("salvage firm Varnel", "the ferry operator Varnel"),
2. or whose own last word is that noun ("the authority" -> "the Port Varn Authority");
3. failing both, the first name after it that (1) or (2) finds (a lede's "its owner", named
   a few paragraphs on as "the owner, Varnel Ltd").

A vehicle told by its kind ("the ship", "the detained vessel", "the plane": a noun of the
``[object_kinds]`` settings) stands for the latest vehicle name (PRODUCT) the article introduced
with a noun of the same kind ("the tanker Varn Altair", "the Osterby, the giant container ship"),
else for the one such name the article has. "It" as a subject stands for such a name when the
subject before it is that name or a description of it ("The ferry was towed off. It sailed").

Only names of organisations, places, facilities and products are looked for (people have
titles and pronouns, which ``roles.rules.v1`` links). The answer is the name mention's start,
kept on the ``EventActor`` as ``antecedent``; resolve/ gives the actor that mention's entity.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from storyline.config import load_settings
from storyline.errors import ConfigError
from storyline.extract.events.lexicon import REPORTING
from storyline.models import Mention

_LABELS = frozenset({"ORG", "GPE", "FAC", "PRODUCT", "NORP", "LOC"})
_DEFINITE = frozenset({"the", "its", "their", "this", "that"})
_POSSESSIVE = re.compile(r"['’]s?$")
_VEHICLE = "PRODUCT"  # OntoNotes files vehicles under PRODUCT (extract/described_names.py)
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_PEOPLE = frozenset({"he", "she", "they", "we", "i", "you", "who"})


@dataclass(frozen=True)
class ObjectKinds:
    """Vehicle nouns by kind: ``kind_of["tanker"] == "watercraft"``; ``general`` holds the
    nouns that say only the kind ("ship", "vessel", "plane")."""

    kind_of: dict[str, str]
    general: frozenset[str]

    def match(self, noun: str, introduced_by: str) -> int | None:
        """How well "the <noun>" fits a name introduced by ``introduced_by``: 0 the same or
        two general nouns of one kind, 1 only one kind, None another kind."""
        kind = self.kind_of.get(noun)
        if noun == introduced_by or {noun, introduced_by} <= self.general \
                and kind == self.kind_of.get(introduced_by):
            return 0
        return 1 if kind is not None and kind == self.kind_of.get(introduced_by) else None


@lru_cache(maxsize=1)
def object_kinds() -> ObjectKinds:
    """The ``[object_kinds]`` settings (each kind a table of ``general``/``specific`` nouns)."""
    kind_of, general = {}, set()
    for kind, table in load_settings().get("object_kinds").items():
        lists = [table.get(part) if isinstance(table, dict) else None
                 for part in ("general", "specific")]
        if not all(isinstance(n, list) and all(isinstance(w, str) for w in n) for n in lists):
            raise ConfigError(f"object_kinds.{kind} must hold lists 'general' and 'specific' "
                              f"of nouns, got {table!r}")
        kind_of.update((noun.casefold(), kind) for noun in lists[0] + lists[1])
        general.update(noun.casefold() for noun in lists[0])
    return ObjectKinds(kind_of, frozenset(general))


class Antecedents:
    """Descriptions -> name mentions, for one article."""

    def __init__(self, doc: Doc, mentions: list[Mention],
                 kinds: ObjectKinds | None = None) -> None:
        self.doc = doc
        self.kinds = object_kinds() if kinds is None else kinds
        self.names = sorted((m for m in mentions if m.kind == "name" and m.label in _LABELS),
                            key=lambda m: m.start)
        self.described: list[tuple[int, str, Mention]] = []  # (offset, noun lemma, name)
        for mention in self.names:
            for noun in self._descriptors(mention):
                self.described.append((min(noun.idx, mention.start), noun.lemma_.lower(), mention))

    def of(self, token: Token) -> Mention | None:
        """The name ``token`` (the head of a definite description) stands for, or None."""
        if token.lower_ == "it":
            return self._it(token)
        if token.pos_ != "NOUN" or not any(c.dep_ in ("det", "poss") and c.lower_ in _DEFINITE
                                           for c in token.children):
            return None
        lemma = token.lemma_.lower()
        if lemma in self.kinds.kind_of:
            return self._vehicle(token, lemma) if token.tag_ != "NNS" else None
        before = [(at, m) for at, noun, m in self.described if noun == lemma and at < token.idx]
        if before:
            return max(before, key=lambda pair: pair[0])[1]
        named = [m for m in self.names if m.end <= token.idx and _ends_with(m, token)]
        if named:
            return named[-1]
        # a lede's "its owner" named only further down ("..., the owner, Varnel Ltd, said")
        after = [(at, m) for at, noun, m in self.described if noun == lemma and at > token.idx]
        after += [(m.start, m) for m in self.names if m.start > token.idx and _ends_with(m, token)]
        return min(after, key=lambda pair: pair[0])[1] if after else None

    def _vehicle(self, token: Token, noun: str) -> Mention | None:
        """ "the vessel": the latest vehicle name introduced up to here (its own introduction
        included) with the best-fitting noun, else the one name that fits so well."""
        fits = [(self.kinds.match(noun, by), at, m) for at, by, m in self.described
                if m.label == _VEHICLE]
        for level in (0, 1):
            of_level = [(at, m) for fit, at, m in fits if fit == level]
            before = [(at, m) for at, m in of_level if at <= token.idx]
            if before:
                return max(before, key=lambda pair: pair[0])[1]
            if len({m.text for _, m in of_level}) == 1:
                return min(of_level, key=lambda pair: pair[0])[1]
        return None

    def _it(self, token: Token) -> Mention | None:
        """ "it" as a subject: the vehicle the subject before it is or stands for ("which"
        stands for its noun, a person is no "it"); not in what someone reports ("X said
        that the ship ran aground and that it was waiting": X is waiting)."""
        if token.dep_ not in _SUBJECTS or _expletive(token) or _reported(token):
            return None
        previous = next((t for t in reversed(self.doc[:token.i]) if t.dep_ in _SUBJECTS
                         and t.lower_ not in _PEOPLE and t.tag_ not in ("WDT", "WP")
                         and t.ent_type_ != "PERSON"), None)
        if previous is None or previous.sent.end < token.sent.start:
            return None  # only a subject of this sentence or the one before
        named = next((m for m in self.names if m.start <= previous.idx < m.end), None) \
            or self.of(previous)
        return named if named is not None and named.label == _VEHICLE else None

    def _descriptors(self, mention: Mention) -> list[Token]:
        span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            return []
        root, found = span.root, []
        found += [c for c in root.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
        if root.dep_ == "appos" and root.head.pos_ == "NOUN":
            found.append(root.head)  # "its owner, Varnel Ltd"
        found += [t for t in self.doc[root.left_edge.i:span.start]
                  if t.pos_ == "NOUN" and t.dep_ == "compound"]  # "salvage firm Varnel"
        noun = self.doc[span.start - 1] if span.start > 0 else None
        if noun is not None and noun.lemma_.lower() in self.kinds.kind_of and noun not in found:
            found.append(noun)  # "the tanker Varn Altair", however parsed
        return found


def _ends_with(name: Mention, noun: Token) -> bool:
    """ "the Port Varn Authority" ends with "the authority"'s noun (its lemma or as written)."""
    last = _POSSESSIVE.sub("", name.text.split()[-1].lower())
    return last in (noun.lemma_.lower(), noun.lower_)


def _reported(token: Token) -> bool:
    return any(a.lemma_.lower() in REPORTING and any(c.dep_ == "nsubj" for c in a.children)
               for a in token.ancestors)


def _expletive(it: Token) -> bool:
    """ "it is unclear whether ...", "it was too early to say": an "it" that stands for the
    clause after it, not for a thing."""
    verb = it.head
    return verb.lemma_ == "be" and any(c.dep_ in ("acomp", "attr") for c in verb.children) \
        and any(c.dep_ in ("ccomp", "xcomp", "advcl") for c in verb.children)
