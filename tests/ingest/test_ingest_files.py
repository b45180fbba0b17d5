"""Plain text files: walking folders, decoding, and every way a file can fail to be text."""

from __future__ import annotations

import codecs
import random

import pytest

from storyline.errors import BinaryInputError, EmptyInputError, EncodingError, InputTooLargeError
from storyline.ingest.files import decode_bytes, read_text, walk

FRENCH = (
    "Le président a déclaré à la presse que l'économie française se porte bien. « C'est un "
    "été très chaud », a-t-il ajouté, sans préciser où ni quand les mesures seraient "
    "annoncées. Les élèves sont déçus.\n"
)
_RNG = random.Random(0)
GARBAGE = bytes(_RNG.randrange(0x80, 0x100) for _ in range(2000))  # high bytes, no language


@pytest.mark.parametrize(
    ("data", "error", "words"),
    [
        pytest.param(b"", EmptyInputError, "is empty", id="empty"),
        pytest.param(b" \n\t\r\n  \n", EmptyInputError, "only whitespace", id="whitespace-only"),
        pytest.param(
            codecs.BOM_UTF8 + b"  \n", EmptyInputError, "only whitespace", id="bom-then-whitespace"
        ),
        pytest.param(
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200),
            BinaryInputError,
            "NUL bytes",
            id="png-nul-bytes",
        ),
        pytest.param(
            bytes([1, 2, 3, 4, 5, 6, 0x1B, 0x7F]) * 50 + b"some words",
            BinaryInputError,
            "control bytes",
            id="control-bytes",
        ),
        pytest.param(GARBAGE, EncodingError, "--encoding", id="undetectable-garbage"),
        pytest.param(
            b"x" * 10_001,
            InputTooLargeError,
            "is 10,001 bytes, over the limit of 10,000 bytes; raise it with --max-bytes",
            id="over-max-bytes",
        ),
    ],
)
def test_read_text_refuses_what_is_not_usable_text(data, error, words):
    with pytest.raises(error) as caught:
        read_text("in.txt", data, max_bytes=10_000)
    assert words in str(caught.value)
    assert str(caught.value).startswith("in.txt: ")


@pytest.mark.parametrize(
    ("data", "expected", "encoding"),
    [
        pytest.param(b"plain ASCII\n", "plain ASCII\n", None, id="ascii"),
        pytest.param(
            "naïve café — “quoted”\n".encode(), "naïve café — “quoted”\n", None, id="utf-8"
        ),
        pytest.param(
            codecs.BOM_UTF8 + b"with a BOM\n", "with a BOM\n", None, id="utf-8-bom-stripped"
        ),
        pytest.param(
            codecs.BOM_UTF16_LE + "UTF-16 text\n".encode("utf-16-le"),
            "UTF-16 text\n",
            "utf-16",
            id="utf-16-bom",
        ),
        pytest.param(FRENCH.encode("cp1252"), FRENCH, "cp1252", id="cp1252-detected"),
        pytest.param(FRENCH.encode("latin-1"), FRENCH, "cp1252", id="latin-1-detected"),
    ],
)
def test_decode_bytes_decodes_and_names_the_encoding(data, expected, encoding):
    decoded = decode_bytes("in.txt", data, max_bytes=10_000)
    assert decoded.text == expected
    assert decoded.encoding == encoding


def test_given_encoding_wins_over_detection():
    data = "Smörgåsbord für alle".encode("cp1252")
    assert decode_bytes("in.txt", data, 1000, encoding="latin-1") == (
        "Smörgåsbord für alle",
        "iso8859-1",
    )


@pytest.mark.parametrize(
    ("encoding", "words"),
    [("no-such-codec", "not a known encoding"), ("utf-8", "is not valid utf-8 text")],
)
def test_a_wrong_given_encoding_is_an_encoding_error(encoding, words):
    with pytest.raises(EncodingError, match=words):
        decode_bytes("in.txt", "café".encode("cp1252"), 1000, encoding=encoding)


def test_detected_encoding_is_recorded_in_metadata(tmp_path, write, read_all):
    path = write(tmp_path / "fr.txt", FRENCH.encode("cp1252"))
    [article], [] = read_all([path])
    assert article.text == FRENCH
    assert article.kind == "txt"
    assert article.metadata == {"format": "txt", "encoding": "cp1252"}


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("empty.txt", b"", "is empty"),
        ("blank.md", b"\n   \n\t\n", "only whitespace"),
        ("image.txt", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;" * 10, "binary"),
        (
            "garbage.txt",
            GARBAGE,
            "is not UTF-8 text and its encoding could not be detected; "
            "convert it to UTF-8 or pass --encoding",
        ),
    ],
)
def test_a_bad_file_becomes_a_failure_naming_it(
    tmp_path, write, only_failure, name, content, words
):
    path = write(tmp_path / name, content)
    failure = only_failure([path])
    assert failure.source == str(path)
    assert failure.message.startswith(f"{path}: ")
    assert words in failure.message


def test_a_50_mb_file_is_refused_from_its_size_before_reading(tmp_path, only_failure):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: instant, and it would be binary if read
    failure = only_failure([path])
    # the exact size can only come from stat(): a read stops one byte past the cap
    assert "is 52,428,800 bytes, over the limit of 10,000,000 bytes" in failure.message
    assert "--max-bytes" in failure.message


def test_max_bytes_setting_is_honoured(tmp_path, write, settings, only_failure):
    path = write(tmp_path / "a.txt", "twelve bytes")
    failure = only_failure([path], settings.with_overrides({"ingest.max_bytes": 5}))
    assert "over the limit of 5 bytes" in failure.message


@pytest.mark.parametrize(
    ("source", "words"),
    [
        ("does/not/exist.txt", "no such file or folder"),
        ("/dev/null", "not a regular file or folder"),
    ],
)
def test_a_missing_or_special_path_is_a_failure(only_failure, source, words):
    assert words in only_failure([source]).message


def test_folders_are_walked_recursively_sorted_skipping_clutter(tmp_path, write, settings):
    for name in [
        "b.txt",
        "a.md",
        "sub/c.txt",
        "sub/deeper/d.html",
        "a-sibling/e.txt",
        ".hidden.txt",
        ".git/config.txt",
        "sub/.cache/x.txt",
        "notes.docx",
        "image.png",
        "manifest.jsonl",
    ]:
        write(tmp_path / name, "text")
    found = [path.relative_to(tmp_path).as_posix() for path in walk(tmp_path, settings)]
    assert found == ["a-sibling/e.txt", "a.md", "b.txt", "sub/c.txt", "sub/deeper/d.html"]


def test_a_folder_yields_every_good_file_and_a_failure_per_bad_one(tmp_path, write, read_all):
    write(tmp_path / "1.txt", "First article.\nBody.")
    write(tmp_path / "2.txt", b"")
    write(tmp_path / "nested/3.md", "# Third\n\nBody.")
    write(tmp_path / "nested/4.txt", b"\x00\x01binary")
    articles, failures = read_all([tmp_path])
    assert [a.source for a in articles] == [str(tmp_path / "1.txt"), str(tmp_path / "nested/3.md")]
    assert [a.metadata["format"] for a in articles] == ["txt", "md"]
    assert [f.source for f in failures] == [str(tmp_path / "2.txt"), str(tmp_path / "nested/4.txt")]


def test_an_explicit_file_with_an_unknown_extension_is_read_as_text(tmp_path, write, read_all):
    path = write(tmp_path / "story.article", "Headline\nBody text.")
    [article], [] = read_all([path])
    assert (article.text, article.kind, article.metadata) == (
        "Headline\nBody text.",
        "txt",
        {"format": "txt"},
    )
    assert read_all([tmp_path]) == ([], [])  # but a folder walk skips it


def test_stdin_is_read_as_text(settings, read_all, tmp_path):
    stdin_file = tmp_path / "in"
    stdin_file.write_bytes(b"Headline\nPiped body.\n")
    with stdin_file.open("rb") as stdin:
        [article], [] = read_all(["-"], settings, stdin=stdin)
    assert (article.source, article.text, article.kind) == (
        "<stdin>",
        "Headline\nPiped body.\n",
        "txt",
    )


def test_stdin_over_the_cap_is_refused(settings, only_failure, tmp_path):
    stdin_file = tmp_path / "in"
    stdin_file.write_bytes(b"x" * 50)
    with stdin_file.open("rb") as stdin:
        failure = only_failure(
            ["-"], settings.with_overrides({"ingest.max_bytes": 10}), stdin=stdin
        )
    assert failure.source == "<stdin>"
    assert "--max-bytes" in failure.message
