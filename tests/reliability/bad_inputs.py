"""The bad-input corpus, generated: each case writes its files into a folder and returns the
``storyline ingest`` arguments that feed them in. Nothing here is committed as a file.

A case expects either a failure (exit 1 and a ``failed:`` line naming the input with the given
words) or that the input is handled (exit 0, with ``stored`` new articles). Texts are our own
invented sentences.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import random
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

GOOD = (
    "Harbour council approves new ferry timetable\n\n"
    "The harbour council of Port Amsel approved a new ferry timetable on Tuesday, Mayor Ilse "
    "Brandvik said. Ferries will run every twenty minutes from June.\n"
)
ARTICLE_HTML = (
    "<html><head><title>Ferry timetable approved</title></head><body><article>"
    "<h1>Ferry timetable approved</h1><p>The harbour council of Port Amsel approved a new "
    "ferry timetable on Tuesday, Mayor Ilse Brandvik said.</p><p>Ferries will run every twenty "
    "minutes from June, and the night service returns in autumn.</p></article></body></html>"
)
RSS_HEAD = '<?xml version="1.0"?><rss version="2.0"><channel><title>Valley Courier</title>'
ATOM_HEAD = '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Courier</title>'
# Large but cheap: zeros compress about 1000:1, so these bombs are ~100 KB on disk.
BOMB_BYTES = 200_000_000


@dataclass(frozen=True)
class Case:
    name: str
    build: Callable[[Path], list[str]]  # writes the input into a folder; returns ingest args
    exit_code: int = 1  # 1: the input is refused (a failure line); 0: handled and stored
    words: tuple[str, ...] = ()  # in the failure line (or, for exit 0, in stderr)
    stored: int | None = 0  # new articles the run stores (None: not checked)
    config: str = ""  # extra TOML settings for this case
    stdin: bytes | None = None  # piped in (the case's arguments then hold "-")


def write(folder: Path, name: str, content: str | bytes) -> list[str]:
    path = folder / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return [str(path)]


def _file(name: str, content: str | bytes) -> Callable[[Path], list[str]]:
    return lambda folder: write(folder, name, content)


def _binary(folder: Path) -> list[str]:
    noise = random.Random(1).randbytes(4096)
    return write(folder, "photo.txt", b"\x89PNG\r\n\x1a\n" + noise)


def _sparse_huge(folder: Path) -> list[str]:
    path = folder / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(20_000_000_000)  # sparse: 20 GB by its size, nothing on disk
    return [str(path)]


def _long_line(folder: Path) -> list[str]:
    words = " ".join(f"ferry{n % 97} harbour" for n in range(1_000_000))  # ~10 MB, one line
    return write(folder, "one-line.txt", words[:9_900_000])


def _long_jsonl_line(folder: Path) -> list[str]:
    record = json.dumps({"text": "ferries " * 1_400_000})  # one 11 MB line, over the cap
    return write(folder, "long.jsonl", record + "\n" + json.dumps({"text": GOOD}) + "\n")


def _mixed_encodings(folder: Path) -> list[str]:
    data = GOOD.encode("utf-8") + "Café crème in Zürich.\n".encode("cp1252") + "Ελλάδα\n".encode()
    return write(folder, "mixed.txt", data)


def _deep_html(folder: Path) -> list[str]:
    depth = 100_000
    html = "<html><body>" + "<div>" * depth + "<p>Deep text about ferries.</p>" + "</div>" * depth
    return write(folder, "deep.html", html + "</body></html>")


def _deep_json(folder: Path) -> list[str]:
    return write(folder, "deep.json", "[" * 100_000 + "]" * 100_000)


@cache
def _gzip_bomb_bytes() -> bytes:
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", compresslevel=9) as bomb:
        chunk = b"\0" * 1_000_000
        for _ in range(BOMB_BYTES // len(chunk)):
            bomb.write(chunk)
    return buffer.getvalue()


def _gzip_bomb(name: str) -> Callable[[Path], list[str]]:
    return lambda folder: write(folder, name, _gzip_bomb_bytes())


def _zip_bomb(folder: Path) -> list[str]:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("article.txt", "w") as member:
            chunk = b"ferry " * 200_000
            for _ in range(BOMB_BYTES // len(chunk)):
                member.write(chunk)
    return write(folder, "story.html", buffer.getvalue())


def _feed_items(count: int) -> str:
    return "".join(f"<item><description>Ferry note {n}.</description></item>"
                   for n in range(count))


def _huge_feed(folder: Path) -> list[str]:
    return write(folder, "many.rss", RSS_HEAD + _feed_items(100_000) + "</channel></rss>")


def _manifest_with(folder: Path, lines: list[dict], content: str = GOOD) -> list[str]:
    write(folder, "a.txt", content)
    (folder / "manifest.jsonl").write_text(
        "\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    return [str(folder / "a.txt"), "--manifest", str(folder / "manifest.jsonl")]


def _duplicate_manifest_ids(folder: Path) -> list[str]:
    return _manifest_with(folder, [{"path": "a.txt", "published": "2023-05-02"},
                                   {"path": "a.txt", "published": "2023-06-09"}])


def _far_dates(published: str, words: str) -> Callable[[Path], list[str]]:
    text = (f"Harbour ferries resume service\n\nThe ferry service of Port Amsel resumes {words}, "
            "Mayor Ilse Brandvik said.\n")
    return lambda folder: _manifest_with(folder, [{"path": "a.txt", "published": published}], text)


def _absurd_record_numbers(folder: Path) -> list[str]:
    huge = "9" * 5000
    lines = [
        '{"text": "Ferries carried 1e308 passengers.", "published": 1e999}',
        '{"text": "Ferries carried many passengers.", "published": ' + huge + "}",
        '{"text": "Ferries sailed.", "title": ' + huge + "}",
    ]
    return write(folder, "numbers.jsonl", "\n".join(lines) + "\n")


def _absurd_text_numbers(folder: Path) -> list[str]:
    digits = "7" * 1000
    text = (f"Ferry count soars\n\nOfficials said {digits} passengers and 1e308 cars crossed, "
            "while 10^1000 tickets and -0 boats were counted. Mayor Ilse Brandvik said "
            f"{digits} was wrong.\n")
    return write(folder, "numbers.txt", text)


def _nul_late(folder: Path) -> list[str]:
    text = GOOD + " " * 70_000 + "\x00tail\x00\n"  # NULs past the 64 KB binary sniff
    return write(folder, "late-nul.txt", text)


def _nul_record(folder: Path) -> list[str]:
    return write(folder, "nul.jsonl", json.dumps({"text": GOOD.replace("Tuesday", "Tues\x00day")}))


def _symlink_loop(folder: Path) -> list[str]:
    (folder / "loop.txt").symlink_to("loop.txt")
    os.symlink(folder / "b.txt", folder / "a.txt")
    os.symlink(folder / "a.txt", folder / "b.txt")
    return [str(folder / "loop.txt"), str(folder)]


def _folder_named_like_file(folder: Path) -> list[str]:
    (folder / "story.txt").mkdir()
    (folder / "story.txt" / "inner.html").mkdir()
    return [str(folder / "story.txt")]


def _fifo(folder: Path) -> list[str]:
    inside = folder / "corpus"
    inside.mkdir()
    os.mkfifo(inside / "pipe.txt")  # no writer: opening it would block forever
    (inside / "device.txt").symlink_to("/dev/zero")
    return [str(inside)]


def _bad_file_name(folder: Path) -> list[str]:
    name = os.fsdecode(b"bad\xff\nname.txt")
    (folder / name).write_bytes(b"\x00\x01binary")
    return [str(folder / name)]


def _xml_bomb(folder: Path) -> list[str]:
    entities = '<!ENTITY a0 "ferry ferry ferry ferry ferry ferry ferry ferry ferry ferry">' + "".join(
        f'<!ENTITY a{n} "{f"&a{n - 1};" * 10}">' for n in range(1, 10))
    feed = (f'<?xml version="1.0"?><!DOCTYPE rss [{entities}]><rss version="2.0"><channel>'
            "<title>Bomb</title><item><title>t</title><description>&a9;</description></item>"
            "</channel></rss>")
    return write(folder, "laughs.rss", feed)


def _wide_csv(folder: Path) -> list[str]:
    header = ",".join(["text"] + [f"c{n}" for n in range(20_000)])
    return write(folder, "wide.csv", header + "\n" + '"' + GOOD + '"' + ",x" * 20_000 + "\n")


CASES: list[Case] = [
    Case("binary", _binary, words=("photo.txt", "is binary data")),
    Case("empty", _file("empty.txt", b""), words=("empty.txt", "is empty")),
    Case("whitespace", _file("blank.txt", " \n\t\r\n"), words=("holds only whitespace",)),
    Case("truncated html", _file("cut.html", ARTICLE_HTML[:230]), exit_code=0, stored=1),
    Case("html without text", _file("script.html", "<html><script>var a=1;</script></html>"),
         words=("script.html", "no article text found")),
    Case("huge file", _sparse_huge, words=("huge.txt", "20,000,000,000 bytes, over the limit")),
    Case("one 10 MB line", _long_line, exit_code=0, stored=1),
    Case("10 MB JSON line", _long_jsonl_line, words=("long.jsonl:1", "over the limit"), stored=1),
    Case("wrong encoding", lambda f: write(f, "latin.txt", GOOD.replace("ferry", "fähre")
                                           .encode("latin-1")) + ["--encoding", "utf-8"],
         words=("latin.txt", "is not valid utf-8 text")),
    Case("unknown encoding", lambda f: write(f, "a.txt", GOOD) + ["--encoding", "klingon-8"],
         words=("'klingon-8' is not a known encoding",)),
    Case("mixed encodings", _mixed_encodings, exit_code=0, stored=1),
    Case("utf-16 without BOM", _file("wide.txt", GOOD.encode("utf-16-le")),
         words=("wide.txt", "binary data")),
    Case("control characters", _file("controls.txt", bytes(range(1, 9)) * 500),
         words=("controls.txt", "binary data (mostly control bytes)")),
    Case("a few control characters", _file("ansi.txt", "\x1b[31m" + GOOD + "\x07\x0b\x1b[0m"),
         exit_code=0, stored=1),
    Case("RTL and emoji", _file("rtl.txt", "\u202eعبارة عن العبّارة\u202c 🚢🌊 " * 40
                                + "\nשלום 👋🏽 ferry\n"), exit_code=0, stored=1),
    Case("emoji only", _file("emoji.txt", "🚢🌊⛴️" * 300), exit_code=0, stored=1),
    Case("malformed html", _file("tags.html", "<html><body><div><p>The harbour <b>council "
                                 "<i>approved <p>a new ferry timetable on Tuesday, the "
                                 "mayor said, <table><td>and ferries run"), exit_code=0, stored=1),
    Case("deeply nested html", _deep_html, words=("deep.html", "no article text found")),
    Case("malformed json", _file("cut.json", '{"text": "Ferries sail", '),
         words=("cut.json", "is not valid JSON")),
    Case("json of the wrong shape", _file("numbers.json", "[1, 2, 3]"),
         words=("numbers.json", "is not an article list")),
    Case("deeply nested json", _deep_json, words=("deep.json", "nested too deeply")),
    Case("malformed jsonl", _file("mixed.jsonl", '{"text": "Ferries sail at dawn from the pier."}'
                                  '\n{"text": \n[1]\n"just a string"\n{"body": 42}\n'),
         words=("mixed.jsonl:2", "is not valid JSON"), stored=1),
    Case("malformed csv", _file("quote.csv", 'title,text\nFerry,"The ferry sails\n'),
         exit_code=0, stored=1),  # the open quote runs to the end of the file
    Case("csv without text column", _file("cols.csv", "title,date\nFerry,2023-01-01\n"),
         words=("cols.csv", "has no text column")),
    Case("csv with 20,000 columns", _wide_csv, exit_code=0, stored=1),
    Case("malformed rss", _file("cut.rss", RSS_HEAD + "<item><title>Ferry</title><description>"
                                "Ferries sail again from Port Amsel"), words=("cut.rss#1", "feed item has no text")),
    Case("atom without entries", _file("none.atom", ATOM_HEAD + "</feed>"),
         words=("none.atom", "is a feed with no items")),
    Case("not a feed", _file("page.xml", "<?xml version='1.0'?><catalog><book/></catalog>"),
         words=("page.xml", "is not an RSS or Atom feed")),
    Case("feed of 100k items", _huge_feed, words=("many.rss", "feed has 100,000 items; only the "
                                                  "first 20 were read"),
         stored=20, config="[ingest]\nmax_feed_items = 20\n"),
    Case("billion laughs feed", _xml_bomb, exit_code=0, stored=1),  # not expanded: see test
    Case("gzip bomb as .txt", _gzip_bomb("bomb.txt"), words=("bomb.txt", "binary data")),
    Case("gzip bomb as .html", _gzip_bomb("bomb.html"), words=("bomb.html", "binary data")),
    Case("gzip bomb as .jsonl", _gzip_bomb("bomb.jsonl"), words=("bomb.jsonl", "binary data")),
    Case("gzip bomb as .rss", _gzip_bomb("bomb.rss"), words=("bomb.rss", "not an RSS or Atom")),
    Case("zip bomb as .html", _zip_bomb, words=("story.html", "binary data")),
    Case("duplicate ids in a manifest", _duplicate_manifest_ids,
         words=("manifest.jsonl:2", "a.txt is listed again (first at line 1)"), stored=1),
    Case("duplicate records", _file("twice.jsonl", (json.dumps({"text": GOOD}) + "\n") * 2),
         exit_code=0, words=("1 duplicate(s) skipped",), stored=1),
    Case("far future date", _far_dates("9999-12-31", "next year and the day after tomorrow"),
         exit_code=0, stored=1),
    Case("far past date", _far_dates("0001-01-01", "last year, a decade ago"),
         exit_code=0, stored=1),
    Case("impossible date", _far_dates("2023-02-30", "soon"), words=("not a full date",),
         stored=1),
    Case("absurd numbers in records", _absurd_record_numbers,
         words=("numbers.jsonl:2", "more than the 4,300 digits"), stored=1),
    Case("absurd numbers in text", _absurd_text_numbers, exit_code=0, stored=1),
    Case("NUL bytes at the start", _file("nul.txt", "Ferry\x00news\x00" * 10),
         words=("nul.txt", "contains NUL bytes")),
    Case("NUL bytes late in the text", _nul_late, exit_code=0, stored=1),
    Case("NUL in a JSON record", _nul_record, exit_code=0, stored=1),
    Case("symlink loop", _symlink_loop, words=("loop.txt", "symbolic link")),
    Case("folder named like a file", _folder_named_like_file, exit_code=0, stored=0),
    Case("fifo and device in a folder", _fifo, words=("pipe.txt", "is not a regular file")),
    Case("undecodable file name", _bad_file_name, words=("bad\\xff\\nname.txt", "binary data")),
    Case("missing file", lambda f: [str(f / "nowhere.txt")], words=("nowhere.txt", "no such file")),
    Case("device file", lambda f: ["/dev/zero"], words=("/dev/zero", "not a regular file")),
    Case("binary on stdin", lambda f: ["-"], stdin=b"\x7fELF\x02\x01\x00" * 100,
         words=("<stdin>", "is binary data")),
    Case("empty stdin", lambda f: ["-"], stdin=b"", words=("<stdin>", "is empty")),
    Case("negative --max-bytes", lambda f: write(f, "a.txt", GOOD) + ["--max-bytes", "-1"],
         exit_code=2, words=("--max-bytes", "-1 is not a size")),
    Case("absurd --max-bytes", lambda f: write(f, "a.txt", GOOD) + ["--max-bytes", "9" * 30],
         exit_code=2, words=("--max-bytes", "is not a size; give a number of bytes")),
]
