"""Read article metadata from lines of the body: bylines, date lines, repost footers, wire
credits and metadata bullets.

The parsers here recognise a line's shape (boilerplate.py uses them to decide what to remove)
and pull values out of it (``read_metadata`` turns the removed lines into ``TextMetadata``).
All lexicons are general: words that name kinds of outlets, months, well-known wire agencies.
A date is only ever read from a full day-month-year written in the text; nothing is guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from storyline.dates import find_dates
from storyline.models import RemovedLine

# --- dates --------------------------------------------------------------------------------

_TIME = r"\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?|\d{1,2}\s*[ap]\.?m\.?"
_ZONE = r"\b(?:GMT|UTC|[ECMP][SD]?T|CES?T|BST|IST|AST|MSK|JST)\b(?:\s*[+-]\s*\d{1,2}(?::?\d{2})?)?"
_WEEKDAY = r"\b(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?"
_DATE_LABEL = re.compile(
    r"\b(?:(?:first\s+|originally\s+)?published|posted|updated|last\s+updated|last\s+modified"
    r"|modified|released|date)(?:\s+(?:date|on|at))?\b",
    re.I,
)
_DATE_FILLER = re.compile(
    rf"{_TIME}|{_ZONE}|{_WEEKDAY}|\b(?:at|on)\b|[\s|:,;.()\[\]/·•*–—-]+", re.I
)
_MAX_DATE_LINE_WORDS = 16


def parse_date(text: str) -> str | None:
    """The first full calendar date (with a year) in ``text`` as "YYYY-MM-DD", else None.

    Day-month-year, month-day-year (month names or abbreviations) and ISO year-month-day are
    read; an all-numeric day/month/year only when the order is unambiguous (one part > 12).
    """
    found = find_dates(text)
    return found[0][2] if found else None


def parse_date_line(line: str) -> list[tuple[str, str]]:
    """The dates of a line that holds nothing but labelled dates, as (kind, iso) pairs.

    ``kind`` is "modified" for a date after an Updated/Modified label and "published"
    otherwise. "Published: 14:02 | 29 March 2021" -> [("published", "2021-03-29")].
    A line with other words in it ("Published in 2019, the report ...") gives [].
    """
    text = _strip_bullet(split_outlet_prefix(line)[1])
    if not text or len(text.split()) > _MAX_DATE_LINE_WORDS:
        return []
    dates = find_dates(text)
    if not dates:
        return []
    labels = [(m.start(), m.group(0).lower()) for m in _DATE_LABEL.finditer(text)]
    if _DATE_FILLER.sub("", _blank_out(text, dates, labels)):
        return []  # words besides labels, dates, times and zones: a sentence, not a date line
    return [(_date_kind(labels, start), iso) for start, _, iso in dates]


_OUTLET_SEPARATOR = re.compile(r"\s+[|–—-]\s+")


def split_outlet_prefix(line: str) -> tuple[str | None, str]:
    """A header line that names the outlet before the date: "Harbor Daily | Friday, 26 March
    2021" -> ("Harbor Daily", "Friday, 26 March 2021"); any other line -> (None, line)."""
    parts = _OUTLET_SEPARATOR.split(_strip_bullet(line), maxsplit=1)
    if len(parts) == 2 and looks_like_outlet(parts[0]):
        return parts[0], parts[1]
    return None, line


def has_date_label(line: str) -> bool:
    """Names a date's role: Published, Posted, Updated, Modified, Date..."""
    return _DATE_LABEL.search(line) is not None


def _blank_out(text: str, dates: list[tuple[int, int, str]], labels: list[tuple[int, str]]) -> str:
    spans = [(s, e) for s, e, _ in dates] + [(s, s + len(label)) for s, label in labels]
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def _date_kind(labels: list[tuple[int, str]], date_start: int) -> str:
    """The kind named by the nearest label before the date; unlabelled dates are published."""
    before = [label for start, label in labels if start < date_start]
    if before and ("updat" in before[-1] or "modif" in before[-1]):
        return "modified"
    return "published"


# --- outlets and bylines ------------------------------------------------------------------

# Words that name kinds of news outlets ("... News", "... Agency", "The Daily ...").
_OUTLET_WORDS = frozenset(
    "news agency agence agencia agenzia times post press presse journal herald network media "
    "tv radio daily gazette wire service tribune telegraph chronicle broadcasting television "
    "magazine observer review bulletin courier dispatch monitor insider weekly today online "
    "channel ledger sentinel inquirer enquirer examiner economist independent express "
    "mirror guardian".split()
)
# Well-known wire and photo agencies, as they appear in bylines, credits and captions.
WIRE_AGENCIES = (
    "Reuters", "AP", "AFP", "EFE", "dpa", "Xinhua", "Anadolu", "ANSA", "Kyodo", "Yonhap",
    "Bloomberg", "TASS", "UPI", "PA", "IANS", "PTI", "WAFA", "Europa Press", "Agencies",
)  # fmt: skip
_WIRE_AGENCIES_LOWER = frozenset(a.lower() for a in WIRE_AGENCIES)
# Lowercase words allowed inside outlet names ("The Voice of the Harbour").
_GLUE_WORDS = frozenset("the of and for in on de la el al".split())
_DOMAIN = re.compile(r"^(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,12}/?$", re.I)
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&]{1,6}$")
# Words in a byline that name a role, not a person ("Staff Writer", "Foreign Desk").
_ROLE_WORDS = frozenset(
    "staff writer writers correspondent correspondents reporter reporters editor editors "
    "contributor contributors desk team bureau special senior chief "
    "political foreign".split()
)
# Lowercase particles inside personal names ("Ana de la Cruz", "Rafi bin Saleh").
NAME_PARTICLES = frozenset(
    "de da di do dos das del della der den van von ter ten bin bint ibn al el la le du "
    "y e abu st.".split()
)
_NAME_TOKEN = re.compile(r"^[^\W\d_][\w'’.-]*$")  # letters of any script, ' . - inside
_BYLINE_START = re.compile(
    r"^(?:by|written by|words by|story by|author|authors)\s*[:\-–—]?\s+(?P<rest>.+)$", re.I
)
_BYLINE_SPLIT = re.compile(r"\s*(?:,|;|\||&|\band\b|·|•|\s[–—-]\s)\s*")
_MAX_BYLINE_CHARS = 140


def looks_like_outlet(text: str) -> bool:
    """True for names of outlets: an acronym (KVX), a domain (x.com), a wire agency, or a
    name holding an outlet word (Daily Planet, Metro News Agency)."""
    text = text.strip().strip(".")
    if not text or len(text.split()) > 8:
        return False
    if _ACRONYM.match(text) or _DOMAIN.match(text):
        return True
    if text.lower() in _WIRE_AGENCIES_LOWER:
        return True
    words = re.findall(r"[A-Za-z]+", text)
    capitalized = all(w[0].isupper() or w.lower() in _GLUE_WORDS for w in words)
    return capitalized and any(w.lower() in _OUTLET_WORDS for w in words)


def looks_like_person(text: str) -> bool:
    """True for a personal name: 1-5 capitalized tokens (particles like "bin"/"van" allowed)."""
    tokens = text.split()
    if not 1 <= len(tokens) <= 5 or any(t.lower() in _ROLE_WORDS for t in tokens):
        return False
    named = [t for t in tokens if t.lower() not in NAME_PARTICLES]
    return (
        bool(named)
        and all(_NAME_TOKEN.match(t) and t[0].isupper() for t in named)
        and tokens[0][0].isupper()
    )


@dataclass
class Byline:
    authors: list[str] = field(default_factory=list)
    outlet: str | None = None
    dates: list[tuple[str, str]] = field(default_factory=list)  # (kind, iso), as in date lines


def parse_byline(line: str) -> Byline | None:
    """Authors, outlet and dates of a byline line, or None when the line is not a byline.

    "By A, B, Outlet" / "By A and B" / "By A | Outlet" / "By A for The Outlet" /
    "By A | Updated March 3, 2024". Every part must read as a person, an outlet, a role
    ("Staff Writer") or a date: "By the end of May, ..." is a sentence, not a byline.
    A byline of roles only ("By Staff Writer") is a byline with no authors.
    """
    text = _strip_bullet(line)
    match = _BYLINE_START.match(text)
    if not match or len(text) > _MAX_BYLINE_CHARS or _ends_sentence(text):
        return None
    rest = match.group("rest")
    byline = Byline(dates=_labelled_dates(rest))
    parts = _byline_parts(_blank_out(rest, find_dates(rest), []))
    for part in parts:
        if not _add_byline_part(byline, part):
            return None
    return byline if parts or byline.dates else None


def _labelled_dates(text: str) -> list[tuple[str, str]]:
    labels = [(m.start(), m.group(0).lower()) for m in _DATE_LABEL.finditer(text)]
    return [(_date_kind(labels, start), iso) for start, _, iso in find_dates(text)]


def _byline_parts(rest: str) -> list[str]:
    rest = re.sub(r"\s+for\s+(?=(?:the\s+)?[A-Z])", ", ", rest)  # "Jane Doe for The Outlet"
    parts = (p.strip(" .") for p in _BYLINE_SPLIT.split(rest))
    # What is left around a date that was cut out ("Updated", "10:00 GMT") is not a part.
    return [p for p in parts if _DATE_FILLER.sub("", _DATE_LABEL.sub("", p))]


def _add_byline_part(byline: Byline, part: str) -> bool:
    """File one comma/and-separated part of a byline; False when it is not byline material."""
    words = part.split()
    while words and words[-1].lower() in _ROLE_WORDS:  # "Reuters Staff", "Jane Doe, Senior Editor"
        words.pop()
    part = " ".join(words)
    if not part:
        return True  # a role only
    shouted_name, outlet = _split_shouted_name(words)
    if shouted_name:  # AP style without a comma: "JANE DOE Associated Press"
        byline.authors.append(_unshout(shouted_name))
        byline.outlet = byline.outlet or outlet
    elif looks_like_outlet(part):
        byline.outlet = byline.outlet or part
    elif looks_like_person(part):
        byline.authors.append(_unshout(part))
    else:
        return all(word.lower() in _GLUE_WORDS for word in words)
    return True


def _split_shouted_name(words: list[str]) -> tuple[str | None, str | None]:
    """("JANE DOE", "Associated Press") from "JANE DOE Associated Press", else (None, None)."""
    for k in range(len(words) - 1, 0, -1):
        name, outlet = " ".join(words[:k]), " ".join(words[k:])
        if name.isupper() and not outlet.isupper() and looks_like_outlet(outlet):
            return (name, outlet) if looks_like_person(name) else (None, None)
    return None, None


def _unshout(name: str) -> str:
    """AP-style all-caps names ("JANE DOE") become "Jane Doe"; mixed case is kept as is."""
    return name.title() if name.isupper() and len(name) > 3 else name


# --- repost footers and wire credits ------------------------------------------------------

_REPOST_FOOTER = re.compile(
    r"^(?:The post (?P<title>.+?) (?:first appeared|appeared first) on (?P<site>.+?)"
    r"|(?:This (?:article|story|post|piece) )?(?:was )?(?:originally|first) "
    r"(?:published|appeared|posted) (?:on|in|at|by) (?P<site2>.+?))\s*\.?$",
    re.I,
)
_AGENCY_ALT = "|".join(re.escape(a) for a in WIRE_AGENCIES)
_AGENCY_LIST = rf"(?:{_AGENCY_ALT})(?:\s*(?:,|/|and|&)\s*(?:{_AGENCY_ALT}))*"
_WIRE_WITH = re.compile(
    r"^[(\[]?\s*(?:with\s+)?(?:(?:information|inputs?|reporting|files|material|contributions)"
    r"\s+from\s+)(?P<wire>[^)\]]+?)[)\].\s]*$",
    re.I,
)
_WIRE_ONLY = re.compile(
    rf"^[\s(\[–—-]*(?:with\s+)?(?:the\s+)?(?P<wire>{_AGENCY_LIST})[)\].\s]*$", re.I
)
_CREDITS = re.compile(
    r"^[(\[]?\s*(?i:additional\s+)?(?i:reporting|writing|editing|edited|compiled|research"
    r"|fact-checking)\s+(?i:by)\s+[A-Z]"
)
_MAX_CREDIT_WORDS = 30


def parse_repost_footer(line: str) -> tuple[str | None, str] | None:
    """(title or None, site) of "The post X first appeared on Y." style footers, else None."""
    match = _REPOST_FOOTER.match(line.strip())
    if not match:
        return None
    site = (match.group("site") or match.group("site2") or "").strip()
    if not site or len(site.split()) > 8:
        return None
    return match.group("title"), site


def parse_wire_credit(line: str) -> tuple[str, str] | None:
    """("wire", agency) or ("credits", text) for wire-credit lines, else None.

    "(With information from AFP)" -> ("wire", "AFP"); "(AP)" -> ("wire", "AP");
    "(Reporting by A; Editing by B)" -> ("credits", "Reporting by A; Editing by B").
    """
    text = line.strip()
    if not text or len(text.split()) > _MAX_CREDIT_WORDS:
        return None
    for pattern in (_WIRE_WITH, _WIRE_ONLY):
        match = pattern.match(text)
        if match and len(match.group("wire").split()) <= 6:
            return "wire", match.group("wire").strip()
    if _CREDITS.match(text):
        return "credits", text.strip("()[] ")
    return None


_DATELINE_WIRE = re.compile(
    rf"^[^\W\d][\w .,'’/-]{{0,60}}?\((?P<wire>{_AGENCY_LIST})\)\s*[—–-]", re.I
)


def wire_from_dateline(paragraph: str) -> str | None:
    """The agency of a wire dateline: "PORTVALE (AP) — ..." / "March 3 (Reuters) - ..." -> AP."""
    match = _DATELINE_WIRE.match(paragraph)
    return match.group("wire") if match else None


# --- reading the removed lines ------------------------------------------------------------


@dataclass
class TextMetadata:
    """Metadata read from the body; article.py merges it under raw.metadata."""

    title: str | None = None
    outlet: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    extra: dict[str, object] = field(default_factory=dict)


def read_metadata(removed: list[RemovedLine]) -> TextMetadata:
    """Collect what the removed lines say about the article.

    Outlet precedence: a byline's outlet, then a metadata bullet's, then the site a repost
    footer names (a republisher's footer must not hide the byline of the original outlet).
    Published: the first published date; a modified date only when there is none.
    """
    found = TextMetadata()
    outlets: dict[str, str] = {}  # where an outlet was read -> the first one read there
    for line in removed:
        if line.reason == "byline":
            _read_byline(found, outlets, line.text)
        elif line.reason == "metadata":
            _read_metadata_line(found, outlets, line.text)
        elif line.reason == "repost-footer":
            _read_footer(found, outlets, line.text)
        elif line.reason == "wire-credit":
            _read_wire_credit(found, line.text)
    found.outlet = next(
        (outlets[k] for k in ("byline", "bullet", "header", "footer") if k in outlets), None
    )
    found.published = found.published or found.extra.get("modified")  # type: ignore[assignment]
    return found


def _read_byline(found: TextMetadata, outlets: dict[str, str], text: str) -> None:
    byline = parse_byline(text)
    if byline is None:
        return
    _read_dates(found, byline.dates)
    found.authors.extend(a for a in byline.authors if a not in found.authors)
    if byline.outlet:
        outlets.setdefault("byline", byline.outlet)


def _read_metadata_line(found: TextMetadata, outlets: dict[str, str], text: str) -> None:
    """A date line, or one item of a metadata bullet block (outlet, byline or section)."""
    dates = parse_date_line(text)
    _read_dates(found, dates)
    outlet, _ = split_outlet_prefix(text)
    if dates and outlet:
        outlets.setdefault("header", outlet)
    item = _strip_bullet(text)
    if dates or not item:
        return
    if parse_byline(item):
        _read_byline(found, outlets, item)
    elif looks_like_outlet(item):
        outlets.setdefault("bullet", item)
    elif len(item.split()) <= 5:
        found.extra.setdefault("section", item)


def _read_dates(found: TextMetadata, dates: list[tuple[str, str]]) -> None:
    for kind, iso in dates:
        if kind == "published" and found.published is None:
            found.published = iso
        elif kind == "modified":
            found.extra.setdefault("modified", iso)


def _read_footer(found: TextMetadata, outlets: dict[str, str], text: str) -> None:
    footer = parse_repost_footer(text)
    if footer is None:
        return
    title, site = footer
    found.extra.setdefault("first_appeared_on", site)
    outlets.setdefault("footer", site)
    found.title = found.title or title


def _read_wire_credit(found: TextMetadata, text: str) -> None:
    credit = parse_wire_credit(text)
    if credit is None:
        return
    kind, value = credit
    if kind == "wire":
        found.extra.setdefault("wire", value)
    else:
        found.extra.setdefault("credits", []).append(value)  # type: ignore[union-attr]


# --- small shared helpers -----------------------------------------------------------------

_BULLET = re.compile(r"^\s*(?:[-•*▪◦·–—]|\d{1,2}[.)])\s+")


def is_bullet(line: str) -> bool:
    return bool(_BULLET.match(line))


def _strip_bullet(line: str) -> str:
    return _BULLET.sub("", line.strip(), count=1).strip()


def _ends_sentence(text: str) -> bool:
    """Ends with a full stop that is not an initial ("J.") or an abbreviation ("Jr.")."""
    if not text.endswith("."):
        return False
    last = text.split()[-1]
    return len(last.rstrip(".")) > 2
