"""Search input can't break or inject into SQL, on either backend: quotes, FTS operators,
comment and statement separators, column filters, unicode and very long queries either find
hits or get one clear message, through the CLI and the HTTP API; afterwards the store is whole.
"""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from click.testing import CliRunner

from storyline.cli import main
from storyline.store import open_store
from tests.store.store_factories import bare, make_article

TEXTS = {
    "ferry": "The harbour ferry to Port Amsel sails again after repairs, the mayor said.",
    "bridge": "Engineers found cracks in the Varnel bridge; the crossing stays closed.",
    "zurich": "Zürich's lake steamers (日本語 guides aboard 🚢) return in spring.",
}
HOSTILE = [
    '"', "'", '""', "''", "NEAR(", "NEAR(ferry harbour, -1)", "NEAR(ferry", "*", "ferry*", "*ferry",
    ";--", "'; DROP TABLE articles;--", '"; DROP TABLE articles; --', "ferry) OR 1=1 --",
    "' OR '1'='1", "ferry' UNION SELECT sql FROM sqlite_master --", "title:ferry",
    "{title text}: ferry", "text : x", "articles_fts:ferry", "^ferry", "ferry AND", "AND", "OR OR",
    "NOT", "(((", ")))", "ferry NOT", "-ferry", "+ferry", "ferry:*", "ferry & harbour | !x",
    "ferry <-> harbour", "@@ to_tsquery('x')", "$$ x $$", "E'\\\\x00'", "%", "_", "\\", "1e308",
    "Zürich", "日本語", "🚢", "\u202eferry", "fe\u0301rry", "ferry\u00a0harbour", "ａｂｃ",
    "ferry " * 2000, "x" * 5000, "\U0010ffff", "\ufeff",
]


@pytest.fixture
def seeded(new_target: Callable[[], str]) -> str:
    target = new_target()
    with open_store(target) as store:
        store.save_batch([bare(make_article(key, text=text, title=key.title()))
                          for key, text in TEXTS.items()])
    return target


def run_search(target: str, query: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["search", "--json", "--db", target, "--", query])
    crash = None if isinstance(result.exception, SystemExit) else result.exception
    assert crash is None, f"{query!r}: {crash!r}"
    return result.exit_code, result.stdout, result.stderr


def test_hostile_queries_find_hits_or_get_a_clear_message(seeded: str, backend: str,
                                                          record_property) -> None:
    problems = []
    for query in HOSTILE:
        code, out, err = run_search(seeded, query)
        if code != 0 or "Traceback" in out + err:
            problems.append((query[:40], code, err[-300:]))
            continue
        hits = json.loads(out)
        if not all(hit["article_id"] in {f"art-{k}" for k in TEXTS} for hit in hits):
            problems.append((query[:40], "unknown hit", out[:300]))
    assert problems == []
    with open_store(seeded) as store:  # nothing dropped or changed
        assert store.count_articles() == len(TEXTS) and store.integrity_check() == []
        assert [hit.article_id for hit in store.search("ferry")] == ["art-ferry"]
    summary = f"search ({backend}): {len(HOSTILE)} hostile queries, 0 errors, store intact"
    print(summary)
    record_property("summary", summary)


@pytest.mark.parametrize("query", [" ", "\t\n"])
def test_an_empty_query_gets_one_line(seeded: str, query: str) -> None:
    code, out, err = run_search(seeded, query)
    assert code == 1 and out == ""
    assert err == "storyline: error: empty search query\n"


def test_the_http_api_never_fails_on_a_hostile_query(seeded: str) -> None:
    from fastapi.testclient import TestClient

    from storyline.api.app import create_app

    with TestClient(create_app(seeded)) as client:
        if client.get("/api/search", params={"q": "ferry"}).status_code == 404:
            pytest.skip("this checkout has no /api/search")
        for query in [*HOSTILE, "ferry\x00harbour", " ", "\x00"]:
            response = client.get("/api/search", params={"q": query})
            assert response.status_code in (200, 400, 422), (query, response.text[:300])
            assert response.headers["content-type"].startswith("application/json")
    with open_store(seeded) as store:
        assert store.count_articles() == len(TEXTS) and store.integrity_check() == []
