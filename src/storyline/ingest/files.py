"""Find input files and turn their bytes into text.

Walking is sorted so that the same folder always yields articles in the same order (stable ids
and reproducible runs). Decoding refuses what is not text with a message that says what to do,
instead of letting mojibake reach the NLP stages.
"""

from __future__ import annotations

import codecs
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Literal, NamedTuple

import charset_normalizer

from storyline.config import Settings
from storyline.errors import (
    BinaryInputError,
    EmptyInputError,
    EncodingError,
    InputError,
    InputTooLargeError,
)

FileKind = Literal["text", "html", "records", "feed"]

# A folder's metadata file, read through --manifest; walking a folder must not read it as records.
MANIFEST_NAME = "manifest.jsonl"

# Binary sniffing looks at the start only: enough to catch images, archives and PDFs quickly.
_SNIFF_BYTES = 65_536
# Share of control bytes (other than tab/newline/CR/FF) above which data is not text.
_MAX_CONTROL_SHARE = 0.3
_CONTROL_BYTES = bytes((set(range(0x00, 0x20)) - {0x09, 0x0A, 0x0C, 0x0D}) | {0x7F})
# Charsets that web pages declare but that mean windows-1252 in practice (as in the WHATWG
# Encoding Standard): "smart quotes" in 0x80-0x9F would otherwise become control characters.
_DECLARED_AS_CP1252 = frozenset({"iso8859-1", "ascii"})
# BOMs that fix the encoding outright. UTF-16/32 text is full of NUL bytes, so these are
# checked before the binary sniff.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class Decoded(NamedTuple):
    text: str
    encoding: str | None  # None for plain UTF-8; else the codec used (given, declared or detected)


def file_kind(path: Path, settings: Settings) -> FileKind | None:
    """Which reader handles ``path``, from its extension; ``None`` for an unknown extension."""
    suffix = path.suffix.lower()
    for kind, setting in (
        ("text", "ingest.extensions_text"),
        ("html", "ingest.extensions_html"),
        ("records", "ingest.extensions_records"),
        ("feed", "ingest.extensions_feed"),
    ):
        if suffix in (ext.lower() for ext in settings.get(setting)):
            return kind  # type: ignore[return-value]
    return None


def walk(
    folder: Path,
    settings: Settings,
    skip: frozenset[Path] = frozenset(),
    errors: list[OSError] | None = None,
) -> Iterator[Path]:
    """Yield the readable files under ``folder``, recursively, in sorted order.

    Hidden files and folders (editor swap files, .git) and files with an extension no reader
    handles are skipped silently: a folder of articles often holds such clutter. ``skip`` holds
    resolved paths not to yield (the manifest given with --manifest). A subfolder that can't be
    read is appended to ``errors`` (when given) instead of being skipped without a word.
    """
    found: list[tuple[tuple[str, ...], Path]] = []
    for root, dirs, files in os.walk(folder, onerror=None if errors is None else errors.append):
        dirs[:] = [name for name in dirs if not name.startswith(".")]
        for name in files:
            path = Path(root) / name
            if _wanted(path, settings, skip):
                found.append((path.relative_to(folder).parts, path))
    for _, path in sorted(found):
        yield path


def _wanted(path: Path, settings: Settings, skip: frozenset[Path]) -> bool:
    if path.name.startswith(".") or path.name == MANIFEST_NAME:
        return False
    # realpath, not resolve(): a symlink loop must reach the reader (and its message), not raise
    return file_kind(path, settings) is not None and Path(os.path.realpath(path)) not in skip


def read_bytes(path: Path, source: str, max_bytes: int) -> bytes:
    """Read a file, refusing one over ``max_bytes`` from its size before reading any of it."""
    try:
        size = regular_file_size(path, source)
        if size > max_bytes:
            raise too_large(source, size, max_bytes)
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)  # the file may have grown since stat()
    except OSError as exc:
        raise InputError(
            source, f"cannot be read ({exc.strerror or exc}); check the path and its permissions"
        ) from exc
    if len(data) > max_bytes:
        raise too_large(source, None, max_bytes)
    return data


def regular_file_size(path: Path, source: str) -> int:
    """The size of the regular file at ``path``. A pipe, device or socket (also behind a
    symlink, also inside a folder) is refused before it is opened: opening a pipe with no
    writer would wait forever, and a device never ends."""
    info = path.stat()
    if not stat.S_ISREG(info.st_mode):
        raise InputError(
            source, "is not a regular file (a device, pipe or socket); pass a file or folder"
        )
    return info.st_size


def too_large(source: str, size: int | None, max_bytes: int) -> InputTooLargeError:
    """The error for an input over the cap; ``size`` is None when only "more than" is known."""
    amount = f"is {size:,} bytes, over" if size is not None else "is over"
    return InputTooLargeError(
        source, f"{amount} the limit of {max_bytes:,} bytes; raise it with --max-bytes"
    )


def read_text(
    path_or_name: str | Path, data: bytes, max_bytes: int, encoding: str | None = None
) -> str:
    """Decode ``data`` (the content of ``path_or_name``) into text; see :func:`decode_bytes`."""
    return decode_bytes(str(path_or_name), data, max_bytes, encoding).text


def decode_bytes(
    name: str, data: bytes, max_bytes: int, encoding: str | None = None, hint: str | None = None
) -> Decoded:
    """Decode the bytes of one input, or raise the InputError that says why it isn't text.

    Order: size, emptiness, the user's ``encoding`` (--encoding wins over everything), a BOM,
    binary sniff, UTF-8, the ``hint`` (a charset the input declared, e.g. an HTTP header or a
    ``<meta charset>``), then charset-normalizer's guess if it is confident.
    """
    if len(data) > max_bytes:
        raise too_large(name, len(data), max_bytes)
    if not data:
        raise EmptyInputError(name, "is empty; there is no text to read")
    decoded = (
        _decode_given(name, data, encoding) or _decode_bom(data) or _decode_guess(name, data, hint)
    )
    if not decoded.text.strip():
        raise EmptyInputError(name, "holds only whitespace; there is no text to read")
    return decoded


def _decode_given(name: str, data: bytes, encoding: str | None) -> Decoded | None:
    if encoding is None:
        return None
    try:
        codec = codecs.lookup(encoding).name
    except LookupError as exc:
        raise EncodingError(
            name,
            f"--encoding {encoding!r} is not a known encoding; use e.g. utf-8, cp1252, latin-1",
        ) from exc
    try:
        return Decoded(
            data.decode(codec).removeprefix("\ufeff"), None if codec == "utf-8" else codec
        )
    except UnicodeDecodeError as exc:
        raise EncodingError(
            name,
            f"is not valid {encoding} text ({exc.reason} at byte {exc.start}); check --encoding",
        ) from exc


def _decode_bom(data: bytes) -> Decoded | None:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec).removeprefix("\ufeff")
            except UnicodeDecodeError:
                return None  # a BOM followed by garbage: let the sniff and detector judge it
            return Decoded(text, None if codec == "utf-8-sig" else codec)
    return None


def _decode_guess(name: str, data: bytes, hint: str | None) -> Decoded:
    check_not_binary(name, data)
    try:
        return Decoded(data.decode("utf-8"), None)
    except UnicodeDecodeError:
        pass  # not UTF-8: try what the input declared, then detection
    declared = _decode_declared(data, hint)
    if declared is not None:
        return declared
    best = charset_normalizer.from_bytes(data).best()
    if best is None or best.encoding is None:
        raise EncodingError(
            name,
            "is not UTF-8 text and its encoding could not be detected; convert it to UTF-8 or "
            "pass --encoding",
        )
    return Decoded(str(best), best.encoding)


def _decode_declared(data: bytes, hint: str | None) -> Decoded | None:
    try:
        codec = codecs.lookup(hint).name if hint else None
    except LookupError:
        return None  # an unknown label: detection gets the say
    candidates = ["cp1252", codec] if codec in _DECLARED_AS_CP1252 else [codec]
    for candidate in filter(None, candidates):
        try:
            return Decoded(data.decode(candidate), candidate)
        except UnicodeDecodeError:
            continue  # declarations are often wrong; try the next, then detection
    return None


def check_not_binary(name: str, data: bytes, control_share: bool = True) -> None:
    """Raise BinaryInputError if the start of ``data`` has NUL bytes or is mostly control bytes.

    ``control_share=False`` checks NUL bytes only, for formats (JSON lines) where a record may
    legitimately be made of unusual characters.
    """
    sample = data[:_SNIFF_BYTES]
    if b"\x00" in sample:
        raise BinaryInputError(
            name,
            "is binary data (it contains NUL bytes), not text; pass a text, HTML, JSON, CSV or "
            "feed file",
        )
    if control_share and sample:
        controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
        if controls / len(sample) > _MAX_CONTROL_SHARE:
            raise BinaryInputError(
                name,
                "is binary data (mostly control bytes), not text; pass a text, HTML, JSON, CSV or "
                "feed file",
            )
