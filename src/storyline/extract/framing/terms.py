"""framing.terms.v1: the noun phrases one article uses for things, and the labels it pins on names.

Per article, a pure function of the spaCy ``Doc`` and the ``Article``. Every noun phrase that
refers to something (a named entity, or a common-noun phrase such as "the militant group" or
"the captives") becomes a ``FramingTerm`` with offsets into ``Article.text``:

  * ``kind="name"``  the named entity itself ("Vostra"), term = its normalized name;
  * ``kind="label"`` words attached to a named entity: a pre-modifier run ("Palestinian group
    Vostra", "the Vostra terrorist group"), an apposition ("Vostra, the rebel group,"), a
    copula ("Vostra is a militant group"); ``anchor`` = the entity;
  * ``kind="term"``  any other common-noun phrase (modifiers + head lemma).

Each row also carries its ``context`` (the verb or noun it depends on, the entities around
it), which the collection-level grouping in ``referents.py`` compares across articles.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from storyline.models import ENTITY_LABELS, Article, FramingTerm
from storyline.registry import register
from storyline.resolve.names import parse_name

# A general English lexicon of nouns that name an organised body: a named entity in front of
# one of these ("the Acme trading company") *is* that body, while in front of other nouns
# ("the Acme director") it is only an affiliation.
COLLECTIVE_HEADS = frozenset(
    """
    group organization organisation movement faction party militia network coalition alliance
    government regime administration company firm agency union force army authority
    ministry department council committee outfit cell wing branch body association league
    front brigade organisation corporation bank court team
    """.split()
)
MODIFIER_DEPS = frozenset({"amod", "compound", "nmod"})
SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
OBJECT_DEPS = frozenset({"dobj", "nsubjpass", "attr", "oprd", "dative"})
LABEL_POS = frozenset({"NOUN", "PROPN", "ADJ"})
PRONOUN_TAGS = frozenset({"PRP", "PRP$", "WP", "WP$", "EX", "DT", "WDT"})


@dataclass(frozen=True)
class _Phrase:
    """A referring noun phrase: its tokens (offsets) and its head."""

    start: int  # token index
    end: int
    head: Token


@register("framing.terms.v1")
class FramingTerms:
    """Noun phrases, names and entity labels of one article, with the contexts they stand in."""

    name = "framing.terms.v1"

    def __call__(self, article: Article, doc: Doc, sentence_starts: list[int] | None = None) -> list[FramingTerm]:
        starts = sentence_starts if sentence_starts is not None else [s.start_char for s in doc.sents]
        rows: list[FramingTerm] = []
        for ent in _entities(doc):
            rows.append(_name_row(article, ent, starts))
        for chunk in doc.noun_chunks:
            rows.extend(_chunk_rows(article, doc, chunk, starts))
        rows.sort(key=lambda row: (row.start, row.end, row.kind))
        return rows


def entity_key(text: str, label: str) -> str:
    """A named entity's normalized name: titles, articles and possessives off, lower case."""
    words = parse_name(text, label).words
    return " ".join(words) if words else text.strip().lower()


def _entities(doc: Doc) -> list[Span]:
    return [e for e in doc.ents if e.label_ in ENTITY_LABELS and "\n" not in e.text and e.text.strip()]


def _name_row(article: Article, ent: Span, starts: list[int]) -> FramingTerm:
    key = entity_key(ent.text, ent.label_)
    return FramingTerm(
        article.id, article.outlet, key, key, ent.start_char, ent.end_char,
        sentence=_sentence_of(starts, ent.start_char), kind="name", head=key,
        entity_type=ent.label_, context=_contexts(ent.root),
    )


def _chunk_rows(article: Article, doc: Doc, chunk: Span, starts: list[int]) -> list[FramingTerm]:
    head = chunk.root
    if head.tag_ in PRONOUN_TAGS or head.pos_ == "PRON" or not head.is_alpha:
        return []  # pronouns and numbers refer only through what they stand for
    if head.ent_type_:
        return _label_before_name(article, doc, chunk, starts)
    return [_term_row(article, doc, chunk, starts)]


def _label_before_name(article: Article, doc: Doc, chunk: Span, starts: list[int]) -> list[FramingTerm]:
    """"rebel group Vostra", "militant leader X": the common words before a name label it."""
    head = chunk.root
    if head.ent_type_ not in ENTITY_LABELS:
        return []
    first_name_token = _entity_start(head)
    before = [t for t in chunk if t.i < first_name_token]
    # only the run right before the name: "the president's hostage envoy X" labels X "hostage envoy"
    cut = max((i + 1 for i, t in enumerate(before) if t.dep_ in ("case", "poss") or t.is_punct), default=0)
    words = [t for t in before[cut:] if t.is_alpha and t.pos_ in LABEL_POS and not t.is_stop]
    if not words or not (words[-1].pos_ == "NOUN" or (words[-1].pos_ == "PROPN" and not words[-1].ent_type_)):
        return []
    anchor_span = _entity_of(doc, head)
    return [_label_row(article, words, anchor_span, starts, head)]


def _term_row(article: Article, doc: Doc, chunk: Span, starts: list[int]) -> FramingTerm:
    head = chunk.root
    # quantities and stop words ("few other hostages", "many") are not a choice of words
    modifiers = [t for t in chunk if t.i < head.i and t.dep_ in MODIFIER_DEPS and t.is_alpha and not t.is_stop]
    anchor = _attached_entity(doc, head, modifiers)
    tokens = [t for t in modifiers if anchor is None or t.ent_type_ == "" or not _inside(t, anchor)]
    first = min([t.i for t in tokens] + [head.i])
    if anchor is not None:
        return _label_row(article, tokens + [head], anchor, starts, head)
    text_start = doc[first].idx
    return FramingTerm(
        article.id, article.outlet, _words(tokens + [head]), _words(tokens + [head]),
        text_start, head.idx + len(head), sentence=_sentence_of(starts, text_start),
        kind="term", head=head.lemma_.lower(), context=_contexts(head),
    )


def _label_row(article: Article, tokens: list[Token], anchor: Span, starts: list[int], head: Token) -> FramingTerm:
    tokens = sorted(tokens, key=lambda t: t.i)
    key = entity_key(anchor.text, anchor.label_)
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
    return FramingTerm(
        article.id, article.outlet, key, _words(tokens), start, end,
        sentence=_sentence_of(starts, start), kind="label", head=tokens[-1].lemma_.lower(),
        anchor=key, entity_type=anchor.label_, context=_contexts(head),
    )


def _attached_entity(doc: Doc, head: Token, modifiers: list[Token]) -> Span | None:
    """The named entity a common-noun phrase describes, when the syntax says it is one thing.

    Apposition either way ("Vostra, the group," / "the group Vostra"), a copula ("Vostra is a
    group") and, for nouns naming an organised body, a name among the modifiers ("the Vostra
    terrorist group").
    """
    if head.dep_ == "appos" and head.head.ent_type_ in ENTITY_LABELS:
        return _entity_of(doc, head.head)
    for child in head.children:
        if child.dep_ == "appos" and child.ent_type_ in ENTITY_LABELS:
            return _entity_of(doc, child)
    if head.dep_ == "attr" and head.head.lemma_ == "be":
        subjects = [c for c in head.head.children if c.dep_ in SUBJECT_DEPS and c.ent_type_ in ENTITY_LABELS]
        if subjects:
            return _entity_of(doc, subjects[0])
    if head.lemma_.lower() in COLLECTIVE_HEADS:
        named = [t for t in modifiers if t.ent_type_ in ("ORG", "NORP", "GPE", "PERSON") and t.pos_ == "PROPN"]
        if named:
            return _entity_of(doc, named[-1])
    return None


def _entity_of(doc: Doc, token: Token) -> Span | None:
    """The entity span holding ``token``, walked from its IOB tags (scanning ``doc.ents``
    rebuilds every span on each call, which dominated this component's time)."""
    if not token.ent_type_:
        return None
    start = token.i
    while doc[start].ent_iob_ == "I" and start > 0:
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end]


def _entity_start(token: Token) -> int:
    span = _entity_of(token.doc, token)
    return span.start if span is not None else token.i


def _inside(token: Token, span: Span) -> bool:
    return span.start <= token.i < span.end


def _words(tokens: list[Token]) -> str:
    """Normalized words: named-entity words as written (lower case), other words as lemmas."""
    return " ".join(_word(t) for t in sorted(tokens, key=lambda t: t.i))


def _word(token: Token) -> str:
    # nouns by lemma (hostages -> hostage); names and adjectives as written ("remaining")
    return token.lemma_.lower() if token.pos_ == "NOUN" and not token.ent_type_ else token.text.lower()


def _sentence_of(starts: list[int], offset: int) -> int:
    return max(0, bisect_right(starts, offset) - 1)


# --- contexts ---------------------------------------------------------------------------------


def _contexts(head: Token) -> list[str]:
    """Where a phrase stands, as short strings that mean the same across articles.

    The governing word and relation ("release>of", "hold>obj"), a passive agent or subject
    that comes with it ("hold>obj|subj=vostra"), and what is attached to the phrase itself
    ("in:lumeria", "hold>obj" for "held by ..."). A conjunct ("prisoners and detainees") shares
    the contexts of its first conjunct.
    """
    while head.dep_ == "conj" and head.head is not head:
        head = head.head
    found = _governing(head) + _attached(head)
    return sorted(set(found))


def _governing(head: Token) -> list[str]:
    role = _role(head)
    if role is None:
        return []
    governor, relation = role
    base = f"{governor.lemma_.lower()}>{relation}"
    return [base] + [f"{base}|{arg}" for arg in _co_arguments(governor, head)]


def _role(head: Token) -> tuple[Token, str] | None:
    dep = head.dep_
    if dep in OBJECT_DEPS:
        return head.head, "obj"
    if dep in SUBJECT_DEPS:
        return head.head, "subj"
    if dep == "pobj" and head.head.dep_ == "agent":
        return head.head.head, "subj"  # "held by X": X is the one who holds
    if dep == "pobj":
        return head.head.head, head.head.lower_
    if dep in ("poss", "compound"):
        return head.head, "mod"
    return None


def _co_arguments(governor: Token, head: Token) -> list[str]:
    """The named entities doing or undergoing the same verb: "subj=vostra" in "Vostra holds X"."""
    found = []
    for child in governor.children:
        if child.i == head.i:
            continue
        if child.dep_ == "prep" and child.i != head.head.i:
            # "the release of X from Lumeria": what else the governor is tied to ("~lumeria")
            found.extend(f"~{_key_of(obj)}" for obj in child.children if obj.dep_ == "pobj")
            continue
        target = child
        relation = "subj" if child.dep_ in SUBJECT_DEPS else "obj" if child.dep_ in OBJECT_DEPS else None
        if child.dep_ == "agent":
            target = next((c for c in child.children if c.dep_ == "pobj"), child)
            relation = "subj"
        if relation and target.i != head.i and target.ent_type_ in ENTITY_LABELS:
            span = _entity_of(target.doc, target)
            if span is not None:
                found.append(f"{relation}={entity_key(span.text, span.label_)}")
    return found


def _attached(head: Token) -> list[str]:
    found = []
    for child in head.children:
        if child.dep_ == "prep":
            found.extend(f"{child.lower_}:{_key_of(obj)}" for obj in child.children if obj.dep_ == "pobj")
        elif child.dep_ in ("acl", "relcl") and child.pos_ == "VERB":
            found.append(f"{child.lemma_.lower()}>obj" if child.tag_ == "VBN" else f"{child.lemma_.lower()}>subj")
            found.extend(f"{child.lemma_.lower()}>obj|{arg}" for arg in _co_arguments(child, head) if child.tag_ == "VBN")
    return found


def _key_of(token: Token) -> str:
    if token.ent_type_ in ENTITY_LABELS:
        span = _entity_of(token.doc, token)
        if span is not None:
            return entity_key(span.text, span.label_)
    return token.lemma_.lower()
