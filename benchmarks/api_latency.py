"""API latency under load: p50/p95 of timeline and search, 20 concurrent clients.

    python benchmarks/api_latency.py [--articles 20000] [--clients 20] [--requests 2000]
                                     [--db PATH] [--keep]

1. Builds a store of ``--articles`` articles quickly: the bundled demo corpus is ingested once
   (the only NLP run), then perturbed copies of its stored extractions (new ids, hashes and
   texts; dates and event ids shifted per copy) go straight through ``store.save_batch``.
   With ``--db`` an existing file of at least that size is reused.
2. Starts ``storyline serve`` (uvicorn) in a subprocess on a free port.
3. Runs ``--clients`` threads, each with its own httpx client, over a fixed, seeded mix of
   timeline and search requests (filters, pages, words) until ``--requests`` are done.
4. Prints p50/p95/max per endpoint, the request rate and the store's size.

Target: p95 < 100 ms on 2 cores. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from datetime import date, timedelta
from importlib import resources
from pathlib import Path

import httpx

from storyline.config import load_settings
from storyline.models import Extraction
from storyline.store import Store, open_store

WORDS = ("canal", "salvage", "tug", "dredger", "compensation", "tide", "container", "insurer",
         "harbour", "convoy", "pilot", "draft", "anchor", "ballast", "freight", "queue")
BATCH = 500
DEMO_ARTICLES = 14


# -- 1. the store ---------------------------------------------------------------------------

def build_store(target: Path, articles: int) -> float:
    """Fill ``target`` with ``articles`` articles; returns the seconds it took."""
    started = time.perf_counter()
    with open_store(str(target)) as store:
        if store.count_articles() >= articles:
            return 0.0
        if store.count_articles() == 0:
            _ingest_demo(store)
        originals = _stored_extractions(store)
        copy = 1
        while (have := store.count_articles()) < articles:
            batch = []
            while len(batch) < min(BATCH, articles - have):
                batch.extend(_perturbed(x, copy) for x in originals)
                copy += 1
            store.save_batch(batch[:articles - have])
    return time.perf_counter() - started


def _ingest_demo(store: Store) -> None:
    from storyline import pipeline

    settings = load_settings().with_overrides({"store.db": store.target})
    corpus = resources.files("storyline") / "demo"
    with resources.as_file(corpus) as folder:
        pipeline.ingest([str(folder / "articles")], store, settings, manifest=folder / "manifest.jsonl")


def _stored_extractions(store: Store) -> list[Extraction]:
    """The demo articles as extractions again, with every fact the store keeps per article."""
    ids = store.article_ids()[:20]  # the demo's own articles: the first ones stored
    by_article = defaultdict(lambda: defaultdict(list))
    for kind, facts in (("events", store.events()), ("claims", store.claims()), ("quotes", store.quotes()),
                        ("framing", store.framing_terms(ids)), ("roles", store.roles())):
        for fact in facts:
            by_article[fact.article_id][kind].append(fact)
    return [
        Extraction(store.article(a), store.sentences(a), store.mentions(article_id=a), store.timexes(a),
                   **{kind: by_article[a][kind] for kind in ("events", "claims", "quotes", "framing", "roles")})
        for a in ids
    ]


def _perturbed(original: Extraction, copy: int) -> Extraction:
    """A distinct article telling the same story ``copy`` days later (ids, hash, text, dates)."""
    article = original.article
    new_id = hashlib.sha1(f"{article.id}/{copy}".encode()).hexdigest()[:16]
    rng = random.Random(new_id)
    tail = f"\nFiled as item {copy} about the {rng.choice(WORDS)} and the {rng.choice(WORDS)}."
    shifted = dataclasses.replace(
        article, id=new_id, content_hash=hashlib.sha256(f"{article.content_hash}/{copy}".encode()).hexdigest(),
        text=article.text + tail, raw_text=article.raw_text + tail, source=f"{article.source}#copy{copy}",
        published=_shift(article.published, copy), title=article.title and f"{article.title} ({copy})",
    )

    def moved(fact, **changes):
        return dataclasses.replace(fact, article_id=new_id, **changes)

    return Extraction(
        shifted,
        [moved(s) for s in original.sentences],
        [moved(m) for m in original.mentions],
        [moved(t) for t in original.timexes],
        roles=[moved(r, date=_shift(r.date, copy)) for r in original.roles],
        framing=[moved(f) for f in original.framing],
        events=[moved(e, date=_shift(e.date, copy), id=e.id and f"{e.id}/{copy}") for e in original.events],
        claims=[moved(c, as_of=_shift(c.as_of, copy)) for c in original.claims],
        quotes=[moved(q) for q in original.quotes],
    )


def _shift(value: str | None, days: int) -> str | None:
    """A YYYY-MM-DD date ``days`` later (other precisions move by whole months or stay)."""
    if not value or len(value) < 10 or not value[:10].replace("-", "").isdigit():
        return value
    try:
        day = date.fromisoformat(value[:10]) + timedelta(days=days)
    except ValueError:
        return value
    return day.isoformat() + value[10:]


# -- 2. the server --------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(db: Path, port: int) -> subprocess.Popen:
    command = [sys.executable, "-c", "from storyline.cli import main; main()",
               "serve", "--db", str(db), "--port", str(port)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"the server stopped: {server.stderr.read()}")
        try:
            httpx.get(f"http://127.0.0.1:{port}/api/articles?limit=1", timeout=2).raise_for_status()
            return server
        except httpx.HTTPError:
            time.sleep(0.2)
    server.terminate()
    sys.exit("the server did not answer within 60 s")


# -- 3. the load ----------------------------------------------------------------------------

def request_mix(client: httpx.Client, count: int, seed: int = 7) -> list[tuple[str, str]]:
    """(endpoint, url) pairs: timelines with and without filters and pages; searches for common
    words ("search") and for fresh selective queries never asked before ("search-1")."""
    rng = random.Random(seed)
    # the store's own names, types and outlets
    copies = client.get("/api/articles", params={"limit": 1}).json()["total"] // DEMO_ARTICLES
    outlets = sorted({a["outlet"] for a in client.get("/api/articles").json()["items"] if a["outlet"]})
    entities = [e["name"] for e in client.get("/api/entities", params={"limit": 8}).json()["items"]]
    types = sorted({e["type"] for e in client.get("/api/events", params={"limit": 200}).json()["items"]})
    years = ("2021", "2022", "2023", "2024", "2025")
    mix = []
    for _ in range(count):
        if rng.random() < 0.5:
            params = {"limit": rng.choice((20, 50)), "offset": rng.choice((0, 0, 50, 500, 5000))}
            roll = rng.random()
            if roll < 0.25:
                params["entity"] = rng.choice(entities)
            elif roll < 0.4:
                params["type"] = rng.choice(types)
            elif roll < 0.5:
                params["outlet"] = rng.choice(outlets)
            elif roll < 0.7:
                year = rng.choice(years)
                params.update({"from": f"{year}-0{rng.randint(1, 6)}", "to": f"{year}-{rng.randint(7, 12):02d}"})
            mix.append(("timeline", str(httpx.URL("/api/timeline", params=params))))
        elif rng.random() < 0.5:  # common words (each matches thousands): ranked once, then paged
            words = rng.sample(WORDS, rng.choice((1, 1, 2)))
            params = {"q": " ".join(words), "limit": 20, "offset": rng.choice((0, 0, 20, 100))}
            mix.append(("search", str(httpx.URL("/api/search", params=params))))
        else:  # a word and a copy number: a fresh, selective query each time
            params = {"q": f"{rng.choice(WORDS)} {rng.randint(1, copies)}", "limit": 20}
            mix.append(("search-1", str(httpx.URL("/api/search", params=params))))
    return mix


def mix_outlet(base: str) -> str:
    articles = httpx.get(base + "/api/articles", timeout=60).json()["items"]
    return next(a["outlet"] for a in articles if a["outlet"])


def run_load(base: str, mix: list[tuple[str, str]], clients: int) -> tuple[dict[str, list[float]], float, int]:
    timings: dict[str, list[float]] = defaultdict(list)
    errors = []
    lock = threading.Lock()
    queue = iter(mix)

    def client_loop() -> None:
        with httpx.Client(base_url=base, timeout=30) as client:
            while True:
                with lock:
                    item = next(queue, None)
                if item is None:
                    return
                endpoint, url = item
                started = time.perf_counter()
                response = client.get(url)
                elapsed = time.perf_counter() - started
                with lock:
                    timings[endpoint].append(elapsed)
                    if response.status_code != 200:
                        errors.append((url, response.status_code))

    threads = [threading.Thread(target=client_loop) for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return timings, time.perf_counter() - started, len(errors)


def process_cpu(pid: int) -> float:
    """Seconds of CPU (user + system) process ``pid`` has used (Linux /proc; 0 elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


# -- 4. the report --------------------------------------------------------------------------

def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--db", type=Path, help="Store file to build or reuse (default: a temporary one).")
    args = parser.parse_args()
    db = args.db or Path(tempfile.mkdtemp(prefix="storyline-bench-")) / "bench.db"
    build_seconds = build_store(db, args.articles)
    with open_store(str(db)) as store:
        stored = store.count_articles()
        events = len(store.events())
    size_mb = sum(p.stat().st_size for p in db.parent.glob(db.name + "*")) / 1e6
    print(f"store: {db} ({stored} articles, {events} event mentions, {size_mb:.0f} MB); "
          f"built in {build_seconds:.1f} s" + (" (reused)" if build_seconds == 0 else ""))
    port = free_port()
    server = start_server(db, port)
    try:
        base = f"http://127.0.0.1:{port}"
        with httpx.Client(base_url=base, timeout=300) as client:
            mix = request_mix(client, args.requests)
        warm = time.perf_counter()  # the first timeline request builds the process's event index
        for url in ("/api/timeline", "/api/timeline?outlet=" + mix_outlet(base)):
            httpx.get(base + url, timeout=120).raise_for_status()
        print(f"warm-up (event index, outlet map): {time.perf_counter() - warm:.1f} s")
        run_load(base, mix[: args.clients * 2], args.clients)
        server_cpu, client_cpu = process_cpu(server.pid), time.process_time()
        timings, seconds, errors = run_load(base, mix, args.clients)
        server_cpu, client_cpu = process_cpu(server.pid) - server_cpu, time.process_time() - client_cpu
    finally:
        server.terminate()
        server.wait(timeout=10)
    print(f"{len(mix)} requests from {args.clients} concurrent clients in {seconds:.1f} s "
          f"({len(mix) / seconds:.0f} req/s), {errors} non-200 answers; cores: {os.cpu_count()}")
    common = {url.split("&limit")[0] for endpoint, url in mix if endpoint == "search"}
    print(f"search: {len(common)} distinct common-word queries, each ranked (thousands of matches) on "
          "first use and paged from the server's cache after; search-1: fresh selective queries")
    print(f"CPU per request: server {server_cpu / len(mix) * 1000:.1f} ms, clients {client_cpu / len(mix) * 1000:.1f} ms; "
          f"load average {os.getloadavg()[0]:.1f}")
    for endpoint, values in sorted(timings.items()):
        ms = [v * 1000 for v in values]
        print(f"  {endpoint:<9} n={len(ms):<5} p50 {statistics.median(ms):6.1f} ms   "
              f"p95 {percentile(ms, 0.95):6.1f} ms   max {max(ms):6.1f} ms")


if __name__ == "__main__":
    main()
