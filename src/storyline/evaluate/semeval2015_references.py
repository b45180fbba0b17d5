"""SemEval-2015 Task 4, references: which target a pronoun stands for.

A pronoun takes a target only when the target is what it most plausibly points at, judged by
general habits of news English, never by names:

1. **He / she** point at the latest person named before them (any person, not only targets:
   "Quist hired Berg. He ..." is Berg), within three sentences.
2. **It / its** point at the latest subject before them that is a thing (centering: the
   subject is what a report is about), within two sentences; a subject that is itself "it"
   passes on what it points at. "They / them / their" the same, with a plural or
   organization subject ("the airlines", "Velor Air have ...").
3. **Not at all**: a pronoun inside quotation marks (the speaker's "he" or "it" is someone of
   the quote's own story) and an expletive "it" ("It is expected that ...", "it feels great to
   ..."): the subject of a passive or copular verb with a clause of its own after it.
4. **Definite descriptions** ("the carmaker", "the new phone") point at the target named last
   before them (within three sentences) that the reports call by that noun somewhere: in
   apposition ("Velor, the carmaker"), next to its name ("carmaker Velor", "the Velor jet") or
   as a predicate ("Velor is a carmaker"); an organization is also "the company / firm /
   group", unless another organization was named since.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

PERSON_PRONOUNS = frozenset({"he", "him", "his", "she", "her", "hers"})
THING_PRONOUNS = frozenset({"it", "its"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their"})
PERSON_WINDOW, THING_WINDOW = 3, 2
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_COPULAR = frozenset({"be", "seem", "appear", "feel", "look", "sound", "remain", "become"})
_NOT_NAMES = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "QUANTITY"})
_SPEAKING = frozenset("say add tell state explain write note insist argue continue".split())
_QUOTES = frozenset({'"', "“", "”", "``", "''"})


def quoted(doc: Doc) -> set[int]:
    """Token indices between quotation marks, counted within each sentence. In a sentence with
    an odd count, a first mark right before the speaker's verb ('... the cloud," said X')
    closes a quote begun in an earlier sentence: what comes before it is quoted."""
    inside: set[int] = set()
    for sentence in doc.sents:
        marks = [t for t in sentence if t.text in _QUOTES]
        open_ = bool(len(marks) % 2 and _closes(marks[0]))
        for token in sentence:
            if token.text in _QUOTES:
                open_ = not open_
            elif open_:
                inside.add(token.i)
    return inside


def _closes(mark: Token) -> bool:
    following = mark.doc[mark.i + 1:mark.i + 4]
    return any(t.lemma_.lower() in _SPEAKING for t in following if t.pos_ == "VERB")


def expletive(token: Token) -> bool:
    """ "It is expected that ...", "It feels great to ...": an "it" with no referent."""
    verb = token.head
    if token.lower_ != "it" or token.dep_ not in _SUBJECTS or verb == token:
        return False
    clause = any(c.dep_ in ("ccomp", "xcomp", "csubj") and c.i > verb.i for c in verb.children)
    passive = any(c.dep_ == "auxpass" for c in verb.children)
    return clause and (passive or verb.lemma_.lower() in _COPULAR)


def person_tokens(doc: Doc) -> set[int]:
    """Tokens of the people a text names: spaCy's PERSON names, but not one that only
    modifies a thing's name ("the Velor OS system" tagged as a person)."""
    return {t.i for ent in doc.ents if ent.label_ == "PERSON"
            and not (ent.root.dep_ == "compound" and ent.root.head.ent_type_ != "PERSON")
            for t in ent}


def pronoun_targets(doc: Doc, owner: dict[int, str], persons: set[int]) -> dict[int, str]:
    """Pronoun token -> the target it points at (module docstring). ``owner`` maps tokens of
    named targets to their target; ``persons`` holds the tokens of every named person."""
    found: dict[int, str] = {}
    inside = quoted(doc)
    sentence_of = {t.i: n for n, s in enumerate(doc.sents) for t in s}
    for token in doc:
        lower = token.lower_
        if token.pos_ != "PRON" or token.i in inside or expletive(token):
            continue
        if lower in PERSON_PRONOUNS:
            target = _person_antecedent(token, owner, persons, sentence_of)
        elif lower in THING_PRONOUNS | PLURAL_PRONOUNS:
            target = _thing_antecedent(token, owner, persons, sentence_of, found)
        else:
            continue
        if target is not None:
            found[token.i] = target
    return found


def _person_antecedent(token: Token, owner, persons, sentence_of) -> str | None:
    """The target of the latest person named before ``token`` (module point 1)."""
    here = sentence_of[token.i]
    for i in range(token.i - 1, -1, -1):
        if here - sentence_of[i] > PERSON_WINDOW:
            return None
        if i in persons:
            return owner.get(i)
    return None


def _thing_antecedent(token: Token, owner, persons, sentence_of, found) -> str | None:
    """The target a thing pronoun points at (module point 2): a subject "it" the latest
    subject before it, a possessive or object the latest name before it."""
    doc, here = token.doc, sentence_of[token.i]
    plural = token.lower_ in PLURAL_PRONOUNS
    as_subject = token.dep_ in _SUBJECTS
    for i in range(token.i - 1, -1, -1):
        if here - sentence_of[i] > THING_WINDOW:
            return None
        candidate = doc[i]
        if (i in persons or candidate.head.dep_ == "relcl" or candidate.dep_ in ("compound", "nmod")
                or candidate in token.ancestors):  # "the music it sells": not the music
            continue
        if candidate.pos_ == "PRON":
            if candidate.dep_ in _SUBJECTS and candidate.lower_ in (PLURAL_PRONOUNS if plural else THING_PRONOUNS):
                return found.get(i)
            continue
        if as_subject and candidate.dep_ not in _SUBJECTS or not as_subject and not _name_like(candidate, owner):
            continue
        if _plural(candidate) != plural and candidate.ent_type_ != "ORG":
            continue
        return next((owner[t.i] for t in _phrase(candidate) if t.i in owner), None)
    return None


def _name_like(token: Token, owner: dict[int, str]) -> bool:
    """The head of a name: a target's word, or a proper noun that is no date or number."""
    return any(t.i in owner for t in _phrase(token)) or (
        token.pos_ == "PROPN" and token.ent_type_ not in _NOT_NAMES)


def _plural(token: Token) -> bool:
    return token.tag_ in ("NNS", "NNPS")


def _phrase(token: Token) -> list[Token]:
    return [token, *(c for c in token.children if c.dep_ in ("compound", "appos", "nmod", "nummod"))]


# -- definite descriptions ----------------------------------------------------------------------
COMPANY_NOUNS = frozenset("company firm group corporation business".split())
DESCRIPTION_WINDOW = 3


def description_targets(doc: Doc, owner: dict[int, str], kinds: dict[str, set[str]]) -> dict[int, str]:
    """ "the carmaker", "the new phone" -> the target last named before it (within three
    sentences) that the reports call by that noun (``kinds``: ``target_kinds``; module point 4)."""
    organizations = {ent.root.i for ent in doc.ents if ent.label_ == "ORG"}
    sentence_of = {t.i: n for n, s in enumerate(doc.sents) for t in s}
    found: dict[int, str] = {}
    for token in doc:
        if not _definite_description(token, owner):
            continue
        noun = token.lemma_.lower()
        for i in range(token.i - 1, -1, -1):
            if sentence_of[token.i] - sentence_of[i] > DESCRIPTION_WINDOW:
                break
            target = owner.get(i)
            if noun in COMPANY_NOUNS and i in organizations and target is None:
                break  # another organization was named last
            if target is not None and noun in kinds.get(target, ()):
                found[token.i] = target
                break
    return found


def _definite_description(token: Token, owner: dict[int, str]) -> bool:
    """ "the (new) phone": a singular common noun with "the"/"this", no name of its own."""
    return (token.pos_ == "NOUN" and token.tag_ == "NN" and token.i not in owner
            and any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in token.children)
            and not any(c.dep_ in ("compound", "poss", "nmod") for c in token.children)
            and not any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children))


def target_kinds(doc: Doc, owner: dict[int, str], kind_words: frozenset[str],
                 people: set[str]) -> dict[str, set[str]]:
    """What the report calls each target: a noun in apposition ("Velor, the carmaker") or as
    a predicate ("Velor is a carmaker"); next to its name, a kind (one of ``kind_words``:
    "carmaker Velor", "the Velor jet", but "Velor spokesman" is not Velor) or a person's role
    ("chief executive Marta Quist"). A
    target the parser names an organization more often than not, and no person, is also a
    company, firm, group."""
    kinds: dict[str, set[str]] = {}
    org_votes: dict[str, int] = {}
    for token in doc:
        target = owner.get(token.i)
        if target is None:
            continue
        found = kinds.setdefault(target, set())
        org_votes[target] = org_votes.get(target, 0) + (1 if token.ent_type_ == "ORG" else -1)
        related = [c for c in token.children if c.dep_ == "appos"]
        if token.dep_ == "nsubj" and token.head.lemma_ == "be":
            related += [c for c in token.head.children if c.dep_ == "attr"]
        found |= {r.lemma_.lower() for r in related if r.pos_ == "NOUN" and r.i not in owner}
        # next to the name: a kind ("carmaker Velor", "the Velor jet"), or a person's role
        beside = [c for c in token.children if c.dep_ == "compound"]
        beside += [token.head] if token.dep_ in ("appos", "compound") else []
        found |= {r.lemma_.lower() for r in beside if r.i not in owner and (
            r.lemma_.lower() in kind_words if target not in people
            else r.head == token and r.pos_ == "NOUN" and not r.ent_type_)}
    for target, votes in org_votes.items():
        if votes > 0 and target not in people:
            kinds[target] |= COMPANY_NOUNS
    return kinds
