"""SemEval-2015 Task 4 (TimeLine, Track A): per-entity timelines from raw text, scored.

Data: ``semeval2015_task4_timeline/{trial,test/corpus_N}/`` (see its README). Track A input is
tokenized TimeML: ``<s id>`` sentences of space-separated tokens and a ``<DCT>``. A document's
text is its sentences written as running text again ("May 6, 2031", not "May 6 , 2031": the
parser and the date rules read text best) and joined by newlines; each token's offset is kept,
so each character maps back to (sentence, token); an event mention is ``docid-sentence-word``
as in the gold files.

System side: ``semeval2015_system`` (targets named in the text, every verb and eventive noun
they take part in, anchored to the timex of its clause or to the report's day). Mentions of the
same word on the same anchor share a line; lines are ordered by anchor (undated: ordinal 0).
Target names come from the corpus's target list (a gold file's first line may misspell one).

Scoring is the task's temporal awareness over reduced graphs, reimplemented in
``semeval2015_score`` (read its docstring: ordinal-0 lines do not count, each event is
SIMULTANEOUS with its anchor, consecutive events BEFORE or SIMULTANEOUS, implied relations
dropped before counting). ``mentions`` is an in-house extra: event mentions placed in the
right entity's timeline, whatever their ordinal.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from storyline.errors import InputError
from storyline.evaluate import semeval2015_score as score
from storyline.evaluate.semeval2015_system import Mention as SystemMention
from storyline.evaluate.semeval2015_system import TargetMatcher, corpus_kinds, document_mentions


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

    def span_id(self, start: int, end: int) -> str | None:
        """The id of a mention over several tokens: its words joined by "_" ("rolled_out")."""
        first = bisect_right(self.starts, start) - 1
        if first < 0:
            return None
        last = max(bisect_right(self.starts, end - 1) - 1, first)
        sentence = self.tokens[first][0]
        words = [w for s, w in self.tokens[first:last + 1] if s == sentence]
        return f"{self.id}-{sentence}-{'_'.join(words)}"


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
        text = ""
        for word, gap in zip(words, spacing(words)):
            text += gap
            document.starts.append(offset + len(text))
            document.tokens.append((sentence.get("id", "0"), word))
            text += word
        parts.append(text)
        offset += len(text) + 1
    document.text = "\n".join(parts)
    return document


_NO_SPACE_BEFORE = frozenset(", . ; : ! ? ) ] } % 's 're 've 'll 'd 'm n't".split())
_NO_SPACE_AFTER = frozenset("( [ { $".split())
_QUOTE_MARKS = frozenset({'"'})


def spacing(words: list[str]) -> list[str]:
    """The space before each token when the sentence is written as text again ("April 28,
    2003", not "April 28 , 2003"): parsers and date rules read running text best."""
    gaps, open_quote = [], False
    for n, word in enumerate(words):
        before = words[n - 1] if n else None
        glued = (n == 0 or word.lower() in _NO_SPACE_BEFORE or before in _NO_SPACE_AFTER
                 or (before in _QUOTE_MARKS and open_quote)
                 or (word in _QUOTE_MARKS and open_quote))
        if word in _QUOTE_MARKS:
            open_quote = not open_quote
        gaps.append("" if glued else " ")
    return gaps


def read_timeline(path: Path) -> Timeline:
    timeline = Timeline()
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        cells = line.strip().split("\t")
        if len(cells) >= 3 and cells[0].isdigit():
            timeline.lines.append((int(cells[0]), pad_anchor(cells[1]), cells[2:]))
    return timeline


def _targets(folder: Path) -> dict[str, str]:
    """Target entity name -> gold timeline file stem. Names come from the corpus's target list
    when it has one (a gold file's first line may misspell it), else from each gold file."""
    gold = {p.stem: p for p in (folder / "TimeLines_Gold_Standard").glob("*.txt")}
    listed = [line.strip() for path in folder.glob("list_target_entities*.txt")
              for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    names = {}
    for stem, path in gold.items():
        first = path.read_text(encoding="utf-8").splitlines()[:1]
        name = first[0].strip() if first else stem.replace("_", " ")
        spelled = [n for n in listed if _stem(n) == stem or n.casefold() == name.casefold()]
        names.setdefault(spelled[0] if spelled else name, stem)
    return names


def _stem(name: str) -> str:
    return re.sub(r"\s+", "_", name.strip().casefold())


# -- system timelines ------------------------------------------------------------------------
def system_timelines(documents: list[Document], targets: list[str], nlp) -> dict[str, Timeline]:
    """One timeline per target (see ``semeval2015_system``): mentions of the same word on the
    same anchor form one line; lines are ordered by anchor, undated ones get ordinal 0."""
    matcher = TargetMatcher(targets, nlp)
    docs = [nlp(document.text) for document in documents]
    kinds = corpus_kinds(docs, matcher)
    by_target: dict[str, list[SystemMention]] = defaultdict(list)
    for document, doc in zip(documents, docs):
        for target, mentions in document_mentions(document, matcher, doc, kinds).items():
            by_target[target] += mentions
    by_doc = {d.id: d for d in documents}
    return {t: _order(by_target.get(t, []), by_doc) for t in targets}


def _order(mentions: list[SystemMention], documents: dict[str, Document]) -> Timeline:
    lines: dict[tuple, list[str]] = defaultdict(list)
    anchors = refined_anchors(mentions)
    for mention, anchor in zip(mentions, anchors):
        key = (anchor, mention.lemma) if not anchor.startswith("XXXX") else (anchor, id(mention))
        document = documents[mention.document]
        mention_id = document.span_id(mention.start, mention.end)
        if mention_id and mention.particle is not None:
            mention_id += "_" + document.mention_id(mention.particle).split("-", 2)[2]
        if mention_id and mention_id not in lines[key]:
            lines[key].append(mention_id)
    dated = sorted({k[0] for k in lines if not k[0].startswith("XXXX")}, key=_coarse_first)
    timeline = Timeline()
    for (anchor, _), ids in sorted(lines.items(), key=lambda kv: _coarse_first(kv[0][0])):
        ordinal = dated.index(anchor) + 1 if anchor in dated else 0
        timeline.lines.append((ordinal, anchor, ids))
    return timeline


def refined_anchors(mentions: list[SystemMention]) -> list[str]:
    """Each mention's padded anchor; a coarse one ("2031-XX-XX") takes the finer date another
    mention of the same word has within it ("2031-05-06"), when the finer dates agree: reports of one event give it one date, the most precise any of them knows."""
    padded = [pad_anchor(m.anchor) for m in mentions]
    finer: dict[tuple[str, str], set[str]] = defaultdict(set)
    for mention, anchor in zip(mentions, padded):
        for coarse in _coarser(anchor):
            finer[(mention.lemma, coarse)].add(anchor)
    refined = []
    for mention, anchor in zip(mentions, padded):
        options = finer.get((mention.lemma, anchor), set())
        finest = max(options, key=_coarse_first, default=anchor)
        agree = all(o == finest or o in _coarser(finest) for o in options)
        refined.append(finest if agree else anchor)
    return refined


def _coarser(anchor: str) -> list[str]:
    """The coarser anchors that hold this one: "2031-05-06" -> 2031-05-XX, 2031-XX-XX."""
    year, month, day = anchor.split("-")
    if year.startswith("X"):
        return []
    return ([f"{year}-{month}-XX"] if day != "XX" else []) + ([f"{year}-XX-XX"] if month != "XX" else [])


def _coarse_first(anchor: str) -> str:
    """Sort key: "2006-03-XX" before "2006-03-28" (a month holds its days), unknown last."""
    return "9999" if anchor.startswith("XXXX") else anchor.replace("X", "0")


def pad_anchor(value: str | None) -> str:
    """A TIMEX3 value as the task's anchor: YYYY-MM-DD with X for what is unknown."""
    day = (value or "").split("T")[0]
    if re.fullmatch(r"\d{4}(?:-\d{2}){0,2}", day):
        return "-".join((day.split("-") + ["XX", "XX"])[:3])
    return f"{day[:4]}-XX-XX" if re.match(r"\d{4}", day) else "XXXX-XX-XX"


# -- scoring ----------------------------------------------------------------------------------
def temporal_awareness(gold: dict[str, Timeline], system: dict[str, Timeline]) -> dict[str, float]:
    """Micro temporal awareness over the target entities (see ``semeval2015_score``)."""
    return score.temporal_awareness([(timeline.lines, system.get(target, Timeline()).lines)
                                     for target, timeline in gold.items()])


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


def evaluate(nlp, data_dir: Path | str, corpora: list[str] | None = None) -> dict:
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
        system = system_timelines(documents, sorted(names), nlp)
        result[folder.name] = {"temporal_awareness": temporal_awareness(gold, system),
                               "mentions": mention_scores(gold, system)}
        all_gold |= {(folder.name, n): t for n, t in gold.items()}
        all_system |= {(folder.name, n): t for n, t in system.items()}
    result["micro"] = {"temporal_awareness": temporal_awareness(all_gold, all_system),
                       "mentions": mention_scores(all_gold, all_system)}
    return result
