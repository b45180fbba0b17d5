"""Short invented articles for the cluster tests (our own words; places and people made up)."""

from __future__ import annotations

from storyline.clean.fingerprint import article_id, content_hash
from storyline.models import Article

BRIDGE = (
    "The Varnel Bridge in Ostrava Bay partly collapsed on Tuesday night after a cargo barge struck "
    "one of its piers, the harbour police said. Two lorries fell into the water and rescue divers "
    "pulled both drivers out alive. Mayor Ilse Brandvik closed the crossing and ordered engineers to "
    "inspect the remaining spans before any traffic returns. The barge operator, Kestrel Marine, said "
    "its captain had reported a steering failure minutes before the impact."
)
BRIDGE_FOLLOWUP = (
    "Engineers inspecting the damaged Varnel Bridge found cracks in two more piers, Mayor Ilse Brandvik "
    "said on Thursday, and the crossing over Ostrava Bay will stay closed for months. Kestrel Marine, "
    "whose barge struck the bridge, said investigators had taken the steering unit of the barge for "
    "tests. Harbour police divers recovered the two lorries from the water."
)
BRIDGE_THIRD = (
    "Ferries will replace the collapsed Varnel Bridge crossing in Ostrava Bay from Monday, Mayor Ilse "
    "Brandvik announced, while engineers decide whether the damaged piers can be repaired after the "
    "barge collision. Kestrel Marine faces questions over the steering failure of its barge."
)
CHESS = (
    "Grandmaster Tomasz Wielgor won the Lindenau Chess Open on Sunday with a quiet draw in the final "
    "round, finishing half a point ahead of the defending champion Aiko Marlow. Wielgor, 19, lost only "
    "one game in the nine-round tournament and takes home the winner's trophy and a place in the "
    "national team."
)
CHESS_FOLLOWUP = (
    "Aiko Marlow said she was proud of her second place at the Lindenau Chess Open, where the teenage "
    "grandmaster Tomasz Wielgor took the title with a final-round draw. Marlow beat Wielgor in their "
    "game but lost to two lower-rated players in the tournament."
)
BAKERY = (
    "A family bakery on Quellen Street has baked its last loaf after ninety years, its owner Renata "
    "Solberg said, blaming the price of flour and electricity. Neighbours queued around the block on "
    "Saturday morning to buy the final batch of rye bread and cinnamon rolls."
)


def make_article(text: str, title: str | None = None, published: str | None = None,
                 wire: str | None = None, authors: list[str] | None = None) -> Article:
    digest = content_hash(text)
    extra = {"wire": wire} if wire else {}
    return Article(id=article_id(digest), source="test", text=text, raw_text=text, content_hash=digest,
                   title=title, published=published, authors=authors or [], extra=extra)
