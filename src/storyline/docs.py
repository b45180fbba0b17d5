"""Generate the CLI reference (docs/cli.md) from the commands' own --help.

    python -m storyline.docs > docs/cli.md

A test compares the file with a fresh rendering, so the reference can't drift from the code.
"""

from __future__ import annotations

import click
from click.testing import CliRunner

from storyline.cli import main


def cli_reference() -> str:
    runner = CliRunner()
    parts = ["# CLI reference", "", "Generated from `--help` by `make docs`; do not edit by hand.", ""]
    for path in _command_paths(main):
        parts += _section(" ".join(["storyline", *path]), path, runner)
    return "\n".join(parts)


def _command_paths(group: click.Group, prefix: tuple[str, ...] = ()) -> list[list[str]]:
    """Every command and sub-command, depth first, in name order."""
    paths = [list(prefix)]
    for name in sorted(group.commands):
        command = group.commands[name]
        if isinstance(command, click.Group):
            paths += _command_paths(command, (*prefix, name))
        else:
            paths.append([*prefix, name])
    return paths


def _section(title: str, args: list[str], runner: CliRunner) -> list[str]:
    result = runner.invoke(main, [*args, "--help"], prog_name="storyline", terminal_width=100)
    return [f"## `{title}`", "", "```text", result.output.rstrip(), "```", ""]


if __name__ == "__main__":
    click.echo(cli_reference(), nl=False)
