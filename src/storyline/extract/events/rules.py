"""``events.rules.v1``: PLOVER events from a trigger lexicon and dependency patterns.

Per article and pure: the spaCy ``Doc``, sentences, mentions (names, titles, pronouns) and
timexes in, ``Event`` dataclasses out. A verb or noun in ``lexicon`` is a trigger; its actors
are its subject (source) and its object or "with/to/against/on" phrase (target), each snapped
to the mention covering it so resolve/ can map it to an entity; its place is a named place in
an "in/at" phrase; its date the timex of its clause; its modality comes from the words above
it ("will", "are to be", "said it would", "denied that", "not", "if", "could").
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections import Counter
from dataclasses import replace
from pathlib import Path

from spacy.tokens import Doc, Token

from storyline.errors import ConfigError, InputError
from storyline.extract.entities import Scores
from storyline.extract.events import lexicon as lx
from storyline.extract.events.dating import dating
from storyline.extract.events.threats import is_threat, threatened
from storyline.extract.events.patterns import ActorFinder, anchor_of, modality_of, place_of
from storyline.models import Article, Event, Mention, Sentence, Timex
from storyline.registry import register

# Happenings that are news with nobody named (a blast, a crash, an attack); any other event
# needs someone who acts or is acted on, or the sentence told no event ("it was a negotiation").
NEED_NO_ACTOR = frozenset({"OTHER", "ASSAULT"})
_NOUN_DEPS = frozenset({"dobj", "nsubj", "nsubjpass", "attr", "ROOT", "conj", "appos"})
_CLAUSE_DEPS = frozenset({"ccomp", "advcl", "relcl", "acl", "xcomp", "conj", "parataxis"})


def lookup(token: Token) -> lx.Trigger | None:
    """The trigger sense of ``token`` in its context, or None when it names no event."""
    lemma = token.lemma_.lower()
    modifiers = [c.lemma_.lower() for c in token.children if c.dep_ in ("amod", "compound")]
    for word in modifiers + [token.head.lemma_.lower()]:
        if (lemma, word) in lx.MODIFIER_SENSES:
            return lx.MODIFIER_SENSES[(lemma, word)]
    entry = _base_entry(token, lemma)
    if entry is None:
        return None
    # a prep phrase holding a date says when, not which sense ("a call on Tuesday")
    preps = {c.lower_ for c in token.children if c.dep_ in ("prep", "prt")
             and not any(g.ent_type_ in ("DATE", "TIME") for g in c.children)}
    for prep in sorted(preps):
        if (lemma, prep) in lx.PREP_SENSES:
            return lx.PREP_SENSES[(lemma, prep)]
    objects = {c.lemma_.lower() for c in token.children if c.dep_ == "dobj"}
    if (entry.needs and not entry.needs & preps) or objects & entry.not_objects:
        return None
    if lemma in lx.INFINITIVE_SENSES and any(
            c.dep_ in ("acl", "xcomp") and any(g.lower_ == "to" for g in c.children)
            for c in token.children):
        return lx.INFINITIVE_SENSES[lemma]
    if lemma in lx.DENYING and any(c.dep_ == "ccomp" for c in token.children):
        return None  # "denied that ..." makes the embedded event denied, not a REJECT
    return _in_context(token, lemma, entry)


def _in_context(token: Token, lemma: str, entry: lx.Trigger) -> lx.Trigger | None:
    """The reading the sentence gives the word: "freed the ship" is a rescue, "warned that it
    was too early" no threat, "it was a negotiation" and "they deserve an apology" no event."""
    if lemma == "free" and token.pos_ == "VERB":
        freed = next((c for c in token.children if c.dep_ in ("dobj", "nsubjpass")), None)
        return lx.RESCUE if freed is not None and not _people(freed) else entry
    if entry.type == "THREATEN" and token.pos_ == "VERB" and not is_threat(token):
        return None
    if token.pos_ in ("NOUN", "PROPN") and token.dep_ in ("attr", "dobj") \
            and token.head.lemma_.lower() in lx.WANTING | lx.ENDING | {"be"}:
        return None
    return entry


def _people(token: Token) -> bool:
    return token.ent_type_ in ("PERSON", "NORP") or token.lemma_.lower() in lx.FREED_PEOPLE \
        or token.lower_ in ("him", "her", "them", "us", "me", "who")


def _base_entry(token: Token, lemma: str) -> lx.Trigger | None:
    if token.pos_ == "VERB" and token.dep_ not in ("amod", "compound"):
        return lx.VERBS.get(lemma)  # "detained journalists" describes, it tells no event
    if token.pos_ in ("NOUN", "PROPN"):
        entry = lx.NOUNS.get(lemma) or lx.NOUNS.get(token.lower_)
        if token.dep_ in _NOUN_DEPS:
            return entry
        framed = token.dep_ == "pobj" and token.head.lower_ in lx.FRAME_PREPS
        # "in a call with X", "during the visit": a conversation told as the frame of a clause
        return entry if framed and entry is not None and entry.type == "CONSULT" else None
    if token.pos_ == "ADV":
        return lx.ADVERBS.get(lemma)
    return None


def _answered(trigger: Token, events: set[int]) -> bool:
    """The verb carrying a noun trigger is an event of its own, or answers it ("granted the
    authority's request", "accepted the apology"): its subject did not make the request."""
    anchor = anchor_of(trigger)
    return anchor.i in events or (anchor != trigger and anchor.lemma_.lower() in lx.REACTING)


def _anchored(event: Event) -> bool:
    """Someone takes part, or the text sets it in a place or on a date it happened ("after a
    settlement was signed in Varno"): else a trigger word alone is no event."""
    return bool(event.actors) or event.type in NEED_NO_ACTOR or event.place is not None \
        or (event.date is not None and event.modality == "happened")


def _same_type_nouns(child: Token, entry: lx.Trigger,
                     senses: dict[int, lx.Trigger]) -> list[Token]:
    """Nouns that only repeat their verb: its object ("signed an agreement") or its frame
    ("discussed, in a call with X,")."""
    if child.dep_ in ("dobj", "attr", "nsubjpass"):
        candidates = [child]
    elif child.dep_ == "prep" and child.lower_ in lx.FRAME_PREPS:
        candidates = [g for g in child.children if g.dep_ == "pobj"]
    else:
        return []
    return [c for c in candidates if c.i in senses and senses[c.i].type == entry.type]


def _tells_an_event(verb: Token, senses: dict[int, lx.Trigger]) -> bool:
    """A statement verb whose reported clause holds another event only reports it."""
    return verb.pos_ == "VERB" and any(
        t.i in senses and t.i != verb.i for c in verb.children if c.dep_ in ("ccomp", "xcomp")
        for t in c.subtree)


def mode_of(trigger: Token, entry: lx.Trigger) -> str | None:
    """A cue word modifying the trigger ("telephone conversation", "video meeting"), else the
    lexicon's mode, else a cue word nearby ("spoke by phone", "drone")."""
    cues = lx.MODE_CUES.get(entry.type, {})
    modifiers = [c for c in trigger.children if c.dep_ in ("compound", "amod")]
    for token in modifiers:
        if token.lemma_.lower() in cues:
            return cues[token.lemma_.lower()]
    if entry.mode is not None:
        return entry.mode
    for token in _near(anchor_of(trigger)) + _near(trigger):
        mode = cues.get(token.lemma_.lower())
        if mode is not None:
            return mode
    return None


def _near(head: Token) -> list[Token]:
    """The trigger's own phrase: its children and theirs, not the clauses hanging on it."""
    near = []
    for child in head.children:
        if child.dep_ not in _CLAUSE_DEPS:
            near += [child, *[g for g in child.children if g.dep_ not in _CLAUSE_DEPS]]
    return near


@register("events.rules.v1")
class RuleEvents:
    """Events of one article (see the module docstring)."""

    name = "events.rules.v1"

    def __call__(self, article: Article, doc: Doc, sentences: list[Sentence],
                 mentions: list[Mention], timexes: list[Timex]) -> list[Event]:
        found = self.triggers(doc)
        actors = ActorFinder(doc, mentions)
        starts = [s.start for s in sentences]
        events = {token.i for token, _ in found}
        told = [self.event(article, token, entry, actors, mentions, timexes, starts,
                           _answered(token, events)) for token, entry in found]
        return lede_dates([e for e in told if _anchored(e)], timexes, starts, mentions)

    @staticmethod
    def triggers(doc: Doc) -> list[tuple[Token, lx.Trigger]]:
        """Each trigger once: a weak verb ("killed in a crash") takes its noun's sense, and a
        noun that only repeats its verb ("signed an agreement") folds into the verb."""
        senses = {t.i: e for t in doc if (e := lookup(t)) is not None}
        for i, entry in list(senses.items()):  # "capsized, killing 12": the toll of the head's event
            if entry.strength < 0.6 and doc[i].head.i in senses and doc[i].head.i != i:
                del senses[i]
            elif any(c.dep_ == "nsubj" and c.i in senses and senses[c.i].type == "OTHER"
                     for c in doc[i].children):
                del senses[i]  # "an earthquake struck": the verb only says the noun happened
        for i, entry in list(senses.items()):
            token = doc[i]
            for child in token.children:
                inner = [g for g in child.children if g.dep_ == "pobj" and g.i in senses]
                if entry.strength < 0.6 and child.dep_ == "prep" and inner:
                    senses[i] = senses.pop(inner[0].i)
                else:
                    for same in _same_type_nouns(child, entry, senses):
                        mode = entry.mode or senses.pop(same.i).mode
                        senses[i] = lx.Trigger(entry.type, mode, strength=entry.strength)
        for i in [i for i, e in senses.items() if e.type == "STATEMENT" and _tells_an_event(doc[i], senses)]:
            del senses[i]  # "announced that it would release 20": the release is the event
        return [(doc[i], senses[i]) for i in sorted(senses)]

    @staticmethod
    def event(article: Article, token: Token, entry: lx.Trigger, finder: ActorFinder,
              mentions: list[Mention], timexes: list[Timex], starts: list[int],
              verb_is_event: bool = False) -> Event:
        actors = _without_restated(finder.actors(token, verb_is_event))
        if not actors and entry.type == "CONSULT" and token.pos_ == "NOUN" \
                and token.dep_ == "pobj" and token.head.lower_ in lx.FRAME_PREPS:
            actors = finder.sentence_actors(token)
        if entry.type == "THREATEN" and token.pos_ == "VERB":  # "warned that X would face ..."
            actors = _unique_actors(actors + [a for t in threatened(token)
                                              for a in finder.actors_of(t, "target")])
        modality = modality_of(token)
        dated = dating(token, timexes, token.doc, modality)
        roles = {a.role for a in actors}
        confidence = entry.strength + 0.1 * len(roles) + (0.05 if dated else 0.0)
        confidence -= 0.1 if token.pos_ != "VERB" else 0.0
        return Event(
            article.id, token.idx, token.idx + len(token),
            sentence=max(bisect_right(starts, token.idx) - 1, 0),
            type=entry.type, mode=mode_of(token, entry), trigger=token.text, actors=actors,
            place=place_of(token, mentions),
            date=None if dated is None else dated.value,
            date_precision=None if dated is None else dated.precision,
            modality=modality, confidence=round(min(max(confidence, 0.1), 0.95), 2),
        )

    # -- scoring -------------------------------------------------------------------------------
    def score(self, gold_path: str | Path, nlp=None) -> dict[str, Scores]:
        """Type F1 and actor F1 over a JSONL of sentences with their expected events.

        Each line: ``{"text", "published", "events": [{"type", "actors": [[text, role]], "date",
        "modality"}]}``. A type counts once per event (multiset per line); an actor is
        (type, role, text) compared case-insensitively; ``date``/``modality`` count among the
        events whose type matched.
        """
        records = _read_gold(Path(gold_path))
        nlp = nlp or _default_model()
        counts = Counter()
        for index, record in enumerate(records):
            predicted = self.run(nlp, record["text"], record.get("published"), f"gold-{index}")
            _count(counts, predicted, record.get("events", []))
        return {
            "type": Scores.from_counts(counts["type_tp"], counts["type_p"], counts["type_g"]),
            "actor": Scores.from_counts(counts["actor_tp"], counts["actor_p"], counts["actor_g"]),
            "date": Scores.from_counts(counts["date_tp"], counts["type_p"], counts["type_g"]),
            "modality": Scores.from_counts(counts["mod_tp"], counts["type_p"], counts["type_g"]),
        }

    def run(self, nlp, text: str, published: str | None = None, article_id: str = "a1") -> list[Event]:
        """Events of one text through the real upstream components (for scoring and tests)."""
        from storyline.extract.entities import SpacyEntities
        from storyline.extract.roles import RuleRoles
        from storyline.extract.time import RuleTimex

        article = Article(article_id, "<text>", text, text, article_id, published=published)
        doc = nlp(text)
        sentences, mentions = SpacyEntities()(article, doc)
        timexes = RuleTimex()(article, doc, sentences)
        _, references = RuleRoles()(article, doc, sentences, mentions)
        mentions = sorted(mentions + references, key=lambda m: (m.start, m.end))
        return self(article, doc, sentences, mentions, timexes)


def _unique_actors(actors: list) -> list:
    return list({(a.start, a.end): a for a in actors}.values())


def _without_restated(actors: list) -> list:
    """ "The ferry Osterby collided" parsed as two subjects: a description standing for a name
    the event already holds in the same role adds no one."""
    named = {(a.start, a.role) for a in actors if a.antecedent is None}
    return [a for a in actors if a.antecedent is None or (a.antecedent, a.role) not in named]


LEDE_SENTENCES = 3  # the lede paragraph of a news story


def lede_dates(events: list[Event], timexes: list[Timex], starts: list[int],
               mentions: list[Mention] = ()) -> list[Event]:
    """A news lede sets the story's day ("X on Tuesday stressed to Y ..."; "X thanked Y during
    the telephone conversation"): an event that happened, told in the lede without a date of
    its own, in a sentence with no timex at all, takes the lede's first day when one of its
    actors is named in the sentence that gives that day (the same people, the same occasion).
    No day in the lede, no date: an undated story stays undated."""
    def sentence_of(offset: int) -> int:
        return max(bisect_right(starts, offset) - 1, 0)

    days = [t for t in timexes if t.type == "DATE" and t.value and _DAY.match(t.value)
            and sentence_of(t.start) < LEDE_SENTENCES]
    if not days:
        return events
    lede, dated = days[0], {sentence_of(t.start) for t in timexes}
    named = {_last_word(m.text) for m in mentions if m.kind == "name"
             and sentence_of(m.start) == sentence_of(lede.start)}
    return [replace(e, date=lede.value, date_precision=lede.precision)
            if e.date is None and e.modality == "happened" and e.sentence < LEDE_SENTENCES
            and e.sentence not in dated and named & {_last_word(a.text) for a in e.actors}
            else e for e in events]


def _last_word(text: str) -> str:
    words = text.replace("'s", "").replace("’s", "").split()
    return words[-1].lower() if words else ""


_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _count(counts: Counter, predicted: list[Event], gold: list[dict]) -> None:
    got_types = Counter(e.type for e in predicted)
    want_types = Counter(g["type"] for g in gold)
    counts["type_tp"] += sum((got_types & want_types).values())
    counts["type_p"] += sum(got_types.values())
    counts["type_g"] += sum(want_types.values())
    got = {(e.type, a.role, a.text.lower()) for e in predicted for a in e.actors}
    want = {(g["type"], role, text.lower()) for g in gold for text, role in g.get("actors", [])}
    counts["actor_tp"] += len(got & want)
    counts["actor_p"] += len(got)
    counts["actor_g"] += len(want)
    got_dates = Counter((e.type, e.date) for e in predicted)
    got_modality = Counter((e.type, e.modality) for e in predicted)
    counts["date_tp"] += sum((got_dates & Counter((g["type"], g.get("date")) for g in gold)).values())
    counts["mod_tp"] += sum((got_modality & Counter(
        (g["type"], g.get("modality", "happened")) for g in gold)).values())


def _read_gold(path: Path) -> list[dict]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
        return [json.loads(line) for line in lines if line.strip()]
    except OSError as error:
        raise InputError(str(path), f"can't read the gold file: {error.strerror}") from None
    except json.JSONDecodeError as error:
        raise InputError(str(path), f"not JSON Lines: {error}") from None


def _default_model():
    from storyline.config import load_settings
    from storyline.extract.nlp import load_model

    name = load_settings().get("nlp.model")
    if not name:
        raise ConfigError("no nlp.model is set; pass nlp= to score()")
    return load_model(name)
