"""Per-article cost of story clustering and copy detection at 10k and 100k corpus size.

    python benchmarks/cluster_scaling.py [--sizes 10000 100000] [--batch 300] [--data ../shared/data]

For each corpus size, the state is pre-filled cheaply (no text processing): synthetic articles
are term vectors drawn from the vocabulary of real texts plus made-up names, folded straight
into clusters through the same ``ClusterIndex.absorb`` the clusterer uses, with their document
frequencies counted; the copy index gets random MinHash signatures. Then a batch of real-text
articles (MEANTIME texts when ../shared/data is there, else the demo corpus; each perturbed so
no two are alike) is added through the public ``add``: that part is timed (CPU time), and
the peak memory of adding a further third of a batch is measured with tracemalloc. Prints the
per-article cost at each size and the ratio of the largest to the smallest. Target: ratio <= 1.2
(cost flat in the corpus size).
Not run in CI; takes a few minutes on two cores.
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import time
import tracemalloc
from pathlib import Path

import numpy as np
from datasketch import MinHash

from storyline.clean.fingerprint import article_id, content_hash
from storyline.cluster.copies import _SCHEME, CopyDetector, Signed
from storyline.cluster.features import term_counts, weigh
from storyline.cluster.index import Cluster
from storyline.cluster.local import LocalTerms
from storyline.cluster.stories import Assignment, StoryClusterer
from storyline.cluster.stories_v3 import RegroupingStoryClusterer
from storyline.demo import __file__ as demo_init
from storyline.models import Article

NAMES = ("Arden", "Belmar", "Corvin", "Dallow", "Eskar", "Fennick", "Galvo", "Harlan", "Ivers", "Jorund")


def source_texts(data_dir: Path) -> list[str]:
    meantime = data_dir / "meantime_en" / "meantime_en_documents.jsonl"
    if meantime.is_file():
        rows = [json.loads(line) for line in meantime.read_text(encoding="utf-8").splitlines() if line]
        return ["\n".join(row["sentences"]) for row in rows]
    folder = Path(demo_init).parent / "articles"
    return [path.read_text(encoding="utf-8") for path in sorted(folder.iterdir())]


def perturbed(text: str, rng: random.Random, number: int) -> Article:
    """A new article: sentences shuffled, a few dropped, a made-up name and date added."""
    sentences = [s for s in text.replace("\n", " ").split(". ") if s]
    rng.shuffle(sentences)
    kept = sentences[: max(3, int(len(sentences) * rng.uniform(0.6, 1.0)))]
    name = f"{rng.choice(NAMES)} {rng.choice(NAMES)}son"
    body = ". ".join(kept) + f". {name} commented on item {number}."
    digest = content_hash(body)
    day = f"20{rng.randint(10, 24)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    return Article(id=article_id(digest), source=f"bench#{number}", text=body, raw_text=body,
                   content_hash=digest, published=day)


def prefill_stories(clusterer: StoryClusterer, vocabulary: list[str], size: int, rng: random.Random) -> None:
    """``size`` synthetic articles in clusters of about eight, without any text processing."""
    weights = clusterer.settings.weights
    for number in range(size):
        terms = rng.sample(vocabulary, 60) + [f"e:synthetic{rng.randrange(size)}" for _ in range(5)]
        counts = {term: rng.randint(1, 4) for term in terms}
        clusterer.frequencies.add(set(counts))
        vector = weigh(counts, clusterer.frequencies, weights)  # type: ignore[arg-type]
        fake_id = f"{number:016x}"
        clusterer.sequence += 1
        for level in ("storyline", "event"):
            index = clusterer.levels[level]
            cluster_id = f"{level}-{number // 8 * 8:016x}"
            if cluster_id not in index.clusters:
                index.clusters[cluster_id] = Cluster(cluster_id, fake_id, created=clusterer.sequence,
                                                     parent=f"storyline-{number // 8 * 8:016x}" if level == "event" else None)
            index.clusters[cluster_id].members.append(fake_id)
            if level == "storyline" or not isinstance(clusterer, RegroupingStoryClusterer):
                index.absorb(cluster_id, vector, clusterer.sequence)  # v3's events have no centroid
        event, storyline = f"event-{number // 8 * 8:016x}", f"storyline-{number // 8 * 8:016x}"
        clusterer.local.setdefault(storyline, LocalTerms()).add(vector.keys(), clusterer.settings.local)
        clusterer.assignments[fake_id] = Assignment(fake_id, event, storyline, False, False, 1.0)
        if isinstance(clusterer, RegroupingStoryClusterer):  # v3: its article index and word table
            words = {term: float(count) for term, count in sorted(counts.items()) if term.startswith("w:")}
            clusterer.word_frequencies.add(set(words))
            clusterer.articles.add(fake_id, None, None, words, clusterer.regroup)


def prefill_copies(detector: CopyDetector, size: int, rng: np.random.Generator) -> None:
    permutations = detector.settings.permutations
    for number in range(size):
        values = rng.integers(0, 2**32 - 1, size=permutations, dtype=np.uint64)
        minhash = MinHash(num_perm=permutations, seed=detector.settings.seed, hashvalues=values, scheme=_SCHEME)
        detector._remember(Signed(f"{number:016x}", minhash, None, 1000, None))


def timed(add, batch: list[Article], memory_batch: list[Article]) -> tuple[float, float]:
    """(CPU milliseconds per article, peak MiB) of adding articles one at a time.

    CPU time, not wall time: the machine is shared, and waiting for a core is no cost of ours.
    The peak memory comes from a second batch, as tracemalloc slows what it traces.
    """
    started = time.process_time()
    for article in batch:
        add(article)
    elapsed = time.process_time() - started
    tracemalloc.start()
    for article in memory_batch:
        add(article)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return elapsed / len(batch) * 1000, peak / 2**20


def measure(size: int, texts: list[str], batch_size: int, seed: int,
            freeze: bool = False) -> dict[str, tuple[float, float]]:
    rng = random.Random(seed)
    vocabulary = sorted({term for text in texts for term in term_counts(perturbed(text, rng, 0))})
    clusterer, detector = RegroupingStoryClusterer(), CopyDetector()  # the default (v3)
    started = time.perf_counter()
    prefill_stories(clusterer, vocabulary, size, rng)
    prefill_copies(detector, size, np.random.default_rng(seed))
    if freeze:  # the pre-filled objects leave the collector's scans (they are long-lived)
        gc.collect()
        gc.freeze()
    print(f"  pre-filled {size} articles in {time.perf_counter() - started:.0f}s", flush=True)
    # the same articles at every size (their own generator), so only the corpus size differs
    batch_rng = random.Random(seed + 1)
    added = [perturbed(batch_rng.choice(texts), batch_rng, 10**9 + i) for i in range(batch_size * 4 // 3)]
    batch, memory_batch = added[:batch_size], added[batch_size:]
    return {"stories": timed(clusterer.add, batch, memory_batch),
            "copies": timed(detector.add, batch, memory_batch)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--batch", type=int, default=300)
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared" / "data")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--gc-freeze", action="store_true",
                        help="gc.freeze() after pre-filling: Python's collector then skips the pre-filled state.")
    args = parser.parse_args()
    texts = source_texts(args.data)
    results = {}
    for size in args.sizes:
        print(f"corpus size {size}:", flush=True)
        results[size] = measure(size, texts, args.batch, args.seed, args.gc_freeze)
        for part, (ms, mib) in results[size].items():
            print(f"  {part:8s} {ms:7.2f} CPU ms/article   peak {mib:6.1f} MiB while adding {args.batch // 3}")
    smallest, largest = min(args.sizes), max(args.sizes)
    for part in ("stories", "copies"):
        ratio = results[largest][part][0] / results[smallest][part][0]
        print(f"{part}: per-article cost at {largest} / at {smallest} = {ratio:.2f}x (target <= 1.2x)")


if __name__ == "__main__":
    main()
