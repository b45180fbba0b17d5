"""A settings file given by ``--config`` reaches the word lists that type a name
(``[lexicon]``), and a list it sets replaces only that list."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from storyline.cli import main

# invented names: NER reads both as people; the word lists tell otherwise
ARTICLE = """Tug owner to appeal
Brennick Tovar Kogyo said on Monday it would appeal the ruling.
Its tug reached Halvard Fjord on Monday.
"""


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def _types(tmp_path: Path, settings_text: str | None) -> dict[str, str]:
    source = tmp_path / "a.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    db = str(tmp_path / f"s{settings_text is not None}.db")
    config = []
    if settings_text is not None:
        (tmp_path / "user.toml").write_text(settings_text, encoding="utf-8")
        config = ["--config", str(tmp_path / "user.toml")]
    result = run("ingest", str(source), "--db", db, *config)
    assert result.exit_code == 0, result.output
    listed = json.loads(run("entities", "--db", db, "--json", *config).output)
    return {e["name"]: e["type"] for e in listed}


@pytest.mark.parametrize(
    "settings_text, company, fjord",
    [
        (None, "PERSON", "LOC"),  # the package lists: "Kogyo" is no company form there
        ('[lexicon]\ncompany_forms = ["kogyo"]\n', "ORG", "LOC"),  # place_heads still apply
        ('[lexicon]\nplace_heads = ["lake"]\n', "PERSON", "PERSON"),  # only place_heads replaced
    ],
)
def test_config_file_word_lists_type_names(tmp_path: Path, settings_text, company, fjord) -> None:
    types = _types(tmp_path, settings_text)
    assert types["Brennick Tovar Kogyo"] == company
    assert types["Halvard Fjord"] == fjord
