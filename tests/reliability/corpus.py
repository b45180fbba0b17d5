"""A generated corpus of short invented news articles (our own words; people and places made up).

``write_corpus(folder, count, seed)`` writes ``count`` distinct .txt articles and a manifest, the
same files for the same seed, so a crash-test run and its clean reference read the same input.
Each article has names, a dated event, a figure with what it counts and a direct quote, so every
kind of fact the pipeline stores is exercised.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

PEOPLE = ["Ilse Brandvik", "Tomasz Wielgor", "Renata Solberg", "Aiko Marlow", "Oren Kastell",
          "Mirela Dunhoff", "Bastian Quill", "Ngozi Arendt", "Pavel Sorensky", "Lucia Ferrand"]
TITLES = ["Mayor", "Governor", "Minister", "Chairwoman", "Director"]
ORGS = ["Kestrel Marine", "the Ostrava Port Authority", "Lindenau Rail", "Varnel Energy",
        "the Quellen Water Board", "Harbour Union", "Brisk Freight"]
PLACES = ["Ostrava Bay", "Lindenau", "Quellen", "Varnel", "Port Amsel", "Dorrin Valley"]
OUTLETS = ["Harbor Ledger", "Valley Courier", "Morning Signal", "Coastline Report"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
TOPICS = ["flood barrier", "ferry service", "rail link", "power plant", "water tunnel", "port crane"]


def article_text(rng: random.Random, number: int) -> str:
    person, other = rng.sample(PEOPLE, 2)
    org = rng.choice(ORGS)
    place = rng.choice(PLACES)
    topic = rng.choice(TOPICS)
    day = rng.choice(WEEKDAYS)
    figure = rng.randint(3, 900)
    title = rng.choice(TITLES)
    return "\n\n".join([
        f"{org} halts {topic} work in {place} (report {number})",
        f"{title} {person} met {other} in {place} on {day} to discuss the {topic}, "
        f"officials said. {org} said {figure} workers had been sent home.",
        f'"We will not reopen the {topic} until it is safe," {person} said. '
        f"{other} told reporters the repairs would cost {figure * 10} million euros.",
        f"The two sides signed an agreement on {day} evening, and {org} promised "
        f"a full report within {rng.randint(2, 12)} weeks.",
    ])


def write_corpus(folder: Path, count: int, seed: int = 7) -> Path:
    """Write ``count`` articles and ``manifest.jsonl`` into ``folder``; returns the manifest."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    lines = []
    for number in range(1, count + 1):
        name = f"{number:04d}.txt"
        (folder / name).write_text(article_text(rng, number), encoding="utf-8")
        published = f"2023-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        lines.append(json.dumps({"path": name, "published": published,
                                 "outlet": rng.choice(OUTLETS)}))
    manifest = folder / "manifest.jsonl"
    manifest.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return manifest
