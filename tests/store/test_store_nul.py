"""A NUL character inside a record reaches the store on both backends (PostgreSQL text can't
hold one): the article is stored whole, never a failed batch."""

from __future__ import annotations

import json

from click.testing import CliRunner

from storyline.cli import main


def test_a_nul_inside_a_record_is_stored_on_postgresql(tmp_path, postgres_db_url) -> None:
    record = {"id": "n1", "title": "Port\x00 vote", "outlet": "Harbor\x00 Times", "text": "The council met on Monday.\x00 It voted to "
              "close the port. Officials said 40 ships waited."}
    path = tmp_path / "records.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    db = postgres_db_url()
    result = CliRunner().invoke(main, ["ingest", str(path), "--db", db])
    assert result.exit_code == 0, result.output
    listed = CliRunner().invoke(main, ["articles", "--json", "--db", db])
    assert "Port vote" in listed.output and "\\u0000" not in listed.output
