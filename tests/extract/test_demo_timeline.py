"""The demo corpus's timeline, judged line by line against what its articles really tell.

We wrote the demo articles (``src/storyline/demo/articles``), so we know every event in them.
``GOLDEN`` lists, for some of their sentences, *all* the events a careful analyst would put on a
timeline from that sentence (none for a sentence that only sounds eventful): type, modality,
date (``ANY`` when the text leaves it open) and a name the main actor's entity carries.
Precision counts every event the engine puts in those sentences; recall every golden one.

Run ``python -m tests.extract.test_demo_timeline`` to print the scores and each miss.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from storyline.cli import main

ANY = "any"  # the text gives no day we can hold the engine to


@dataclass(frozen=True)
class Gold:
    article: str  # the demo file's number
    fragment: str  # words of the sentence (enough to find it)
    events: tuple[tuple[str, str, str | None, str | None], ...]  # type, modality, date, actor


GOLDEN = [
    Gold("01", "Ever Given ran aground in the southern section",
         (("OTHER", "happened", "2021-03-23", "Ever Given"),)),
    Gold("01", "it had been told by the owner that the vessel had run aground",
         (("OTHER", "happened", ANY, "Ever Given"),
          ("OTHER", "hypothetical", None, "Ever Given"))),  # "when the Ever Given could be freed"
    Gold("02", "Salvage teams stepped up efforts on Sunday",
         (("OTHER", "planned", "2021-03-28", "Ever Given"),)),
    Gold("04", "Salvage teams stepped up efforts on Sunday",  # an undated copy of 02
         (("OTHER", "planned", None, "Ever Given"),)),
    Gold("05", "three days after it ran aground on Tuesday",
         (("OTHER", "happened", "2021-03-23", "Ever Given"),)),
    Gold("06", "The Suez Canal Authority on Monday refloated the Ever Given",
         (("OTHER", "happened", "2021-03-29", "Suez Canal Authority"),)),
    Gold("06", "al-Sisi praised the workers of the canal",
         (("SUPPORT", "happened", None, "Sisi"),)),
    Gold("07", "The Ever Given was refloated on Monday afternoon",
         (("OTHER", "happened", "2021-03-29", "Ever Given"),)),
    Gold("07", "said it would cooperate with the owner",
         (("COOPERATE", "announced", None, "Evergreen"),)),
    Gold("08", "has been impounded by Egyptian authorities",
         (("COERCE", "happened", ANY, "Ever Given"),)),
    Gold("08", "granted the Suez Canal Authority's request to hold the ship",
         (("REQUEST", "happened", ANY, "Suez Canal Authority"),)),
    Gold("08", "The owner has appealed against the order.",
         (("REQUEST", "happened", None, "Shoei Kisen"),)),
    Gold("08", "Advocates for crew welfare warned", ()),
    Gold("09", "Court on Tuesday ordered the seizure of the Ever Given",
         (("COERCE", "happened", "2021-04-13", "Ismailia Economic Court"),)),
    Gold("09", "The ship was seized lawfully", (("COERCE", "happened", ANY, "Ever Given"),)),
    Gold("09", "had held talks with the owner and its insurers",
         (("CONSULT", "happened", None, "Suez Canal Authority"),
          ("OTHER", "happened", None, "Ever Given"),
          ("AGREE", "denied", None, None))),
    Gold("10", "as talks to release the detained container ship continue",
         (("CONSULT", "happened", None, None), ("RETREAT", "planned", None, "Ever Given"))),
    Gold("10", "Osama Rabie announced the lower figure on Sunday",
         (("STATEMENT", "happened", "2021-05-23", "Osama Rabie"),
          ("REJECT", "happened", "2021-05-23", None),
          ("REQUEST", "happened", ANY, "Shoei Kisen"))),
    Gold("10", "could be asked to contribute to the cost of the salvage before their containers",
         (("STATEMENT", "happened", None, "Shoei Kisen"),  # "the owner has declared general average"
          ("REQUEST", "hypothetical", None, None), ("RETREAT", "planned", None, None))),
    Gold("11", "have reached an agreement in principle",
         (("AGREE", "happened", ANY, "Suez Canal Authority"),)),
    Gold("11", "told the economic court in Ismailia on Wednesday that they had agreed",
         (("AGREE", "happened", "2021-06-23", None),)),
    Gold("11", "Their goods missed the spring season", ()),
    Gold("11", "Once released, the Ever Given is expected to sail north",
         (("RETREAT", "planned", None, "Ever Given"),)),
    Gold("12", "sailed out of Egyptian custody on Wednesday after its Japanese owner reached",
         (("AGREE", "happened", "2021-07-07", "Shoei Kisen"),)),
    Gold("12", "signed the agreement at a ceremony in Ismailia",
         (("AGREE", "happened", "2021-07-07", "Suez Canal Authority"),)),
    Gold("12", "The authority had at first demanded $916 million",
         (("REQUEST", "happened", None, "Suez Canal Authority"),)),
    Gold("13", "ending a detention that kept the ship",  # "after ... had been refloated"
         (("OTHER", "happened", None, None),)),
    Gold("13", "when an Ismailia court granted the Suez Canal Authority's request",
         (("REQUEST", "happened", ANY, "Suez Canal Authority"),)),
    Gold("13", "after a settlement was signed in Ismailia, it was allowed to sail",
         (("AGREE", "happened", "2021-07-07", None),)),
    Gold("13", "first asked for $916 million", (("REQUEST", "happened", None, "Rabie"),)),
    Gold("13", "It was a negotiation, and the ship was the bargaining chip", ()),
    Gold("13", "Seafarers' advocates welcomed the release",
         (("SUPPORT", "happened", None, "Seafarers"), ("RETREAT", "happened", None, None))),
    Gold("13", "Now they deserve an apology", ()),
]


@dataclass(frozen=True)
class Found:
    """One evidence line of the timeline: a mention with its event's fields."""

    article: str
    sentence: str
    type: str
    modality: str
    date: str | None
    actors: tuple[str, ...]


def demo_timeline(db: Path) -> list[Found]:
    """Build the demo store and read its timeline (every evidence line)."""
    runner = CliRunner()
    result = runner.invoke(main, ["demo", "--db", str(db)])
    assert result.exit_code == 0, result.output

    def ask(*args: str):
        answer = runner.invoke(main, [*args, "--json", "--db", str(db)])
        assert answer.exit_code == 0, answer.output
        return json.loads(answer.output)

    number = {a["id"]: Path(a["source"]).name[:2] for a in ask("articles")}
    timeline = ask("timeline")
    return [Found(number[ev["article"]], ev["sentence"], e["type"], e["modality"], e["date"],
                  tuple(a["name"] for a in e["actors"]))
            for e in timeline["dated"] + timeline["undated"] for ev in e["evidence"]]


@dataclass
class Judged:
    predicted: int = 0
    gold: int = 0
    typed: int = 0  # type matched
    exact: int = 0  # type, modality, date and actor all right
    misses: list[str] | None = None


def judge(found: list[Found]) -> Judged:
    judged = Judged(misses=[])
    for gold in GOLDEN:
        here = [f for f in found if f.article == gold.article and gold.fragment in f.sentence]
        judged.predicted += len(here)
        judged.gold += len(gold.events)
        typed = Counter(f.type for f in here) & Counter(g[0] for g in gold.events)
        judged.typed += sum(typed.values())
        spare = list(here)
        for want in gold.events:
            hit = next((f for f in spare if _exact(f, want)), None)
            if hit is not None:
                spare.remove(hit)
                judged.exact += 1
            else:
                judged.misses.append(f"{gold.article} {gold.fragment!r}: want {want}")
        judged.misses += [f"{gold.article} {gold.fragment!r}: extra {(f.type, f.modality, f.date, f.actors)}"
                          for f in spare if f.type not in {g[0] for g in gold.events}]
    return judged


def _exact(found: Found, want: tuple) -> bool:
    type_, modality, date, actor = want
    return (found.type == type_ and found.modality == modality
            and (date == ANY or _day(found.date) == date)
            and (actor is None or any(actor in name for name in found.actors)))


def _day(value: str | None) -> str | None:
    return None if value is None else value[:10]  # "2021-03-23TMO": that morning


def scores(judged: Judged) -> dict[str, float]:
    def ratio(part: int, whole: int) -> float:
        return round(100 * part / whole, 1) if whole else 0.0
    return {"type_precision": ratio(judged.typed, judged.predicted),
            "type_recall": ratio(judged.typed, judged.gold),
            "exact_precision": ratio(judged.exact, judged.predicted),
            "exact_recall": ratio(judged.exact, judged.gold)}


@pytest.fixture(scope="module")
def found(tmp_path_factory: pytest.TempPathFactory) -> list[Found]:
    return demo_timeline(tmp_path_factory.mktemp("demo") / "demo.db")


def test_every_golden_sentence_is_in_the_demo(found: list[Found]) -> None:
    texts = {}
    folder = Path(__file__).resolve().parents[2] / "src" / "storyline" / "demo" / "articles"
    for path in folder.iterdir():
        texts[path.name[:2]] = path.read_text(encoding="utf-8")
    assert [g.fragment for g in GOLDEN if g.fragment not in texts[g.article]] == []


# Floors: what the rules measured, minus a small margin. Measured: 100.0 / 92.1 / 91.4 / 84.2
# ("the ship", "the vessel" and a subject "it" stand for the vehicle's name; before: 88.6 /
# 81.6, round 2: conditions and bounds, heads not their place modifiers, days relative to the last
# one, merging on day and place; the same table before it: 100.0 / 92.1 / 68.6 / 63.2; round 1,
# on the first table: 72.2 / 76.5 / 27.8 / 29.4 -> 96.9 / 91.2 / 71.9 / 67.6).
FLOORS = {"type_precision": 97.0, "type_recall": 89.0, "exact_precision": 88.0, "exact_recall": 81.0}


def test_the_demo_timeline_holds_its_floors(found: list[Found]) -> None:
    measured = scores(judge(found))
    assert {k: v for k, v in measured.items() if v < FLOORS[k]} == {}, judge(found).misses


def test_no_evidence_sentence_spans_a_paragraph_break(found: list[Found]) -> None:
    assert [f.sentence for f in found if "\n" in f.sentence] == []
    assert [f.sentence for f in found if f.sentence[:1].isspace() or f.sentence[-1:].isspace()] == []


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        judged = judge(demo_timeline(Path(folder) / "demo.db"))
    print(json.dumps(scores(judged)), judged.predicted, judged.gold)
    print("\n".join(judged.misses))
