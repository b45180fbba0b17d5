"""Article records: JSON lines, JSON and CSV exports of crawls and datasets.

Field names differ between exports ("text", "body", "maintext", ...), so the accepted names
come from the ``ingest.fields`` settings: the first name a record holds wins. One bad record
yields a Failure and the file goes on. Each article's source is ``file#n``: the line number for
JSON lines, the 1-based position for JSON lists and CSV rows.

JSON lines files are streamed, so a large crawl export is not held in memory; there the size
cap applies to each line. JSON and CSV files are read whole and capped as a file.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import IO, Any

from storyline.config import Settings
from storyline.errors import EmptyInputError, InputError, MalformedInputError
from storyline.ingest.files import check_not_binary, decode_bytes, read_bytes, regular_file_size
from storyline.ingest.metadata import METADATA_KEYS, clean_metadata, first_present
from storyline.models import Failure, RawArticle

_CSV_DELIMITERS = ",;\t|"


def read_records(
    path: Path, source: str, settings: Settings, max_bytes: int, encoding: str | None = None
) -> Iterator[RawArticle | Failure]:
    """Yield one RawArticle (or Failure) per record in a .jsonl, .json or .csv file."""
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        try:
            regular_file_size(path, source)  # a pipe would block the open below forever
            with path.open("rb") as stream:
                yield from parse_jsonl(source, stream, settings, max_bytes, encoding)
        except OSError as exc:
            raise InputError(
                source,
                f"cannot be read ({exc.strerror or exc}); check the path and its permissions",
            ) from exc
        return
    decoded = decode_bytes(source, read_bytes(path, source, max_bytes), max_bytes, encoding)
    parse = parse_csv if suffix == ".csv" else parse_json
    for item in parse(source, decoded.text, settings):
        if decoded.encoding and isinstance(item, RawArticle):
            item.metadata["encoding"] = decoded.encoding
        yield item


def parse_jsonl(
    source: str, stream: IO[bytes], settings: Settings, max_bytes: int, encoding: str | None = None
) -> Iterator[RawArticle | Failure]:
    """Yield a record per line of ``stream``; a line that isn't a JSON object is a Failure."""
    fields = settings.get("ingest.fields")
    seen_content = False
    for number, line in _lines(stream, max_bytes):
        seen_content = seen_content or line is None or bool(line.strip())
        if line is None:
            yield Failure(
                f"{source}:{number}",
                f"{source}:{number}: line is over the limit of {max_bytes:,} bytes; raise it with "
                "--max-bytes",
            )
            continue
        if number == 1:
            check_not_binary(source, line, control_share=False)
            line = line.removeprefix(b"\xef\xbb\xbf")
        if not line.strip():
            continue
        try:
            record = _parse_json_line(source, number, line, encoding)
            yield record_to_article(f"{source}#{number}", record, fields, "jsonl")
        except InputError as exc:
            yield Failure(exc.source, str(exc))
    if not seen_content:
        raise EmptyInputError(source, "is empty; there are no records to read")


def _lines(stream: IO[bytes], max_bytes: int) -> Iterator[tuple[int, bytes | None]]:
    """Yield (line number, bytes) split on b"\\n" only; ``None`` for a line over ``max_bytes``.

    ``str.splitlines`` would also split on U+2028 and other separators that JSON allows
    unescaped inside strings, breaking valid records. A line over the cap is skipped without
    ever being held in memory whole.
    """
    number = 0
    while True:
        line = stream.readline(max_bytes + 1)
        if not line:
            return
        number += 1
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):  # drain the rest of the long line
                line = stream.readline(max_bytes + 1)
            yield number, None
        else:
            yield number, line


def _parse_json_line(source: str, number: int, line: bytes, encoding: str | None) -> object:
    where = f"{source}:{number}"
    try:
        text = line.decode(encoding or "utf-8")
    except (UnicodeDecodeError, LookupError) as exc:
        raise MalformedInputError(
            where, f"line is not {encoding or 'UTF-8'} text; convert the file or pass --encoding"
        ) from exc
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise MalformedInputError(
            where,
            f"line is not valid JSON ({exc.msg} at column {exc.colno}); each line must be one "
            "JSON object",
        ) from exc
    except (ValueError, RecursionError) as exc:
        raise MalformedInputError(where, f"line can't be read as JSON ({_json_limit(exc)})") from exc


def _json_limit(exc: ValueError | RecursionError) -> str:
    """Valid JSON that Python's reader refuses: nesting too deep, a number too long."""
    if isinstance(exc, RecursionError):
        return "nested too deeply; at most a few hundred levels of [ ] and { } are read"
    if "digits" in str(exc):
        return "a number has more than the 4,300 digits that are read"
    return str(exc)


def parse_json(source: str, text: str, settings: Settings) -> Iterator[RawArticle | Failure]:
    """Yield the records of a JSON file: an object, a list of objects, or {"articles": [...]}."""
    fields = settings.get("ingest.fields")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise MalformedInputError(
            source, f"is not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})"
        ) from exc
    except (ValueError, RecursionError) as exc:
        raise MalformedInputError(source, f"can't be read as JSON ({_json_limit(exc)})") from exc
    records = _json_records(source, data, fields)
    for number, record in enumerate(records, start=1):
        try:
            yield record_to_article(f"{source}#{number}", record, fields, "json")
        except InputError as exc:
            yield Failure(exc.source, str(exc))


def _json_records(source: str, data: object, fields: Mapping[str, list[str]]) -> list[object]:
    if isinstance(data, Mapping) and isinstance(data.get("articles"), list):
        data = data["articles"]
    elif isinstance(data, Mapping) and first_present(data, fields["text"]) is not None:
        data = [data]
    if not isinstance(data, list) or not any(isinstance(item, Mapping) for item in data):
        raise MalformedInputError(
            source,
            "is not an article list; expected an article object, a list of article objects, "
            'or {"articles": [...]}',
        )
    return data


def parse_csv(source: str, text: str, settings: Settings) -> Iterator[RawArticle | Failure]:
    """Yield the rows of a CSV file with a header row; the header must name a text column."""
    fields = settings.get("ingest.fields")
    _allow_long_fields(len(text))
    reader = csv.DictReader(io.StringIO(text, newline=""), dialect=_sniff_dialect(text))
    try:
        header = [name.strip().lower() for name in reader.fieldnames or []]
        if not any(name.lower() in header for name in fields["text"]):
            raise MalformedInputError(
                source,
                f"has no text column (header: {', '.join(header) or 'none'}); name one of: "
                f"{', '.join(fields['text'])}",
            )
        for number, row in enumerate(reader, start=1):
            try:
                yield record_to_article(f"{source}#{number}", row, fields, "csv")
            except InputError as exc:
                yield Failure(exc.source, str(exc))
    except csv.Error as exc:  # e.g. an unclosed quote: the rows after it can't be trusted
        raise MalformedInputError(
            source, f"is not valid CSV near line {reader.line_num} ({exc})"
        ) from exc


def _sniff_dialect(text: str) -> type[csv.Dialect] | csv.Dialect:
    """Guess the delimiter from the header line only: article bodies are full of commas."""
    header = text.lstrip("\ufeff").split("\n", 1)[0]
    try:
        sniffed = csv.Sniffer().sniff(header, delimiters=_CSV_DELIMITERS)
    except csv.Error:
        return csv.excel  # a one-column header has no delimiter to find
    # Only the delimiter and quote character can be read from a header. The rest is the
    # standard's (RFC 4180): a header without "" inside would make the sniffer turn doubled
    # quotes off, and every quotation in the articles would come back as ""like this"".
    return type("SniffedDialect", (csv.excel,),
                {"delimiter": sniffed.delimiter, "quotechar": sniffed.quotechar or '"'})


def _allow_long_fields(size: int) -> None:
    # csv refuses fields over 128 KiB by default; an article body can be longer. The limit is
    # process-wide, so only ever raise it (to the size of this already size-capped file).
    if size > csv.field_size_limit():
        csv.field_size_limit(size)


def record_to_article(
    source: str, record: object, fields: Mapping[str, list[str]], fmt: str
) -> RawArticle:
    """Map one record onto a RawArticle using the accepted field names in ``fields``."""
    if not isinstance(record, Mapping):
        raise MalformedInputError(
            source, f"record is a JSON {type(record).__name__}, not an object with a text field"
        )
    text = _record_text(first_present(record, fields["text"]))
    if text is None:
        raise MalformedInputError(
            source,
            f"record has no text; put the article body in one of: {', '.join(fields['text'])}",
        )
    stated: dict[str, Any] = {
        key: first_present(record, fields[key]) for key in METADATA_KEYS if key in fields
    }
    metadata = clean_metadata(stated)
    metadata["format"] = fmt
    return RawArticle(source=source, text=text, metadata=metadata, kind="extracted")


def _record_text(value: object) -> str | None:
    """The body as one string; some exports store it as a list of paragraphs."""
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        value = "\n".join(value)
    if isinstance(value, str) and value.strip():
        return value
    return None
