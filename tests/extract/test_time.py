"""time.rules.v1: TIMEX3 spans, types and values against a publication date (or none)."""

from __future__ import annotations

import pytest

from storyline import registry
from storyline.extract.time import RuleTimex
from storyline.models import Article, Timex

THU = "2025-01-30"  # a Thursday

# (sentence, publication date, expected (text, type, value) in order of appearance)
CASES = [
    # full and partial dates
    ("The deal was signed on Jan. 19 after the talks.", THU, [("Jan. 19", "DATE", "2025-01-19")]),
    ("The summit is expected on December 1.", THU, [("December 1", "DATE", "2025-12-01")]),
    ("The summit was held on December 1.", THU, [("December 1", "DATE", "2024-12-01")]),
    ("The summit is expected on December 1.", None, [("December 1", "DATE", "XXXX-12-01")]),
    ("The report was published on 31 July 2024.", THU, [("31 July 2024", "DATE", "2024-07-31")]),
    ("The report was published on 31 July 2024.", None, [("31 July 2024", "DATE", "2024-07-31")]),
    ("Prices rose in 2023.", THU, [("2023", "DATE", "2023")]),
    ("The company was founded in 2014.", None, [("2014", "DATE", "2014")]),
    ("Output peaked in March 2019.", THU, [("March 2019", "DATE", "2019-03")]),
    ("Fighting has continued since October 7.", THU, [("October 7", "DATE", "2024-10-07")]),
    # weekdays and the tense of the governing verb
    ("The minister said on Tuesday that talks would resume.", THU,
     [("Tuesday", "DATE", "2025-01-28")]),
    ("The army said on Thursday it had withdrawn.", THU, [("Thursday", "DATE", "2025-01-30")]),
    ("The hostages are to be freed on Saturday.", THU, [("Saturday", "DATE", "2025-02-01")]),
    ("The vote will take place on Monday.", THU, [("Monday", "DATE", "2025-02-03")]),
    ("Three more prisoners are to be freed on Saturday.", "2025-01-28",
     [("Saturday", "DATE", "2025-02-01")]),
    ("The rebels agreed to release two captives on Thursday.", "2025-01-28",
     [("Thursday", "DATE", "2025-01-30")]),
    ("The rebels released two captives on Thursday.", "2025-01-28",
     [("Thursday", "DATE", "2025-01-23")]),
    ("The ruling is expected Tuesday.", THU, [("Tuesday", "DATE", "2025-02-04")]),
    ("Protesters gathered Sunday night outside the palace.", THU,
     [("Sunday night", "TIME", "2025-01-26TNI")]),
    ("The minister said on Tuesday that talks would resume.", None, [("Tuesday", "DATE", None)]),
    # deictic days and relative calendar units
    ("He arrived yesterday and leaves tomorrow; today he rests.", THU,
     [("yesterday", "DATE", "2025-01-29"), ("tomorrow", "DATE", "2025-01-31"),
      ("today", "DATE", "2025-01-30")]),
    ("He arrived yesterday.", None, [("yesterday", "DATE", None)]),
    ("Sales fell last week, last month and last year.", THU,
     [("last week", "DATE", "2025-W04"), ("last month", "DATE", "2024-12"),
      ("last year", "DATE", "2024")]),
    ("Earlier this month the board met.", THU, [("Earlier this month", "DATE", "2025-01")]),
    ("Growth will slow next year.", THU, [("next year", "DATE", "2026")]),
    ("Growth will slow next year.", None, [("next year", "DATE", None)]),
    ("The team travels this week.", THU, [("this week", "DATE", "2025-W05")]),
    ("The plant closed two years ago.", THU, [("two years ago", "DATE", "2023")]),
    ("The plant closed two years ago.", None, [("two years ago", "DATE", None)]),
    ("Inflation is now falling.", None, [("now", "DATE", "PRESENT_REF")]),
    # quarters, decades, seasons
    ("Profit rose in the third quarter.", THU, [("the third quarter", "DATE", "2024-Q3")]),
    ("Profit rose in the third quarter of 2023.", None,
     [("the third quarter of 2023", "DATE", "2023-Q3")]),
    ("Music from the 1990s is popular.", THU, [("the 1990s", "DATE", "199")]),
    ("Crops failed last summer.", THU, [("last summer", "DATE", "2024-SU")]),
    # durations
    ("Ten months into the war, fighting continues.", THU, [("Ten months", "DURATION", "P10M")]),
    ("The ceasefire lasted seven days.", THU, [("seven days", "DURATION", "P7D")]),
    ("A 7-day ceasefire began.", None, [("7-day", "DURATION", "P7D")]),
    ("Talks lasted two months.", None, [("two months", "DURATION", "P2M")]),
    ("He served nearly four years in prison.", None, [("nearly four years", "DURATION", "P4Y")]),
    ("The 44-year-old officer was arrested.", THU, []),
    # sets
    ("The committee meets every week.", None, [("every week", "SET", "P1W")]),
    ("The paper is published daily.", None, [("daily", "SET", "P1D")]),
    # clock times
    ("The meeting ended at 3 p.m. yesterday.", THU, [("3 p.m. yesterday", "TIME", "2025-01-29T15:00")]),
]


def run(nlp, text: str, published: str | None) -> list[Timex]:
    article = Article(id="a", source="test", text=text, raw_text=text, content_hash="",
                      published=published)
    return registry.get("time.rules.v1")()(article, nlp(text))


@pytest.mark.parametrize("text, published, expected", CASES)
def test_timex_table(nlp, text: str, published: str | None, expected: list[tuple]) -> None:
    found = run(nlp, text, published)
    assert [(t.text, t.type, t.value) for t in found] == expected
    for timex in found:
        assert text[timex.start:timex.end] == timex.text
        assert timex.sentence == 0


def test_anchored_only_when_the_publication_date_was_used(nlp) -> None:
    relative, absolute = run(nlp, "Last week it signed a deal dated 31 July 2024.", THU)
    assert relative.anchored and relative.precision == "week"
    assert not absolute.anchored and absolute.precision == "day"


def test_sentence_index(nlp) -> None:
    found = run(nlp, "Nothing happened. The vote was held on Monday.", THU)
    assert [(t.text, t.sentence) for t in found] == [("Monday", 1)]


def test_score_strict_relaxed_and_value() -> None:
    gold = [Timex("a", 0, 7, "Tuesday", "DATE", "2025-01-28"),
            Timex("a", 20, 33, "the past week", "DATE", "2025-W04"),
            Timex("a", 40, 44, "2023", "DATE", "2023")]
    predicted = [Timex("a", 0, 7, "Tuesday", "DATE", "2025-01-28"),
                 Timex("a", 24, 33, "past week", "DATE", "2025-W05"),
                 Timex("a", 50, 55, "today", "DATE", "2025-01-30")]
    scores = RuleTimex.score(predicted, gold)
    assert scores["strict"].f1 == pytest.approx(1 / 3)
    assert scores["relaxed"].f1 == pytest.approx(2 / 3)
    assert scores["value_accuracy"] == pytest.approx(1 / 2)
    assert scores["value"].f1 == pytest.approx(1 / 3)
