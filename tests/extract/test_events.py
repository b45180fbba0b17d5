"""events.rules.v1 and merge_events, on sentences we wrote for the purpose (invented names)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from storyline import registry
from storyline.errors import InputError
from storyline.extract.events import RuleEvents
from storyline.resolve.events import merge_events, same_date
from storyline.models import Event, EventActor

GOLDEN = Path(__file__).parent / "golden" / "events.jsonl"
BASELINE = Path(__file__).resolve().parents[2] / "eval_baseline.json"
PUBLISHED = "2031-05-06"  # a Tuesday


def run(nlp, text: str, published: str | None = PUBLISHED):
    return RuleEvents().run(nlp, text, published)


def only(events: list[Event], type_: str) -> Event:
    found = [e for e in events if e.type == type_]
    assert len(found) == 1, [(e.type, e.trigger) for e in events]
    return found[0]


def actors(event: Event) -> list[tuple[str, str]]:
    return [(a.text, a.role) for a in event.actors]


def test_the_component_is_registered() -> None:
    assert registry.get("events.rules.v1") is RuleEvents


@pytest.mark.parametrize(
    "text, type_, mode, expected_actors",
    [
        ("Foreign Minister Lena Brandt met Prime Minister Omar Haddad in Amman.",
         "CONSULT", "meeting", [("Lena Brandt", "source"), ("Omar Haddad", "target")]),
        ("President Julia Moreno spoke by phone with Chancellor Erik Lund.",
         "CONSULT", "phone", [("Julia Moreno", "source"), ("Erik Lund", "target")]),
        ("Chancellor Erik Lund will visit Warsaw.",
         "CONSULT", "visit", [("Erik Lund", "source"), ("Warsaw", "target")]),
        ("Rebels shelled the city of Harran.",
         "ASSAULT", "shelling", [("Rebels", "source"), ("Harran", "target")]),
        ("Drones struck a fuel depot near Odessa.",
         "ASSAULT", "airstrike", [("Drones", "source"), ("a fuel depot", "target")]),
        ("Police arrested the journalist Maria Santos in Porto.",
         "COERCE", "arrest", [("Police", "source"), ("Maria Santos", "target")]),
        ("Julia Moreno accused Omar Haddad of lying.",
         "ACCUSE", None, [("Julia Moreno", "source"), ("Omar Haddad", "target")]),
        ("The European Union imposed new sanctions on Velor.",
         "SANCTION", None, [("The European Union", "source"), ("Velor", "target")]),
        ("Protesters rallied outside the parliament in Lisbon.",
         "PROTEST", "demonstrate", [("Protesters", "source")]),
        ("A passenger ferry capsized near Brindisi.",
         "OTHER", "accident", [("A passenger ferry", "source")]),
        ("The prime minister announced a national emergency.",
         "STATEMENT", None, [("The prime minister", "source")]),  # what is announced is no actor
        ("Secretary Lena Brandt discussed, in a call with Prime Minister Omar Haddad, the budget.",
         "CONSULT", "phone", [("Lena Brandt", "source"), ("Omar Haddad", "target")]),
        ("In a call with Omar Haddad on Monday, Lena Brandt thanked him for his help.",
         "CONSULT", "phone", [("Lena Brandt", "source"), ("Omar Haddad", "target")]),
        ("Lena Brandt thanked Omar Haddad during the telephone conversation.",
         "CONSULT", "phone", [("Lena Brandt", "source"), ("Omar Haddad", "target")]),
        ("During the call she received from Omar Haddad, Lena Brandt reviewed the situation.",
         "CONSULT", "phone", [("Lena Brandt", "source"), ("Omar Haddad", "source")]),
        ("Lena Brandt held a video meeting with Omar Haddad.",
         "CONSULT", "video", [("Lena Brandt", "source"), ("Omar Haddad", "target")]),
        ("Omar Haddad received a phone call from Lena Brandt.",
         "CONSULT", "phone", [("Omar Haddad", "source"), ("Lena Brandt", "source")]),
        ("Lena Brandt rejected Velor's call to halt the strikes.",
         "REQUEST", None, [("Velor", "source")]),
    ],
)
def test_type_mode_and_actors(nlp, text: str, type_: str, mode: str | None,
                              expected_actors: list) -> None:
    event = only(run(nlp, text), type_)
    assert (event.mode, actors(event)) == (mode, expected_actors)
    assert text[event.start:event.end] == event.trigger


@pytest.mark.parametrize(
    "text, among",
    [
        # a conversation noun the parse hangs deep in the sentence: the sentence's subject and
        # the named one it addresses (the person in apposition, not the country)
        ("The foreign minister of Velmark, Lena Brandt thanked on Monday the premier of Ostra, "
         "Omar Haddad, for his help, in a new telephone contact between both countries.",
         {("Lena Brandt", "source"), ("Omar Haddad", "target")}),
    ],
)
def test_conversation_sides(nlp, text: str, among: set) -> None:
    event = only(run(nlp, text), "CONSULT")
    assert event.mode == "phone" and among <= set(actors(event))


def test_actor_offsets_are_the_mentions_offsets(nlp) -> None:
    text = "Foreign Minister Lena Brandt met Prime Minister Omar Haddad."
    event = only(run(nlp, text), "CONSULT")
    assert [text[a.start:a.end] for a in event.actors] == ["Lena Brandt", "Omar Haddad"]


@pytest.mark.parametrize(
    "text, type_, place, date, precision",
    [
        ("Foreign Minister Lena Brandt met Prime Minister Omar Haddad in Amman on Monday.",
         "CONSULT", "Amman", "2031-05-05", "day"),
        ("Police arrested the journalist Maria Santos in Porto on Wednesday.",
         "COERCE", "Porto", "2031-04-30", "day"),
        ("The European Union imposed new sanctions on Velor in April.",
         "SANCTION", None, "2031-04", "month"),
        ("Chancellor Erik Lund will visit Warsaw next week.", "CONSULT", None, "2031-W20", "week"),
        ("Rebels shelled the city of Harran.", "ASSAULT", None, None, None),
    ],
)
def test_place_and_date(nlp, text: str, type_: str, place, date, precision) -> None:
    event = only(run(nlp, text), type_)
    assert (event.place, event.date, event.date_precision) == (place, date, precision)


@pytest.mark.parametrize(
    "text, types",
    [
        ("Lena Brandt stressed the need for calm.", []),
        ("Lena Brandt expressed concern about the fighting.", []),
        ("Omar Haddad noted that the talks with Velor were useful.", ["CONSULT"]),  # not the noting
        ("Omar Haddad noted that the talks were useful.", []),  # talks of no one named: no event
        ("The ministry announced that it would release 20 prisoners.", ["RETREAT"]),  # one event
        ("Velmark announced on Sunday that it would cut the power supply.", ["STATEMENT"]),
    ],
)
def test_reporting_verbs_are_no_events_by_themselves(nlp, text: str, types: list[str]) -> None:
    assert [e.type for e in run(nlp, text)] == types


def test_noting_talks_does_not_make_the_speaker_a_party(nlp) -> None:
    text = "Omar Haddad noted that the talks with Velor were useful."
    assert actors(only(run(nlp, text), "CONSULT")) == [("Velor", "target")]


@pytest.mark.parametrize(
    "text, type_, date, precision",
    [
        # a past event reported in a dated clause happened that day or before it
        ("The government announced on Monday that troops had shelled Harran.",
         "ASSAULT", "2031-05-05", "on_or_before"),
        ("The two sides told the court on Wednesday that they had agreed the terms.",
         "AGREE", "2031-04-30", "on_or_before"),
        ("The ferry sailed on Wednesday after its owner reached a settlement with Velor.",
         "AGREE", "2031-04-30", "on_or_before"),
        ("Lena Brandt spoke on Monday, the same day a court in Porto rejected Velor's appeal.",
         "REJECT", "2031-05-05", "day"),
        ("Rescuers stepped up efforts on Sunday to free the trapped ferry.",
         "OTHER", "2031-05-04", "day"),  # a purpose infinitive shares its clause's day
        # what a dated report says will happen is not dated by the report
        ("Velor's government said on Monday that it would withdraw its forces.", "RETREAT", None,
         None),
        ("Omar Haddad said the ministry had released Maria Santos.", "RETREAT", None, None),
    ],
)
def test_a_governing_clause_dates_an_event_only_as_far_as_the_text_says(
        nlp, text: str, type_: str, date, precision) -> None:
    event = only(run(nlp, text), type_)
    assert (event.date, event.date_precision) == (date, precision)


@pytest.mark.parametrize(
    "text, type_",
    [
        ("Freight groups said their goods missed the season and they will see what they are "
         "asked to pay.", None),  # a hypothetical request of no one named
        ("It was a negotiation, and the ship was the bargaining chip, Maria Santos said.", None),
        ("Now they deserve an apology.", None),
        ("Campaigners warned that the crew were being held in poor conditions.", None),
        ("Velor warned that it would retaliate.", "THREATEN"),
        ("Velor warned that the rebels would face severe consequences.", "THREATEN"),
        ("Analysts warned that prices would rise.", None),
        ("Salvage crews freed the stranded ferry on Monday.", "OTHER"),  # a rescue, not a release
        ("The rebels freed two hostages on Monday.", "RETREAT"),
        ("Port officials impounded the tanker Varno Star.", "COERCE"),
    ],
)
def test_a_trigger_word_needs_an_eventive_reading(nlp, text: str, type_: str | None) -> None:
    assert [e.type for e in run(nlp, text)] == ([type_] if type_ else [])


def test_a_warning_threatens_the_third_party_it_names(nlp) -> None:
    event = only(run(nlp, "Velor warned that the rebels would face severe consequences."), "THREATEN")
    assert actors(event) == [("Velor", "source"), ("the rebels", "target")]


@pytest.mark.parametrize(
    "text, type_, expected",
    [
        # a place or nationality before a common noun says where it is from: the noun acts
        ("An Ostra court granted Varnel Lines' request on Monday.", "REQUEST",
         [("Varnel Lines'", "source")]),  # the court granted it, it did not ask
        ("The ferry sailed after its Velorian owner reached a settlement. The owner, Varnel "
         "Lines, paid.", "AGREE", [("its Velorian owner", "source")]),
        # an organ of a state stands for it
        ("The ferry was impounded by Velorian authorities.", "COERCE",
         [("The ferry", "target"), ("Velorian", "source")]),
        # a name in apposition the tagger missed is the actor's name
        ("The container ship Ever Bright ran aground near Harran on Tuesday.", "OTHER",
         [("Ever Bright", "source")]),
    ],
)
def test_actors_are_heads_not_their_modifiers(nlp, text: str, type_: str, expected: list) -> None:
    assert actors(only(run(nlp, text), type_)) == expected


def test_a_ledes_description_points_at_the_name_given_further_down(nlp) -> None:
    text = ("The ferry sailed after its Velorian owner reached a settlement. The owner, Varnel "
            "Lines, paid.")
    actor = only(run(nlp, text), "AGREE").actors[0]
    assert text[actor.antecedent:].startswith("Varnel Lines")


@pytest.mark.parametrize(
    "text, date",
    [
        ("The ferry sailed on Wednesday. Earlier in the day, Velor and Ostra signed the deal.",
         "2031-04-30"),
        ("Rebels shelled Harran on Wednesday. The army had withdrawn the day before.", "2031-04-29"),
        ("Rebels shelled Harran on Wednesday. A day later, the army withdrew.", "2031-05-01"),
        # relative to another event, not to the day told before
        ("Rebels shelled Harran on Wednesday. Ministers met Velor the day before the vote.", None),
        ("Earlier in the day, Velor and Ostra signed the deal.", None),  # no day to count from
    ],
)
def test_a_day_told_relative_to_the_last_one(nlp, text: str, date: str | None) -> None:
    event = run(nlp, text)[-1]
    assert (event.date, event.date_precision) == (date, "day" if date else None)


@pytest.mark.parametrize(
    "text, expected",
    [
        # a description stands for the name the article gave it earlier
        ("The ferry belongs to Varnel Lines. The owner, Varnel Lines, has appealed. "
         "The owner has appealed against the order.", ("The owner", "Varnel Lines")),
        ("The Port Varn Authority seized the ferry. The authority demanded $5 million.",
         ("The authority", "The Port Varn Authority")),
    ],
)
def test_a_description_points_at_its_name(nlp, text: str, expected: tuple[str, str]) -> None:
    event = run(nlp, text)[-1]
    actor = event.actors[0]
    assert (actor.text, text[actor.antecedent:].startswith(expected[1])) == (expected[0], True)


@pytest.mark.parametrize(
    "text, type_, modality",
    [
        ("Twelve hostages are to be freed on Saturday under the deal.", "RETREAT", "planned"),
        ("Chancellor Erik Lund will visit Warsaw next week.", "CONSULT", "planned"),
        ("Velor's government said it would withdraw its forces from the border region.",
         "RETREAT", "announced"),
        ("The army denied that it had bombed a hospital in Kessa.", "ASSAULT", "denied"),
        ("The two leaders did not meet on Tuesday.", "CONSULT", "denied"),
        ("Rebels shelled the city of Harran on Sunday.", "ASSAULT", "happened"),
        ("The hostages to be released are two soldiers.", "RETREAT", "planned"),
        ("Varno has not yet confirmed or denied its involvement.", "REJECT", "denied"),
        ("The ministry announced that it would release 20 prisoners.", "RETREAT", "announced"),
        # a condition, a possibility or a yes/no question tells of no event that happened
        ("The ferry would be freed if Varnel Lines paid the claim.", "OTHER", "hypothetical"),
        ("The crew will be released if the owner pays.", "RETREAT", "hypothetical"),
        ("Shippers could be asked to contribute to the cost.", "REQUEST", "hypothetical"),
        ("Did the army withdraw from Harran?", "RETREAT", "hypothetical"),
        ("Why did the army seize the ferry?", "COERCE", "happened"),  # the seizure is given
        # a bound in the present tense is still to come; in the past it came
        ("Shippers must pay their share before their containers are released.", "RETREAT",
         "planned"),
        ("Varno Port demanded $9 million before reducing its claim.", "REQUEST", "happened"),
    ],
)
def test_modality(nlp, text: str, type_: str, modality: str) -> None:
    assert only(run(nlp, text), type_).modality == modality


def test_are_to_be_freed_on_saturday_is_planned_for_the_coming_saturday(nlp) -> None:
    event = only(run(nlp, "Twelve hostages are to be freed on Saturday."), "RETREAT")
    assert (event.modality, event.date, actors(event)) == (
        "planned", "2031-05-10", [("Twelve hostages", "target")])


@pytest.mark.parametrize(
    "text",
    [
        "The ministry released a statement on the talks' schedule.",  # no one is freed
        "Omar Haddad spoke at length.",  # "spoke" with no one to speak with
    ],
)
def test_other_senses_are_not_events(nlp, text: str) -> None:
    events = run(nlp, text)
    assert [e.type for e in events if e.type in ("RETREAT", "CONSULT") and e.trigger != "talks"] == []


def test_called_for_is_a_request_not_a_call(nlp) -> None:
    assert [e.type for e in run(nlp, "Omar Haddad called for calm.")] == ["REQUEST"]


def test_an_accidents_toll_is_not_an_assault(nlp) -> None:
    events = run(nlp, "A ferry capsized near Brindisi on Thursday, killing 12 people.")
    assert [e.type for e in events] == ["OTHER"]


def test_the_one_who_condemns_is_not_the_attacker(nlp) -> None:
    events = run(nlp, "Julia Moreno condemned the attack.")
    assert actors(only(events, "ACCUSE")) == [("Julia Moreno", "source")]
    assert actors(only(events, "ASSAULT")) == []


LEDE = ("Lena Brandt on Tuesday stressed to Omar Haddad the need for calm. "
        "Brandt thanked Haddad during the telephone conversation. ")


@pytest.mark.parametrize(
    "text, published, dated",
    [
        (LEDE, PUBLISHED, True),  # the lede's day is the story's day
        (LEDE.replace(" on Tuesday", ""), PUBLISHED, False),  # no day in the lede: undated
        (LEDE.replace(" on Tuesday", "") + "The weather was mild. On Monday the rains began.",
         PUBLISHED, False),  # a day after the lede is no lede's day
        ("Brandt stressed the need for calm on Tuesday. The weather was mild. Rain fell. "
         "Markets were calm. Brandt thanked Haddad during the telephone conversation.",
         PUBLISHED, False),  # past the lede paragraph
    ],
)
def test_the_lede_dates_an_undated_event(nlp, text: str, published: str, dated: bool) -> None:
    call = only(run(nlp, text, published), "CONSULT")
    assert (call.date is not None) == dated
    if dated:
        assert (call.date, call.date_precision) == (tuesday_value(nlp, text, published), "day")


def tuesday_value(nlp, text: str, published: str) -> str:
    from storyline.extract.entities import SpacyEntities
    from storyline.extract.time import RuleTimex
    from storyline.models import Article

    article = Article("a1", "<text>", text, text, "a1", published=published)
    doc = nlp(text)
    sentences, _ = SpacyEntities()(article, doc)
    return next(t.value for t in RuleTimex()(article, doc, sentences) if t.text.endswith("Tuesday"))


def test_an_article_without_events_gives_none(nlp) -> None:
    assert run(nlp, "The weather was mild and the shops were open.") == []


# -- merging ----------------------------------------------------------------------------------
def consult(article: str, start: int, date: str | None, people=("p1", "p2"), mode="phone",
            precision: str | None = "day") -> Event:
    """A call as extraction gives it; actor offsets stand for mentions (see ``entity_of``)."""
    cast = [EventActor(start - 10 - i, start - 5 - i, name, "source" if i == 0 else "target")
            for i, name in enumerate(people)]
    return Event(article, start, start + 4, 0, "CONSULT", mode, "call", cast,
                 date=date, date_precision=precision if date else None)


def entity_of_table(events: list[Event]):
    """The entity of each actor mention: here the actor's text is the entity id."""
    table = {(e.article_id, a.start): a.text for e in events for a in e.actors}
    return lambda article, start: table.get((article, start))


def merged_ids(events: list[Event], published=None) -> list[str]:
    return [e.id for e in merge_events(events, entity_of_table(events), published)]


def test_one_call_told_twice_gets_one_id() -> None:
    events = [consult("a", 100, "2031-01-28"), consult("b", 40, "2031-01-28")]
    first, second = merged_ids(events)
    assert first == second and first.startswith("event-")


def test_a_month_and_a_day_in_it_merge_at_the_coarser_precision() -> None:
    events = [consult("a", 100, "2031-01", precision="month"), consult("b", 40, "2031-01-28")]
    assert len(set(merged_ids(events))) == 1


def test_two_calls_on_different_days_stay_two_events() -> None:
    events = [consult("a", 100, "2031-01-28"), consult("a", 300, "2031-01-29"),
              consult("b", 40, "2031-01-28")]
    ids = merged_ids(events)
    assert ids[0] == ids[2] and ids[0] != ids[1]


def test_a_cluster_never_holds_two_dates_through_a_coarse_one() -> None:
    events = [consult("a", 100, "2031-01-28"), consult("b", 100, "2031-01", precision="month"),
              consult("c", 100, "2031-01-29")]
    ids = merged_ids(events)
    assert ids[0] != ids[2]


def test_different_actors_or_types_do_not_merge() -> None:
    other = consult("b", 40, "2031-01-28", people=("p3", "p4"))
    assault = consult("c", 40, "2031-01-28")
    assault.type = "ASSAULT"
    assert len(set(merged_ids([consult("a", 100, "2031-01-28"), other, assault]))) == 3


def test_one_person_two_counterparts_on_one_day_are_two_calls() -> None:
    events = [consult("a", 100, "2031-01-28", people=("p1", "p2")),
              consult("a", 300, "2031-01-28", people=("p1", "p3")),
              consult("b", 40, "2031-01-28", people=("p2", "p1"))]
    ids = merged_ids(events)
    assert ids[0] == ids[2] and ids[0] != ids[1]


def test_an_undated_call_told_again_in_its_article_is_one_event() -> None:
    events = [consult("a", 100, None, people=("p1", "p2")), consult("a", 300, None, people=("p2", "p9")),
              consult("b", 40, None, people=("p1", "p2"))]  # another article, no day: apart
    ids = merged_ids(events)
    assert ids[0] == ids[1] and ids[0] != ids[2]


def test_undated_weak_evidence_is_not_merged() -> None:
    one_actor = consult("b", 40, None, people=("p1",))
    other_day = consult("c", 40, None)
    published = {"a": "2031-01-28", "b": "2031-01-28", "c": "2031-02-03"}
    ids = merged_ids([consult("a", 100, "2031-01-28"), one_actor, other_day], published)
    assert len(set(ids)) == 3


def test_undated_strong_evidence_merges() -> None:
    published = {"a": "2031-01-28", "b": "2031-01-28"}
    ids = merged_ids([consult("a", 100, "2031-01-28"), consult("b", 40, None)], published)
    assert ids[0] == ids[1]


def test_an_undated_mention_fitting_two_dated_events_joins_neither() -> None:
    published = {"a": "2031-01-28", "b": "2031-01-28"}
    events = [consult("a", 100, "2031-01-28"), consult("a", 300, "2031-01-27"),
              consult("a", 500, None), consult("b", 40, None, people=("p9", "p8"))]
    ids = merged_ids(events, published)
    assert len(set(ids[:3])) == 3


def test_ids_are_deterministic_and_kept_across_runs() -> None:
    events = [consult("b", 40, "2031-01-28"), consult("a", 100, "2031-01-28")]
    assert merged_ids(events) == merged_ids(list(reversed(events)))[::-1]
    stored = merge_events(events[:1], entity_of_table(events))
    later = [stored[0], consult("0", 7, "2031-01-28")]
    again = merge_events(later, entity_of_table(later))
    assert again[1].id == stored[0].id  # a new first mention does not rename the event


def test_a_mention_naming_nobody_joins_the_same_day_and_place() -> None:
    signed = consult("a", 100, "2031-01-28", mode=None)
    signed.place = "Varno"
    anonymous = replace(consult("b", 40, "2031-01-28", people=(), mode=None), place="Varno")
    other_day = replace(anonymous, article_id="c", start=70, date="2031-01-27")
    nowhere = replace(anonymous, article_id="d", start=90, place=None)
    ids = merged_ids([signed, anonymous, other_day])
    assert ids[0] == ids[1] != ids[2]
    assert len(set(merged_ids([replace(signed, place=None), nowhere]))) == 2


def test_merge_is_pure() -> None:
    events = [consult("a", 100, "2031-01-28")]
    merge_events(events, entity_of_table(events))
    assert events[0].id is None


@pytest.mark.parametrize(
    "first, second, same",
    [("2031-01-28", "2031-01-28T10:00", True), ("2031-01-28", "2031-W05", True),
     ("2031-01-28", "2031-W06", False), ("XXXX-01-28", "2031-01-28", True),
     ("2031", "2031-06", True), ("2031-01-28", "2031-01-29", False)],
)
def test_same_date(first: str, second: str, same: bool) -> None:
    assert same_date(first.split("T")[0], second.split("T")[0]) is same


def test_calls_extracted_from_two_articles_merge_end_to_end(nlp) -> None:
    texts = {"a": "Julia Moreno spoke by phone with Erik Lund on Monday.",
             "b": "Erik Lund and Julia Moreno held a phone call on Monday, officials said.",
             "c": "Julia Moreno spoke by phone with Erik Lund on Thursday."}
    events = [e for key, text in texts.items()
              for e in RuleEvents().run(nlp, text, PUBLISHED, key) if e.type == "CONSULT"]
    names = {(e.article_id, a.start): a.text.split()[-1] for e in events for a in e.actors}
    ids = {e.article_id: e.id for e in merge_events(events, lambda a, s: names.get((a, s)))}
    assert ids["a"] == ids["b"] != ids["c"]


# -- golden ------------------------------------------------------------------------------------
def test_golden_scores_hold_the_pinned_floor(nlp) -> None:
    scores = RuleEvents().score(GOLDEN, nlp)
    floor = json.loads(BASELINE.read_text(encoding="utf-8"))["events"]["floor"]
    assert scores["type"].f1 * 100 >= floor
    assert scores["actor"].f1 > 0.8


def test_a_missing_gold_file_is_an_input_error(nlp, tmp_path: Path) -> None:
    with pytest.raises(InputError):
        RuleEvents().score(tmp_path / "missing.jsonl", nlp)


def test_a_name_no_entity_holds_still_merges_two_reports() -> None:
    first = Event("a", 100, 109, 0, "OTHER", "rescue", "refloated",
                  [EventActor(0, 14, "The Varno Star", "target")], date="2031-01-28")
    second = Event("b", 40, 49, 0, "OTHER", "rescue", "refloated",
                   [EventActor(0, 20, "Port Authority", "source"),
                    EventActor(30, 44, "the Varno Star", "target")], date="2031-01-28TAF")
    plain = Event("c", 40, 49, 0, "OTHER", "rescue", "refloated",
                  [EventActor(0, 10, "the ferry", "target")], date="2031-01-28")
    ids = [e.id for e in merge_events([first, second, plain], lambda article, start: None)]
    assert ids[0] == ids[1] != ids[2]
