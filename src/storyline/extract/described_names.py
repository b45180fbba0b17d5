"""Names NER misses, told by the noun that introduces them: a ship, an aircraft, a satellite.

The small model reads "Given" in "the Varn Given" as a verb and "Altair" as nothing at all, but
the sentence says what they are:

* **a descriptor noun right before**: "the container ship Varn Given", "the tanker Varn
  Altair", "the dredger Osterby" -> the capitalised words after the noun are a name;
* **a descriptor in apposition after**: "the Varn Given, the giant container ship that ..."
  -> the capitalised words before the comma are a name;
* **the same words later in the article**, with or without "the" ("The Varn Altair was
  towed ...", a headline's "Tug frees Varn Altair") are the same name.

The label is PRODUCT: OntoNotes, whose labels the model and ``models.ENTITY_LABELS`` use, files
vehicles (ships, aircraft, spacecraft) under PRODUCT. The descriptor nouns are the
``object_descriptors`` list of the ``[lexicon]`` settings; nothing here names a thing.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from spacy.tokens import Doc, Token

from storyline.lexicon import Lexicon
from storyline.models import Mention

LABEL = "PRODUCT"
# Entity types of the words after a descriptor that make them no name: "the ship Monday".
_NOT_A_NAME = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})
_DETERMINERS = frozenset({"the", "a", "an"})
_PLACE_LABELS = frozenset({"GPE", "NORP", "LOC", "FAC"})
_MAX_DESCRIPTION = 6  # words between "the" and the noun in "X, the giant ... ship"


def described_names(article_id: str, doc: Doc, mentions: list[Mention], starts: list[int],
                    words: Lexicon) -> list[Mention]:
    """``mentions`` with every name a descriptor introduces (and its repeats) as PRODUCT; a
    mention inside such a name gives way to it, one that reaches beyond it is kept."""
    names = {doc.text[start:end] for start, end in _introduced(doc, words)}
    spans = sorted({span for name in names for span in _occurrences(doc.text, name)})
    if not spans:
        return mentions
    kept = [m for m in mentions if not any(_gives_way(m, span, doc.text) for span in spans)]
    spans = [s for s in spans if not any(_overlaps(m, s) for m in kept)]
    added = [Mention(article_id, start, end, doc.text[start:end], LABEL,
                     max(0, bisect_right(starts, start) - 1)) for start, end in spans]
    return sorted(kept + added, key=lambda m: (m.start, m.end))


def _introduced(doc: Doc, words: Lexicon) -> list[tuple[int, int]]:
    """Character spans of the names a descriptor noun introduces, before or after it."""
    found = []
    for token in doc:
        if not token.text.islower() or token.lemma_.casefold() not in words.object_descriptors:
            continue
        if token.tag_ == "NNS":
            continue  # "ships", "tankers": a plural names no one thing
        run = _run_after(token) or _run_in_apposition_before(token)
        if run:
            found.append((run[0].idx, run[-1].idx + len(run[-1])))
    return found


def _run_after(noun: Token) -> list[Token]:
    """ "the tanker Varn Altair": capitalised words right after the noun, in its sentence,
    unless they are a place ("the ship Varnia seized": a country seized it) or the subject
    of a clause whose object is the noun ("the ship Tovari chartered sank")."""
    run = _capitalised_run(noun.doc, noun.i + 1, step=1, stop=noun.sent.end)
    if not run or _glued_hyphen(run[-1]):
        return []  # "the ship Varn-bound" describes where it goes
    if any(t.ent_type_ in _PLACE_LABELS for t in run) or _clause_on(noun, run[-1]):
        return []
    return run


def _clause_on(noun: Token, last: Token) -> bool:
    """ "the ship Tovari chartered ...": the verb after the run is a clause on the noun with
    no object of its own (the noun is its object); "the tanker X caught fire" has one."""
    doc = noun.doc
    verb = doc[last.i + 1] if last.i + 1 < len(doc) else None
    return verb is not None and verb.pos_ == "VERB" and verb.dep_ in ("relcl", "acl") \
        and not any(c.dep_ in ("dobj", "obj") for c in verb.children)


def _run_in_apposition_before(noun: Token) -> list[Token]:
    """ "the Varn Given, the giant container ship that ...": the capitalised words before a
    comma that opens "the/a ... <noun>", where the noun ends its phrase (not "the ship's
    owner", "a ship broker")."""
    doc = noun.doc
    after = doc[noun.i + 1] if noun.i + 1 < len(doc) else None
    if after is not None and (after.pos_ in ("NOUN", "PROPN") or after.tag_ == "POS"):
        return []
    determiner = _determiner_before(noun)
    if determiner is None or determiner.i < 2 or doc[determiner.i - 1].text != ",":
        return []
    run = _capitalised_run(doc, determiner.i - 2, step=-1, stop=noun.sent.start - 1)[::-1]
    while run and run[0].lower_ in _DETERMINERS:
        run = run[1:]  # "The Varn Given, the giant container ship": the name is "Varn Given"
    return run


def _determiner_before(noun: Token) -> Token | None:
    """The "the"/"a" opening the noun's phrase, with only description words between."""
    doc = noun.doc
    for i in range(noun.i - 1, max(noun.sent.start, noun.i - _MAX_DESCRIPTION - 1) - 1, -1):
        if doc[i].lower_ in _DETERMINERS:
            return doc[i]
        if doc[i].pos_ not in ("ADJ", "NOUN", "NUM", "ADV", "VERB", "PUNCT") or doc[i].text == ",":
            return None
    return None


def _capitalised_run(doc: Doc, first: int, step: int, stop: int) -> list[Token]:
    """Capitalised tokens from ``first`` towards ``stop``, none a date or number; small words
    alone ("In", "It", "I") are no name, though a name may hold one ("Varn Given")."""
    run = []
    i = first
    while i != stop and 0 <= i < len(doc):
        token = doc[i]
        if not token.text[:1].isupper() or token.ent_type_ in _NOT_A_NAME:
            break
        run.append(token)
        i += step
    return run if any(not t.is_stop for t in run) else []


def _glued_hyphen(last: Token) -> bool:
    doc = last.doc
    return not last.whitespace_ and last.i + 1 < len(doc) and doc[last.i + 1].text == "-"


def _occurrences(text: str, name: str) -> list[tuple[int, int]]:
    """Where ``name`` is written as a whole run of capitalised words (not inside a longer
    one: "Osterby" inside "Osterby Harbour Board" is another name)."""
    found = []
    for match in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text):
        before, after = _word_before(text, match.start()), _WORD_AFTER.match(text, match.end())[1]
        if _capitalised_word(after) or _capitalised_word(before) and before != "The":
            continue
        found.append((match.start(), match.end()))
    return found


_WORD_AFTER = re.compile(r"\s*(\S*)")


def _word_before(text: str, at: int) -> str:
    """The whitespace-separated word ending before ``at`` (read back from it, not by splitting
    the whole text before it for every occurrence)."""
    end = at
    while end and text[end - 1].isspace():
        end -= 1
    start = end
    while start and not text[start - 1].isspace():
        start -= 1
    return text[start:end]


def _capitalised_word(word: str) -> bool:
    return word[:1].isupper() and word[:1].isalpha()


def _gives_way(mention: Mention, span: tuple[int, int], text: str) -> bool:
    """A name mention inside the span, or one that only adds "the" or "'s" to it."""
    if mention.kind != "name" or not _overlaps(mention, span):
        return False
    extra = text[mention.start:span[0]] + "|" + text[span[1]:mention.end]
    return re.fullmatch(r"(?:[Tt]he\s+)?\|(?:['’]s?)?", extra) is not None \
        or span[0] <= mention.start and mention.end <= span[1]


def _overlaps(mention: Mention, span: tuple[int, int]) -> bool:
    return mention.start < span[1] and span[0] < mention.end


__all__ = ["described_names"]
