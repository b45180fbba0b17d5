"""SemEval-2015 Task 4 (TimeLine, Track A): per-entity timelines from raw text, scored.

Data: ``semeval2015_task4_timeline/{trial,test/corpus_N}/`` (see its README). Track A input is
tokenized TimeML: ``<s id>`` sentences of space-separated tokens and a ``<DCT>``. A document's
text is its sentences joined by newlines, so each character maps back to (sentence, token);
an event mention is ``docid-sentence-word`` as in the gold files.

Pipeline: entities, time, roles and ``events.rules.v1`` per document. The task's events are
wider than PLOVER (any verb the entity takes part in: "sold", "said", "received"), so with
``broad=True`` (the default) every other verb gets an occurrence event too (type
``OCCURRENCE``, its lemma as mode), with actors, date and modality from the same patterns. An
event belongs to a target entity when one of its actors names it; ``merge_events`` makes the
timeline's lines (mentions of one event); lines are ordered by date (undated ones get ordinal 0).

Scoring follows the task's method: each timeline becomes temporal relations (mentions on one
line, or on lines with the same ordinal, are SIMULTANEOUS; consecutive ordinals are BEFORE;
a mention IS_INCLUDED in its line's anchor date when the date is not fully unknown), and
temporal awareness (UzZaman & Allen) is computed: precision = system relations implied by
the gold timeline's closure over the system relations, recall the other way round,
micro-averaged over target entities. A timeline is a total preorder, so its closure is read
off the ordinals directly. This is our reimplementation, not the official scorer: numbers
are close to, not identical with, the published ones.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from storyline.errors import InputError
from storyline.extract.entities import SpacyEntities
from storyline.extract.events import RuleEvents
from storyline.resolve.events import merge_events
from storyline.extract.events.lexicon import Trigger
from storyline.extract.events.patterns import ActorFinder
from storyline.extract.roles import RuleRoles
from storyline.extract.time import RuleTimex
from storyline.models import Article, Event

Relation = tuple[str, str, str]  # (relation, a, b)


@dataclass
class Document:
    id: str
    published: str | None
    text: str
    # per character offset of each token start: (sentence id, token word)
    starts: list[int] = field(default_factory=list)
    tokens: list[tuple[str, str]] = field(default_factory=list)

    def mention_id(self, offset: int) -> str | None:
        index = bisect_right(self.starts, offset) - 1
        if index < 0:
            return None
        sentence, word = self.tokens[index]
        return f"{self.id}-{sentence}-{word}"


@dataclass
class Timeline:
    """Lines of one entity: (ordinal, anchor date, mention ids)."""

    lines: list[tuple[int, str, list[str]]] = field(default_factory=list)


def read_document(path: Path) -> Document:
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as error:
        raise InputError(str(path), f"not a readable TimeML file: {error}") from None
    dct = root.find("DCT/TIMEX3")
    document = Document(root.findtext("DOCID", path.stem).strip(),
                        None if dct is None else dct.get("value"), "")
    parts, offset = [], 0
    for sentence in root.iter("s"):
        words = "".join(sentence.itertext()).split()
        for word in words:
            document.starts.append(offset)
            document.tokens.append((sentence.get("id", "0"), word))
            offset += len(word) + 1
        parts.append(" ".join(words))
        offset += 0 if words else 1
    document.text = "\n".join(parts)
    return document


def read_timeline(path: Path) -> Timeline:
    timeline = Timeline()
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        cells = line.strip().split("\t")
        if len(cells) >= 3 and cells[0].isdigit():
            timeline.lines.append((int(cells[0]), cells[1], cells[2:]))
    return timeline


def _targets(folder: Path) -> dict[str, str]:
    """Target entity name -> gold timeline file (the file is named after the entity)."""
    gold = {p.stem: p for p in (folder / "TimeLines_Gold_Standard").glob("*.txt")}
    names = {}
    for stem, path in gold.items():
        first = path.read_text(encoding="utf-8").splitlines()[:1]
        names[first[0].strip() if first else stem.replace("_", " ")] = stem
    return names


# -- system timelines ------------------------------------------------------------------------
def names_entity(actor_text: str, target: str) -> bool:
    """An actor names a target when it contains the target's name, or is its last word(s)
    ("Gallois" for "Louis Gallois") and not just a shorter product or company name."""
    actor, wanted = actor_text.casefold().strip(), target.casefold()
    if wanted in actor:
        return True
    return len(actor) > 3 and " " in wanted and wanted.endswith(" " + actor.removeprefix("the "))


def document_events(document: Document, nlp, broad: bool = True) -> list[Event]:
    """PLOVER events of one document, plus (``broad``) an occurrence event for every other verb."""
    article = Article(document.id, "<semeval>", document.text, document.text, document.id,
                      published=document.published)
    doc = nlp(document.text)
    sentences, mentions = SpacyEntities()(article, doc)
    timexes = RuleTimex()(article, doc, sentences)
    _, references = RuleRoles()(article, doc, sentences, mentions)
    mentions = sorted(mentions + references, key=lambda m: (m.start, m.end))
    events = RuleEvents()(article, doc, sentences, mentions, timexes)
    if broad:
        taken = {e.start for e in events}
        finder, starts = ActorFinder(doc, mentions), [s.start for s in sentences]
        for token in doc:
            if token.pos_ == "VERB" and token.idx not in taken:
                entry = Trigger("OCCURRENCE", token.lemma_.lower(), strength=0.4)
                events.append(RuleEvents.event(article, token, entry, finder, mentions,
                                               timexes, starts))
    return events


def system_timelines(documents: list[Document], targets: list[str], nlp,
                     broad: bool = True, dct_fallback: bool = True) -> dict[str, Timeline]:
    by_doc: dict[str, Document] = {d.id: d for d in documents}
    events: list[Event] = []
    for document in documents:
        events += document_events(document, nlp, broad)
    timelines = {}
    for target in targets:
        mine = [e for e in events if any(names_entity(a.text, target) for a in e.actors)]
        entity_of = _entity_table(mine, target)
        merged = merge_events(mine, entity_of, {d.id: d.published for d in documents})
        timelines[target] = _order(merged, by_doc, dct_fallback)
    return timelines


def _entity_table(events: list[Event], target: str):
    table = {(e.article_id, a.start): (target if names_entity(a.text, target) else a.text.casefold())
             for e in events for a in e.actors}
    return lambda article, start: table.get((article, start))


def _order(events: list[Event], documents: dict[str, Document], dct_fallback: bool) -> Timeline:
    lines: dict[str, list[Event]] = defaultdict(list)
    for event in events:
        lines[event.id].append(event)
    fallback = documents if dct_fallback else None
    anchors = {key: _anchor(group, fallback) for key, group in lines.items()}
    dated = sorted({a for a in anchors.values() if not a.startswith("XXXX")})
    timeline = Timeline()
    for key, group in sorted(lines.items(), key=lambda kv: anchors[kv[0]]):
        anchor = anchors[key]
        ordinal = dated.index(anchor) + 1 if anchor in dated else 0
        mentions = [documents[e.article_id].mention_id(e.start) for e in group]
        timeline.lines.append((ordinal, anchor, [m for m in mentions if m]))
    return timeline


def _anchor(group: list[Event], documents: dict[str, Document] | None = None) -> str:
    """The most precise date of a line, padded to the task's YYYY-MM-DD with X. With
    ``documents``, an undated line that happened takes its article's date (the task anchors
    reported events near the DCT)."""
    dates = sorted((e.date.split("T")[0] for e in group if e.date and re.match(r"\d{4}", e.date)),
                   key=len, reverse=True)
    if not dates and documents is not None and group[0].modality == "happened":
        published = documents[group[0].article_id].published
        dates = [published] if published else []
    if not dates or not re.fullmatch(r"\d{4}(?:-\d{2}){0,2}", dates[0]):
        return "XXXX-XX-XX"
    parts = dates[0].split("-") + ["XX", "XX"]
    return "-".join(parts[:3])


# -- scoring ----------------------------------------------------------------------------------
def relations(timeline: Timeline) -> set[Relation]:
    """The timeline's relations before closure (see the module docstring)."""
    found: set[Relation] = set()
    ordered = sorted((line for line in timeline.lines if line[0] > 0), key=lambda line: line[0])
    by_ordinal: dict[int, list[str]] = defaultdict(list)
    for ordinal, _, mentions in ordered:
        by_ordinal[ordinal] += mentions
    ordinals = sorted(by_ordinal)
    for ordinal, _, mentions in timeline.lines:
        group = by_ordinal[ordinal] if ordinal > 0 else mentions
        found |= {("SIMULTANEOUS", *sorted((a, b))) for a in group for b in group if a < b}
    for before, after in zip(ordinals, ordinals[1:]):
        found |= {("BEFORE", a, b) for a in by_ordinal[before] for b in by_ordinal[after]}
    for _, anchor, mentions in timeline.lines:
        if anchor != "XXXX-XX-XX":
            found |= {("IS_INCLUDED", m, anchor) for m in mentions}
    return found


def implied(timeline: Timeline, relation: Relation) -> bool:
    """Whether ``relation`` is in the closure of the timeline's relations."""
    kind, a, b = relation
    place = {m: (ordinal, anchor, i) for i, (ordinal, anchor, ms) in enumerate(timeline.lines)
             for m in ms}
    if a not in place:
        return False
    if kind == "IS_INCLUDED":
        return place[a][1] == b
    if b not in place:
        return False
    (ord_a, _, line_a), (ord_b, _, line_b) = place[a], place[b]
    if kind == "SIMULTANEOUS":
        return line_a == line_b or ord_a == ord_b > 0
    return 0 < ord_a < ord_b


def temporal_awareness(gold: dict[str, Timeline], system: dict[str, Timeline]) -> dict[str, float]:
    """Micro-averaged temporal-awareness precision, recall and F1 over the target entities."""
    hits_p = total_p = hits_r = total_r = 0
    for target, gold_timeline in gold.items():
        system_timeline = system.get(target, Timeline())
        predicted, wanted = relations(system_timeline), relations(gold_timeline)
        hits_p += sum(implied(gold_timeline, r) for r in predicted)
        hits_r += sum(implied(system_timeline, r) for r in wanted)
        total_p, total_r = total_p + len(predicted), total_r + len(wanted)
    precision = hits_p / total_p if total_p else 0.0
    recall = hits_r / total_r if total_r else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": 100 * precision, "recall": 100 * recall, "f1": 100 * f1}


def mention_scores(gold: dict[str, Timeline], system: dict[str, Timeline]) -> dict[str, float]:
    """In-house: event mentions placed in the right entity's timeline (P/R/F1)."""
    def pairs(timelines: dict[str, Timeline]) -> set[tuple[str, str]]:
        return {(t, m) for t, tl in timelines.items() for _, _, ms in tl.lines for m in ms}

    got, want = pairs(system), pairs(gold)
    hits = len(got & want)
    precision = hits / len(got) if got else 0.0
    recall = hits / len(want) if want else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": 100 * precision, "recall": 100 * recall, "f1": 100 * f1}


SPLITS = {"dev": ["trial"], "test": ["test/corpus_1", "test/corpus_2", "test/corpus_3"]}


def evaluate_split(nlp, data_dir: Path | str, split: str = "dev") -> dict:
    """``evaluate`` on a named split: dev = the trial corpus (tune here), test = the three
    evaluation corpora (report here)."""
    if split not in SPLITS:
        raise InputError(split, f"unknown split; use one of {', '.join(SPLITS)}")
    return {"split": split, **evaluate(nlp, data_dir, SPLITS[split])}


def evaluate(nlp, data_dir: Path | str, corpora: list[str] | None = None,
             broad: bool = True, dct_fallback: bool = True) -> dict:
    """Scores per corpus folder (default: the three test corpora) and micro over all of them."""
    data_dir = Path(data_dir)
    folders = [data_dir / c for c in (corpora or SPLITS["test"])]
    missing = [str(f) for f in folders if not (f / "corpus_trackA_TimeML").is_dir()]
    if missing:
        raise InputError(", ".join(missing), "no corpus_trackA_TimeML folder here")
    all_gold, all_system, result = {}, {}, {}
    for folder in folders:
        names = _targets(folder)
        gold = {n: read_timeline(folder / "TimeLines_Gold_Standard" / f"{stem}.txt")
                for n, stem in names.items()}
        documents = [read_document(p) for p in sorted((folder / "corpus_trackA_TimeML").glob("*.tml"))]
        system = system_timelines(documents, sorted(names), nlp, broad, dct_fallback)
        result[folder.name] = {"temporal_awareness": temporal_awareness(gold, system),
                               "mentions": mention_scores(gold, system)}
        all_gold |= {(folder.name, n): t for n, t in gold.items()}
        all_system |= {(folder.name, n): t for n, t in system.items()}
    result["micro"] = {"temporal_awareness": temporal_awareness(all_gold, all_system),
                       "mentions": mention_scores(all_gold, all_system)}
    return result
