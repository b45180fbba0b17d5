"""Who gives a figure: "according to X", "X said/confirmed/reported ...", "confirmed by X".

Read from the parse: the subject of a reporting verb that governs the figure's clause, the
agent of a passive one, the object of "according to", or a reporting verb set beside the
clause ("..., officials said."). The source's offset points at the NER, title or pronoun
mention covering it, or at the name a description ("the ministry") stands for, so resolve/ can
map it to a canonical entity.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from storyline.extract.events.antecedents import Antecedents
from storyline.models import Mention

REPORTING = frozenset({
    "say", "tell", "report", "confirm", "state", "announce", "estimate", "claim", "add", "note",
    "count", "tally", "record", "indicate", "reveal", "write", "declare", "acknowledge",
    "believe", "assess", "show", "put", "publish", "cite", "quote", "explain", "insist",
})
_SUBJECTS = ("nsubj", "nsubjpass")
_CONTINUES = frozenset({"advcl", "conj", "xcomp"})  # "gave the figure, adding that ..."
# Words that extend a source's noun phrase to the right ("the ministry of health", "its
# manager, Norland Shipping").
_EXTEND = ("compound", "amod", "flat", "nmod", "poss", "appos")


def source_token(figure: Token, noun: Token | None, sentence: Span) -> Token | None:
    """The head token of the source of the figure at ``figure``, or None."""
    return (_governing(figure) or _passive_agent(noun) or _according_to(sentence)
            or _beside(sentence))


def _speaker(verb: Token) -> Token | None:
    if verb.lemma_.lower() not in REPORTING or verb.pos_ not in ("VERB", "AUX"):
        return None
    return _subject(verb)


def _subject(verb: Token) -> Token | None:
    """The verb's subject or passive agent; for a verb without one that continues another
    ("..., adding that ...", "and said"), that verb's subject."""
    for _ in range(3):
        for child in verb.children:
            if child.dep_ == "nsubj" and child.lower_ not in ("it", "which", "that"):
                return child
            if child.dep_ == "agent":
                return next((c for c in child.children if c.dep_ == "pobj"), None)
        if verb.dep_ not in _CONTINUES or verb.head is verb:
            return None
        verb = verb.head
    return None


def _governing(token: Token) -> Token | None:
    """A reporting verb above the figure in the tree ("X said [that] 12 were killed")."""
    while token.head.i != token.i:
        token = token.head
        found = _speaker(token)
        if found is not None:
            return found
    return None


def _passive_agent(noun: Token | None) -> Token | None:
    """'34 captives, confirmed dead by the army' -> the army."""
    if noun is None:
        return None
    for child in noun.children:
        if child.dep_ in ("acl", "appos", "relcl"):
            found = _speaker(child)
            if found is not None:
                return found
    return None


def _according_to(sentence: Span) -> Token | None:
    for token in sentence:
        if token.lower_ == "according":
            to = next((c for c in token.children if c.lower_ == "to"), None)
            pobj = next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
            if pobj is not None:
                return pobj
    return None


def _beside(sentence: Span) -> Token | None:
    """'The toll rose to 40, officials said.': a reporting verb set beside the clause."""
    for token in sentence:
        if token.dep_ in ("parataxis", "ROOT") and _speaker(token) is not None:
            return _speaker(token)
    return None


# "X gave the figure ...": a sentence naming who gave the figures of the sentence before.
_GIVING = frozenset({"give", "provide", "release", "cite", "confirm", "announce", "report", "issue",
                     "publish", "put"})
_FIGURE_WORDS = frozenset({"figure", "number", "toll", "tally", "estimate", "count", "data",
                           "statistic", "numbers", "figures"})
_BACK = frozenset({"the", "this", "that", "these", "those"})


def figure_giver(sentence: Span) -> Token | None:
    """The source a sentence names for the figure(s) just before it: 'Officials gave the
    figure to reporters.', 'The ministry released those numbers on Monday.'"""
    for token in sentence:
        if token.lemma_.lower() not in _GIVING or token.pos_ != "VERB":
            continue
        thing = next((c for c in token.children if c.dep_ in ("dobj", "nsubjpass")
                      and c.lemma_.lower() in _FIGURE_WORDS), None)
        if thing is not None and any(c.dep_ == "det" and c.lower_ in _BACK for c in thing.children):
            return _subject(token)
    return None


def source_span(head: Token) -> tuple[int, int]:
    """Character offsets of the source's noun phrase (without relative clauses or asides)."""
    end = head.i + 1
    for child in head.rights:
        if child.dep_ in _EXTEND or (child.dep_ == "prep" and child.lower_ == "of"):
            end = max(end, child.right_edge.i + 1)
    doc = head.doc
    start, stop = head.left_edge.idx, doc[end - 1].idx + len(doc[end - 1])
    return start, before_open_bracket(doc.text, start, stop, head.idx)


def before_open_bracket(text: str, start: int, stop: int, after: int) -> int:
    """The end of the phrase ``text[start:stop]`` without a bracket opened at or after
    ``after`` that the phrase never closes ("Norland Shipping (NS" -> "Norland Shipping")."""
    bracket = text.find("(", after, stop)
    if bracket > 0 and ")" not in text[bracket:stop]:
        return start + len(text[start:bracket].rstrip())
    return stop


def described_name(head: Token, mentions: list[Mention]) -> Mention | None:
    """The name a description stands for ("the ministry said" after "the Norland Health
    Ministry"; see ``extract/events/antecedents.py``), built once per article's Doc."""
    found = head.doc.user_data.get(_ANTECEDENTS)
    if found is None or found[0] is not mentions:
        found = head.doc.user_data[_ANTECEDENTS] = (mentions, Antecedents(head.doc, mentions))
    return found[1].of(head)


_ANTECEDENTS = "storyline.antecedents"


def source_mention(head: Token, start: int, end: int, mentions: list[Mention]) -> int:
    """Where the mention naming the source starts: a name covering its head, else a name
    inside the phrase ("State Department spokeswoman <name>", "its manager, <name>"), else a
    title or pronoun covering the head, else the phrase itself."""
    covering = [m for m in mentions if m.start <= head.idx < m.end]
    named = [m for m in covering if m.kind == "name"]
    if named:
        return min(named, key=lambda m: m.start).start
    inside = [m for m in mentions if start <= m.start and m.end <= end and m.kind == "name"
              and m.label in ("PERSON", "ORG", "GPE", "NORP")]
    if inside:  # a person or organization before the place or people qualifying it
        return max(inside, key=lambda m: (m.label in ("PERSON", "ORG"), m.start)).start
    if covering:
        return min(covering, key=lambda m: m.start).start
    described = described_name(head, mentions)  # "the authority" -> the authority named before
    return described.start if described is not None else start
