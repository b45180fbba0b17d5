"""The claims ledger and quotes over a real store: quantities grouped across articles, as-of
dates falling back to publication, copies folded into what they repeat (invented articles)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from storyline.cli import main

ORIGINAL = (
    "Floods sweep the Varnel valley\n\n"
    "Heavy rain sent the Varnel River over its banks on Sunday night, flooding the valley and "
    "cutting the only road to the coast. At least 40 people were killed, the Norland coast guard "
    "said on Monday. Rescue crews in boats searched flooded houses through the night while "
    "helicopters lifted families from rooftops near the old mill.\n"
    "“We are still searching every street, and we will not stop until everyone is found,” said "
    "coast guard chief Ilse Brandvik. The regional government opened schools and sports halls as "
    "shelters and asked volunteers to bring blankets and dry food.\n"
)
ARTICLES = {
    "a.txt": (ORIGINAL, "2031-03-03", "Harbor Ledger"),
    # a lightly edited copy in another outlet: one report, not two
    "a_copy.txt": (ORIGINAL.replace("helicopters lifted", "army helicopters lifted"), "2031-03-04",
                   "Meridian Post"),
    "b.txt": ("Death toll rises after Varnel valley floods\n\nThe death toll from the floods in the "
              "Varnel valley rose to 52, the regional health office said, as crews reached the last "
              "cut-off farms.\n", "2031-03-06", "Global Freight Daily"),
    "c.txt": ("Valley villages count their losses\n\nResidents of the Varnel valley began returning "
              "home. Some 45 people were killed in the floods, the regional police said on Monday.\n",
              "2031-03-03", "The Cairo Mirror"),
}
CLAIM_KEYS = {"id", "value", "approximate", "lower", "upper", "total", "counts", "as_of", "source",
              "article", "sentence", "start", "end"}
QUOTE_KEYS = {"id", "text", "cue", "speaker", "article", "start", "end"}


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("ledger")
    manifest = []
    for name, (text, published, outlet) in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
        manifest.append(json.dumps({"path": name, "published": published, "outlet": outlet}))
    (folder / "manifest.jsonl").write_text("\n".join(manifest), encoding="utf-8")
    db = str(folder / "s.db")
    result = CliRunner().invoke(main, ["ingest", str(folder), "--manifest", str(folder / "manifest.jsonl"),
                                       "--db", db])
    assert result.exit_code == 0, result.output
    return db


def run(db: str, *args: str):
    result = CliRunner().invoke(main, [*args, "--db", db])
    assert result.exit_code == 0, result.output
    return json.loads(result.output) if "--json" in args else result.output


def article_of(db: str, outlet: str) -> str:
    return next(a["id"] for a in run(db, "articles", "--json") if a["outlet"] == outlet)


def killed(rows: list[dict]) -> list[dict]:
    return [r for r in rows if r["counts"] in ("people killed", "dead")]


def test_rows_keep_the_contract_and_share_a_group_per_quantity(db: str) -> None:
    rows = run(db, "claims", "--json")
    assert all(CLAIM_KEYS <= set(r) for r in rows)
    toll = killed(rows)
    assert len(toll) == 4 and len({r["group"] for r in toll}) == 1


@pytest.mark.parametrize(
    "outlet, figure, as_of, as_of_source, source",
    [
        ("Harbor Ledger", 40, "2031-03-03", "text", "Norland coast guard"),
        ("Global Freight Daily", 52, "2031-03-06", "published", "regional health office"),
    ],
)
def test_as_of_falls_back_to_the_publication_date(db, outlet, figure, as_of, as_of_source, source) -> None:
    article = article_of(db, outlet)
    row = next(r for r in killed(run(db, "claims", "--json")) if r["article"] == article)
    assert (row["value"], row["as_of"], row["as_of_source"]) == (figure, as_of, as_of_source)
    assert row["source"]["name"] == source and row["source_basis"] == "text"


def test_a_claim_in_a_copy_points_at_the_original(db: str) -> None:
    rows = killed(run(db, "claims", "--json"))
    original = next(r for r in rows if r["article"] == article_of(db, "Harbor Ledger"))
    copy = next(r for r in rows if r["article"] == article_of(db, "Meridian Post"))
    assert (copy["copy_of"], copy["copy_of_article"], copy["independent"]) == (
        original["id"], original["article"], False)
    assert original["independent"] and original["copy_of"] is None


def test_the_grouped_ledger_counts_independent_reports_and_flags_disagreement(db: str) -> None:
    [toll] = [g for g in run(db, "claims", "--grouped", "--json") if g["counts"] in ("people killed", "dead")]
    assert toll["reports"] == 3  # the copy is folded into the report it repeats
    values = [c["value"] for c in toll["claims"]]  # in as-of order: the figure moves
    assert sorted(values[:2]) == [40, 45] and values[2] == 52
    folded = next(c for c in toll["claims"] if c["value"] == 40)
    assert len(folded["copies"]) == 1
    [disagreement] = toll["disagreements"]
    assert disagreement["as_of"] == "2031-03-03" and len(disagreement["figures"]) == 2


def test_the_table_is_grouped_by_default(db: str) -> None:
    table = run(db, "claims")
    assert "3 independent report(s)" in table and "+1 copy" in table and "sources disagree" in table
    assert "2031-03-06*" in table  # a publication date standing in for the as-of date is marked


def test_quotes_keep_the_contract_and_fold_copies(db: str) -> None:
    quotes = run(db, "quotes", "--json")
    assert all(QUOTE_KEYS <= set(q) and set(q["speaker"]) >= {"entity", "name"} for q in quotes)
    searching = [q for q in quotes if q["text"].startswith("We are still searching")]
    assert len(searching) == 2 and {q["speaker"]["name"] for q in searching} == {"Ilse Brandvik"}
    assert sum(q["independent"] for q in searching) == 1
    table = run(db, "quotes")
    assert table.count("We are still searching") == 1 and "+1 in copies" in table


def test_the_export_rows_carry_their_group(db: str, tmp_path: Path) -> None:
    output = tmp_path / "export.json"
    run(db, "export", "--output", str(output))
    document = json.loads(output.read_text(encoding="utf-8"))
    assert all("group" in c and "independent" in c for c in document["claims"])
    assert all(QUOTE_KEYS <= set(q) for q in document["quotes"])
