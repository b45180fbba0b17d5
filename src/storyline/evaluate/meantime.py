"""Entities on MEANTIME English: mention detection and cross-document entity resolution.

Data: ``meantime_en/meantime_en_documents.jsonl`` (120 Wikinews articles; see its README).
A document's text is rebuilt from its tokens: each sentence is its tokens joined by one
space, sentences are joined by a newline, and every token keeps its character offsets, so a
gold mention (``tok_idx``, document-level token indexes) becomes a character span.

MEANTIME has no dev/test split; we use its topics: **dev = airbus + apple**, **test = gm +
stock** (60 documents each). Resolvers run over one split's documents at a time.

Scores
  * ``mentions``: exact-span detection of named mentions. Gold = ``syntactic_type`` NAM and
    PRE.NAM (named pre-modifiers such as "US" in "US airtanker contract", which the model
    tags too); predicted = model mentions whose label is an entity label. Type-agnostic
    P/R/F1 and typed F1 with gold PER/ORG/LOC kept and PRO/FIN/MIX as MISC, model labels
    mapped PERSON->PER, ORG->ORG, GPE/LOC/FAC->LOC, other entity labels->MISC.
  * ``clustering``: on the correctly detected named mentions that have a gold instance (the
    intersection of the gold and predicted span sets), each resolver's ``entity_id`` clusters
    are compared with the gold ``instance_id`` clusters: MUC, B-cubed, CEAF-e and CoNLL F1
    (the mean of the three F1s). All three are implemented here (no scipy in the env): CEAF-e
    uses an exact Hungarian assignment, run per connected component of the gold/response
    overlap graph, so it stays fast.
"""

from __future__ import annotations

import json
import time
from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language

from storyline import registry
from storyline.errors import InputError
from storyline.extract.entities import SpacyEntities
from storyline.models import ENTITY_LABELS, Article, Extraction
from storyline.resolve import aliases as _aliases  # noqa: F401  (registers entities.alias.v2)
from storyline.resolve import entities as _entities  # noqa: F401  (registers entities.exact.v1)

FILE = "meantime_en_documents.jsonl"
SPLITS = {"dev": ("airbus", "apple"), "test": ("gm", "stock"), "all": ("airbus", "apple", "gm", "stock")}
GOLD_SYNTACTIC = frozenset({"NAM", "PRE.NAM"})
GOLD_TYPES = {"PER": "PER", "ORG": "ORG", "LOC": "LOC"}  # PRO, FIN, MIX -> MISC
MODEL_TYPES = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}
BASELINE = "entities.exact.v1"

Key = tuple[str, int, int]  # doc_id, start, end


@dataclass
class GoldMention:
    start: int
    end: int
    text: str
    type: str  # PER/ORG/LOC/MISC
    instance: str | None


@dataclass
class Document:
    doc_id: str
    corpus: str
    text: str
    mentions: list[GoldMention] = field(default_factory=list)


def read_documents(data_dir: Path, corpora: Iterable[str] | None = None) -> list[Document]:
    path = Path(data_dir) / FILE
    if not path.is_file():
        raise InputError(str(path), "MEANTIME file not found; point --data-dir at meantime_en/")
    wanted = set(corpora) if corpora is not None else None
    documents = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        if wanted is not None and row["corpus"] not in wanted:
            continue
        documents.append(to_document(row))
    return documents


def to_document(row: dict) -> Document:
    """Rebuild the text from tokens and turn gold named mentions into character spans."""
    offsets: list[tuple[int, int]] = []
    parts: list[str] = []
    position = 0
    for index, sentence in enumerate(row["sentences"]):
        if index:
            parts.append("\n")
            position += 1
        for number, token in enumerate(sentence.split(" ")):
            if number:
                parts.append(" ")
                position += 1
            parts.append(token)
            offsets.append((position, position + len(token)))
            position += len(token)
    text = "".join(parts)
    document = Document(str(row["doc_id"]), row["corpus"], text)
    for mention in row.get("entity_mentions", []):
        if mention.get("syntactic_type") not in GOLD_SYNTACTIC or not mention.get("tok_idx"):
            continue
        first, last = min(mention["tok_idx"]), max(mention["tok_idx"])
        start, end = offsets[first][0], offsets[last][1]
        kind = GOLD_TYPES.get(mention.get("ent_type") or "", "MISC")
        document.mentions.append(GoldMention(start, end, text[start:end], kind, mention.get("instance_id")))
    return document


# -- coreference metrics -------------------------------------------------------------------
Clusters = list[set[Hashable]]


def clusters_from(assignment: dict[Hashable, Hashable]) -> Clusters:
    """{mention: cluster id} -> list of mention sets (sorted for determinism)."""
    groups: dict[Hashable, set] = defaultdict(set)
    for mention, cluster in assignment.items():
        groups[cluster].add(mention)
    return [groups[k] for k in sorted(groups, key=str)]


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def muc(gold: Clusters, response: Clusters) -> tuple[float, float, float]:
    """Vilain et al. (1995): links kept, counted per partition of each cluster."""

    def recall(key: Clusters, other: Clusters) -> float:
        where = {m: i for i, c in enumerate(other) for m in c}
        numerator = denominator = 0
        for cluster in key:
            parts = {where.get(m, ("alone", m)) for m in cluster}
            numerator += len(cluster) - len(parts)
            denominator += len(cluster) - 1
        return numerator / denominator if denominator else 0.0

    r, p = recall(gold, response), recall(response, gold)
    return p, r, _f1(p, r)


def b_cubed(gold: Clusters, response: Clusters) -> tuple[float, float, float]:
    """Bagga & Baldwin (1998), averaged over the mentions of each side."""

    def score(key: Clusters, other: Clusters) -> float:
        where = {m: c for c in other for m in c}
        total = count = 0.0
        for cluster in key:
            for m in cluster:
                count += 1
                total += len(cluster & where.get(m, {m})) / len(cluster)
        return total / count if count else 0.0

    r, p = score(gold, response), score(response, gold)
    return p, r, _f1(p, r)


def ceaf_e(gold: Clusters, response: Clusters) -> tuple[float, float, float]:
    """Luo (2005), entity-based: phi4 = 2|K&R| / (|K|+|R|), best one-to-one alignment."""
    if not gold or not response:
        return 0.0, 0.0, 0.0
    total = 0.0
    for g_ids, r_ids in _components(gold, response):
        sim = [[2 * len(gold[g] & response[r]) / (len(gold[g]) + len(response[r])) for r in r_ids]
               for g in g_ids]
        total += _max_assignment(sim)
    p, r = total / len(response), total / len(gold)
    return p, r, _f1(p, r)


def _components(gold: Clusters, response: Clusters) -> list[tuple[list[int], list[int]]]:
    """Connected components of the bipartite 'shares a mention' graph."""
    owner = {m: j for j, c in enumerate(response) for m in c}
    parent = list(range(len(gold) + len(response)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, cluster in enumerate(gold):
        for m in cluster:
            if m in owner:
                a, b = find(i), find(len(gold) + owner[m])
                if a != b:
                    parent[max(a, b)] = min(a, b)
    comps: dict[int, tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
    for i in range(len(gold)):
        comps[find(i)][0].append(i)
    for j in range(len(response)):
        comps[find(len(gold) + j)][1].append(j)
    return [c for c in comps.values() if c[0] and c[1]]


def _max_assignment(sim: list[list[float]]) -> float:
    """Hungarian algorithm (Kuhn-Munkres, O(n^2 m)): the best total similarity of a matching."""
    n, m = len(sim), len(sim[0])
    transpose = n > m
    if transpose:
        sim = [list(col) for col in zip(*sim)]
        n, m = m, n
    cost = [[-v for v in row] for row in sim]
    inf = float("inf")
    u, v = [0.0] * (n + 1), [0.0] * (m + 1)
    p, way = [0] * (m + 1), [0] * (m + 1)
    for i in range(1, n + 1):
        p[0] = i
        j0 = 0
        minv = [inf] * (m + 1)
        used = [False] * (m + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = p[j0], inf, 0
            for j in range(1, m + 1):
                if not used[j]:
                    current = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if current < minv[j]:
                        minv[j], way[j] = current, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(m + 1):
                if used[j]:
                    u[p[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while True:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
            if j0 == 0:
                break
    return sum(sim[p[j] - 1][j - 1] for j in range(1, m + 1) if p[j])


def coref_scores(gold: dict[Hashable, Hashable], response: dict[Hashable, Hashable]) -> dict:
    """MUC, B-cubed, CEAF-e and CoNLL F1 (x100) of two {mention: cluster} maps."""
    g, r = clusters_from(gold), clusters_from(response)
    scores = {"mentions": len(gold), "gold_entities": len(g), "predicted_entities": len(r)}
    for name, metric in (("muc", muc), ("b3", b_cubed), ("ceafe", ceaf_e)):
        p, rec, f = metric(g, r)
        scores.update({f"{name}_precision": round(p * 100, 2), f"{name}_recall": round(rec * 100, 2),
                       f"{name}_f1": round(f * 100, 2)})
    scores["conll_f1"] = round((scores["muc_f1"] + scores["b3_f1"] + scores["ceafe_f1"]) / 3, 2)
    return scores


# -- the benchmark ---------------------------------------------------------------------------
def extract(nlp: Language, documents: list[Document]) -> list[Extraction]:
    extractions = []
    docs = nlp.pipe((d.text for d in documents), batch_size=16)
    for document, doc in zip(documents, docs):
        article = Article(id=document.doc_id, source=f"meantime:{document.doc_id}", text=document.text,
                          raw_text=document.text, content_hash=document.doc_id)
        sentences = SpacyEntities.sentences(article.id, doc)
        mentions = SpacyEntities.mentions(article.id, doc, sentences)
        extractions.append(Extraction(article=article, sentences=sentences, mentions=mentions))
    return extractions


def _prf(hits: int, predicted: int, gold: int) -> dict:
    p = hits / predicted if predicted else 0.0
    r = hits / gold if gold else 0.0
    return {"precision": round(p * 100, 2), "recall": round(r * 100, 2), "f1": round(_f1(p, r) * 100, 2)}


def evaluate(
    nlp: Language,
    data_dir: Path,
    resolver: str = "entities.alias.v2",
    split: str = "dev",
    baseline: str | None = BASELINE,
    limit: int | None = None,
) -> dict:
    """Detection and cross-document resolution scores on one split; ``baseline`` alongside."""
    began = time.perf_counter()
    documents = read_documents(Path(data_dir), SPLITS[split])[:limit]
    extractions = extract(nlp, documents)

    gold_spans: dict[Key, GoldMention] = {}
    for document in documents:
        for mention in document.mentions:
            gold_spans.setdefault((document.doc_id, mention.start, mention.end), mention)
    predicted: dict[Key, str] = {}
    for extraction in extractions:
        for mention in extraction.mentions:
            if mention.label in ENTITY_LABELS:
                predicted.setdefault((extraction.article.id,
                                      mention.start, mention.end), mention.label)
    hits = set(predicted) & set(gold_spans)
    typed_hits = {k for k in hits if MODEL_TYPES.get(predicted[k], "MISC") == gold_spans[k].type}
    by_type = {}
    for kind in ("PER", "ORG", "LOC", "MISC"):
        g = sum(1 for m in gold_spans.values() if m.type == kind)
        p = sum(1 for label in predicted.values() if MODEL_TYPES.get(label, "MISC") == kind)
        t = sum(1 for k in typed_hits if gold_spans[k].type == kind)
        by_type[kind] = _prf(t, p, g)["f1"]
    mention_scores = {"gold": len(gold_spans), "predicted": len(predicted), "correct": len(hits),
                      **_prf(len(hits), len(predicted), len(gold_spans)),
                      "typed_f1": _prf(len(typed_hits), len(predicted), len(gold_spans))["f1"],
                      "typed_by_type": by_type}

    gold_clusters = {k: gold_spans[k].instance for k in hits if gold_spans[k].instance}
    clustering = {}
    timings = {}
    for name in [resolver] + ([baseline] if baseline and baseline != resolver else []):
        for extraction in extractions:
            for mention in extraction.mentions:
                mention.entity_id = None
        start = time.perf_counter()
        registry.get(name)()(extractions)
        timings[name] = round(time.perf_counter() - start, 3)
        ids: dict[Key, str] = {}
        for extraction in extractions:
            for mention in extraction.mentions:
                key = (extraction.article.id, mention.start, mention.end)
                if key in gold_clusters and mention.entity_id is not None:
                    ids.setdefault(key, mention.entity_id)
        # a gold mention the resolver left out is its own singleton entity
        response = {k: ids.get(k, ("unresolved", k)) for k in gold_clusters}
        clustering[name] = {**coref_scores(gold_clusters, response), "seconds": timings[name]}

    main = clustering[resolver]
    return {
        "benchmark": "meantime_en", "split": split, "corpora": list(SPLITS[split]),
        "documents": len(documents), "resolver": resolver, "baseline": baseline,
        "mention_f1": mention_scores["f1"], "mention_typed_f1": mention_scores["typed_f1"],
        "conll_f1": main["conll_f1"], "b3_f1": main["b3_f1"],
        "b3_precision": main["b3_precision"], "b3_recall": main["b3_recall"],
        "mentions": mention_scores, "clustering": clustering,
        "seconds": round(time.perf_counter() - began, 2),
    }


__all__ = ["b_cubed", "ceaf_e", "coref_scores", "evaluate", "muc", "read_documents", "to_document"]
