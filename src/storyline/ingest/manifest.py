"""Manifests: per-file metadata the user knows but the files don't state.

A manifest is JSON lines, one object per file::

    {"path": "a.txt", "published": "2021-03-29", "outlet": "Harbor Ledger", "authors": ["Jane Doe"]}

``path`` is relative to the manifest's folder (absolute paths work too). Keys with null values
are ignored, so a manifest can state only what is known. A bad line is reported as a Failure
and the other lines still apply; a manifest that can't be read at all is an InputError, since
running without the metadata the user asked for would store wrong (undated) articles silently.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from storyline.errors import InputError, MalformedInputError
from storyline.ingest.metadata import clean_metadata, normalize_date
from storyline.models import Failure


@dataclass
class Manifest:
    path: Path  # the manifest itself, resolved
    entries: dict[Path, dict[str, object]] = field(
        default_factory=dict
    )  # resolved file -> metadata
    failures: list[Failure] = field(default_factory=list)  # lines that could not be used (fully)


def load_manifest(path: str | Path) -> dict[Path, dict[str, object]]:
    """Map each file the manifest names (resolved path) to its metadata (see read_manifest)."""
    return read_manifest(path).entries


def read_manifest(path: str | Path) -> Manifest:
    """Read a manifest; raises InputError when the file is missing or unreadable."""
    manifest = Manifest(path=Path(path).resolve())
    folder = Path(path).absolute().parent  # where the manifest is seen, even through a symlink
    first_line: dict[Path, int] = {}  # where each file was listed first
    for number, line in enumerate(_read_lines(Path(path)), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            file, metadata, warning = _parse_line(where, line, folder)
        except InputError as exc:
            manifest.failures.append(Failure(exc.source, str(exc)))
            continue
        manifest.entries.setdefault(file, {}).update(metadata)  # a later line for a file wins
        if file in first_line:
            again = (f"{file.name} is listed again (first at line {first_line[file]}); the "
                     "values of this later line win")
            manifest.failures.append(Failure(where, f"{where}: {again}"))
        first_line.setdefault(file, number)
        if warning is not None:
            manifest.failures.append(Failure(where, f"{where}: {warning}"))
    return manifest


def _read_lines(path: Path) -> list[str]:
    if not path.is_file():
        problem = "is a folder" if path.is_dir() else "does not exist"
        raise InputError(
            str(path), f"manifest file {problem}; pass a JSON lines file to --manifest"
        )
    try:
        return path.read_text(encoding="utf-8-sig").split("\n")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(
            str(path),
            f"manifest file can't be read as UTF-8 text ({exc}); fix it or leave out --manifest",
        ) from exc


def _parse_line(where: str, line: str, folder: Path) -> tuple[Path, dict[str, object], str | None]:
    """Return the file a line names, its metadata, and a warning about a value left out."""
    try:
        entry = json.loads(line)
    except json.JSONDecodeError as exc:
        raise MalformedInputError(
            where, f"manifest line is not valid JSON ({exc.msg} at column {exc.colno})"
        ) from exc
    if (
        not isinstance(entry, Mapping)
        or not isinstance(entry.get("path"), str)
        or not entry["path"].strip()
    ):
        raise MalformedInputError(
            where,
            'manifest line must be an object with a "path" string, e.g. '
            '{"path": "a.txt", "published": "2021-03-29"}',
        )
    published = entry.get("published")
    warning = None
    if published is not None and normalize_date(published) is None:
        # keep the rest of the line; the bad date is reported, never guessed
        warning = (
            f"published {published!r} is not a full date; write it as YYYY-MM-DD (value ignored)"
        )
    return (folder / entry["path"].strip()).resolve(), clean_metadata(entry), warning
