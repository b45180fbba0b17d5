"""Which name a description stands for: "the owner" after "its owner, Shoei-like Kaisha".

An event's actor is often told as a description ("the owner", "the authority", "the court")
once the article has named it. Within one article, a definite description (``the``/``its``/
``their`` + noun) points at the latest name before it that

1. the article described with that noun: in apposition ("the owner, Varnel Ltd"; "Varnel Ltd,
   the owner"), or as a noun before it ("salvage firm Varnel", "the ferry operator Varnel"),
2. or whose own last word is that noun ("the authority" -> "the Port Varn Authority");
3. failing both, the first name after it that (1) or (2) finds (a lede's "its owner", named
   a few paragraphs on as "the owner, Varnel Ltd").

Only names of organisations, places, facilities and products are looked for (people have
titles and pronouns, which ``roles.rules.v1`` links). The answer is the name mention's start,
kept on the ``EventActor`` as ``antecedent``; resolve/ gives the actor that mention's entity.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from storyline.models import Mention

_LABELS = frozenset({"ORG", "GPE", "FAC", "PRODUCT", "NORP", "LOC"})
_DEFINITE = frozenset({"the", "its", "their", "this", "that"})
_POSSESSIVE = re.compile(r"['’]s?$")


class Antecedents:
    """Descriptions -> name mentions, for one article."""

    def __init__(self, doc: Doc, mentions: list[Mention]) -> None:
        self.doc = doc
        self.names = sorted((m for m in mentions if m.kind == "name" and m.label in _LABELS),
                            key=lambda m: m.start)
        self.described: list[tuple[int, str, Mention]] = []  # (offset, noun lemma, name)
        for mention in self.names:
            for noun in self._descriptors(mention):
                self.described.append((min(noun.idx, mention.start), noun.lemma_.lower(), mention))

    def of(self, token: Token) -> Mention | None:
        """The name ``token`` (the head of a definite description) stands for, or None."""
        if token.pos_ != "NOUN" or not any(c.dep_ in ("det", "poss") and c.lower_ in _DEFINITE
                                           for c in token.children):
            return None
        lemma = token.lemma_.lower()
        before = [(at, m) for at, noun, m in self.described if noun == lemma and at < token.idx]
        if before:
            return max(before, key=lambda pair: pair[0])[1]
        named = [m for m in self.names if m.end <= token.idx
                 and _POSSESSIVE.sub("", m.text.split()[-1].lower()) in (lemma, token.lower_)]
        if named:
            return named[-1]
        # a lede's "its owner" named only further down ("..., the owner, Varnel Ltd, said")
        after = [(at, m) for at, noun, m in self.described if noun == lemma and at > token.idx]
        after += [(m.start, m) for m in self.names if m.start > token.idx
                  and _POSSESSIVE.sub("", m.text.split()[-1].lower()) in (lemma, token.lower_)]
        return min(after, key=lambda pair: pair[0])[1] if after else None

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
        return found
