"""SemEval-2015 Task 4, the system side: which events a target takes part in (invented snippets)."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.evaluate.semeval2015 import read_document, system_timelines

TARGETS = ["Velor Air", "Korso Phone", "Marta Quist", "Velor store"]
DOCUMENT = """<?xml version='1.0' encoding='utf-8'?>
<TimeML><DOCID>90</DOCID>
<DCT><TIMEX3 functionInDocument="CREATION_TIME" tid="t0" type="DATE" value="2031-05-06">x</TIMEX3></DCT>
<TEXT>{sentences}</TEXT></TimeML>
"""


def events_of(nlp, tmp_path: Path, text: str, target: str) -> list[str]:
    """The words of ``target``'s timeline (ordinal > 0 or not) for a one-report corpus."""
    sentences = "".join(f'<s id="{n}">{s.strip()} .</s>' for n, s in enumerate(text.split(" . ")))
    path = tmp_path / "90.tml"
    path.write_text(DOCUMENT.format(sentences=sentences), encoding="utf-8")
    timeline = system_timelines([read_document(path)], TARGETS, nlp)[target]
    return sorted(m.split("-", 2)[2] for _, _, ms in timeline.lines for m in ms)


@pytest.mark.parametrize(
    "text, target, events",
    [
        # a target that only modifies another name or another thing is not in the event
        ("The Korso Phone Nano sold well", "Korso Phone", []),
        ("Korso Phone users complained", "Korso Phone", []),
        # ... but it is when the head says what kind of thing it is
        ("The Korso Phone handset sold well", "Korso Phone", ["sold"]),
        # a word the target's name writes in lower case is no name of it on its own
        ("The Velor store opened", "Velor store", ["opened"]),
        ("The Kemo Store opened", "Velor store", []),
        # a verb framing its subject's infinitive leaves the event to it
        ("Marta Quist decided to resign", "Marta Quist", ["resign"]),
        ("Marta Quist asked the board to wait", "Marta Quist", ["asked"]),
        # news happenings told as nouns, with the target as possessor
        ("Marta Quist 's death shocked the staff", "Marta Quist", ["death"]),
        ("Velor Air announced its decision", "Velor Air", ["announced", "decision"]),
        # a particle apart from its verb is written with it
        ("Marta Quist turned the music down", "Marta Quist", ["turned_down"]),
    ],
)
def test_events_a_target_takes_part_in(nlp, tmp_path: Path, text: str, target: str, events: list[str]) -> None:
    assert events_of(nlp, tmp_path, text, target) == events
