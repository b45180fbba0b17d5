"""SemEval-2015 Task 4, the system side: raw documents in, one timeline per target entity out.

The task's events are wider than PLOVER: any verb or eventive noun a target entity takes part
in ("sold", "said", "the deal", "its first flight"). So, per document:

1. **Targets in the text** (``TargetMatcher``): a target is named by its full name, its
   acronym ("United Motor Works" -> "UMW"), or a run of its own words that still identifies it
   (a surname, "Nikkei" for "Nikkei 300", "A999" for "Velor A999") — never by generic words
   ("index", "airlines", or a word the name writes in lower case: "store" of "Velor store"),
   place words, a lone middle word ("Korso" of "Velor Korso Jets") or a run that is another
   target's name. A short form is written like a name (a capital or a digit: "eVelor"). The most specific target wins ("Velor A999" over
   "Velor"). A person named in full goes by the first name later in the report, unless someone
   else there shares it. Pronouns: ``semeval2015_references`` (he/she the latest person named,
   it/they the latest subject, nothing inside quotes or for an expletive "it"); definite
   descriptions ("the carmaker") the target named last that the corpus's reports call so.
2. **Event mentions** (``candidates``): every main verb, every PLOVER trigger noun and eventive
   noun (a deverbal suffix or a general list of news happenings); a verb with its particle is one
   mention ("rolled out", and "took_off" for "took six months off"); a verb that only frames its subject's infinitive ("decided to sell")
   is none.
3. **Participants** (``participants``): the phrases of the event's arguments — subject (borrowed
   along xcomp/conj chains; an infinitive after an object has the object as its subject: "asked
   the board to wait"), objects, prepositional objects, the noun a relative clause or
   participle hangs on (a target that only modifies an argument names it when the argument's
   head says what kind of thing the target is, "the Velor jet", not another name or thing,
   "the Velor Nano", "Velor users"); for a noun, its possessor, compounds and "of/by/for/with" objects, and
   the subject of the light verb it is the object of ("X made its first flight").
4. **Anchors** (``semeval2015_anchors``): the event's own date, else by tense the day the report
   is about (its lead's "yesterday") or the report's own day; nothing for what did not happen.
   Lines are ordered by anchor (coarser dates first), same anchor same ordinal.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from storyline.extract.entities import SpacyEntities
from storyline.extract.events import lexicon as lx
from storyline.evaluate.semeval2015_anchors import anchor_value, reference_day
from storyline.evaluate.semeval2015_references import (
    description_targets, person_tokens, pronoun_targets, quoted, target_kinds)
from storyline.extract.time import RuleTimex
from storyline.models import Article

# Head words of names that say what kind of thing it is, not which one.
GENERIC_WORDS = frozenset(
    "index average composite industrial airlines airline air force exchange reserve workers "
    "creditors markets market worldwide stock stocks bank group company corporation corp inc "
    "ltd co holdings motors motor international national general united new of the and for "
    "federal dollar".split())
_PLACE_LABELS = frozenset({"GPE", "LOC", "NORP"})
# Happenings news reports as nouns (general English, no names).
EVENT_NOUNS = frozenset(
    "deal plan plans offer loss losses sale sales flight fall drop gain rise cut cuts bid order "
    "orders crash visit talks merger bankruptcy purchase delivery deliveries launch delay delays "
    "decline increase growth profit profits strike trade trading session rally slump surge "
    "record contract lawsuit suit case dispute debut tour test trip crisis recession "
    "recovery takeover buyout acquisition restructuring layoffs job jobs death birth illness "
    "surgery leave absence decision request appearance departure retirement appointment "
    "election arrival reduction "
    "investigation probe inquiry hearing trial verdict ruling approval ban fine penalty "
    "investment loan bailout recall closure expansion upgrade downgrade forecast warning "
    "default funeral".split())
_ARG_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "dative", "attr", "oprd", "agent",
                       "prep", "pobj", "csubj"})
_NOUN_ARG_PREPS = frozenset({"of", "by", "for", "with", "from", "between", "to", "against"})


def _words(text: str) -> tuple[str, ...]:
    text = re.sub(r"['’]s\b", "", text)
    return tuple(w for w in re.split(r"[^\w&]+", text.casefold()) if w)


@dataclass(frozen=True)
class Spot:
    """A target named in a document: token range and whether a person is meant."""

    start: int  # token index
    end: int
    target: str
    person: bool


class TargetMatcher:
    """Which target a run of words names (see the module docstring, point 1)."""

    def __init__(self, targets: list[str], nlp) -> None:
        self.targets = list(targets)
        full = {_words(t): t for t in targets}
        parses = {t: nlp(t) for t in targets}
        self.people = {t for t, doc in parses.items() if _names_a_person(doc)}
        claims: dict[tuple[str, ...], set[str]] = defaultdict(set)
        for target in targets:
            for form in self._forms_of(target, parses[target], target in self.people, full):
                claims[form].add(target)
        # a short form two targets share names the one whose name the others extend ("GM" is
        # General Motors, not its creditors), else neither; a full name means its own target
        self.forms = {form: owner for form, owners in claims.items()
                      if (owner := _base_target(owners)) is not None}
        self.forms.update(full)
        self.longest = max((len(f) for f in self.forms), default=0)

    @staticmethod
    def _forms_of(target: str, doc: Doc, person: bool, full: dict) -> set[tuple[str, ...]]:
        """The short forms of ``target`` (``doc``: its parse; ``person``: a person's name)."""
        words = _words(target)
        places = {w for e in doc.ents if e.label_ in _PLACE_LABELS and e.text[:1].isupper()
                  for w in _words(e.text)}  # place names start with a capital ("iVelor" is none)
        # words the name itself writes in lower case are common nouns ("store" of "Velor store")
        common = {w for w in _words(" ".join(x for x in target.split() if x.islower()))}
        forms: set[tuple[str, ...]] = set()
        capitals = [w[0] for w in target.split() if w[:1].isupper() and w.casefold() not in ("of", "and")]
        if len(capitals) >= 2:
            forms.add(("".join(capitals).casefold(),))
        runs = [words[i:j] for i in range(len(words)) for j in range(i + 1, len(words) + 1)
                if (i, j) != (0, len(words))]
        for run in runs:
            if person and run[-1] != words[-1]:
                continue  # people go by their surname, not their first name
            if len(run) == 1 and run[0] not in (words[0], words[-1]):
                continue  # a name is shortened to its first or last word, not a middle one
            distinctive = [w for w in run if w not in GENERIC_WORDS and w not in places
                           and w not in common]
            if distinctive and run not in full and not any(w.isdigit() for w in run[:1] if len(run) == 1):
                forms.add(run)
        return forms

    def spots(self, doc: Doc) -> list[Spot]:
        """Targets named in ``doc``: longest match first, left to right."""
        tokens = [_words(t.text) for t in doc]
        found, i = [], 0
        while i < len(doc):
            for size in range(min(self.longest, len(doc) - i), 0, -1):
                key = tuple(w for ws in tokens[i:i + size] for w in ws)
                target = self.forms.get(key)
                if target and self._looks_named(doc[i:i + size], key, target):
                    person = target in self.people or any(
                        t.ent_type_ == "PERSON" for t in doc[i:i + size])
                    found.append(Spot(i, i + size, target, person))
                    i += size - 1
                    break
            i += 1
        return sorted(found + self._first_names(doc, found), key=lambda s: s.start)

    def _first_names(self, doc: Doc, found: list[Spot]) -> list[Spot]:
        """A person named in full goes by the first name later in the same report ("Marta
        Quist ... Marta said"), unless another person there shares it ("Marta Berg")."""
        taken = {i for s in found for i in range(s.start, s.end)}
        first_seen = {}
        for spot in found:
            words = _words(spot.target)
            if spot.target in self.people and len(words) > 1 and (spot.end - spot.start) == len(words):
                first_seen.setdefault(words[0], (spot.target, spot.start))
        spots = []
        for token in doc:
            claim = first_seen.get(token.lower_)
            if (claim is None or token.i <= claim[1] or token.i in taken
                    or not token.text[:1].isupper() or self._another_name(token)):
                continue
            spots.append(Spot(token.i, token.i + 1, claim[0], True))
        shared = {t.lower_ for t in doc if self._another_name(t) and t.i not in taken}
        return [s for s in spots if doc[s.start].lower_ not in shared]  # else it says not who

    @staticmethod
    def _another_name(token: Token) -> bool:
        """The first name of someone else: followed by a capitalized word of the same name."""
        following = token.nbor(1) if token.i + 1 < len(token.doc) else None
        return following is not None and following.text[:1].isupper() and following.is_alpha \
            and following.ent_type_ == "PERSON" and token.ent_iob_ != "O" and following.ent_iob_ == "I"

    def _looks_named(self, span, key: tuple[str, ...], target: str) -> bool:
        """A short form must be written like a name (a capital or digit), not a common word."""
        if key == _words(target):
            return True
        return all(any(c.isupper() or c.isdigit() for c in t.text) or not t.is_alpha
                   for t in span)  # "Velor", "A999", "eVelor"


def _names_a_person(doc: Doc) -> bool:
    return any(e.label_ == "PERSON" for e in doc.ents)


def _base_target(owners: set[str]) -> str | None:
    base = min(owners, key=lambda t: len(_words(t)))
    words = _words(base)
    extended = all(_contains(_words(t), words) for t in owners)
    return base if extended else None


def _contains(longer: tuple[str, ...], run: tuple[str, ...]) -> bool:
    return any(longer[i:i + len(run)] == run for i in range(len(longer) - len(run) + 1))


# -- event mentions ---------------------------------------------------------------------------
def is_event_noun(token: Token) -> bool:
    """A noun from the lists (a deverbal suffix alone admits too many: "version", "addition")."""
    lemma = token.lemma_.lower()
    return token.pos_ == "NOUN" and (lemma in EVENT_NOUNS or lemma in lx.NOUNS)


# Nouns that say what kind of thing a name is ("the Velor jet"), not another thing.
KIND_NOUNS = GENERIC_WORDS | frozenset(
    "firm carrier carmaker automaker maker manufacturer planemaker builder producer brand unit "
    "subsidiary division business plane aircraft jet jetliner airliner model car vehicle truck "
    "player device phone handset computer tablet software service store network product "
    "program team label band agency government party".split())
LIGHT_VERBS = frozenset("make give take have hold do get conduct carry".split())


def candidates(doc: Doc) -> list[Token]:
    """Main verbs and eventive nouns (see the module docstring, point 2); a light verb whose
    object is an eventive noun leaves the event to the noun ("gave a speech"), and a verb
    framing its subject's infinitive leaves it to the infinitive ("decided to sell")."""
    return [t for t in doc if (t.pos_ == "VERB" and t.dep_ != "aux" and not _light(t)
                               and not _stance(t)) or is_event_noun(t)]


def _stance(verb: Token) -> bool:
    """ "X decided / attempted / chose to Y": the verb only frames its subject's own
    infinitive, which is the event ("to Y")."""
    infinitive = any(c.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
                     for c in verb.children)
    return infinitive and not any(c.dep_ in ("dobj", "dative") for c in verb.children)


def _light(verb: Token) -> bool:
    return verb.lemma_.lower() in LIGHT_VERBS and any(
        c.dep_ == "dobj" and is_event_noun(c) for c in verb.children)


def extent(token: Token) -> tuple[int, int]:
    """Character extent of a mention: a verb with an adjacent particle is one ("rolled out")."""
    end = token.idx + len(token)
    particle = next((c for c in token.children if c.dep_ == "prt" and c.i == token.i + 1), None)
    if particle is not None:
        end = particle.idx + len(particle)
    return token.idx, end


def detached_particle(verb: Token) -> Token | None:
    """The particle of a verb with words between them ("took six months off"): the task
    writes the mention as both words ("took_off")."""
    return next((c for c in verb.children if c.dep_ == "prt" and c.i > verb.i + 1), None)


# -- participants -----------------------------------------------------------------------------
def _subject_of(verb: Token, hops: int = 0) -> list[Token]:
    own = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")]
    if own or hops >= 3 or verb.head == verb:
        return own
    objects = [c for c in verb.head.children if c.dep_ == "dobj"]
    if verb.dep_ == "xcomp" and objects:
        return objects  # "asked the board to wait": the board waits
    if verb.dep_ in ("xcomp", "conj", "advcl"):
        return _subject_of(verb.head, hops + 1)
    if verb.dep_ in ("relcl", "acl"):
        return [verb.head]
    return []


def _phrase(token: Token) -> list[Token]:
    """The argument's head and the names compounded with it; not its possessor ("his company"
    is not him) nor what hangs deeper in the phrase."""
    return [token] + [c for c in token.children if c.dep_ in ("compound", "nmod", "appos")]


def phrase_targets(head: Token, owner: dict[int, str]) -> set[str]:
    """Targets an argument phrase names. A target that only modifies the phrase's head names
    the phrase when the head says what kind of thing it is ("the Velor jet", "Velor's
    index"), not when the head is another name or another thing ("the Velor Nano", "Velor
    users", "the Velor antenna")."""
    named = {owner[t.i] for t in _phrase(head) if t.i in owner and (t == head or t.dep_ == "appos")}
    if head.i in owner or head.lower_ in KIND_NOUNS or head.lemma_.lower() in KIND_NOUNS:
        named |= {owner[t.i] for t in _phrase(head) if t.i in owner}
    return named


def participants(event: Token) -> list[Token]:
    """The head of every argument phrase of ``event``."""
    heads: list[Token] = []
    if event.pos_ == "VERB":
        heads += _subject_of(event)
        for child in event.children:
            if child.dep_ in _ARG_DEPS and child.dep_ not in ("nsubj", "nsubjpass", "csubj"):
                heads += [g for g in child.children if g.dep_ == "pobj"] if child.dep_ in ("prep", "agent") else [child]
        if event.dep_ in ("relcl", "acl"):
            heads.append(event.head)
    else:
        for child in event.children:
            if child.dep_ in ("poss", "compound", "nmod", "amod") and child.pos_ in ("PROPN", "PRON", "NOUN"):
                heads.append(child)
            elif child.dep_ == "prep" and child.lower_ in _NOUN_ARG_PREPS:
                heads += [g for g in child.children if g.dep_ == "pobj"]
        verb = _light_verb(event)
        if verb is not None:
            heads += _subject_of(verb)
    return heads


def _light_verb(noun: Token) -> Token | None:
    """The verb a noun is the object of ("made its first flight", "filed for bankruptcy")."""
    head = noun.head
    if noun.dep_ in ("dobj", "attr", "nsubjpass") and head.pos_ in ("VERB", "AUX"):
        return head
    if noun.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ == "VERB":
        return head.head
    return None


# -- one document -----------------------------------------------------------------------------
@dataclass
class Mention:
    """An event mention of one target: where, what (lemma), anchor value or None."""

    document: str
    start: int
    end: int
    lemma: str
    anchor: str | None
    particle: int | None = None  # offset of a particle apart from its verb ("took X off")


def corpus_kinds(docs: list[Doc], matcher: TargetMatcher) -> dict[str, set[str]]:
    """What the corpus's reports call each target ("the carmaker"): one report's apposition
    lets another report's "the carmaker" point at it (``semeval2015_references``)."""
    kinds: dict[str, set[str]] = defaultdict(set)
    for doc in docs:
        owner = {i: s.target for s in matcher.spots(doc) for i in range(s.start, s.end)}
        for target, nouns in target_kinds(doc, owner, KIND_NOUNS, matcher.people).items():
            kinds[target] |= nouns
    return kinds


def document_mentions(document, matcher: TargetMatcher, doc: Doc,
                      kinds: dict[str, set[str]]) -> dict[str, list[Mention]]:
    """Target -> its event mentions in one SemEval document (``doc``: its parse; ``kinds``:
    ``corpus_kinds``)."""
    article = Article(document.id, "<semeval>", document.text, document.text, document.id,
                      published=document.published)
    sentences, _ = SpacyEntities()(article, doc)
    timexes = RuleTimex()(article, doc, sentences)
    spots = matcher.spots(doc)
    owner = {i: s.target for s in spots for i in range(s.start, s.end)}
    persons = person_tokens(doc) | {i for s in spots if s.person for i in range(s.start, s.end)}
    owner.update(description_targets(doc, owner, kinds))
    owner.update(pronoun_targets(doc, owner, persons))
    reference = reference_day(doc, timexes, document.published)
    inside = quoted(doc)
    found: dict[str, list[Mention]] = defaultdict(list)
    for token in candidates(doc):
        targets = {t for head in participants(token) for t in phrase_targets(head, owner)}
        if not targets:
            continue
        start, end = extent(token)
        anchor = anchor_value(token, timexes, document.published, reference, token.i in inside)
        particle = detached_particle(token)
        for target in targets:
            found[target].append(Mention(document.id, start, end, token.lemma_.lower(), anchor,
                                         None if particle is None else particle.idx))
    return found
