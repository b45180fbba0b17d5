"""``roles.rules.v1``: offices people hold, titles used as names, and "he said" pronouns.

Per article and pure (the spaCy ``Doc`` plus the NER mentions in, plain dataclasses out):

* **Roles** from a title before a name ("U.S. Secretary of State Dana Kovac", "Omani Prime
  Minister and Foreign Minister Sheikh ...") or in an appositive after it ("..., the Saudi crown
  prince,"). A role is dated with the article's publication date: it says who held the office
  *then*. "former", "ex-", "late" and "then-" titles describe another time, so they give no role.
* **Title mentions**: "the secretary", "the Omani prime minister" used instead of a name. The
  antecedent is the latest holder of a matching role earlier in the same article; without one
  the mention stays open, and resolve/ may look the office up at the article's date.
* **Pronoun mentions**: a subject "he"/"she" points at the latest person before it (within two
  sentences), preferring one that was itself a subject; later stages need it for "he said".

The office words are a general lexicon of public and corporate offices; nothing here names a
person, country or organization.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from spacy.tokens import Doc

from storyline.models import Article, Mention, Role, Sentence
from storyline.registry import register
from storyline.titles import (
    TITLE_PATTERN as _TITLE,
    TITLE_RE as _TITLE_RE,
    normalize_qualifier,
    normalize_title,
    qualifiers_match,
    titles_match,
)

_CHAIN = rf"{_TITLE}(?:\s*(?:,|and|&)\s*{_TITLE})*"
# Honorifics that may stand between a title and the name ("Prime Minister Sheikh ...").
_HONORIFIC = r"(?:(?:Sheikh|Sheikha|Mr|Mrs|Ms|Dr|Sir|Dame|Gen|Maj|Col|Lt|Adm|Rev|Prof)\.?\s+)*"
# A title chain ending right before the name (searched in the text just before it), maybe
# with its country or post after it: "The Secretary of State of the United States, <name>",
# "The Omani ambassador to the United States, <name>".
_POST = r"(?P<post>\s+(?P<prep>of|to|for)\s+(?:the\s+)?[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3})"
_PREFIX_RE = re.compile(rf"\b(?P<chain>{_CHAIN}){_POST}?\s*,?\s+{_HONORIFIC}$")
# Up to two capitalized words (a country, body or demonym) may qualify the office.
_QUAL = r"(?P<qual>(?:[A-Z][\w.’'-]*\s+){0,2}?)"
_APPOSITIVE_RE = re.compile(rf",\s+(?:(?i:the|an?)\s+)?{_QUAL}(?P<chain>{_CHAIN})")
# "the Prime Minister's Office", "the President's Council": a title owning a named body (or
# its office) names that body, not the holder
_TITLE_AS_NAME_RE = re.compile(rf"\b[Tt]he\s+{_QUAL}(?P<title>{_TITLE})\b(?!['’]s\s+(?:[A-Z]|office\b))")
_NOT_NOW = re.compile(r"\b(?:former|ex|late|then|outgoing|future|would-be)[\s-]+$", re.IGNORECASE)
_QUALIFIER_LABELS = frozenset({"GPE", "NORP", "ORG", "LOC"})
_SUBJECT_PRONOUNS = frozenset({"he", "she"})
_LOOKBACK = 120  # characters before a name searched for its title


@dataclass
class _Person:
    """A person mention in text order, with the roles this article gave its holder."""

    mention: Mention
    roles: list[Role]
    subject: bool


def _split_chain(chain: str) -> list[str]:
    return [normalize_title(m.group(0)) for m in _TITLE_RE.finditer(chain)]


@register("roles.rules.v1")
class RuleRoles:
    """Roles, title mentions and pronoun mentions of one article (see the module doc)."""

    name = "roles.rules.v1"

    def __call__(
        self, article: Article, doc: Doc, sentences: list[Sentence], mentions: list[Mention]
    ) -> tuple[list[Role], list[Mention]]:
        text = article.text
        starts = [s.start for s in sentences]
        people = [m for m in mentions if m.label == "PERSON" and m.kind == "name"]
        things = [m for m in mentions if m.label in _QUALIFIER_LABELS]
        roles = [r for m in people for r in self.roles_of(article, m, things, starts)]
        titles = self.title_mentions(article, mentions, things, roles, starts)
        pronouns = self.pronoun_mentions(article, doc, people, titles, starts)
        return roles, sorted(titles + pronouns, key=lambda m: m.start)

    # -- roles ----------------------------------------------------------------------------
    def roles_of(self, article: Article, person: Mention, things: list[Mention],
                 starts: list[int]) -> list[Role]:
        sentence_start = starts[person.sentence] if starts else 0
        window = max(sentence_start, person.start - _LOOKBACK)
        return (self._prefix_roles(article, person, things, window)
                + self._appositive_roles(article, person, things))

    def _prefix_roles(self, article: Article, person: Mention, things: list[Mention],
                      window: int) -> list[Role]:
        text = article.text
        match = _PREFIX_RE.search(text, window, person.start)
        if match is None or _NOT_NOW.search(text, window, match.start()):
            return []
        if match.group("prep") == "of":  # "Prime Minister of Oman, <name>"
            qualifier = _qualifier_in(text, match.start("post"), match.end("post"), things)
        else:
            qualifier = _qualifier_before(text, window, match.start(), things)
        return self._roles(article, person, match, qualifier, things)

    def _appositive_roles(self, article: Article, person: Mention,
                          things: list[Mention]) -> list[Role]:
        end = min(len(article.text), person.end + _LOOKBACK)
        match = _APPOSITIVE_RE.match(article.text, person.end, end)
        if match is None:
            return []
        qualifier = _qualifier_in(article.text, match.start("qual"), match.end("qual"), things)
        return self._roles(article, person, match, qualifier, things)

    @staticmethod
    def _roles(article: Article, person: Mention, match: re.Match, qualifier: str | None,
               things: list[Mention]) -> list[Role]:
        start = match.start("chain")
        roles = []
        for part in _TITLE_RE.finditer(match.group("chain")):
            begin, end = start + part.start(), start + part.end()
            title, place = _title_and_place(article.text, begin, end, things)
            roles.append(Role(article.id, begin, end, title, place or qualifier, person.start,
                              person.sentence, date=article.published))
        # "Prime Minister and Foreign Minister of Oman": the country qualifies the whole chain
        shared = next((r.qualifier for r in reversed(roles) if r.qualifier), None)
        for role in roles:
            role.qualifier = role.qualifier or shared
        return roles

    # -- titles used as names ---------------------------------------------------------------
    def title_mentions(self, article: Article, mentions: list[Mention], things: list[Mention],
                       roles: list[Role], starts: list[int]) -> list[Mention]:
        taken = [(m.start, m.end) for m in mentions if m.label == "PERSON"]
        taken += [(r.start, r.end) for r in roles]
        found = []
        for match in _TITLE_AS_NAME_RE.finditer(article.text):
            if any(s < match.end() and match.start("title") < e for s, e in taken):
                continue  # part of a name or of a role already read
            title = normalize_title(match.group("title"))
            qualifier = _qualifier_in(article.text, match.start("qual"), match.end("qual"), things)
            holder = _latest_holder(roles, title, qualifier, match.start())
            sentence = max(bisect_right(starts, match.start()) - 1, 0)
            found.append(Mention(article.id, match.start(), match.end(), match.group(0), "PERSON",
                                 sentence, kind="title",
                                 antecedent=None if holder is None else holder.holder_start))
        return found

    # -- pronouns -------------------------------------------------------------------------
    def pronoun_mentions(self, article: Article, doc: Doc, people: list[Mention],
                         titles: list[Mention], starts: list[int]) -> list[Mention]:
        persons = sorted(people + [t for t in titles if t.antecedent is not None],
                         key=lambda m: m.start)
        subjects = {m.start for m in persons if _is_subject(doc, m)}
        found = []
        for token in doc:
            if token.lower_ not in _SUBJECT_PRONOUNS or not token.dep_.startswith("nsubj"):
                continue
            sentence = max(bisect_right(starts, token.idx) - 1, 0)
            # '“... .” he said': count the window from where the quotation opens
            reach = max(bisect_right(starts, _quotation_start(article.text, token.idx)) - 1, 0)
            target = _antecedent(persons, subjects, token.idx, sentence, reach)
            if target is None:
                continue
            pronoun = Mention(article.id, token.idx, token.idx + len(token), token.text, "PERSON",
                              sentence, kind="pronoun", antecedent=_name_start(target))
            found.append(pronoun)
            if not _inside_quotes(article.text, token.idx):
                # "..., he said. / “...,” he added.": the next "he" may reach back through this
                # one when the quotes between push the name out of the window
                persons.append(pronoun)
                subjects.add(pronoun.start)
        return found


def _title_and_place(text: str, start: int, end: int, things: list[Mention]) -> tuple[str, str | None]:
    """'Foreign Minister of Oman' -> ('foreign minister', 'oman'): a place after "of" is the
    office's country, not part of the office ("Minister of Foreign Affairs" stays whole)."""
    title = text[start:end]
    of = re.search(r"\s+of\s+", title)
    if of is not None:
        places = [m for m in things if m.label in {"GPE", "NORP", "LOC"}]
        place = _qualifier_in(text, start + of.end(), end, places)
        if place is not None:
            return normalize_title(title[: of.start()]), place
    return normalize_title(title), None


def _qualifier_before(text: str, window: int, at: int, things: list[Mention]) -> str | None:
    """The country or body written just before a title ("U.S.", "Omani", "Oman's")."""
    close = [m for m in things if window <= m.start and m.end <= at
             and re.fullmatch(r"(?:['’]s)?\s+", text[m.end:at])]
    return normalize_qualifier(close[-1].text) if close else None


def _qualifier_in(text: str, start: int, end: int, things: list[Mention]) -> str | None:
    """The named thing inside the qualifier words of a title, if NER found one there."""
    inside = [m for m in things if start <= m.start and m.end <= end + 2]
    return normalize_qualifier(inside[0].text) if inside and start < end else None


def _latest_holder(roles: list[Role], title: str, qualifier: str | None, before: int) -> Role | None:
    fitting = [r for r in roles if r.holder_start < before and titles_match(title, r.title)
               and qualifiers_match(qualifier, r.qualifier)]
    return max(fitting, key=lambda r: r.holder_start, default=None)


def _is_subject(doc: Doc, mention: Mention) -> bool:
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    return span is not None and span.root.dep_.startswith("nsubj")


def _antecedent(persons: list[Mention], subjects: set[int], at: int, sentence: int,
                reach: int | None = None) -> Mention | None:
    first = (sentence if reach is None else min(reach, sentence)) - 2
    window = [m for m in persons if m.start < at and first <= m.sentence <= sentence]
    if not window:
        return None
    preferred = [m for m in window if m.start in subjects]
    return (preferred or window)[-1]


def _quotation_start(text: str, at: int) -> int:
    """Where the quotation just before ``at`` opens, when only spaces and commas separate it
    from ``at`` (a "he said" after a quote); else ``at``."""
    before = text[:at].rstrip(" ,\t")
    if not before.endswith(("”", '"')):
        return at
    opening = before.rfind("“") if before.endswith("”") else before.rfind('"', 0, len(before) - 1)
    return opening if opening >= 0 else at


def _inside_quotes(text: str, at: int) -> bool:
    """Whether ``at`` is inside a quotation in its paragraph (a pronoun there is the speaker's
    word, not the narrator's)."""
    paragraph = text[text.rfind("\n", 0, at) + 1:at]
    curly = paragraph.count("“") - paragraph.count("”")
    return curly > 0 or paragraph.count('"') % 2 == 1


def _name_start(mention: Mention) -> int:
    """A title mention stands for its holder: point at the holder's name, not the title."""
    return mention.antecedent if mention.kind != "name" and mention.antecedent is not None else mention.start


__all__ = ["RuleRoles", "normalize_qualifier", "normalize_title", "qualifiers_match", "titles_match"]
