"""Find the lines of a scraped article that are not the article.

``find_boilerplate(lines)`` returns ``{line index: reason}``. It first judges each line on its
own (``classify_line``), then applies rules that need context: metadata bullets at the top,
labels above photo captions, the site name after a repost footer, related-link lists, and
promotional blocks that end in a call to action after the last paragraph.

Reasons (``REASONS``) form a small fixed set so removals can be counted and audited.
Everything is judged on the shape and general vocabulary of a line, never on particular
outlets or stories. Mid-article sub-headings (short lines followed by paragraphs) are content
and are never removed on their shape alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from storyline.clean.metadata import (
    NAME_PARTICLES,
    WIRE_AGENCIES,
    has_date_label,
    is_bullet,
    looks_like_outlet,
    parse_byline,
    parse_date_line,
    parse_repost_footer,
    parse_wire_credit,
)

REASONS = {
    "title": "the headline, moved to Article.title (not listed in Article.removed)",
    "advertisement": "ad markers and promotional blocks (appeals, house ads)",
    "call-to-action": "click here / subscribe / donate / follow us / read more lines",
    "newsletter": "newsletter sign-up prompts",
    "share-widget": "share / tweet / print / comment buttons",
    "related-links": "lists of links to other stories and their headers",
    "photo-caption": "photo captions, their credits and the name labels above them",
    "photo-credit": "credit-only lines (Photo: ..., Image source, Getty Images)",
    "repost-footer": "'The post X first appeared on Y' and 'originally published on Y'",
    "site-name": "a lone line naming the site (after a repost footer)",
    "metadata": "date lines, reading time, metadata bullet blocks (section, outlet, dates)",
    "byline": "By A, B, Outlet",
    "wire-credit": "(With information from AFP), (AP), (Reporting by ...; Editing by ...)",
    "copyright": "copyright and redistribution notices",
}

_MAX_PROMO_LINES = 8  # a promotional block longer than this is more likely real content
_MAX_RELATED_AFTER_HEADER = 10
_MAX_METADATA_ITEM_WORDS = 8

# --- single-line rules ---------------------------------------------------------------------

_AD_MARKER = re.compile(
    r"^(?:advertisement|advertising|sponsored(?: content)?|ad|paid content|promoted"
    r"|story continues below(?: advertisement)?|continue reading(?: below)?"
    r"|article continues (?:below|after (?:this )?advertisement)"
    r"|scroll (?:down )?to continue(?: reading)?)\W*$",
    re.I,
)
# An imperative aimed at the reader, at the start of a line (arrows and bullets allowed, but
# not an opening quote: "“Join us,” the crowd chanted" is reporting). Ambiguous verbs count
# only when an object or particle follows ("Sign up for ...", not "Sign up rates rose").
_CTA_OBJECT = (
    r"(?=\s*(?:$|[:!.,–—-]|(?:now|here|today|for|to|at|with|on|about|us|our|your|free)\b))"
)
_CTA = re.compile(
    r"^[\s>»▶►→•*-]*(?:click here|tap here|read the full|follow @|like us on"
    r"|join (?:us|our)\b|download (?:our|the) app|get the latest"
    r"|support (?:our|independent|us)\b|become a (?:member|subscriber|patron)"
    r"|buy now|shop now|order now|watch now|listen now|give now"
    rf"|(?:subscribe|sign up|donate|read more|learn more|follow us){_CTA_OBJECT}"
    r"|follow [^.]{1,40} on (?:twitter|x|facebook|instagram|tiktok|threads|bluesky|linkedin)\b"
    r"|(?:contact|e-?mail) (?:us|the (?:author|reporter|newsroom))\b)",
    re.I,
)
_SHOUTED_CTA = re.compile(r"\b(?:CLICK|TAP|SUBSCRIBE|DONATE|SIGN UP|JOIN NOW|BUY NOW)\b")
_MAX_CTA_WORDS = 30
_NEWSLETTER = re.compile(
    r"^newsletters?\W*$|\bnewsletters?\b.*\b(?:sign up|subscribe|inbox|delivered|e-?mail)\b"
    r"|\b(?:sign up|subscribe)\b.*\bnewsletters?\b",
    re.I,
)
_SHARE_WORDS = (
    r"share(?: this(?: article| story)?| on)?|tweet|e-?mail|print|copy link|whatsapp|facebook"
    r"|twitter|x|linkedin|telegram|reddit|pinterest|messenger|comments?|save|pocket|flipboard"
)
_SHARE_WIDGET = re.compile(rf"^(?:(?:{_SHARE_WORDS})\W*)+$", re.I)
_COPYRIGHT = re.compile(
    r"^(?:©|\(c\)\s|copyright\b)|\ball rights reserved\W*$"
    r"|\bmay not be (?:published|reproduced|broadcast|rewritten|redistributed),",
    re.I,
)
_READING_TIME = re.compile(
    r"^(?:\d+\s*min(?:ute)?s?\s+read|reading time\b.*|listen to (?:this )?article.*"
    r"|(?:tags|topics|filed under|categories|keywords)\s*:.*)$",
    re.I,
)

_PHOTO_WORDS = r"photo|photograph|image|picture|pic|video|credit|courtesy|handout|file|pool|via"
_AGENCY_WORDS = r"|".join(re.escape(a) for a in WIRE_AGENCIES) + (
    r"|Getty(?: Images)?|EPA|Zuma|ZUMA Press|Shutterstock|Alamy|Sipa|NurPhoto|iStock|Unsplash"
    r"|Wikimedia|Flickr|Eyevine|Abaca|SOPA|Imago|Picture Alliance"
)
_CREDIT_LABEL = re.compile(
    r"^(?:photo|photos|photograph|photographer|image|picture|video|credit|photo credit"
    r"|image credit|source)\s*:\s*\S.{0,100}$|^image source\s*[:,]\s*\S.{0,100}$"
    r"|^\((?:photo|image|picture)s?\b.*\)$"
    r"|^(?:image|photo|picture|slide)\s+\d+\s+(?:of|/)\s+\d+$"
    rf"|^(?:{_AGENCY_WORDS})(?:\s+(?:photos?|images?|pictures?))?(?:\s*(?:/|via)\s*[\w .'-]+)?$",
    re.I,
)
_CAPTION_LABEL = re.compile(
    r"^(?:image caption|media caption)\s*[:,]\s*\S|^(?:caption|file photo|file)\s*[:–—-]\s*\S",
    re.I,
)
_TRAILING_PAREN = re.compile(r"\((?P<credit>[^()]{2,160})\)\s*$")
_CREDIT_IN_PAREN = re.compile(rf"\b(?:{_PHOTO_WORDS}|{_AGENCY_WORDS})\b", re.I)
# A slash between two capitalised names is the "Photographer/Agency" form of a credit.
_SLASH_CREDIT = re.compile(r"[A-Z][\w.'-]*\s*/\s*[A-Z]|[A-Z][\w.'-]*\s*/\s*$")
_AGENCY_SLASH_TAIL = re.compile(
    rf"\b(?:{_AGENCY_WORDS})(?:\s+(?:photos?|images?|pictures?))?\s*/\s*[A-Z][\w.' -]*\s*$", re.I
)
_RELATED_INLINE = re.compile(r"^(?:related|read also|also read|see also)\s*:\s*\S", re.I)
_MAX_CAPTION_WORDS = 60
_MAX_CREDIT_WORDS = 14


def classify_line(line: str) -> str | None:
    """The reason to remove ``line`` judged on its own, or None when it may be content."""
    for reason, test in _LINE_RULES:
        if test(line):
            return reason
    return None


def _is_ad_marker(line: str) -> bool:
    return bool(_AD_MARKER.match(line))


def _is_newsletter(line: str) -> bool:
    return len(line.split()) <= _MAX_CTA_WORDS and bool(_NEWSLETTER.search(line))


def _is_call_to_action(line: str) -> bool:
    if len(line.split()) > _MAX_CTA_WORDS:
        return False
    return bool(_CTA.match(line) or (line.isupper() and _SHOUTED_CTA.search(line)))


def _is_share_widget(line: str) -> bool:
    return len(line) <= 80 and bool(_SHARE_WIDGET.match(line))


def _is_copyright(line: str) -> bool:
    return len(line.split()) <= 40 and bool(_COPYRIGHT.search(line))


def _is_metadata_line(line: str) -> bool:
    """A labelled date line ("Updated: ..."), a reading time or a tag list. A bare date is
    metadata only in the header (``_mark_header_dates``): elsewhere it may head a timeline."""
    return bool(_READING_TIME.match(line) or (has_date_label(line) and parse_date_line(line)))


def _is_photo_credit(line: str) -> bool:
    return len(line.split()) <= _MAX_CREDIT_WORDS and bool(_CREDIT_LABEL.match(line))


def _is_photo_caption(line: str) -> bool:
    """A caption ends in a credit: "(Name/Agency)", "(Photo: ...)", "AGENCY/Name"."""
    if len(line.split()) > _MAX_CAPTION_WORDS:
        return False
    if _CAPTION_LABEL.match(line) or _AGENCY_SLASH_TAIL.search(line):
        return True
    paren = _TRAILING_PAREN.search(line)
    if paren is None or paren.start() == 0:
        return False
    credit = paren.group("credit")
    return bool(_SLASH_CREDIT.search(credit) or _CREDIT_IN_PAREN.search(credit))


_LINE_RULES: list[tuple[str, Callable[[str], bool]]] = [
    ("advertisement", _is_ad_marker),
    ("repost-footer", lambda line: parse_repost_footer(line) is not None),
    ("wire-credit", lambda line: parse_wire_credit(line) is not None),
    ("byline", lambda line: parse_byline(line) is not None),
    ("metadata", _is_metadata_line),
    ("newsletter", _is_newsletter),
    ("share-widget", _is_share_widget),
    ("call-to-action", _is_call_to_action),
    ("copyright", _is_copyright),
    ("photo-credit", _is_photo_credit),
    ("photo-caption", _is_photo_caption),
    ("related-links", lambda line: bool(_RELATED_INLINE.match(line))),
]

# --- shapes of lines -------------------------------------------------------------------------

_TERMINAL = tuple(".!?:;,…")
_CLOSING_QUOTES = "\"'”’»"


def has_terminal_punctuation(line: str) -> bool:
    """Ends like a sentence (looking through closing quotes and brackets)."""
    return line.rstrip(_CLOSING_QUOTES + ")]").endswith(_TERMINAL)


def looks_like_heading(line: str, max_words: int = 15) -> bool:
    """A short line that starts like a title and does not end like a sentence."""
    words = line.split()
    return (
        1 <= len(words) <= max_words
        and not is_bullet(line)
        and not has_terminal_punctuation(line)
        and (line[0].isupper() or line[0].isdigit() or line[0] in "\"'“‘")
    )


def reads_like_headline(text: str) -> bool:
    """A link title: short and without a final full stop (questions and quotes allowed)."""
    text = text.strip()
    return 1 <= len(text.split()) <= 25 and not text.rstrip(_CLOSING_QUOTES).endswith(".")


def _is_name_label(line: str) -> bool:
    """A short label such as a person's name and title: mostly capitalised words."""
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", line) if w.lower() not in NAME_PARTICLES]
    if not words or len(words) > 12 or has_terminal_punctuation(line):
        return False
    capitalised = sum(1 for w in words if w[0].isupper())
    return capitalised / len(words) >= 0.7


# --- context rules -------------------------------------------------------------------------

_RELATED_HEADER = re.compile(
    r"^(?:related(?: articles| stories| coverage| content| news| posts| reading| topics)?"
    r"|read also|also read|see also|more on this(?: story| topic)?|more from [^.]{1,40}"
    r"|recommended(?: for you| stories| reading)?|you (?:may|might) also like"
    r"|most (?:read|popular|viewed)|trending(?: now)?|further reading|more stories"
    r"|top stories|what to read next|read next|keep reading|more news)\s*:?$",
    re.I,
)
# Words that address the reader or ask for something. "we"/"our"/"us" alone are weak: quoted
# officials say them all the time.
_PROMO_STRONG = re.compile(
    r"\b(?:you|your|join|donat\w*|gift\w*|support|help|give|contribut\w*|members?(?:hip)?"
    r"|subscri\w*|free|sign up)\b",
    re.I,
)
_PROMO_WEAK = re.compile(r"\b(?:we|our|us)\b", re.I)
# Reporting, not promotion: attributed speech or quotation marks.
_REPORTING = re.compile(r"\b(?:said|says|told|according to)\b|[“”\"]", re.I)


def _is_promotional(line: str) -> bool:
    return bool(_PROMO_STRONG.search(line)) or len(_PROMO_WEAK.findall(line)) >= 2


def find_boilerplate(lines: list[str]) -> dict[int, str]:
    """``{index: reason}`` for every line of ``lines`` that is not the article."""
    reasons: dict[int, str] = {}
    for index, line in enumerate(lines):
        reason = classify_line(line) if line else None
        if reason:
            reasons[index] = reason
    _mark_metadata_bullets(lines, reasons)
    _mark_header_dates(lines, reasons)
    _mark_top_metadata_neighbours(lines, reasons)
    _mark_caption_labels(lines, reasons)
    _mark_site_names(lines, reasons)
    _mark_related_lists(lines, reasons)
    _mark_trailing_bullets(lines, reasons)
    _mark_promo_blocks(lines, reasons)
    return reasons


def _content_indexes(lines: list[str], reasons: dict[int, str]) -> list[int]:
    """Indexes of the non-blank lines not (yet) marked for removal."""
    return [i for i, line in enumerate(lines) if line and i not in reasons]


def _mark_metadata_bullets(lines: list[str], reasons: dict[int, str]) -> None:
    """A run of >= 2 short bullets among the first lines, one of them a date, byline or
    outlet, is a metadata block ("- Section", "- Outlet Agency", "- Published Date: ...")."""
    top = [i for i, line in enumerate(lines) if line][:4]
    start = next((i for i in top if is_bullet(lines[i])), None)
    if start is None:
        return
    run = _bullet_run(lines, start)
    items = [re.sub(r"^\W+", "", lines[i]) for i in run]
    short = all(len(item.split()) <= _MAX_METADATA_ITEM_WORDS for item in items)
    strong = any(reasons.get(i) in ("metadata", "byline") for i in run) or any(
        looks_like_outlet(item) for item in items
    )
    if len(run) >= 2 and short and strong:
        for i in run:
            reasons.setdefault(i, "metadata")


_TOP_LINES = 6  # where a story's header (kicker, outlet, byline, dates) is printed
_MAX_KICKER_WORDS = 4


def _mark_header_dates(lines: list[str], reasons: dict[int, str]) -> None:
    """A line holding only a date ("Thursday, 12 May 2022") that opens the body or sits next
    to a byline or another metadata line among the first lines. Elsewhere a bare date is
    kept: it may head an entry of a timeline."""
    top = [i for i, line in enumerate(lines) if line][:_TOP_LINES]
    for position, index in enumerate(top):
        neighbours = top[max(position - 1, 0) : position + 2]
        near_header = any(reasons.get(j) in ("metadata", "byline") for j in neighbours)
        if (
            index not in reasons
            and (position == 0 or near_header)
            and parse_date_line(lines[index])
        ):
            reasons[index] = "metadata"


def _mark_top_metadata_neighbours(lines: list[str], reasons: dict[int, str]) -> None:
    """Next to a byline or date line in the header, an outlet name or a short kicker
    ("Analysis", "World News") is metadata too; a dek sentence is not."""
    top = [i for i, line in enumerate(lines) if line][:_TOP_LINES]
    changed = True
    while changed:
        changed = False
        for position, index in enumerate(top):
            neighbours = top[max(position - 1, 0) : position + 2]
            near_header = any(
                reasons.get(j) in ("metadata", "byline") for j in neighbours if j != index
            )
            line = lines[index]
            if index in reasons or not near_header:
                continue
            if looks_like_outlet(line) or looks_like_heading(line, max_words=_MAX_KICKER_WORDS):
                reasons[index] = "metadata"
                changed = True


def _bullet_run(lines: list[str], start: int) -> list[int]:
    run = []
    for i in range(start, len(lines)):
        if not lines[i]:
            continue
        if not is_bullet(lines[i]):
            break
        run.append(i)
    return run


def _mark_caption_labels(lines: list[str], reasons: dict[int, str]) -> None:
    """A name label right above a caption ("Jane Doe, Minister of X") belongs to it."""
    for index in [i for i, reason in reasons.items() if reason == "photo-caption"]:
        above = index - 1
        if above >= 0 and lines[above] and above not in reasons and _is_name_label(lines[above]):
            reasons[above] = "photo-caption"


def _mark_site_names(lines: list[str], reasons: dict[int, str]) -> None:
    """A lone line repeating the site a repost footer named is the site's signature."""
    sites = set()
    for index, reason in reasons.items():
        footer = parse_repost_footer(lines[index]) if reason == "repost-footer" else None
        if footer:
            sites.add(_comparable(footer[1]))
    for index in _content_indexes(lines, reasons):
        if _comparable(lines[index]) in sites:
            reasons[index] = "site-name"


def _comparable(text: str) -> str:
    return re.sub(r"\W+", " ", text.casefold()).strip()


def _mark_related_lists(lines: list[str], reasons: dict[int, str]) -> None:
    """A "Related:" / "See also" header and the link titles listed under it. A header with
    no list under it is left alone: it may be a sub-heading ("More from the hearing")."""
    for index, line in enumerate(lines):
        if not line or index in reasons or not _RELATED_HEADER.match(line):
            continue
        items = _link_titles_after(lines, reasons, index)
        if items:
            for i in [index, *items]:
                reasons[i] = "related-links"


def _link_titles_after(lines: list[str], reasons: dict[int, str], header: int) -> list[int]:
    items = []
    following = [i for i in range(header + 1, len(lines)) if lines[i]]
    for i in following[:_MAX_RELATED_AFTER_HEADER]:
        text = re.sub(r"^\W+", "", lines[i])
        if i in reasons or not (is_bullet(lines[i]) or reads_like_headline(text)):
            break
        items.append(i)
    return items


def _mark_trailing_bullets(lines: list[str], reasons: dict[int, str]) -> None:
    """>= 2 bullets after the last paragraph, mostly link titles, are related links, unless
    the paragraph before them announces a list with a colon."""
    content = _content_indexes(lines, reasons)
    run: list[int] = []
    for i in reversed(content):
        if not is_bullet(lines[i]):
            break
        run.append(i)
    before = content[len(content) - len(run) - 1] if len(run) < len(content) else None
    if before is not None and lines[before].endswith(":"):
        return  # the article introduces the list ("What the closure means:"): content
    headline_like = [i for i in run if reads_like_headline(re.sub(r"^\W+", "", lines[i]))]
    if len(run) >= 2 and len(headline_like) * 2 > len(run):
        for i in run:
            reasons[i] = "related-links"


def _mark_promo_blocks(lines: list[str], reasons: dict[int, str]) -> None:
    """A short block with promotional wording that ends at a call to action placed after
    the last paragraph, from its heading line down, is an appeal or a house ad."""
    content = _content_indexes(lines, reasons)
    ctas = [i for i, r in reasons.items() if r in ("call-to-action", "newsletter")]
    last_content = content[-1] if content else -1
    for cta in sorted(ctas, reverse=True):
        if cta < last_content:
            continue  # text follows: the call to action sits inside the article
        block = _promo_block_above(lines, reasons, cta)
        for i in block:
            reasons[i] = "advertisement"
        content = [i for i in content if i not in block]
        last_content = content[-1] if content else -1


def _promo_block_above(lines: list[str], reasons: dict[int, str], cta: int) -> list[int]:
    """The heading and body lines above ``cta`` when they form a promo block, else []."""
    body: list[int] = []
    for i in range(cta - 1, -1, -1):
        if not lines[i]:
            continue
        if reasons.get(i, "call-to-action") != "call-to-action" or len(body) >= _MAX_PROMO_LINES:
            return []  # another kind of residue, or too long: not one promo block
        if looks_like_heading(lines[i]):
            block = [i, *body]
            if any(_REPORTING.search(lines[j]) for j in block):
                return []  # attributed speech or quotes: a section of the article
            promotional = sum(1 for j in block if _is_promotional(lines[j]))
            return block if promotional * 2 >= len(block) else []
        body.append(i)
    return []
