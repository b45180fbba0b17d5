"""The data model that flows through every stage.

Plain dataclasses only: they cross process boundaries (Dask) and map onto store rows.
Every extracted fact carries ``article_id`` plus ``start``/``end`` character offsets into
``Article.text`` (the cleaned text), so any fact can be traced to the sentence it came from.

    RawArticle --clean--> Article --extract--> Sentence, Mention  (per article, pure)
    Mention* --resolve--> Entity                                    (global, incremental)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

# Where a metadata value came from. "inferred" is reserved for estimates (never a real date).
ValueOrigin = Literal["metadata", "text", "inferred"]


@dataclass
class RawArticle:
    """One article as a source gave it, before any cleaning.

    ``metadata`` holds what the source or a manifest stated (title, url, published, outlet,
    authors, language, ...). Values read from the body are not here: clean/ finds those.
    """

    source: str  # path, URL or "<stdin>", as the user gave it (records add "#line" / "#item")
    text: str
    metadata: dict[str, object] = field(default_factory=dict)
    # "txt" text whose first line may be a headline; "extracted" text a parser already
    # separated from its title (HTML, records, feeds).
    kind: Literal["txt", "extracted"] = "extracted"


@dataclass
class Failure:
    """An input (file, record, URL) that could not be used; the batch goes on without it."""

    source: str
    message: str  # one line naming the input and the problem, from an InputError


@dataclass
class RemovedLine:
    """A line taken out of the text during cleaning, kept so removal is auditable."""

    text: str
    reason: str  # e.g. "advertisement", "related-links", "photo-caption", "byline"


@dataclass
class Repair:
    """An in-text repair made during cleaning (e.g. a glued word split in two)."""

    original: str
    replacement: str
    reason: str


@dataclass
class Article:
    """A cleaned article: the text every offset refers to, plus metadata with provenance."""

    id: str  # stable: derived from the normalized content hash
    source: str
    text: str
    raw_text: str
    content_hash: str
    title: str | None = None
    outlet: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None  # "YYYY-MM-DD"
    url: str | None = None
    language: str | None = None
    removed: list[RemovedLine] = field(default_factory=list)
    repairs: list[Repair] = field(default_factory=list)
    # field name -> "metadata" | "text" | "inferred"; a field absent here has no value
    provenance: dict[str, str] = field(default_factory=dict)
    # everything else found (section, wire credit, repost origin, modified date, ...)
    extra: dict[str, object] = field(default_factory=dict)
    nlp_skipped: str | None = None  # reason the English model was not run (e.g. "language:es")
    # An estimate when neither metadata nor text gives a date: {"not_before": "YYYY-MM-DD",
    # "not_after": None, "basis": "..."}. Provenance "inferred"; never copied into ``published``.
    published_range: dict[str, str | None] | None = None


@dataclass
class Sentence:
    article_id: str
    index: int
    start: int
    end: int


@dataclass
class Mention:
    """A named-entity (or DATE/CARDINAL/...) mention found by the NER component."""

    article_id: str
    start: int
    end: int
    text: str
    label: str  # spaCy label: PERSON, ORG, GPE, LOC, NORP, DATE, CARDINAL, ...
    sentence: int  # index of the Sentence holding it
    entity_id: str | None = None  # filled by resolve/
    # "name" (a named-entity mention), "title" ("the secretary", "the Omani prime minister")
    # or "pronoun" ("he said"); titles and pronouns name a PERSON only through ``antecedent``
    kind: str = "name"
    antecedent: int | None = None  # start offset of the name mention this one refers to


@dataclass
class Timex:
    """A time expression normalized to a TIMEX3 value against the article's publication date.

    ``value`` keeps only the precision the text gives: "2025-01-28" (day), "2025-01" (month),
    "XXXX-12-01" (a day with an unknown year), "2025-W05" (week), "P3D" (a duration), or None
    when it can't be normalized (e.g. "on Tuesday" in an undated article).
    """

    article_id: str
    start: int
    end: int
    text: str
    type: str  # TIMEX3 type: DATE, TIME, DURATION, SET
    value: str | None
    precision: str | None = None  # "day", "week", "month", "quarter", "year", "decade", ...
    anchored: bool = False  # True when the value needed the publication date to resolve
    sentence: int | None = None


@dataclass
class Extraction:
    """Everything the per-article work produced for one article."""

    article: Article
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    roles: list["Role"] = field(default_factory=list)
    framing: list["FramingTerm"] = field(default_factory=list)
    events: list["Event"] = field(default_factory=list)
    claims: list["Claim"] = field(default_factory=list)
    quotes: list["Quote"] = field(default_factory=list)


@dataclass
class Entity:
    """A canonical entity: the mentions (across articles) of one real-world thing."""

    id: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    acronyms: list[str] = field(default_factory=list)  # initials taught by the text ("CDF")
    # lookup keys (folded name tokens, acronyms) under which a resolver finds it again
    keys: list[str] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)  # why its mentions were merged
    wikidata: str | None = None  # from a user aliases file, never guessed


@dataclass
class EntityMerge:
    """Two stored entities found to be one: ``absorbed`` now redirects to ``into``."""

    absorbed: str
    into: str
    reason: str


# Labels that name things a user can look up; other NER labels (DATE, CARDINAL, MONEY, ...)
# are stored as mentions but do not become canonical entities.
ENTITY_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"}
)


@dataclass
class Role:
    """A title a person held, as one sentence states it ("U.S. Secretary of State Dana Kovac").

    ``start``/``end`` cover the title words; ``holder_start`` is where the holder's mention
    starts. ``date`` is when the text says it was true: the article's publication date (or its
    inferred lower bound), None when the article is undated, so roles never resolve across time.
    """

    article_id: str
    start: int
    end: int
    title: str  # normalized office, e.g. "secretary of state", "prime minister", "ambassador"
    qualifier: str | None  # the office's country or body, normalized ("us", "omani"), if given
    holder_start: int
    sentence: int | None = None
    entity_id: str | None = None  # the holder, filled by resolve/
    date: str | None = None


@dataclass
class CopyGroup:
    """Articles that are copies of one another (syndicated or lightly edited); one canonical."""

    id: str
    canonical: str  # article id chosen to stand for the group
    articles: list[str] = field(default_factory=list)  # every member, canonical included
    similarity: dict[str, float] = field(default_factory=dict)  # member -> Jaccard to canonical


@dataclass
class Story:
    """A cluster of articles: ``event`` (one happening) or ``storyline`` (related events over time)."""

    id: str
    level: Literal["event", "storyline"]
    title: str
    articles: list[str] = field(default_factory=list)
    events: list[str] = field(default_factory=list)
    first: str | None = None  # earliest date covered ("YYYY-MM-DD"), None when undated
    last: str | None = None
    parent: str | None = None  # an event cluster's storyline


@dataclass
class FramingTerm:
    """One word choice an outlet made for a referent, with the sentence it came from.

    Extraction fills everything but the final ``referent``: per article it is the named entity
    the words are attached to (a label, an apposition) or the words themselves; the
    collection-level grouping (``extract.framing.group_referents``) then replaces it with the
    referent discovered across articles. ``head``, ``anchor``, ``entity_type`` and ``context``
    are the evidence that grouping uses.
    """

    article_id: str
    outlet: str | None
    referent: str  # a label for what is named (a group of terms discovered from the data)
    term: str  # the words used, normalized (lemma, lower case)
    start: int
    end: int
    sentence: int | None = None
    # "term" (a noun choice), "label" (words attached to a named entity: "the militant group
    # X", "X, the Y,", "X is a Y") or "name" (the named entity itself, kept so terms and names
    # of one referent meet)
    kind: str = "term"
    head: str = ""  # the head noun's lemma ("group" in "the militant group")
    anchor: str | None = None  # the named entity (normalized) a label or apposition names
    entity_type: str | None = None  # spaCy label of a "name" row (or of the anchor)
    # where the words stand: "release>of" (object of "release of"), "hold>obj|subj=x" (held by
    # x), "in:lumeria" (attached "in Lumeria"); referents merge when their contexts overlap
    context: list[str] = field(default_factory=list)


@dataclass
class Resolution:
    """What the global resolve step decided for one batch (written with the batch)."""

    entities: list[Entity] = field(default_factory=list)  # new or changed entities
    merges: list[EntityMerge] = field(default_factory=list)


@dataclass
class EventActor:
    """A participant of an event: the mention naming it, and its role."""

    start: int  # the mention's offsets in the article text
    end: int
    text: str
    role: str  # "source" (who acts) or "target" (who is acted on)
    entity_id: str | None = None  # filled by resolve/ from the mention at ``start``
    # a description ("the owner") names no one itself: the start of the name mention it
    # stands for in the same article (resolve/ takes that mention's entity)
    antecedent: int | None = None


@dataclass
class Event:
    """One event mention (PLOVER type), as one sentence of one article tells it."""

    article_id: str
    start: int  # the trigger (the verb or noun that names the event)
    end: int
    sentence: int
    type: str  # PLOVER: AGREE, CONSULT, ..., plus STATEMENT and OTHER
    mode: str | None = None  # e.g. CONSULT "phone" / "visit" / "meeting"
    trigger: str = ""
    actors: list[EventActor] = field(default_factory=list)
    place: str | None = None
    date: str | None = None  # TIMEX3 value, only the precision the text gives
    # "day", "month", ... or "on_or_before": that date or earlier (docs/events.md)
    date_precision: str | None = None
    modality: str = "happened"  # happened / planned / announced / denied / hypothetical
    confidence: float = 0.5
    id: str | None = None  # the merged real-world event, filled by resolve/


@dataclass
class Claim:
    """A figure a source gives: value, what it counts, as of when, attributed to whom.

    ``value`` is the number stated (None for a range or a vague plural, which only have
    bounds); a hedge sets ``approximate`` ("some", "about", "nearly"), ``lower`` ("at least",
    "more than") or ``upper`` ("up to", "nearly"); "tens of thousands" is lower 20000, upper
    90000, approximate. Money and percentages start ``counts`` with their unit ("dollars
    pledged", "percent voters").
    """

    article_id: str
    start: int  # the figure's words
    end: int
    sentence: int
    text: str
    value: float | None
    counts: str  # what is counted, normalized (e.g. "killed", "hostages released")
    approximate: bool = False
    lower: float | None = None
    upper: float | None = None
    total: float | None = None  # "87 of the 251" -> 251
    as_of: str | None = None  # TIMEX3 value
    source: str | None = None  # the attribution as written ("the regional health ministry")
    source_start: int | None = None
    source_entity: str | None = None  # filled by resolve/
    # what the counted things belong to ("foreign hostages", "people killed in X"), as written;
    # claims about different subjects are never grouped as one quantity
    subject: str | None = None
    subject_start: int | None = None  # the GPE/LOC/NORP mention's start
    subject_entity: str | None = None  # filled by resolve/


@dataclass
class Quote:
    """A quote with its speaker and cue: one stretch of quoted (or reported) words.

    A quotation broken by its attribution ("...," he said. "...") or running over several
    paragraphs gives one Quote per stretch; the stretches share ``group`` (the ``start`` of
    the first one), so they can be joined for display and keep exact offsets each.
    """

    article_id: str
    start: int  # the quoted words (without the quote marks)
    end: int
    text: str
    cue: str | None = None  # "said", "told", "according to", ...
    speaker: str | None = None  # the speaker as written ("he", "the ministry", "Kovac")
    speaker_start: int | None = None  # a pronoun/title speaker: the start of that Mention
    speaker_entity: str | None = None  # filled by resolve/ (through pronouns and titles too)
    sentence: int | None = None
    # "direct" (a whole quoted statement), "partial" (a few quoted words inside a sentence)
    # or "indirect" (reported speech without quote marks, only when asked for)
    kind: str = "direct"
    cue_start: int | None = None
    cue_end: int | None = None
    speaker_end: int | None = None
    # start of the name, title or pronoun Mention inside the speaker's words, which resolve/
    # follows (through ``Mention.antecedent`` for titles and pronouns) to the entity
    speaker_mention: int | None = None
    group: int | None = None  # start of the first stretch of the same quotation
