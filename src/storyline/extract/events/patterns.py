"""Dependency patterns over one spaCy parse: who, where, when and how sure for a trigger.

Each helper takes tokens of the ``Doc`` and the article's mentions/timexes and answers one
question; ``rules.RuleEvents`` puts the answers together. Offsets are character offsets into
the article text (the ``Doc`` is parsed from that text, so they agree).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from storyline.extract.events import lexicon as lx
from storyline.extract.events.antecedents import Antecedents
from storyline.models import ENTITY_LABELS, EventActor, Mention, Timex

_SOURCE_DEPS = frozenset({"nsubj"})
_TARGET_DEPS = frozenset({"dobj", "nsubjpass", "dative"})
_TARGET_PREPS = frozenset({"with", "to", "against", "on", "toward", "towards", "at"})
_PLACE_PREPS = frozenset({"in", "at", "near", "outside"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_DESCRIBING_LABELS = frozenset({"GPE", "LOC", "FAC", "NORP"})
_NOT_ACTORS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})


def clause_verb(token: Token) -> Token:
    """The verb whose clause holds ``token`` (a noun trigger's governing verb)."""
    while token.pos_ not in ("VERB", "AUX") and token.head != token:
        token = token.head
    return token


def anchor_of(trigger: Token) -> Token:
    """The verb that carries a noun trigger's subject ("X held talks", "X launched an attack")."""
    if trigger.pos_ in ("NOUN", "PROPN") and trigger.dep_ in ("dobj", "attr", "nsubjpass"):
        return trigger.head
    if _framed(trigger):
        return trigger.head.head  # "In a call with X, Kovac thanked ...": Kovac took part
    if trigger.pos_ == "ADV" and trigger.head.pos_ in ("VERB", "AUX"):
        return trigger.head  # "the ship ran aground": the ship is the one aground
    return trigger


def _framed(trigger: Token) -> bool:
    """A noun told as the frame of its clause ("in a call with X", "during the visit")."""
    return trigger.dep_ == "pobj" and trigger.head.lower_ in lx.FRAME_PREPS \
        and trigger.head.head.pos_ in ("VERB", "AUX")


def _subject_holder(verb: Token) -> Token:
    """A verb without its own subject borrows it up an xcomp/conj chain ("agreed to meet") or
    from the clause a participle hangs on ("Once released, the ship will sail")."""
    seen = 0
    while (seen < 3 and (verb.dep_ in ("xcomp", "conj") or _bare_participle(verb))
           and verb.head != verb
           and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)):
        verb, seen = verb.head, seen + 1
    return verb


def _participle_of_noun(verb: Token) -> bool:
    """ "the ship seized last week", "the chairman, who..., asked": a participle hung on a
    noun, with no subject or infinitive marker of its own; the noun takes part in it."""
    if verb.dep_ not in ("acl", "relcl") or verb.head.pos_ not in ("NOUN", "PROPN") \
            or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return False
    if _infinitive_modifier(verb) and any(c.dep_ == "auxpass" for c in verb.children):
        return True  # "the hostages to be released"
    return verb.dep_ == "acl" and verb.tag_ in ("VBN", "VBD", "VBG") \
        and not any(c.dep_ == "aux" for c in verb.children)


def _bare_participle(verb: Token) -> bool:
    """ "Once released, ...", "..., killing 12": an adverbial participle with no subject."""
    return verb.dep_ == "advcl" and verb.tag_ in ("VBN", "VBG") \
        and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)


def _with_conjuncts(token: Token) -> list[Token]:
    return [token, *[c for c in token.conjuncts if c.i > token.i]]


# -- actors -----------------------------------------------------------------------------------
class ActorFinder:
    """Turns argument tokens into EventActors, snapped to the mention covering them."""

    def __init__(self, doc: Doc, mentions: list[Mention]) -> None:
        self.doc = doc
        self.mentions = [m for m in mentions
                         if m.label in ENTITY_LABELS or m.kind in ("title", "pronoun")]
        self.antecedents = Antecedents(doc, self.mentions)

    def actors(self, trigger: Token, verb_is_event: bool = False) -> list[EventActor]:
        """Source and target actors; ``verb_is_event`` when a noun trigger's verb is an event of
        its own ("condemned the attack": the one who condemns did not attack)."""
        verb = anchor_of(trigger)
        holder = _subject_holder(verb)
        # "hostages are to be freed", "once released": a passive verb's subject is acted on
        passive = any(c.dep_ == "auxpass" for c in verb.children) \
            or (_bare_participle(verb) and verb.tag_ == "VBN")
        found = [] if verb_is_event and verb != trigger else \
            self._verb_actors(holder, trigger, "target" if passive else "source")
        if _participle_of_noun(verb) and not found:  # "the chairman, X, first asked for ..."
            passive = verb.tag_ == "VBN" or any(c.dep_ == "auxpass" for c in verb.children)
            found += self._many(verb.head, "target" if passive else "source", loose=True)
        if trigger.pos_ in ("NOUN", "PROPN"):
            found += self._noun_actors(trigger)
        if verb != trigger:
            found += self._prep_targets(verb)
        if _framed(trigger) and not verb_is_event:
            found += self._framed_counterparts(verb)
        for head in [trigger, *_event_nouns(trigger)]:
            found += self._prep_targets(head)
        return _unique(found)

    def _verb_actors(self, verb: Token, trigger: Token, subject_role: str) -> list[EventActor]:
        found = []
        for child in verb.children:
            if child.dep_ in _SOURCE_DEPS or child.dep_ == "nsubjpass" and verb != trigger:
                # a borrowed passive subject: "Once released, the ship is expected to sail"
                found += self._many(_reporter(child), subject_role, loose=True)
            elif child.dep_ == "agent":  # passive "by X"
                found += [a for p in child.children if p.dep_ == "pobj"
                          for a in self._many(p, "source", loose=True)]
            elif child.dep_ in _TARGET_DEPS and child != trigger and verb == trigger \
                    and child.lemma_.lower() not in lx.NOUNS:
                topic = verb.lemma_.lower() in lx.TOPIC_VERBS and child.dep_ == "dobj"
                found += self._many(child, "target", loose=not topic)
        return found

    def sentence_actors(self, trigger: Token) -> list[EventActor]:
        """ "X thanked Y ..., in a new telephone contact": a conversation noun the parse hangs
        deep in the sentence takes the sentence's subject and the named ones it addresses."""
        root = trigger.sent.root
        found = [a for c in root.children if c.dep_ in ("nsubj", "nsubjpass")
                 for a in self._many(c, "source", loose=False)]
        found += [a for c in root.children if c.dep_ in ("dobj", "dative", "npadvmod")
                  and c.i < trigger.i for a in self._many(c, "target", loose=False)]
        return _unique(found)

    def _framed_counterparts(self, verb: Token) -> list[EventActor]:
        """ "X thanked Y during the call": whom the speaker addresses in a conversation told as
        a frame is the other side of it (named mentions only, not "the need")."""
        return [a for c in verb.children if c.dep_ in ("dobj", "dative")
                for a in self._many(c, "target", loose=False)]

    def _noun_actors(self, noun: Token) -> list[EventActor]:
        found = []
        for child in noun.children:
            if child.dep_ == "poss" or (child.dep_ in ("amod", "compound")
                                        and child.ent_type_ in ("NORP", "GPE", "ORG")):
                found += self._many(child, "source", loose=False)
            elif child.dep_ == "prep" and child.lower_ in ("by", "from"):
                found += [a for p in child.children if p.dep_ == "pobj"
                          for a in self._many(p, "source", loose=False)]
            elif child.dep_ == "relcl":  # "the call he received from X": who took part
                found += [a for g in child.children if g.dep_ == "nsubj"
                          for a in self._many(g, "source", loose=False)]
                found += [a for g in child.children if g.dep_ == "prep" and g.lower_ in ("from", "by")
                          for p in g.children if p.dep_ == "pobj"
                          for a in self._many(p, "source", loose=False)]
            elif child.dep_ == "prep" and child.lower_ == "between":
                found += [a for p in child.children if p.dep_ == "pobj"
                          for a in self._many(p, "source", loose=False)]
        return found

    def _prep_targets(self, head: Token) -> list[EventActor]:
        found = []
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ in _TARGET_PREPS:
                found += [a for p in prep.children if p.dep_ == "pobj"
                          for a in self._many(p, "target", loose=False)]
        return found

    def actors_of(self, token: Token, role: str) -> list[EventActor]:
        """``token`` (and its conjuncts) as actors in ``role``, an unnamed noun kept as written."""
        return self._many(token, role, loose=True)

    def _many(self, token: Token, role: str, loose: bool) -> list[EventActor]:
        actors = (self.actor(t, role, loose) for t in _with_conjuncts(token))
        return [a for a in actors if a is not None]

    def actor(self, token: Token, role: str, loose: bool) -> EventActor | None:
        """The mention covering ``token``, else one inside its phrase; with ``loose`` (core
        arguments) an unnamed noun phrase ("the ministry") is kept as written."""
        if token.ent_type_ in _NOT_ACTORS:
            return None
        mention = self._covering(token) or self._inside(token)
        if mention is not None:
            return EventActor(mention.start, mention.end, mention.text, role)
        named = self.antecedents.of(token)
        if named is not None:  # "the owner": as written, standing for the name told before
            start, end = token.left_edge.idx, token.idx + len(token)
            return EventActor(start, end, self.doc.text[start:end], role, antecedent=named.start)
        # a proper noun is a name even where NER missed it; a common noun only as a core argument
        if (loose and token.pos_ == "NOUN" or token.pos_ == "PROPN" or _unnamed_name(token)) \
                and token.lemma_.lower() not in lx.NOUNS:
            start, end = token.left_edge.idx, token.idx + len(token)
            named = [c for c in token.rights if c.dep_ == "appos" and c.left_edge.i == token.i + 1
                     and (c.pos_ == "PROPN" or _title_words(c))]
            if named:  # "the container vessel Ever Bound": the name the parse hung apart
                start, end = named[0].left_edge.idx, named[0].idx + len(named[0])
            return EventActor(start, end, self.doc.text[start:end], role)
        return None

    def _covering(self, token: Token) -> Mention | None:
        return next((m for m in self.mentions if m.start <= token.idx < m.end), None)

    def _inside(self, token: Token) -> Mention | None:
        """A name inside the phrase ("the Egyptian army", "officials from Egypt"), not inside
        a clause hanging on it."""
        end = token.idx + len(token)
        for child in token.rights:  # "officials from Egypt", "the town of Varno"
            if child.dep_ == "appos" or child.dep_ == "prep" and child.lower_ in ("of", "from"):
                end = _phrase_end(child)
        inside = [m for m in self.mentions if token.left_edge.idx <= m.start and m.end <= end
                  and not self._only_describes(m, token)]
        # "the secretary of state, Dana Kovac": the person in apposition is the one meant
        named = [m for m in inside if m.label == "PERSON" and self._in_apposition(m)]
        return named[0] if named else min(inside, key=lambda m: abs(m.start - token.idx), default=None)

    def _only_describes(self, mention: Mention, head: Token) -> bool:
        """ "its Velorian owner", "an Ostra court": a place or nationality modifying a common
        noun says where the owner or court is from; the noun is the actor. Only the organs of a
        state stand for it ("Velorian authorities", "Varnese troops")."""
        if mention.label not in _DESCRIBING_LABELS or head.pos_ != "NOUN" \
                or head.lemma_.lower() in lx.STATE_AGENTS or head.lower_ in lx.STATE_AGENTS:
            return False
        span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        return span is not None and span.root.head == head and span.root.dep_ in ("amod", "compound")

    def _in_apposition(self, mention: Mention) -> bool:
        span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        return span is not None and span.root.dep_ == "appos"


def _unnamed_name(token: Token) -> bool:
    """ "The Ever Bound": capitalized words inside a sentence that the tagger did not take for
    a name (it read "Bound" as a verb) are a name all the same."""
    words = [t for t in token.doc[token.left_edge.i:token.i + 1] if t.dep_ != "det"]
    return bool(words) and token.i > token.sent.start + 1 and all(w.is_title for w in words) \
        and token.pos_ in ("VERB", "ADJ", "NOUN", "PROPN")


def _title_words(head: Token) -> bool:
    """ "Ever Bound" (the tagger read "Bound" as a verb): capitalized words only, a name."""
    words = list(head.doc[head.left_edge.i:head.i + 1])
    return all(w.is_title for w in words)


def _phrase_end(head: Token) -> int:
    """Where the phrase of ``head`` ends, without the clauses hanging on it ("the ship, the
    one that blocked the canal": "the one")."""
    last = _phrase_last(head)
    return last.idx + len(last)


def _phrase_last(head: Token) -> Token:
    last = head
    for child in head.rights:
        if child.dep_ not in _CLAUSES and child.dep_ != "punct":
            last = max(last, _phrase_last(child), key=lambda t: t.i)
    return last


_CLAUSES = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp", "conj", "cc", "parataxis"})


def _event_nouns(verb: Token) -> list[Token]:
    """Event nouns a verb trigger absorbed, whose "with X" still names a participant:
    "signed an agreement with X", "discussed, in a call with X,"."""
    found = [c for c in verb.children if c.dep_ in ("dobj", "attr")]
    found += [g for c in verb.children if c.dep_ == "prep" and c.lower_ in lx.FRAME_PREPS
              for g in c.children if g.dep_ == "pobj"]
    return [t for t in found if t.lemma_.lower() in lx.NOUNS or t.lower_ in lx.NOUNS]


def _reporter(subject: Token) -> Token:
    """ "The government said it would withdraw": "it" stands for the reporting verb's subject."""
    verb = subject.head
    if subject.lower_ in ("it", "they") and verb.dep_ == "ccomp" and verb.head.lemma_ in lx.REPORTING:
        reporter = _subject_holder(verb.head)  # "X confirmed ... and said it would ..."
        return next((c for c in reporter.children if c.dep_ == "nsubj"), subject)
    return subject


def _unique(actors: list[EventActor]) -> list[EventActor]:
    seen, kept = set(), []
    for actor in actors:
        if (actor.start, actor.end) not in seen:
            seen.add((actor.start, actor.end))
            kept.append(actor)
    return kept


# -- place ------------------------------------------------------------------------------------
def place_of(trigger: Token, mentions: list[Mention]) -> str | None:
    """A GPE/LOC/FAC named in an "in"/"at" phrase of the trigger's clause: on the trigger or its
    verb first, then anywhere under the trigger, then on the sentence's main verb."""
    places = [m for m in mentions if m.label in _PLACE_LABELS and m.kind == "name"]
    verb = anchor_of(trigger)
    nested = [p for p in trigger.subtree if clause_verb(p) == clause_verb(trigger)]
    for preps in ([*trigger.children, *verb.children], nested, list(trigger.sent.root.children)):
        for prep in preps:
            if prep.dep_ == "prep" and prep.lower_ in _PLACE_PREPS:
                begin, end = prep.idx, prep.right_edge.idx + len(prep.right_edge)
                inside = [m for m in places if begin <= m.start and m.end <= end]
                if inside:
                    return inside[0].text
    return None


# -- date -------------------------------------------------------------------------------------
def date_of(trigger: Token, timexes: list[Timex], doc: Doc) -> Timex | None:
    """The dated timex attached to the trigger or in its clause; a complement without one
    ("agreed to meet") or a conjoined verb ("met and signed") borrows its head's."""
    dated = [t for t in timexes if t.type in ("DATE", "TIME") and t.value
             and not t.value.startswith("P")]
    roots = {id(t): _timex_root(t, doc) for t in dated}
    verb, hops = clause_verb(trigger), 0
    while True:
        own = [t for t in dated if roots[id(t)] is not None
               and (clause_verb(roots[id(t)]) == verb
                    or (trigger.pos_ != "VERB" and trigger in roots[id(t)].ancestors))]
        if own or hops >= 2 or verb.dep_ not in ("xcomp", "conj") or verb.head == verb:
            return min(own, key=lambda t: abs(t.start - trigger.idx), default=None)
        verb, hops = clause_verb(verb.head), hops + 1


def _timex_root(timex: Timex, doc: Doc) -> Token | None:
    span = doc.char_span(timex.start, timex.end, alignment_mode="expand")
    return None if span is None else span.root


# -- modality ---------------------------------------------------------------------------------
def modality_of(trigger: Token) -> str:
    """happened / planned / announced / denied / hypothetical, from the words governing the
    trigger. A condition ("if the owner pays", "would be freed if ..."), a possibility ("could
    be asked") or a yes/no question ("Did they meet?") tells of no event that happened."""
    verb = clause_verb(trigger)
    if _hypothetical(verb):
        return "hypothetical"
    ancestors = list(verb.ancestors)
    # "has not confirmed or denied it": the negation covers the conjoined verb too
    negated_head = verb.dep_ == "conj" and _negated(verb.head)
    if _negated(verb) or _negated(trigger) or negated_head or any(a.lemma_ in lx.DENYING for a in ancestors):
        return "denied"
    modal = _modal(verb)
    planned = (modal is not None or _to_be_infinitive(verb) or _planning(verb)
               or _infinitive_modifier(verb) or _awaited(verb)
               or any(c.lemma_.lower() in lx.PLANNED_MODIFIERS for c in trigger.children
                      if c.dep_ == "amod"))
    if not planned:
        return "happened"
    announcing = any(a.lemma_ in lx.ANNOUNCING for a in ancestors)
    reported = modal in ("would", "will", "'ll") and any(a.lemma_ in lx.REPORTING for a in ancestors)
    return "announced" if announcing or reported else "planned"


def _hypothetical(verb: Token) -> bool:
    clauses = [verb, *_aux_heads(verb)]
    if verb.dep_ == "conj" and verb.head != verb:
        clauses.append(verb.head)  # "if the owner pays and the court agrees"
    for clause in clauses:
        if clause.dep_ == "advcl" and _marks(clause) & lx.CONDITIONS:
            return True  # "... if the owner pays"
        modal = _own_modal(clause)
        if modal in lx.POSSIBLE_MODALS:
            return True  # "could be asked", "might withdraw"
        if modal is not None and any(c.dep_ == "advcl" and _marks(c) & lx.CONDITIONS
                                     for c in clause.children):
            return True  # "would be freed if ..."
    return _polar_question(verb)


def _marks(verb: Token) -> set[str]:
    return {c.lower_ for c in verb.children if c.dep_ == "mark"}


def _own_modal(verb: Token) -> str | None:
    return next((c.lower_ for c in verb.children if c.dep_ == "aux" and c.lower_ in lx.FUTURE_MODALS),
                None)


def _polar_question(verb: Token) -> bool:
    """ "Did the army withdraw?", "Will they meet?": the main clause of a sentence ending in a
    question mark, its auxiliary before its subject (not "Why did they seize it?", which takes
    the seizure as given)."""
    sentence = verb.sent
    if sentence[-1].text != "?" and not (len(sentence) > 1 and sentence[-2].text == "?"):
        return False
    main = _subject_holder(verb)
    if main.dep_ not in ("ROOT",) and main != sentence.root:
        return False
    subject = next((c for c in main.children if c.dep_ in ("nsubj", "nsubjpass", "expl")), None)
    auxes = [c for c in main.children if c.dep_ in ("aux", "auxpass") and c.lower_ != "to"]
    if subject is None or not auxes or auxes[0].i > subject.i:
        return False
    return not any(t.tag_ in ("WDT", "WP", "WP$", "WRB") for t in sentence[:auxes[0].i - sentence.start])


def _negated(token: Token) -> bool:
    return any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") for c in token.children)


def _modal(verb: Token) -> str | None:
    """The verb's modal, or one of the verbs its xcomp chain hangs on ("will be able to meet")."""
    return next((m for t in (verb, *_aux_heads(verb)) if (m := _own_modal(t)) is not None), None)


def _aux_heads(verb: Token) -> list[Token]:
    """Verbs above an xcomp chain share its modals ("will be able to meet")."""
    chain, token = [], verb
    while token.dep_ == "xcomp" and token.head != token and len(chain) < 3:
        token = token.head
        chain.append(token)
    return chain


def _to_be_infinitive(verb: Token) -> bool:
    """ "are to be freed", "is to visit": an infinitive complement of a finite "be"."""
    head = verb.head
    has_to = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    return has_to and head != verb and head.lemma_ == "be" and verb.dep_ in ("xcomp", "ccomp")


def _infinitive_modifier(verb: Token) -> bool:
    """ "the hostages to be released": an infinitive describing a noun has not happened yet."""
    return verb.dep_ in ("acl", "relcl") and any(c.dep_ in ("aux", "auxpass") and c.lower_ == "to"
                                                for c in verb.children)


def _awaited(verb: Token) -> bool:
    """ "Once released, the ship is expected to sail": a participle or "once/when/if" clause
    on a verb that plans or foresees has not happened yet either."""
    if verb.dep_ != "advcl" or verb.head == verb:
        return False
    marks = _marks(verb)
    if marks & lx.BOUNDS and _present(verb):
        return True  # "before their containers are released": still to come
    if not (marks & ({"once", "when"} | lx.BOUNDS) or verb.tag_ == "VBN" and not marks):
        return False
    head = verb.head
    return head.lemma_ in lx.PLANNING or _modal(head) is not None


def _present(verb: Token) -> bool:
    """ "pays", "are released": a present tense (a bound still ahead of the sentence's time)."""
    finite = [verb, *(c for c in verb.children if c.dep_ in ("aux", "auxpass"))]
    return any(t.tag_ in ("VBZ", "VBP") for t in finite) \
        and not any(t.tag_ in ("VBD",) for t in finite)


def _planning(verb: Token) -> bool:
    token = verb
    for _ in range(3):
        if token.dep_ != "xcomp" or token.head == token:
            return False
        token = token.head
        if token.lemma_ in lx.PLANNING or token.lemma_ in lx.ANNOUNCING:
            return True
    return False
