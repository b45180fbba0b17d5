"""claims.rules.v1: values, what they count, as-of, attribution, non-claims, grouping (invented text)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline import registry
from storyline.extract.claims import RuleClaims, find_figures, group_claims
from storyline.extract.entities import SpacyEntities
from storyline.extract.roles import RuleRoles
from storyline.extract.time import RuleTimex
from storyline.models import Article, Claim

GOLDEN = Path(__file__).parent / "golden" / "claims.jsonl"
BASELINE = Path(__file__).resolve().parents[2] / "eval_baseline.json"


def run(nlp, text: str, published: str | None = "2031-04-02") -> list[Claim]:
    article = Article("a1", "t", text, text, "h1", published=published)
    doc = nlp(text)
    sentences, mentions = SpacyEntities()(article, doc)
    _, references = RuleRoles()(article, doc, sentences, mentions)
    timexes = RuleTimex()(article, doc, sentences)
    return RuleClaims()(article, doc, sentences, mentions + references, timexes)


# (text of the figure, value, approximate, lower, upper, total)
VALUES = [
    ("Some 8,300 dead were counted.", ("Some 8,300", 8300, True, None, None, None)),
    ("At least 39,445 people were killed.", ("At least 39,445", 39445, False, 39445, None, None)),
    ("More than 200 people were injured.", ("More than 200", 200, False, 200, None, None)),
    ("Up to 50 hostages were freed.", ("Up to 50", 50, False, None, 50, None)),
    ("Nearly 90 families were displaced.", ("Nearly 90", 90, True, None, 90, None)),
    ("Yet 87 of the 251 captives remain in the tunnels.", ("87 of the 251", 87, False, None, None, 251)),
    ("Tens of thousands of people fled.", ("Tens of thousands", None, True, 20000, 90000, None)),
    ("Hundreds of homes were destroyed.", ("Hundreds", None, True, 200, 900, None)),
    ("The storm killed three fishermen.", ("three", 3, False, None, None, None)),
    ("The agency said a dozen boats had sunk.", ("a dozen", 12, False, None, None, None)),
    ("The city has 1.2 million inhabitants.", ("1.2 million", 1_200_000, False, None, None, None)),
    ("Donors pledged $5 billion.", ("$5 billion", 5e9, False, None, None, None)),
    ("Police arrested 30 to 40 protesters.", ("30 to 40", None, False, 30, 40, None)),
    ("Twenty-five workers were evacuated.", ("Twenty-five", 25, False, None, None, None)),
]


@pytest.mark.parametrize("text, expected", VALUES)
def test_values_are_normalized(nlp, text: str, expected: tuple) -> None:
    claims = run(nlp, text)
    assert [(c.text, c.value, c.approximate, c.lower, c.upper, c.total) for c in claims] == [expected]


@pytest.mark.parametrize(
    "text, counts",
    [
        ("Some 8,300 dead were counted.", "dead"),
        ("Rebels released 50 hostages on Monday.", "hostages released"),
        ("The blast ended up killing 12 people.", "people killed"),
        ("The death toll from the floods rose to 52.", "dead"),
        ("The number of displaced people stood at 4,000.", "people displaced"),
        ("Officials counted 50 hostages released on Monday.", "hostages released"),
        ("Yet 87 of the 251 captives remain in the tunnels.", "captives remaining"),
        ("The army said 35 of the remaining 59 hostages are dead.", "hostages dead"),
        ("Donors pledged $5 billion.", "dollars pledged"),
        ("Turnout reached 62 percent of registered voters.", "percent voters reached"),
        ("The quake left hundreds homeless.", "homeless"),
        # a noun a figure is "of", a thing a verb brings to it, a sum asked or sought
        ("The owner must pay compensation of $9 million.", "dollars compensation"),
        ("The port authority cut its claim to $5 million.", "dollars claim"),
        ("The board came down from the $9 million it first sought.", "dollars sought"),
        ("The board dropped 9 projects.", "projects dropped"),
        ("The union first asked for $5 million.", "dollars asked"),
        ("The board had claimed $9 million.", "dollars claimed"),
        ("The crew of 25 stayed on board.", "crew"),
        ("A death toll of 52 was given.", "dead"),
        # a member noun names its group; waiting and queues
        ("All 25 crew members were safe.", "crew"),
        ("Some 420 ships waiting at the port will pass within days.", "ships waiting"),
        ("The queue of ships has grown to more than 200.", "ships waiting"),
        ("Tugs and at least one dredger were sent to the site.", "dredger sent"),
        ("Three more sailors are to be freed on Saturday.", "sailors freed"),
        # a rate keeps its period
        ("The port handles close to 19,000 ships a year.", "ships handled per year"),
        ("The blockage is holding up $9 billion worth of goods each day.", "dollars goods held per day"),
        ("That works out at $400 million an hour.", "dollars per hour"),
    ],
)
def test_counts_come_from_the_parse(nlp, text: str, counts: str) -> None:
    assert [c.counts for c in run(nlp, text)] == [counts]


@pytest.mark.parametrize(
    "text",
    [
        "A 52-year-old man was arrested.",
        "The bridge was built in 1998.",
        "The talks resumed on December 1 and lasted two months.",
        "It was the third attempt this year.",
        "The meeting began at 10:30 a.m.",
        "The two diplomats shook hands.",
        "The council adopted Resolution 2334 in full.",
        "Inflation eased in the 2020s.",
        "One option is to wait.",
        "Fighter jets of the F-16 type flew over.",
        "The ship had to be held for a hundred.",  # a duration, not a sum asked for
        "The status of two remains uncertain.",  # "of" a noun that is no group or sum
    ],
)
def test_non_claims(nlp, text: str) -> None:
    assert [c.text for c in run(nlp, text)] == []


@pytest.mark.parametrize(
    "text, source, named",
    [
        ("At least 40 people were killed, according to the regional health office.",
         "the regional health office", "the regional health office"),
        ("The storm killed 12 people, the agency said.", "the agency", "the agency"),
        ("Police said that up to 50 protesters were detained.", "Police", "Police"),
        ("The army confirmed that 35 soldiers were wounded.", "The army", "The army"),
        ("Spokeswoman Lena Varga said 14 hostages were freed.", "Spokeswoman Lena Varga", "Lena Varga"),
        ("This includes the remains of at least 34 captives, confirmed dead by the army.",
         "the army", "the army"),
        ("Nearly 90 families were displaced by the fire.", None, None),
        # the subject of the verb a reporting verb continues
        ("The mayor spoke to reporters, adding that 300 people had fled.", "The mayor", "The mayor"),
        # a name in apposition is who the source is
        ("Its owner, Norland Shipping, said 12 people were killed.",
         "Its owner, Norland Shipping", "Norland Shipping"),
        # the next sentence gives the figure
        ("The queue grew to 369 ships on Sunday. Port officials gave the figure to reporters.",
         "Port officials", "Port officials"),
    ],
)
def test_attribution(nlp, text: str, source: str | None, named: str | None) -> None:
    [claim] = run(nlp, text)
    assert claim.source == source
    if named is None:
        assert claim.source_start is None
    else:  # at the mention naming the source (NER may include a title word), inside the phrase
        begin = text.index(source)
        assert begin <= claim.source_start <= text.index(named)


def test_a_described_source_points_at_the_name_told_before(nlp) -> None:
    text = "The Norland Port Authority sued the owner. Up to 50 ships were held, the authority said."
    [claim] = run(nlp, text)
    assert (claim.source, claim.source_start) == ("the authority", text.index("The Norland"))


def test_a_pronoun_source_points_at_its_mention(nlp) -> None:
    text = "Mayor Tomas Brandt visited the camp. He said 300 people had fled."
    [claim] = run(nlp, text)
    assert (claim.source, text[claim.source_start:claim.source_start + 2]) == ("He", "He")


@pytest.mark.parametrize(
    "text, published, as_of",
    [
        ("Up to 50 soldiers were wounded, the army said on Sunday.", "2031-04-02", "2031-03-30"),
        ("By 3 March 2030, 1,500 families had returned.", "2031-04-02", "2030-03-03"),
        ("At least 40 people have been killed since June 3.", "2031-04-02", None),
        ("Yet 87 of the 251 people taken on June 3, 2030, remain.", "2031-04-02", None),
        ("Rebels released 50 hostages.", "2031-04-02", None),
        ("The port has been shut since the storm on June 3, which left some 900 dead.",
         "2031-04-02", None),
        ("So far, nine sailors have been freed under the deal, which took effect on June 3.",
         "2031-04-02", None),
        ("Four more sailors are to be freed on Saturday.", "2031-04-02", "2031-04-05"),
        # a relative clause inside a noun phrase has its own time
        ("Salvors used tugs brought in over the weekend and dredgers that removed some "
         "30,000 tonnes of sand.", "2031-04-02", None),
    ],
)
def test_as_of_is_a_date_of_the_figure(nlp, text: str, published: str, as_of: str | None) -> None:
    assert [c.as_of for c in run(nlp, text, published)] == [as_of]


def test_offsets_point_into_the_text(nlp) -> None:
    text = "Calm returned. At least 39,445 people were killed, officials said."
    [claim] = run(nlp, text)
    assert text[claim.start:claim.end] == claim.text == "At least 39,445"
    assert claim.sentence == 1 and claim.article_id == "a1"


def test_figures_without_a_parse() -> None:
    assert [(f.value, f.unit) for f in find_figures("40 percent of voters and $5bn")] == [
        (40, "percent"), (5e9, "dollars")]


def claim(article: str, value: float, counts: str, as_of: str | None = None,
          subject: str | None = None, start: int = 0) -> Claim:
    return Claim(article, start, start + 2, 0, str(value), value, counts, as_of=as_of,
                 subject=subject, subject_start=None if subject is None else start + 5)


def test_grouping_follows_one_quantity_over_time() -> None:
    claims = [
        claim("b", 120, "people killed", "2031-03-02"),
        claim("a", 90, "people dead", "2031-03-01"),
        claim("c", 14, "hostages released", "2031-03-01"),
        claim("d", 15, "hostage freed", "2031-03-04"),
        claim("e", 3, "people killed", "2031-03-02", subject="Norland"),
    ]
    groups = group_claims(claims)
    assert [[c.article_id for c in g] for g in groups] == [["c", "d"], ["a", "b", "e"]]
    assert group_claims(list(reversed(claims))) == groups  # deterministic


def test_different_subjects_never_share_a_group() -> None:
    claims = [claim("a", 10, "people killed", subject="Norland"),
              claim("b", 20, "people killed", subject="Sudria"),
              claim("c", 30, "people killed")]
    groups = group_claims(claims)
    assert [[c.article_id for c in g] for g in groups] == [["a"], ["b"], ["c"]]
    entity_of = {("a", 5): "E1", ("b", 5): "E1"}  # resolve/ found both names are one place
    assert [[c.article_id for c in g] for g in group_claims(claims, entity_of)] == [["a", "b", "c"]]


@pytest.mark.parametrize(
    "counts, subject, key",
    [("people killed", None, "killed"), ("Norlanders killed", "Norlanders", "killed"),
     ("hostages freed", "Norland", "hostage released"), ("people", None, "people"),
     # a sum one side wants, however it is worded; ships and vessels
     ("dollars compensation", None, "dollar claim"), ("dollars demanded", None, "dollar claim"),
     ("dollars sought", None, "dollar claim"), ("vessels waiting", None, "ship waiting"),
     ("villagers sought", None, "villager sought")],  # shelter, not a sum
)
def test_quantity_key_leaves_out_the_subject_and_generic_nouns(counts, subject, key) -> None:
    from storyline.extract.claims import quantity_key

    assert quantity_key(counts, subject) == key


def test_a_toll_about_its_people_groups_with_the_bare_toll() -> None:
    from storyline.extract.claims import keyed_claim_groups

    claims = [claim("a", 900, "dead", "2031-03-01"),
              claim("b", 1200, "Norlanders killed", "2031-03-09", subject="Norlanders")]
    assert [(key, [c.article_id for c in g]) for key, g in keyed_claim_groups(claims)] == [
        ("killed@norlander", ["a", "b"])]


def test_a_bare_sum_is_a_quantity_of_its_own() -> None:
    claims = [claim("a", 3e8, "dollars"), claim("b", 5e8, "dollars"),
              claim("c", 9e8, "dollars claim"), claim("d", 5e8, "dollars demanded")]
    assert [[c.article_id for c in g] for g in group_claims(claims)] == [["a"], ["b"], ["c", "d"]]


def test_registered() -> None:
    assert registry.get("claims.rules.v1") is RuleClaims


def test_golden_score_is_above_its_floor(nlp) -> None:
    scores = RuleClaims().score(GOLDEN, nlp)
    floor = json.loads(BASELINE.read_text(encoding="utf-8"))["claims"]["floor"]
    assert scores["f1"] * 100 >= floor
