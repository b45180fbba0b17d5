"""Unicode repair and whitespace normalization, the first step of cleaning.

Quotes and dashes are kept as the characters the source used: quote extraction later relies
on curly quotes, and the content hash (fingerprint.py) unifies their variants on its own.
"""

from __future__ import annotations

import re
import unicodedata

import ftfy

# ftfy repairs mojibake ("â€™" -> "’"), HTML entities, C1 controls, ligatures and full-width
# letters, and normalizes to NFC. It must not straighten quotes (see module docstring).
_FTFY_CONFIG = ftfy.TextFixerConfig(uncurl_quotes=False, normalization="NFC", explain=False)

# Characters that render as a space but are not U+0020: no-break, figure, thin, hair, ideographic...
_ODD_SPACES = re.compile(r"[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
# Invisible characters that only break words for tokenizers: zero-width (non-)joiners and
# spaces, word joiner, byte-order mark, soft hyphen, Mongolian vowel separator.
_INVISIBLE = re.compile(r"[\u00ad\u180e\u200b-\u200d\u2060\ufeff]")
# Control characters (Unicode category Cc) other than the newline carry no text.
_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")
_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")
_SPACE_RUNS = re.compile(r" {2,}")
_BLANK_LINE_RUNS = re.compile(r"\n{3,}")

# ftfy is not always a fixpoint on its own output ("&amp;amp;" loses one level per pass, and
# removing a control character can leave two characters that read as mojibake); repeating the
# whole normalization until nothing changes makes normalize_text idempotent in practice.
_MAX_PASSES = 4


def normalize_text(text: str) -> str:
    """Return ``text`` with Unicode repaired and whitespace normalized; never raises."""
    for _ in range(_MAX_PASSES):
        normalized = _normalize_once(text)
        if normalized == text:
            break
        text = normalized
    return text


def _normalize_once(text: str) -> str:
    text = ftfy.fix_text(text, _FTFY_CONFIG)
    text = _unify_whitespace(text)
    # NFC last: removing an invisible character can put a base letter next to its accent.
    return _tidy_lines(unicodedata.normalize("NFC", text))


def _unify_whitespace(text: str) -> str:
    """One kind of line break, one kind of space, no invisible or control characters."""
    text = _LINE_BREAKS.sub("\n", text)
    text = _ODD_SPACES.sub(" ", text)
    text = _INVISIBLE.sub("", text)
    return _CONTROL.sub("", text)


def _tidy_lines(text: str) -> str:
    """Collapse space runs, strip line ends, keep at most one blank line, trim the ends."""
    lines = [_SPACE_RUNS.sub(" ", line).strip() for line in text.split("\n")]
    text = "\n".join(lines)
    return _BLANK_LINE_RUNS.sub("\n\n", text).strip("\n")


# --- hard-wrapped plain text --------------------------------------------------------------

_MAX_WRAP_WIDTH = 100  # a line longer than this means paragraphs are not wrapped
_MIN_WRAPPED_LINES = 3
_FULL_LINE_SHARE = 0.7  # this share of inner lines runs close to the wrap width
_BULLET_START = re.compile(r"^(?:[-•*▪◦·–—]|\d{1,2}[.)])\s")


def unwrap_paragraphs(text: str) -> str:
    """Join the lines of hard-wrapped paragraphs (blank-line separated, lines cut at a fixed
    width) so each paragraph is one line; any other text is returned unchanged.

    Later steps judge lines one by one (headline, captions, promo headings): a line cut in
    mid-sentence would look like a heading to them.
    """
    blocks = text.split("\n\n")
    if not _looks_hard_wrapped(blocks):
        return text
    return "\n\n".join(_join_block(block) for block in blocks)


def _looks_hard_wrapped(blocks: list[str]) -> bool:
    lines = [line for block in blocks for line in block.split("\n")]
    inner = [line for block in blocks for line in block.split("\n")[:-1]]  # not last in block
    if len(inner) < _MIN_WRAPPED_LINES or max(map(len, lines)) > _MAX_WRAP_WIDTH:
        return False
    width = max(map(len, inner))
    full = sum(1 for line in inner if len(line) >= 0.6 * width)
    return full >= _FULL_LINE_SHARE * len(inner)


def _join_block(block: str) -> str:
    """One line per paragraph; list items stay on lines of their own."""
    joined: list[str] = []
    for line in block.split("\n"):
        if joined and not _BULLET_START.match(line):
            glue = "" if joined[-1].endswith("-") and line[:1].islower() else " "
            joined[-1] += glue + line
        else:
            joined.append(line)
    return "\n".join(joined)
