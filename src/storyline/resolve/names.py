"""Name keys for alias resolution: titles off, particles out, spellings folded.

Everything here is a general lexicon or a letter-level rule; nothing names a person, place or
organization. The two keys a resolver compares are built from a surface form:

    parse_name("Omani Prime Minister Sheikh Khalid bin Abdul Rahman Al-Nuri's", "PERSON")
        .tokens -> ("kld", "abdrhmn", "nri")          # folded skeletons, particles dropped
        .words  -> ("khalid", "abdrahman", "nuri")    # the same tokens, unfolded

``fold_token`` (person names only; other names just lose accents and case) is a
transliteration skeleton: diacritics off, ``ph``->``f``, ``q``->``k``,
an ``h`` after a consonant or at the end dropped (Anthony/Antony, Abdallah/Abdalla), doubled
letters collapsed (Mohammed/Mohamed), and inner vowels dropped (Muhammad/Mohammad/Mohamed,
Abdulrahman/Abdelrahman); a final vowel is kept as a class (a/e, i/y, o/u) so Mario/Maria
and Carl/Carla stay apart. ``abd``-compounds are joined first
(Abdul Rahman / Abdel Rahman / Abd al-Rahman -> one token).

An organisation's name that opens with a country's demonym, other name or possessive is keyed
by the country's name ("Danish Foreign Ministry", "Denmark's Foreign Ministry", "UK Foreign
Office" -> "denmark foreign ministry", "united kingdom foreign office"; ``storyline.countries``).
Nationalities and places keep their own words: NORP "Egyptian" and GPE "Egypt" stay apart.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from storyline.countries import country_words
from storyline.lexicon import lexicon

# Words that precede a person's name as a title, rank, office or honorific. Stripped only from
# the front of PERSON names (never from organizations: "State Department" keeps "state").
TITLE_WORDS = frozenset(
    """
    mr mrs ms miss mx dr prof professor sir dame lord lady madam madame monsieur mme mlle herr frau
    sheikh sheikha shaikh shaykh sheik emir amir sultan king queen prince princess crown royal
    highness majesty excellency his her hon honourable honorable rev reverend father pope
    cardinal bishop archbishop imam ayatollah rabbi pastor saint st
    gen general maj major col colonel lt lieutenant capt captain cpt sgt sergeant cpl corporal
    pvt private adm admiral cmdr commander commodore brig brigadier marshal field air vice rear
    chief staff officer
    president vice-president vp premier chancellor minister ministers prime deputy secretary
    undersecretary under assistant foreign interior defense defence finance economy justice
    trade health energy infrastructure education state home affairs external national security
    advisor adviser ambassador envoy special consul attorney solicitor general counsel
    senator sen rep representative congressman congresswoman assemblyman lawmaker mp mep
    governor gov mayor councillor councilman councilwoman speaker leader chairman chairwoman
    chair chairperson director executive ceo cfo coo cto founder cofounder co-founder head
    spokesman spokeswoman spokesperson judge magistrate commissioner inspector superintendent
    officer agent detective analyst correspondent reporter anchor coach manager
    former late acting interim then current incoming outgoing newly elected designate
    of the and for to
    """.split()
)
# Words allowed inside a run of titles but that never end it ("of", "the", "and").
_TITLE_GLUE = frozenset({"of", "the", "and", "for", "to"})

# Generational and post-nominal suffixes dropped from the end of a person's name.
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "v", "phd", "md", "esq", "obe", "mbe", "kbe"})

# Name particles: kept in the display name, left out of the matching key.
PARTICLES = frozenset(
    """
    al el ul ad ud ar an as ash at az bin ibn bint ould wuld
    van von der den de di da du dos das del della la le
    """.split()
)
# Particles that are also given names or conjunctions: left out only inside a name
# ("David Ben-Gurion", "Ortega y Gasset"), kept as the first word ("Ben Carter").
INNER_PARTICLES = frozenset({"ben", "vom", "do", "lo", "dei", "des", "ter", "ten", "zu", "y", "e"})
# ("Abu"/"Umm" start a kunya, which is a name in its own right: never dropped.)
# First parts of Arabic theophoric compounds, joined to what follows (Abdul Rahman -> one token).
_ABD = re.compile(r"^abd(?:[aeiou]l)?$")
_ABD_GLUED = re.compile(r"^abd(?:[aeiou]l)?(?=[a-z]{3,})")

# Legal-form suffixes dropped from the end of organization names ("Apple Inc." -> "apple").
ORG_SUFFIXES = frozenset(
    """
    inc incorporated corp corporation co company ltd limited llc llp lp plc nv bv sa ag gmbh
    spa srl sarl ab asa oyj kk pte pty group holdings holding
    """.split()
)

_POSSESSIVE = re.compile(r"['’`]s?$")
_SPLIT = re.compile(r"[^\w'’]+")
_VOWELS = set("aeiouy")
_FINAL_VOWEL = {"a": "a", "e": "a", "i": "i", "y": "i", "o": "o", "u": "o"}


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold_token(word: str) -> str:
    """Letter-level transliteration skeleton of one lowercase word (see the module doc)."""
    w = strip_accents(word.casefold())
    w = re.sub(r"[^a-z0-9]", "", w)
    if len(w) <= 3 or w.isdigit():
        return w  # too short to fold safely ("EU" vs "EA", "Ali" vs "Al")
    w = w.replace("ph", "f").replace("q", "k").replace("ck", "k")
    w = re.sub(r"(?<=[^aeiouh])h", "", w)  # th -> t, kh -> k, sh -> s, dh -> d
    w = re.sub(r"(?<=[aeiou])h$", "", w)  # Abdallah -> Abdalla, Fatimah -> Fatima
    w = re.sub(r"(.)\1+", r"\1", w)  # Mohammed -> Mohamed
    head, rest, tail = w[0], w[1:], ""
    if len(w) > 2 and w[-1] in _VOWELS:
        # a final vowel tells names apart (Mario/Maria, Carl/Carla); -a/-e and -i/-y alternate
        rest, tail = w[1:-1], _FINAL_VOWEL[w[-1]]
    rest = "".join(c for c in rest if c not in _VOWELS)
    return re.sub(r"(.)\1+", r"\1", head + rest) + tail or w


def words_of(surface: str) -> list[str]:
    """Lowercase words of a surface form: accents, possessive, dots and hyphens handled."""
    text = unicodedata.normalize("NFKC", surface).strip()
    text = _POSSESSIVE.sub("", text)
    text = text.replace(".", "").replace("’", "'")
    out = []
    for raw in _SPLIT.split(text):
        raw = raw.strip("'").casefold()
        if not raw:
            continue
        # glued particles: "al-Nuri" is split by the hyphen already; "al'Nuri" by the quote
        out.extend(p for p in raw.split("'") if p)
    return out


def _join_abd(words: list[str]) -> list[str]:
    """Abdul Rahman / Abdel Rahman / Abd al-Rahman / Abdulrahman -> 'abdrahman'."""
    out: list[str] = []
    i = 0
    while i < len(words):
        word = words[i]
        if _ABD.match(word) and i + 1 < len(words):
            j = i + 1
            if words[j] in {"al", "el", "ul", "ar", "ur", "er"} and j + 1 < len(words):
                j += 1
            out.append("abd" + words[j])
            i = j + 1
            continue
        glued = _ABD_GLUED.match(word)
        out.append("abd" + word[glued.end():] if glued else word)
        i += 1
    return out


def strip_titles(words: list[str]) -> list[str]:
    """Drop a leading run of titles ("us secretary of state", "maj gen", "sheikh").

    Anything before the last title word of the run goes too (a nationality such as "omani"
    or "us" in "Omani Prime Minister ..."), but at least one word always stays.
    """
    last, loose = -1, 0
    for i, word in enumerate(words[:-1]):
        if word in _TITLE_GLUE:
            continue
        if word in TITLE_WORDS:
            last = i
            continue
        # one nationality-like word may sit before or inside the run ("US Secretary of State")
        if loose == 0 and words[i + 1] in TITLE_WORDS and i + 1 < len(words) - 1:
            loose = 1
            continue
        break
    rest = words[last + 1:]
    while rest and rest[0] in _TITLE_GLUE and len(rest) > 1:
        rest = rest[1:]
    return rest or words[-1:]


@dataclass(frozen=True)
class Name:
    surface: str
    label: str
    words: tuple[str, ...]  # unfolded key words (titles, particles, suffixes out)
    tokens: tuple[str, ...]  # folded skeletons of ``words``
    acronym: str | None  # initials of a multi-word organization name ("gm", "usaf")

    @property
    def key(self) -> str:
        return " ".join(self.tokens)

    @property
    def is_acronym(self) -> bool:
        """A one-word name written in capitals ("CDF", "U.S.", "GAO")."""
        letters = re.sub(r"[^A-Za-z]", "", self.surface)
        return len(self.words) == 1 and 2 <= len(letters) <= 6 and letters.isupper()


@lru_cache(maxsize=65536)  # pure, and called for the same names over and over
def parse_name(surface: str, label: str, company_forms: frozenset[str] | None = None) -> Name:
    """``company_forms``: the run's (``Lexicon.company_forms``); else the package defaults'."""
    words = words_of(surface)
    if words and words[0] in {"the", "a", "an"} and len(words) > 1:
        words = words[1:]
    acronym = None
    if label == "PERSON":
        while len(words) > 1 and words[-1] in NAME_SUFFIXES:
            words = words[:-1]
        words = strip_titles(words)
        words = _join_abd(words)
        kept = [w for i, w in enumerate(words)
                if w not in PARTICLES and not (i and w in INNER_PARTICLES)] or words[-1:]
    else:
        forms = _company_forms() if company_forms is None else company_forms
        while len(words) > 1 and (words[-1] in ORG_SUFFIXES or words[-1] in forms):
            words = words[:-1]
        if label not in _OWN_WORDS:
            words = fold_country(words)
        kept = _singular_group(words) if label == "NORP" else words
        acronym = initials(surface)
    if label == "PERSON":
        tokens = tuple(fold_token(w) for w in kept)
    else:
        # organizations and places are written in one script: spelling variants are rarer than
        # distinct names that fold together ("Press"/"Paris"), so only accents are folded
        tokens = tuple(re.sub(r"[^a-z0-9]", "", strip_accents(w)) or w for w in kept)
    return Name(surface, label, tuple(kept), tokens, acronym)


# Labels whose names are the country or its people themselves: never folded to the country.
_OWN_WORDS = frozenset({"NORP", "GPE", "LOC"})


def fold_country(words: list[str]) -> list[str]:
    """A leading demonym, country name or other name (and a possessive 's after it) -> the
    country's name words, when more words follow ("danish foreign ministry" -> "denmark ...");
    the longest such lead counts ("central african republic" is a country, not "central
    african" + "republic")."""
    table = _country_words()
    for size in range(min(len(words), _longest_country()), 0, -1):
        country = table.get(tuple(words[:size]))
        if country is None:
            continue
        rest = words[size:]
        if rest[:1] == ["s"] and len(rest) > 1:
            rest = rest[1:]  # "denmark's" splits into "denmark", "s"
        return [*country, *rest] if rest else words
    return words


def _country_words() -> dict[tuple[str, ...], tuple[str, ...]]:
    return country_words(words_of)


@lru_cache(maxsize=1)
def _longest_country() -> int:
    """Words in the table's longest lead (measured once, not per name parsed)."""
    return max(map(len, _country_words()))


def _company_forms() -> frozenset[str]:
    """The settings' company forms ("Kaisha", "Lines"), dropped like the legal suffixes."""
    return lexicon().company_forms


def _singular_group(words: list[str]) -> list[str]:
    """'Egyptians' -> 'egyptian': a group's plural and its adjective name one group
    ("Swiss", "Chinese" have no plural s to drop)."""
    last = words[-1] if words else ""
    if len(last) > 4 and last.endswith("s") and not last.endswith("ss"):
        return words[:-1] + [last[:-1]]
    return words


_ACRONYM_SKIP = frozenset({"of", "the", "and", "for", "&", "in", "on", "de", "du", "des", "la", "le"})


def initials(surface: str) -> str | None:
    """Initials of the capitalized words of a multi-word name ("Coastal Defense Forces" -> "idf").

    Legal-form suffixes are skipped ("General Motors Corporation" -> "gm").
    """
    text = _POSSESSIVE.sub("", unicodedata.normalize("NFKC", surface).strip())
    parts = [p for p in re.split(r"[\s\-/]+", text) if p]
    if parts and parts[0].casefold() == "the":
        parts = parts[1:]
    while len(parts) > 1 and parts[-1].casefold().strip(".,") in ORG_SUFFIXES:
        parts = parts[:-1]
    letters = [p[0] for p in parts if p.casefold() not in _ACRONYM_SKIP and p[:1].isalpha()]
    if len(letters) < 2 or not all(c.isupper() for c in letters):
        return None
    return "".join(letters).casefold()


def damerau(a: str, b: str, limit: int = 2) -> int:
    """Optimal-string-alignment edit distance (a transposition counts once), capped at limit+1."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[-1]


def token_match(a_word: str, a_tok: str, b_word: str, b_tok: str) -> int:
    """2 = same folded token, 1 = one typo apart (long words only), 0 = different."""
    if a_tok == b_tok:
        return 2
    if min(len(a_word), len(b_word)) >= 5 and a_word[0] == b_word[0]:
        if damerau(a_word, b_word, 1) <= 1:
            return 1
    return 0


def same_name(a: Name, b: Name) -> bool:
    """Same tokens in the same order after folding; at most one token may be a typo apart."""
    if len(a.tokens) != len(b.tokens):
        return False
    fuzzy = 0
    for aw, at, bw, bt in zip(a.words, a.tokens, b.words, b.tokens):
        match = token_match(aw, at, bw, bt)
        if not match:
            return False
        fuzzy += match == 1
    if fuzzy and a.label != b.label:
        return False  # "South Korean" (NORP) is not a typo of "South Korea" (GPE)
    return fuzzy <= 1 and (fuzzy == 0 or len(a.tokens) >= 2)


def contained(short: Name, long: Name) -> bool:
    """Every token of ``short`` appears in ``long`` (folded; in order); ``long`` is longer."""
    if len(short.tokens) >= len(long.tokens):
        return False
    position = 0
    for token in short.tokens:
        try:
            position = long.tokens.index(token, position) + 1
        except ValueError:
            return False
    return True


def initial_variants(name: Name) -> set[str]:
    """The name with one run of 2+ words written as initials ("united states air force" ->
    "us air force", "usaf", "united states af", ...), for names of at most 8 words."""
    words = name.words
    if not 2 <= len(words) <= 8:
        return set()
    out = set()
    for i in range(len(words)):
        for j in range(i + 2, len(words) + 1):
            if j - i == len(words):
                continue  # the whole name as initials is the acronym rule's job
            run = "".join(w[0] for w in words[i:j])
            out.add(" ".join(words[:i] + (run,) + words[j:]))
    return out
