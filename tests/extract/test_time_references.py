"""time.rules.v1: periods named by reference (the year, that year, holidays), spelled years,
durations counted from an event of the story, fractions."""

from __future__ import annotations

import pytest

from storyline import registry
from storyline.models import Article

THU = "2025-01-30"  # a Thursday

# (sentence, publication date, expected (text, type, value) in order of appearance)
CASES = [
    # the period around the publication date
    ("Sales were flat for the year, the bakery said.", THU, [("the year", "DATE", "2025")]),
    ("Sales were flat in the year ended June 30.", THU,
     [("the year", "DURATION", "P1Y"), ("June 30", "DATE", "2024-06-30")]),
    ("The merger should close by the end of the year.", THU,
     [("the end of the year", "DATE", "2025")]),
    ("The merger should close by year-end.", THU, [("year-end", "DATE", "2025")]),
    ("The merger should close by year-end.", None, [("year-end", "DATE", None)]),
    ("The current rules favour large farms.", THU, [("current", "DATE", "PRESENT_REF")]),
    ("Shares were sold at the then current price.", THU, [("then current", "DATE", "PAST_REF")]),
    # anaphora: the date the text named last
    ("The mill opened in March 2011 and closed later that year.", THU,
     [("March 2011", "DATE", "2011-03"), ("later that year", "DATE", "2011")]),
    ("The mill opened in March 2011; the following year it closed.", None,
     [("March 2011", "DATE", "2011-03"), ("the following year", "DATE", "2012")]),
    ("The dam burst on 4 May 2019 and the town was flooded the next day.", THU,
     [("4 May 2019", "DATE", "2019-05-04"), ("the next day", "DATE", "2019-05-05")]),
    ("The town was flooded that same day.", THU, [("that same day", "DATE", None)]),
    # holidays follow the tense like a date without a year
    ("The ferry sank on Christmas Eve.", THU, [("Christmas Eve", "DATE", "2024-12-24")]),
    ("The ferry will sail again on Easter Sunday.", THU,
     [("Easter Sunday", "DATE", "2025-04-20")]),
    ("The boy was found last Thanksgiving.", THU, [("last Thanksgiving", "DATE", "2024-11-28")]),
    ("The ferry sank on Christmas Day.", None, [("Christmas Day", "DATE", "XXXX-12-25")]),
    ("The Eastern bloc dissolved.", THU, []),
    # years and centuries in words
    ("In nineteen ninety-six the plant closed.", THU, [("nineteen ninety-six", "DATE", "1996")]),
    ("Prices peaked in January nineteen eighty-one.", None,
     [("January nineteen eighty-one", "DATE", "1981-01")]),
    ("Two thousand people marched.", THU, []),
    ("A tower from the 11th century still stands.", THU, [("the 11th century", "DATE", "10")]),
    # durations from an event of the story; fractions
    ("Three days later the bridge reopened.", THU, [("Three days", "DURATION", "P3D")]),
    ("A day earlier the bridge had closed.", THU, [("A day earlier", "DURATION", "P1D")]),
    ("The bridge closed two days ago.", THU, [("two days ago", "DATE", "2025-01-28")]),
    ("The camp stood for 2 1/2 years.", None, [("2 1/2 years", "DURATION", "P2Y6M")]),
    ("The talks lasted 5 1/2 hours.", None, [("5 1/2 hours", "DURATION", "PT5H30M")]),
    ("The strike will last two more weeks.", None, [("two more weeks", "DURATION", "P2W")]),
    ("The wait is at least 30 days.", None, [("at least 30 days", "DURATION", "P30D")]),
    ("Farms export three-quarters of their grain.", THU, []),
    # periods ahead, halves of a year
    ("Rates may fall in coming months.", THU, [("coming months", "DATE", "FUTURE_REF")]),
    ("Profit doubled in the first half of 2023.", None,
     [("the first half of 2023", "DATE", "2023-H1")]),
    ("Profit doubled in the second half.", THU, [("the second half", "DATE", "2024-H2")]),
    # the weekday of a possessive is past; "until" and "effective" point ahead
    ("Shares rose above Tuesday's close.", "2025-02-03", [("Tuesday", "DATE", "2025-01-28")]),
    ("The offer was extended until Tuesday.", THU, [("Tuesday", "DATE", "2025-02-04")]),
    # words that put a date ahead whatever the tense; clock time with a date
    ("The new tariff takes effect under a law effective June 1.", THU,
     [("June 1", "DATE", "2025-06-01")]),
    ("The offer was extended until 5 p.m. EST, Feb. 6.", THU,
     [("5 p.m. EST, Feb. 6", "TIME", "2025-02-06T17:00")]),
]


@pytest.mark.parametrize("text, published, expected", CASES)
def test_reference_table(nlp, text: str, published: str | None, expected: list[tuple]) -> None:
    article = Article(id="a", source="test", text=text, raw_text=text, content_hash="",
                      published=published)
    found = registry.get("time.rules.v1")()(article, nlp(text))
    assert [(t.text, t.type, t.value) for t in found] == expected
