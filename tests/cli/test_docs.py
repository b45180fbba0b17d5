"""The CLI reference is generated from --help; it must match the code."""

from pathlib import Path

from storyline.docs import cli_reference

REFERENCE = Path(__file__).resolve().parents[2] / "docs" / "cli.md"


def test_cli_reference_is_up_to_date() -> None:
    assert REFERENCE.read_text(encoding="utf-8") == cli_reference(), "run `make docs`"
