"""``read_sources``: the one entry point of the ingest stage.

It dispatches each source the user gave ("-" for stdin, an http(s) URL, a file, a folder) to
its reader and turns every InputError into a Failure, so one bad input never stops a batch.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from storyline.config import Settings
from storyline.errors import InputError, InputTooLargeError
from storyline.ingest.feeds import parse_feed
from storyline.ingest.files import decode_bytes, file_kind, read_bytes, walk
from storyline.ingest.html import declared_charset, looks_like_html, parse_html
from storyline.ingest.manifest import Manifest, read_manifest
from storyline.ingest.records import read_records
from storyline.ingest.web import is_url, read_url
from storyline.models import Failure, RawArticle

STDIN_SOURCE = "<stdin>"

Item = RawArticle | Failure


@dataclass
class _Context:
    """What every reader needs; built once per ``read_sources`` call."""

    settings: Settings
    max_bytes: int
    encoding: str | None
    stdin: IO[bytes] | None
    manifest: Manifest | None = None
    skip: frozenset[Path] = field(default_factory=frozenset)  # resolved paths never read as input


def read_sources(
    sources: list[str],
    settings: Settings,
    manifest: str | Path | None = None,
    stdin: IO[bytes] | None = None,
    encoding: str | None = None,
) -> Iterator[Item]:
    """Yield a RawArticle or a Failure for every input in ``sources``, in order.

    The manifest is read before anything else, so a missing or unreadable manifest raises
    InputError at once (the batch would otherwise be stored without the metadata the user
    asked for); a bad manifest line is yielded first as a Failure.
    """
    context = _Context(
        settings=settings,
        max_bytes=int(settings.get("ingest.max_bytes")),
        encoding=encoding,
        stdin=stdin,
    )
    if manifest is not None:
        context.manifest = read_manifest(manifest)
        context.skip = frozenset({context.manifest.path})
    return _read_all(sources, context)


def _read_all(sources: Iterable[str], context: _Context) -> Iterator[Item]:
    if context.manifest is not None:
        yield from context.manifest.failures
    for source in sources:
        yield from _guarded(source, lambda source=source: _read_source(source, context))


def _guarded(source: str, read: Callable[[], Iterator[Item]]) -> Iterator[Item]:
    """Run one reader; its InputError becomes a Failure and the caller moves on."""
    try:
        yield from read()
    except InputError as exc:
        yield Failure(exc.source or source, str(exc))


def _read_source(source: str, context: _Context) -> Iterator[Item]:
    if source == "-":
        yield _read_stdin(context)
    elif is_url(source):
        yield from read_url(source, context.settings, context.encoding)
    else:
        yield from _read_path(source, context)


def _read_stdin(context: _Context) -> RawArticle:
    stream = context.stdin if context.stdin is not None else sys.stdin.buffer
    data = stream.read(context.max_bytes + 1)  # never more than the cap, however much is piped
    if len(data) > context.max_bytes:
        raise InputTooLargeError(
            STDIN_SOURCE,
            f"is over the limit of {context.max_bytes:,} bytes; raise it with --max-bytes",
        )
    decoded = decode_bytes(STDIN_SOURCE, data, context.max_bytes, context.encoding)
    if looks_like_html(decoded.text):
        article = parse_html(STDIN_SOURCE, decoded.text)
    else:
        article = RawArticle(
            source=STDIN_SOURCE, text=decoded.text, metadata={"format": "txt"}, kind="txt"
        )
    if decoded.encoding:
        article.metadata["encoding"] = decoded.encoding
    return article


def _read_path(source: str, context: _Context) -> Iterator[Item]:
    path = Path(source)
    if path.is_dir():
        errors: list[OSError] = []
        for file in walk(path, context.settings, context.skip, errors):
            yield from _guarded(
                str(file), lambda file=file: _read_file(file, str(file), context, explicit=False)
            )
        for error in errors:
            where = str(error.filename or source)
            yield Failure(where, f"{where}: folder cannot be read ({error.strerror or error}); "
                          "check its permissions")
    elif path.is_file():
        yield from _read_file(path, source, context, explicit=True)
    elif path.exists():
        raise InputError(
            source,
            "is not a regular file or folder (a device, pipe or socket); pass a file or folder",
        )
    elif path.is_symlink():
        raise InputError(source, "is a symbolic link to nothing (broken, or a loop); check the path")
    else:
        raise InputError(source, "no such file or folder; check the path")


def _read_file(path: Path, source: str, context: _Context, explicit: bool) -> Iterator[Item]:
    """Read one file and apply its manifest entry to every article it gives.

    A file named explicitly with an unknown extension is read as text: the user asked for it.
    """
    kind = file_kind(path, context.settings) or ("text" if explicit else None)
    stated = context.manifest.entries.get(path.resolve(), {}) if context.manifest else {}
    for item in _read_by_kind(path, source, kind, context):
        if isinstance(item, RawArticle):
            item.metadata.update(stated)  # what the user stated beats what the file says
        yield item


def _read_by_kind(path: Path, source: str, kind: str | None, context: _Context) -> Iterator[Item]:
    if kind == "records":
        yield from read_records(path, source, context.settings, context.max_bytes, context.encoding)
        return
    data = read_bytes(path, source, context.max_bytes)
    if kind == "feed":
        yield from parse_feed(source, data, int(context.settings.get("ingest.max_feed_items")))
        return
    hint = declared_charset(data) if kind == "html" else None
    decoded = decode_bytes(source, data, context.max_bytes, context.encoding, hint=hint)
    if kind == "html":
        article = parse_html(source, decoded.text)
    else:
        fmt = path.suffix.lower().lstrip(".") if file_kind(path, context.settings) else "txt"
        article = RawArticle(source=source, text=decoded.text, metadata={"format": fmt}, kind="txt")
    if decoded.encoding:
        article.metadata["encoding"] = decoded.encoding
    yield article
