"""``quotes.rules.v1``: quoted words, who said them and the verb that says so.

Per article and pure (the spaCy ``Doc``, sentences and mentions in, ``Quote`` rows out):

* **Quote marks**: straight ("...") and curly (“...”) pairs, read paragraph by paragraph. A
  paragraph that opens a quote and never closes it continues into the next paragraph when that
  one opens with a quote mark (the newspaper convention for long quotations); the stretches
  share a ``group``.
* **Cue and speaker**: a reporting verb (a general lexicon: said, told, added, warned, ...) or
  "according to" in the quote's sentences but outside the quoted words, nearest first. The
  speaker is the verb's subject in the dependency parse ("he said", "said the minister", "the
  ministry said"), climbing through "went on to say" / "and added"; for "according to X" it is
  X. A speaker that is a name, title or pronoun mention takes that mention's offsets, so
  resolve/ can follow ``Mention.antecedent`` to the entity; a description ("the ministry
  said") points at the name it stands for.
* **Split quotes**: a quote with no cue of its own takes the speaker of the neighbouring quote in
  the same paragraph ("...," he said. "...").
* **Partial quotes**: a fragment of a few words inside a sentence ("called it a “disgrace”") is a
  quote only when its sentence has a cue; otherwise it is a scare quote or a title.
* **Indirect speech** (off by default; the PolNeAR measurement turns it on): "X said (that)
  CLAUSE" and "CLAUSE, X said" without quote marks, as ``kind="indirect"``.

Nothing here names a person or an organization.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from storyline.extract.claims.attribution import before_open_bracket, described_name
from storyline.models import Article, Mention, Quote, Sentence
from storyline.registry import register

# Reporting verbs (lemmas), for quotes and indirect speech alike.
SPEECH_CUES = frozenset(
    "say tell add stress note warn write state claim explain insist argue announce declare "
    "report confirm deny reply respond ask acknowledge admit suggest continue recall emphasize "
    "emphasise urge predict tweet post testify allege assert complain joke quip concede boast "
    "vow promise threaten remark observe comment mention reveal disclose maintain contend "
    "caution lament describe answer shout yell scream whisper cry retort counter "
    "acknowledge agree repeat reiterate propose recommend conclude demand plead".split()
)
# Beliefs and findings ("polls show that ...") report content too, but only as indirect speech.
BELIEF_CUES = frozenset(
    "think believe know feel expect hope fear worry estimate learn show find indicate cite "
    "guess doubt understand realize".split()
)
_OPENERS = "“\""
_CLOSING = {"“": "”", "\"": "\""}  # a curly quote inside a straight one does not close it
_SUBJECTS = ("nsubj", "nsubjpass")
_CLIMB = frozenset({"xcomp", "conj", "advcl"})  # "went on to say", "smiled and said"
_NOT_SPEAKER = frozenset({"relcl", "acl", "punct", "cc", "conj", "parataxis", "advcl"})
_ADDRESSEE_VERBS = frozenset({"tell", "ask", "urge", "warn", "answer", "promise", "threaten"})
_NOT_SPEAKER_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"})
_SPEAKER_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
# Verbs whose object and its label report a judgement ("called the plan a disgrace"), indirect only.
_LABELLING_CUES = frozenset({"call", "brand", "dub", "label"})
_MIN_WORDS_WITHOUT_CUE = 6  # shorter quoted stretches need a cue in their sentence
_PARAGRAPH = re.compile(r"[^\n]+")


@dataclass
class _Stretch:
    """Quoted words between two marks (offsets exclude the marks)."""

    start: int
    end: int
    mark_start: int  # offset of the opening mark
    mark_end: int  # offset just after the closing mark (or the paragraph end)
    paragraph: int
    closed: bool
    group: int | None = None


@dataclass
class _Attribution:
    cue: str
    cue_start: int
    cue_end: int
    speaker: str | None
    speaker_start: int | None
    speaker_end: int | None
    speaker_mention: int | None


@register("quotes.rules.v1")
class RuleQuotes:
    """Quotes of one article (see the module doc)."""

    name = "quotes.rules.v1"

    def __init__(self, indirect: bool = False) -> None:
        self.indirect = indirect

    def __call__(self, article: Article, doc: Doc, sentences: list[Sentence],
                 mentions: list[Mention]) -> list[Quote]:
        stretches = find_stretches(article.text)
        starts = [s.start for s in sentences]
        found: list[tuple[_Stretch, _Attribution | None]] = []
        for stretch in stretches:
            frame = _frame_tokens(doc, sentences, starts, stretch, stretches)
            found.append((stretch, _attribute(frame, stretch, mentions)))
        found = _share_speakers(found)
        # only then look past the quote's own sentences: a split quote's speaker comes first
        found = _share_speakers([
            (stretch, attribution or _attribute(_frame_tokens(doc, sentences, starts, stretch, stretches,
                                                              extend=True), stretch, mentions)
             or _dash_attribution(article.text, stretch, mentions))
            for stretch, attribution in found])
        quotes = [self._quote(article, starts, s, a, doc) for s, a in found if _keep(doc, s, a)]
        if self.indirect:
            quotes += indirect_quotes(article, doc, starts, stretches, mentions)
        return sorted(quotes, key=lambda q: q.start)

    @staticmethod
    def _quote(article: Article, starts: list[int], stretch: _Stretch,
               attribution: _Attribution | None, doc: Doc) -> Quote:
        quote = Quote(article.id, stretch.start, stretch.end, article.text[stretch.start:stretch.end],
                      sentence=_sentence_of(starts, stretch.start),
                      kind="partial" if _is_partial(doc, stretch) else "direct",
                      group=stretch.group)
        if attribution is not None:
            quote.cue, quote.cue_start, quote.cue_end = (attribution.cue, attribution.cue_start,
                                                         attribution.cue_end)
            quote.speaker, quote.speaker_start, quote.speaker_end = (
                attribution.speaker, attribution.speaker_start, attribution.speaker_end)
            quote.speaker_mention = attribution.speaker_mention
        return quote


# -- quote marks --------------------------------------------------------------------------
def find_stretches(text: str) -> list[_Stretch]:
    """Every quoted stretch, paragraph by paragraph, continued quotes grouped."""
    stretches: list[_Stretch] = []
    open_from_previous: _Stretch | None = None
    for index, paragraph in enumerate(_PARAGRAPH.finditer(text)):
        found = _paragraph_stretches(text, paragraph.start(), paragraph.end(), index)
        if open_from_previous is not None and found and found[0].mark_start == _first_char(
                text, paragraph.start()):
            found[0].group = open_from_previous.group  # the quotation goes on
        open_from_previous = found[-1] if found and not found[-1].closed else None
        if open_from_previous is not None and open_from_previous.group is None:
            open_from_previous.group = open_from_previous.start
        stretches += found
    return stretches


def _paragraph_stretches(text: str, start: int, end: int, paragraph: int) -> list[_Stretch]:
    double = _double_stretches(text, start, end, paragraph)
    single = [s for s in _single_stretches(text, start, end, paragraph)
              if not any(d.mark_start <= s.mark_start < d.mark_end for d in double)]
    return sorted(double + single, key=lambda s: s.mark_start)


def _double_stretches(text: str, start: int, end: int, paragraph: int) -> list[_Stretch]:
    found = []
    opened: int | None = None
    for at in range(start, end):
        char = text[at]
        if char == "“" or (opened is None and char in _OPENERS and _can_open(text, at, start, end)):
            opened = at  # a second curly opener: the first one was never closed
        elif opened is not None and char == _CLOSING[text[opened]]:
            if at > opened + 1:
                found.append(_stretch(text, opened, at + 1, paragraph, closed=True))
            opened = None
    if opened is not None and opened < end - 1:  # never closed: runs to the paragraph end
        found.append(_stretch(text, opened, end, paragraph, closed=False))
    return found


# Single quote marks (British style, headlines): an opening mark after a space, bracket, dash or
# colon and before a letter; a closing one after a non-space and before no letter or digit.
_SINGLE = re.compile(r"(?:(?<=^)|(?<=[\s(\[{—–:-]))(?P<open>[‘'])(?=[^\W\d_])"
                     r"(?P<words>[^‘’'\n]*?(?:[’'][^\W\d_][^‘’'\n]*?)*)(?<=\S)(?P<close>[’'])(?![^\W_])")
_MIN_SINGLE_CHARS = 3  # "rock 'n' roll" is not a quote


def _single_stretches(text: str, start: int, end: int, paragraph: int) -> list[_Stretch]:
    """Stretches in single quotes; an apostrophe inside a word ("don’t", "Norland’s") neither
    opens nor closes one, and a closing mark must match its opening one (curly or straight)."""
    found = []
    for match in _SINGLE.finditer(text[:end], start):
        pair = match.group("open") + match.group("close")
        if pair in ("‘’", "''") and len(match.group("words")) >= _MIN_SINGLE_CHARS:
            found.append(_stretch(text, match.start("open"), match.end("close"), paragraph, closed=True))
    return found


def _can_open(text: str, at: int, start: int, end: int) -> bool:
    """A straight mark opens when it follows a space or bracket and precedes a word."""
    if text[at] == "“":
        return True
    before = text[at - 1] if at > start else " "
    after = text[at + 1] if at + 1 < end else " "
    return (before.isspace() or before in "([{—–-:") and not after.isspace()


def _stretch(text: str, mark_start: int, mark_end: int, paragraph: int, closed: bool) -> _Stretch:
    start, end = mark_start + 1, mark_end - 1 if closed else mark_end
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace()):
        end -= 1
    return _Stretch(start, end, mark_start, mark_end, paragraph, closed)


def _first_char(text: str, start: int) -> int:
    while start < len(text) and text[start] in " \t":
        start += 1
    return start


# -- cue and speaker ----------------------------------------------------------------------
def _frame_tokens(doc: Doc, sentences: list[Sentence], starts: list[int], stretch: _Stretch,
                  stretches: list[_Stretch], extend: bool = False) -> list[Token]:
    """Tokens of the stretch's sentences that lie outside every quoted stretch; with ``extend``
    also of the sentence starting right after the closing mark."""
    first = _sentence_of(starts, stretch.mark_start)
    last = _sentence_of(starts, max(stretch.mark_end - 1, stretch.mark_start))
    if not sentences:
        return []
    if extend and last + 1 < len(sentences) and _starts_right_after(doc.text, stretch.mark_end,
                                                                     sentences[last + 1].start):
        last += 1  # '“... ?” the mayor said.': the parser ends the sentence inside the quote
    begin, end = sentences[first].start, sentences[last].end
    quoted = [(s.mark_start, s.mark_end) for s in stretches if s.mark_start < end and begin < s.mark_end]
    span = doc.char_span(begin, end, alignment_mode="expand")
    tokens = list(span) if span is not None else []
    return [t for t in tokens if not any(a <= t.idx < b for a, b in quoted)]


def _attribute(frame: list[Token], stretch: _Stretch, mentions: list[Mention]) -> _Attribution | None:
    """The nearest cue in the frame and its speaker."""
    def distance(token: Token) -> int:
        return stretch.mark_start - token.idx if token.idx < stretch.mark_start else token.idx - stretch.mark_end

    for token in sorted(frame, key=distance):
        if _is_according_to(token):
            return _according_to(token, mentions)
        if token.lemma_.lower() in SPEECH_CUES and token.pos_ in ("VERB", "AUX"):
            return _verb_attribution(token, mentions, {t.i for t in frame})
    return None


def _starts_right_after(text: str, at: int, start: int) -> bool:
    """Whether a sentence starting at ``start`` begins right after ``at`` on the same line (the
    next paragraph is another statement, often by someone else)."""
    gap = text[at:start]
    return at <= start and start - at <= 2 and not gap.strip() and "\n" not in gap


_DASH_SOURCE = re.compile(r"[ \t]*([―—–])[ \t]*")


def _dash_attribution(text: str, stretch: _Stretch, mentions: list[Mention]) -> _Attribution | None:
    """'“...” ― Dana Kovac': a name after a dash that follows a closed quote signs it."""
    dash = _DASH_SOURCE.match(text, stretch.mark_end) if stretch.closed else None
    if dash is None:
        return None
    name = next((m for m in mentions if m.start == dash.end() and m.kind == "name"
                 and m.label in _SPEAKER_LABELS), None)
    if name is None:
        return None
    return _Attribution(dash.group(1), dash.start(1), dash.end(1), name.text, name.start, name.end,
                        name.start)


def _is_according_to(token: Token) -> bool:
    return (token.lower_ == "according" and token.i + 1 < len(token.doc)
            and token.doc[token.i + 1].lower_ == "to")


def _according_to(token: Token, mentions: list[Mention]) -> _Attribution:
    to = token.doc[token.i + 1]
    objects = [c for c in to.children if c.dep_ == "pobj"]
    speaker = _speaker_span(objects[0], mentions) if objects else None
    return _Attribution("according to", token.idx, to.idx + len(to), *_unpack(speaker))


def _verb_attribution(verb: Token, mentions: list[Mention],
                      outside_quotes: set[int] | None = None) -> _Attribution:
    subject = _subject_of(verb, outside_quotes)
    speaker = _speaker_span(subject, mentions) if subject is not None else None
    first = _auxiliaries_start(verb)
    cue = verb.doc.text[first.idx:verb.idx + len(verb)]
    return _Attribution(cue, first.idx, verb.idx + len(verb), *_unpack(speaker))


def _auxiliaries_start(verb: Token) -> Token:
    """The first of the auxiliaries and negation right before the verb ("has not said")."""
    first = verb
    for child in sorted(verb.children, key=lambda t: -t.i):
        if child.i == first.i - 1 and child.dep_ in ("aux", "auxpass", "neg"):
            first = child
    return first


def _subject_of(verb: Token, allowed: set[int] | None = None) -> Token | None:
    """The verb's subject, or that of the verb it hangs from ("went on to say"); never a word
    inside the quote itself (``allowed``: the tokens outside it)."""
    def fits(token: Token) -> bool:
        return allowed is None or token.i in allowed

    cue = verb
    for _ in range(3):
        subjects = [c for c in verb.children if c.dep_ in _SUBJECTS and fits(c)]
        if subjects:
            return subjects[0]
        if verb.dep_ not in _CLIMB or verb.head is verb or not fits(verb.head):
            break
        verb = verb.head
    return _inverted_subject(cue)


def _inverted_subject(verb: Token) -> Token | None:
    """'”, tweeted Minister X': right after a quote the parser may read the speaker as an object."""
    after_quote = verb.i > 0 and verb.doc[verb.i - 1].is_punct
    if not after_quote or verb.lemma_.lower() in _ADDRESSEE_VERBS:
        return None
    objects = [c for c in verb.children if c.i > verb.i and c.dep_ in ("dobj", "attr", "npadvmod", "oprd")]
    return objects[0] if objects else None


def _speaker_span(head: Token, mentions: list[Mention]) -> tuple[str, int, int, int | None]:
    """The speaker's words and the mention naming it. A pronoun or title speaker is exactly its
    mention; a name or a noun keeps its whole phrase with any apposition ("Senator Amy Cole, the
    chair of the committee,"), as a reader would cite it."""
    mention = next((m for m in mentions if m.start <= head.idx < m.end
                    and m.label not in _NOT_SPEAKER_LABELS), None)
    if mention is not None and mention.kind in ("pronoun", "title"):
        return mention.text, mention.start, mention.end, mention.start
    tokens = _phrase(head)
    start, end = min(t.idx for t in tokens), max(t.idx + len(t) for t in tokens)
    end = before_open_bracket(head.doc.text, start, end, head.idx)  # "Dana Kovac (Varn Party"
    if mention is None:  # "the finance minister, Paul Garnier": the name in the apposition
        mention = _name_inside(mentions, start, end) or described_name(head, mentions)
    else:
        start, end = min(start, mention.start), max(end, mention.end)
    return head.doc.text[start:end], start, end, None if mention is None else mention.start


def _name_inside(mentions: list[Mention], start: int, end: int) -> Mention | None:
    """The name a speaker's phrase holds: a person or organization before a place ("a
    spokesman for the Norland Port Board", "the Norlandic minister Paul Garnier"); a people
    word only qualifies ("Norlandic officials" are not the Norlandic people)."""
    inside = [m for m in mentions if start <= m.start and m.end <= end
              and m.label in _SPEAKER_LABELS - {"NORP"}]
    return min(inside, key=lambda m: (m.label not in ("PERSON", "ORG"), m.start), default=None)


def _phrase(head: Token) -> list[Token]:
    kept = [head]
    for child in head.children:
        if child.dep_ not in _NOT_SPEAKER:
            kept += _phrase(child)
    return kept


def _unpack(speaker: tuple[str, int, int, int | None] | None
            ) -> tuple[str | None, int | None, int | None, int | None]:
    return speaker if speaker is not None else (None, None, None, None)


def _share_speakers(found: list[tuple[_Stretch, _Attribution | None]]
                    ) -> list[tuple[_Stretch, _Attribution | None]]:
    """A stretch without a cue takes its neighbour's in the same paragraph or group (split
    quotes), the preceding one first."""
    result = list(found)
    # backwards first, so a speaker named at the end of a long quotation reaches its start
    for index in [*range(len(result) - 1, -1, -1), *range(len(result))]:
        stretch, attribution = result[index]
        if attribution is not None:
            continue
        for other in (index - 1, index + 1):
            if 0 <= other < len(result) and result[other][1] is not None and _related(
                    stretch, result[other][0]):
                result[index] = (stretch, result[other][1])
                _join_groups(stretch, result[other][0])
                break
    return result


def _related(one: _Stretch, other: _Stretch) -> bool:
    same_group = one.group is not None and one.group == other.group
    return same_group or one.paragraph == other.paragraph


def _join_groups(one: _Stretch, other: _Stretch) -> None:
    group = min(one.group or one.start, other.group or other.start)
    one.group = other.group = group


def _keep(doc: Doc, stretch: _Stretch, attribution: _Attribution | None) -> bool:
    """Short fragments need a cue; long quoted stretches stand on their own."""
    words = len(doc.text[stretch.start:stretch.end].split())
    return attribution is not None or words >= _MIN_WORDS_WITHOUT_CUE


def _is_partial(doc: Doc, stretch: _Stretch) -> bool:
    """A fragment inside a sentence: a word runs straight into the opening mark and the quoted
    words start in lower case ("called it a “disgrace”", not "said: “We ..."); in single marks,
    whatever the case (a headline's "Mayor Calls Plan a ‘Disgrace’")."""
    before = doc.text[:stretch.mark_start].rstrip()[-1:]
    single = doc.text[stretch.mark_start] in "‘'"
    return before.isalnum() and (single or not doc.text[stretch.start:stretch.start + 1].isupper())


def _sentence_of(starts: list[int], offset: int) -> int:
    return max(bisect_right(starts, offset) - 1, 0)


# -- indirect speech ----------------------------------------------------------------------
def indirect_quotes(article: Article, doc: Doc, starts: list[int], stretches: list[_Stretch],
                    mentions: list[Mention]) -> list[Quote]:
    """Reported speech without quote marks: a cue verb's clausal complement, the clause a
    trailing "X said" attaches to, or the rest of a sentence with "according to X" in it."""
    # a clause holding a partial quote is still reported speech: only whole quotes rule it out
    quoted = [(s.mark_start, s.mark_end) for s in stretches if not _is_partial(doc, s)]
    quotes = []
    for token in doc:
        found = _indirect_at(token, mentions)
        if found is None:
            continue
        content, attribution = found
        start, end = content.start_char, content.end_char
        if any(a < end and start < b for a, b in quoted):
            continue
        quotes.append(Quote(article.id, start, end, article.text[start:end],
                            attribution.cue, attribution.speaker, attribution.speaker_start,
                            sentence=_sentence_of(starts, start), kind="indirect",
                            cue_start=attribution.cue_start, cue_end=attribution.cue_end,
                            speaker_end=attribution.speaker_end,
                            speaker_mention=attribution.speaker_mention))
    return quotes


def _indirect_at(token: Token, mentions: list[Mention]) -> tuple[Span, _Attribution] | None:
    if _is_according_to(token):
        content = _around_according_to(token)
        return None if content is None else (content, _according_to(token, mentions))
    if token.lemma_.lower() in _LABELLING_CUES and token.pos_ == "VERB":
        return _labelling(token, mentions)
    if token.lemma_.lower() not in SPEECH_CUES | BELIEF_CUES or token.pos_ not in ("VERB", "AUX"):
        return None
    content = _reported_clause(token)
    return None if content is None else (content, _verb_attribution(token, mentions))


def _labelling(verb: Token, mentions: list[Mention]) -> tuple[Span, _Attribution] | None:
    """"X called the plan a disgrace" -> "the plan a disgrace"; "X called for new talks" ->
    "new talks" (cue "called for"): what a named subject calls something, or calls for."""
    if not any(c.dep_ == "nsubj" for c in verb.children):
        return None  # "a group called Y": a name, not a statement
    doc = verb.doc
    preposition = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("for", "on")), None)
    if preposition is not None:
        ends = [preposition.right_edge.i] + [c.right_edge.i for c in verb.children
                                              if c.dep_ == "xcomp" and c.i > preposition.i]
        content = _trimmed(doc[preposition.i + 1:max(ends) + 1])
        cue_end = preposition
    else:
        thing = next((c for c in verb.children if c.dep_ == "dobj"), None)
        label = next((c for c in verb.children if c.dep_ in ("oprd", "xcomp", "ccomp", "attr")
                      and thing is not None and c.i > thing.i), None)
        if label is None:
            return None
        content, cue_end = _trimmed(doc[thing.left_edge.i:label.right_edge.i + 1]), verb
    if content is None:
        return None
    attribution = _verb_attribution(verb, mentions)
    attribution.cue_end = cue_end.idx + len(cue_end)
    attribution.cue = doc.text[attribution.cue_start:attribution.cue_end]
    return content, attribution


def _around_according_to(token: Token) -> Span | None:
    """The sentence without its "according to X" phrase: "X rose, according to Y." -> "X rose"."""
    sentence = token.sent
    phrase_end = max(t.i for t in token.subtree) + 1
    if token.i - sentence.start <= 1:  # "According to Y, X rose."
        return _trimmed(token.doc[phrase_end:sentence.end])
    before = _trimmed(token.doc[sentence.start:token.i])
    after = _trimmed(token.doc[phrase_end:sentence.end])
    return before if before is not None and (after is None or len(before) >= len(after)) else after


def _reported_clause(verb: Token) -> Span | None:
    """"said (that) CLAUSE" -> CLAUSE; "CLAUSE, X said" and "CLAUSE, X said, CLAUSE" -> the
    sentence around the "X said" clause (its extent, when the clause sits in the middle)."""
    doc = verb.doc
    for child in verb.children:
        if child.dep_ == "ccomp":  # "said that ..." and "..., X said" alike
            return _trimmed(doc[child.left_edge.i:child.right_edge.i + 1])
    if verb.dep_ not in ("parataxis", "ccomp"):
        return None
    sentence = verb.sent
    left, right = verb.left_edge.i, verb.right_edge.i + 1  # the "X said" clause
    if left - sentence.start > 2:  # words before it: they, and any after, are what was said
        return _trimmed(doc[sentence.start:sentence.end] if sentence.end - right > 2
                        else doc[sentence.start:left])
    return _trimmed(doc[right:sentence.end]) if sentence.end - right > 2 else None


def _trimmed(span: Span) -> Span | None:
    """Without the punctuation and quote marks at either end."""
    start, end = span.start, span.end
    while start < end and (span.doc[start].is_punct or span.doc[start].is_space):
        start += 1
    while end > start and (span.doc[end - 1].is_punct or span.doc[end - 1].is_space):
        end -= 1
    return span.doc[start:end] if end - start > 1 else None


__all__ = ["BELIEF_CUES", "SPEECH_CUES", "RuleQuotes", "find_stretches", "indirect_quotes"]
