"""Trigger words for ``events.rules.v1``: lemma -> PLOVER type (and mode), plus the cue words
the rules read around a trigger (modes, modality, reporting verbs).

A general lexicon of English news verbs and nouns; it names no person, place or date. A word
with two senses gets the common news sense here and the rules in ``patterns`` split the rest
("called for" is a REQUEST, "called X" a phone CONSULT; "hunger strike" a PROTEST).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Trigger:
    type: str
    mode: str | None = None
    # prepositions of which one must hang on the word ("spoke with X"; bare "spoke" is no event)
    needs: frozenset[str] = frozenset()
    strength: float = 0.7  # how sure the word alone makes us; weak words borrow a noun's type
    # object lemmas that mean another sense ("released a statement" frees no one)
    not_objects: frozenset[str] = frozenset()


def _table(rows: list[tuple]) -> dict[str, Trigger]:
    table: dict[str, Trigger] = {}
    for row in rows:
        type_, mode, words, *rest = row
        options = rest[0] if rest else {}
        for word in words.split():
            table[word] = Trigger(type_, mode, **options)
    return table


_WITH = {"needs": frozenset({"with", "to"})}
_DOCUMENTS = frozenset("statement report video figure data detail footage image photo album film "
                       "result budget list record document book song".split())
_WEAK = {"strength": 0.5}

VERBS = _table([
    ("AGREE", None, "agree sign ratify"),
    ("CONSULT", "meeting", "meet host convene"),
    ("CONSULT", "visit", "visit"),
    ("CONSULT", "phone", "phone telephone call"),
    ("CONSULT", None, "speak talk confer", _WITH),
    ("CONSULT", None, "discuss negotiate consult"),
    ("SUPPORT", None, "support endorse praise welcome commend hail applaud congratulate back"),
    ("CONCEDE", None, "concede apologize apologise relent yield resign"),
    ("COOPERATE", None, "cooperate collaborate partner ally"),
    ("AID", None, "aid assist donate"),
    ("RETREAT", "withdraw", "withdraw retreat evacuate"),
    ("RETREAT", "release", "free release", {"not_objects": _DOCUMENTS}),
    ("REQUEST", None, "request ask urge appeal demand plead"),
    ("ACCUSE", None, "accuse blame condemn criticize criticise denounce allege"),
    ("REJECT", None, "reject refuse veto rebuff deny"),
    ("THREATEN", None, "threaten warn"),
    ("PROTEST", "demonstrate", "protest demonstrate rally march riot"),
    ("SANCTION", None, "sanction embargo boycott expel suspend"),
    ("MOBILIZE", None, "mobilize mobilise deploy"),
    ("COERCE", "arrest", "arrest detain imprison jail"),
    ("COERCE", "seize", "seize confiscate impound"),
    ("COERCE", "abduct", "abduct kidnap"),
    ("COERCE", "deport", "deport"),
    ("ASSAULT", None, "attack assault strike ambush massacre"),
    ("ASSAULT", "bombing", "bomb"),
    ("ASSAULT", "shelling", "shell"),
    ("ASSAULT", "shooting", "shoot"),
    ("ASSAULT", "stabbing", "stab"),
    ("ASSAULT", "raid", "raid"),
    ("ASSAULT", "invasion", "invade"),
    ("ASSAULT", None, "kill wound injure destroy", _WEAK),
    ("STATEMENT", None, "announce declare pledge vow promise unveil proclaim"),
    ("OTHER", "accident", "crash collide derail capsize sink collapse"),
    ("OTHER", "explosion", "explode"),
    ("OTHER", "rescue", "rescue refloat"),
])

NOUNS = _table([
    ("AGREE", None, "agreement deal accord ceasefire cease-fire truce treaty pact settlement"),
    ("CONSULT", "meeting", "meeting summit"),
    ("CONSULT", None, "talk talks negotiation negotiations conversation contact"),
    ("CONSULT", "visit", "visit trip"),
    ("CONSULT", "phone", "call phonecall"),
    ("SUPPORT", None, "endorsement"),
    ("CONCEDE", None, "apology concession resignation"),
    ("COOPERATE", None, "cooperation partnership alliance"),
    ("AID", None, "aid assistance donation"),
    ("RETREAT", "withdraw", "withdrawal pullout retreat evacuation"),
    ("RETREAT", "release", "release"),
    ("REQUEST", None, "request appeal"),
    ("ACCUSE", None, "accusation condemnation allegation"),
    ("REJECT", None, "rejection refusal veto"),
    ("THREATEN", None, "threat ultimatum"),
    ("PROTEST", "demonstrate", "protest demonstration rally riot"),
    ("SANCTION", None, "sanction sanctions embargo boycott expulsion"),
    ("MOBILIZE", None, "mobilization mobilisation deployment buildup"),
    ("COERCE", "arrest", "arrest detention crackdown"),
    ("COERCE", "seize", "seizure impoundment"),
    ("COERCE", "abduct", "abduction kidnapping"),
    ("COERCE", "deport", "deportation"),
    ("ASSAULT", None, "attack assault strike offensive clash clashes ambush massacre fighting"),
    ("ASSAULT", "airstrike", "airstrike airstrikes air-strike"),
    ("ASSAULT", "bombing", "bombing"),
    ("ASSAULT", "shelling", "shelling bombardment"),
    ("ASSAULT", "shooting", "shooting gunfire"),
    ("ASSAULT", "stabbing", "stabbing"),
    ("ASSAULT", "raid", "raid"),
    ("ASSAULT", "invasion", "invasion incursion"),
    ("STATEMENT", None, "statement announcement declaration speech"),
    ("OTHER", "accident", "crash collision derailment accident collapse"),
    ("OTHER", "explosion", "explosion blast"),
    ("OTHER", "rescue", "rescue refloating"),
    ("OTHER", "disaster", "earthquake quake flood flooding hurricane typhoon cyclone storm "
                          "wildfire eruption landslide tsunami drought outbreak epidemic"),
])

# Adverbs that carry the event ("ran aground").
ADVERBS = _table([("OTHER", "accident", "aground")])

# (trigger lemma, preposition on it) -> another sense: "called for calm", "called on X to".
PREP_SENSES = {("call", "for"): Trigger("REQUEST"), ("call", "on"): Trigger("REQUEST")}
# Words whose infinitive complement makes them a request: "the union's call to halt hostilities".
INFINITIVE_SENSES = {"call": Trigger("REQUEST"), "appeal": Trigger("REQUEST")}
# Verbs whose object is a topic, not a participant ("discussed the situation"): the object is
# an actor only when it is a named mention.
TOPIC_VERBS = frozenset("discuss negotiate consult announce declare unveil proclaim reject veto "
                        "refuse deny praise welcome support endorse condemn criticize criticise "
                        "denounce demand request".split())
# Prepositions under which a conversation noun still tells the event ("in a call with X").
FRAME_PREPS = frozenset({"in", "during", "at"})

# (trigger lemma, modifier lemma) -> another sense or a mode: "hunger strike", "air strike".
MODIFIER_SENSES = {
    ("strike", "hunger"): Trigger("PROTEST", "strike"),
    ("strike", "general"): Trigger("PROTEST", "strike"),
    ("strike", "labor"): Trigger("PROTEST", "strike"),
    ("strike", "air"): Trigger("ASSAULT", "airstrike"),
    ("strike", "drone"): Trigger("ASSAULT", "airstrike"),
    ("strike", "missile"): Trigger("ASSAULT", "missile"),
    ("call", "phone"): Trigger("CONSULT", "phone"),
    ("fire", "open"): Trigger("ASSAULT", "shooting"),
    ("conference", "press"): Trigger("STATEMENT"),
}
# Words near a trigger that say how it happened, per type.
MODE_CUES = {
    "CONSULT": {"phone": "phone", "telephone": "phone", "call": "phone", "video": "video",
                "videoconference": "video", "visit": "visit"},
    "ASSAULT": {"drone": "airstrike", "airstrike": "airstrike", "warplane": "airstrike",
                "jet": "airstrike", "aircraft": "airstrike", "artillery": "shelling",
                "shell": "shelling", "mortar": "shelling", "gun": "shooting",
                "gunman": "shooting", "rifle": "shooting", "rocket": "missile",
                "missile": "missile", "tank": "ground"},
    "AID": {"humanitarian": "humanitarian", "military": "military", "economic": "economic",
            "financial": "economic", "food": "humanitarian", "medical": "humanitarian"},
}

# "free" names a release only when someone is freed; freeing a thing (a stuck ship, a trapped
# vehicle) is a rescue. Nouns for people a release is about, besides PERSON/NORP names.
FREED_PEOPLE = frozenset("hostage prisoner detainee captive people person crew crewmember "
                         "seafarer sailor journalist worker soldier civilian child woman man "
                         "activist protester migrant refugee passenger citizen national "
                         "member staff family".split())
RESCUE = Trigger("OTHER", "rescue")
# Verbs whose clause only says what someone needs or deserves: the noun after them tells no
# event yet ("they deserve an apology").
WANTING = frozenset("deserve need want wish hope expect await".split())
# Verbs that end what their object names ("ending a detention"): no new event of that kind.
ENDING = frozenset("end lift conclude".split())

# Verbs that report what someone says; with "would"/"will" under them an event is announced.
REPORTING = frozenset("say announce declare state confirm tell add write".split())
# Verbs that answer an event told as their object ("rejected an appeal", "granted the request",
# "welcomed the release"): that event came first.
REACTING = frozenset("reject grant welcome condemn deny accept praise end approve uphold "
                     "criticize criticise dismiss overturn answer hail applaud".split())
# A warning that someone will do these, or that someone will face these, is a threat.
HOSTILE_VERBS = frozenset("retaliate punish respond hit target".split())
HOSTILE_OUTCOMES = frozenset("consequence price retaliation punishment response reprisal action "
                             "measure force sanction war".split())
# Nouns for the organs of a state: a nationality or place before them names the state that
# acts ("Varnese troops", "the Harran police"); before any other noun it only describes it.
STATE_AGENTS = frozenset("authority authorities government army military troops forces force "
                         "police navy ministry officials official regime soldiers guard "
                         "administration cabinet parliament warplanes jets".split())
# Verbs that tell what the speaker knows: a past event told under them is over by then.
TELLING = frozenset("report insist claim note explain admit acknowledge reveal disclose testify "
                    "inform learn show".split())
ANNOUNCING = frozenset("announce pledge promise vow declare".split())
# Verbs whose infinitive complement has not happened yet ("plans to visit").
PLANNING = frozenset("plan intend expect schedule set prepare aim hope want seek agree decide "
                     "threaten propose offer due".split())
DENYING = frozenset({"deny", "refute"})
FUTURE_MODALS = frozenset("will shall would may might could 'll".split())
# Modals of possibility: "could be asked" tells of no event, only that one may come.
POSSIBLE_MODALS = frozenset("may might could".split())
# Subordinators of a condition ("if the owner pays"): the clause has not happened.
CONDITIONS = frozenset("if unless whether".split())
# Subordinators of a bound ("before they are released", "until it pays"): in the present
# tense, or under a future head, the bound is still to come.
BOUNDS = frozenset("before until till".split())
PLANNED_MODIFIERS = frozenset("planned upcoming proposed scheduled expected possible "
                              "future".split())
