"""Repair words glued together by scraping or machine translation ("Valdricwelcomed").

General method, no list of known glued words: a token is examined only when it is unknown to
the English word-frequency list as a whole and occurs nowhere else in the article. It is split
into prefix + suffix when both halves are well attested:

* the prefix is a capitalised word that stands alone elsewhere in the same article (a name:
  "Valdric" + "welcomed"), or a frequent English word ("Herald" + "in");
* the suffix is a frequent English word, or a function word when the prefix is only
  "frequent" (the weaker evidence needs the stronger partner);
* camelCase boundaries ("saidThe") split when both halves are known words.

Names, brand spellings, hyphenated words, URLs, e-mails and hashtags are left alone: they are
either known to the frequency list, occur more than once, or are not purely alphabetic.
The frequency look-ups are cached, and only tokens failing the cheap shape checks reach them.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from wordfreq import zipf_frequency

from storyline.models import Repair

_MIN_TOKEN_LENGTH = 6
_MAX_WHOLE_ZIPF = 1.0  # a token this rare (or absent) as a whole may be two glued words
_FREQUENT_ZIPF = 3.5  # a standalone word this common is a safe half of a split
_ATTESTED_SUFFIX_ZIPF = 3.0  # enough for the suffix when the prefix stands alone in the article
_KNOWN_ZIPF = 3.0  # camelCase halves
_IN_ARTICLE_BONUS = 10.0  # a prefix seen standalone in the article beats any frequency score

# Closed-class English words: glue most often joins a word to one of these.
FUNCTION_WORDS = frozenset(
    "the an and or but nor of in on at to for from with by as into onto upon about after "
    "before over under than then that this these those which who whom whose what when where "
    "while is was are were be been being has have had do does did will would shall should "
    "can could may might must not he she it its his her hers him they them their we us our "
    "you your said says also".split()
)
# Name prefixes that begin real camel-cased surnames (McDonald, DeSantis, LaGuardia, VanDyke).
_CAMEL_NAME_PREFIXES = frozenset("mc mac de di da du la le van von der den del della o".split())
_WORDS = re.compile(r"[^\W\d_]+")
# A free-standing run of letters: not part of a hyphenated or apostrophe word, a number, a
# URL/domain ("x.example"), an e-mail, a @handle or a #hashtag.
_CANDIDATE_TOKEN = re.compile(
    rf"(?<![\w@#/.'’-])[^\W\d_]{{{_MIN_TOKEN_LENGTH},}}(?![\w@/'’-]|\.\w)"
)


@lru_cache(maxsize=200_000)
def _zipf(word: str) -> float:
    return zipf_frequency(word.lower(), "en")


def repair_glued_words(text: str, vocabulary_text: str | None = None) -> tuple[str, list[Repair]]:
    """Split glued words in ``text``; return the new text and one ``Repair`` per split.

    ``vocabulary_text`` (default: ``text``) is where standalone words are counted; passing the
    whole article, captions included, lets a name seen only in a caption support a split.
    """
    counts = Counter(_WORDS.findall(vocabulary_text if vocabulary_text is not None else text))
    pieces: list[str] = []
    repairs: list[Repair] = []
    position = 0
    for match in _CANDIDATE_TOKEN.finditer(text):
        token = match.group(0)
        split = split_glued(token, counts) if _is_candidate(token, counts) else None
        if split:
            replacement = " ".join(split)
            pieces += [text[position : match.start()], replacement]
            position = match.end()
            repairs.append(Repair(token, replacement, "glued-word"))
    pieces.append(text[position:])
    return "".join(pieces), repairs


def _is_candidate(token: str, counts: Counter[str]) -> bool:
    """Cheap checks first: long, purely alphabetic, not all caps, seen once, then unknown."""
    return (
        len(token) >= _MIN_TOKEN_LENGTH
        and token.isalpha()
        and not token.isupper()
        and counts[token] <= 1
        and _zipf(token) <= _MAX_WHOLE_ZIPF
    )


def split_glued(token: str, counts: Counter[str] | None = None) -> tuple[str, str] | None:
    """The best (prefix, suffix) split of an unknown ``token``, or None to leave it whole.

    ``counts`` holds how often each word stands alone in the article.
    """
    counts = counts if counts is not None else Counter()
    scored = [
        (score, prefix, suffix)
        for prefix, suffix in _split_points(token)
        if (score := _split_score(prefix, suffix, counts)) is not None
    ]
    if not scored:
        return None
    _, prefix, suffix = max(scored)
    return prefix, suffix


def _split_points(token: str) -> list[tuple[str, str]]:
    return [(token[:k], token[k:]) for k in range(2, len(token) - 1)]


def _split_score(prefix: str, suffix: str, counts: Counter[str]) -> float | None:
    """How good a split is (higher is better), or None when it is not acceptable."""
    if suffix[0].isupper():
        return _camel_score(prefix, suffix, counts)
    if not suffix.islower():
        return None
    if prefix.islower():
        return _lowercase_score(prefix, suffix)
    if prefix[0].isupper() and (len(prefix) == 1 or prefix[1:].islower()):
        return _capitalized_score(prefix, suffix, counts)
    return None


def _camel_score(prefix: str, suffix: str, counts: Counter[str]) -> float | None:
    """ "saidThe" -> said + The; never McDonald / DeSantis-style surname prefixes."""
    if not prefix[-1].islower() or not suffix[1:].islower() or len(prefix) < 3:
        return None
    if prefix.lower() in _CAMEL_NAME_PREFIXES:
        return None
    halves_known = all(_zipf(half) >= _KNOWN_ZIPF or counts[half] > 0 for half in (prefix, suffix))
    return _zipf(prefix) + _zipf(suffix) if halves_known else None


def _lowercase_score(prefix: str, suffix: str) -> float | None:
    """ "thecity" -> the + city: one half must be a function word, the other frequent."""
    if len(prefix) < 2 or len(suffix) < 2:
        return None
    function_then_word = (
        prefix in FUNCTION_WORDS and len(suffix) >= 3 and _zipf(suffix) >= _FREQUENT_ZIPF
    )
    word_then_function = (
        suffix in FUNCTION_WORDS and len(prefix) >= 3 and _zipf(prefix) >= _FREQUENT_ZIPF
    )
    return _zipf(prefix) + _zipf(suffix) if function_then_word or word_then_function else None


def _capitalized_score(prefix: str, suffix: str, counts: Counter[str]) -> float | None:
    """ "Valdricwelcomed" -> Valdric + welcomed when "Valdric" stands alone in the article;
    "Heraldin" -> Herald + in (a frequent word followed by a function word)."""
    attested_suffix = suffix in FUNCTION_WORDS or (
        len(suffix) >= 3 and _zipf(suffix) >= _ATTESTED_SUFFIX_ZIPF
    )
    if len(prefix) >= 3 and counts[prefix] > 0 and attested_suffix:
        return _IN_ARTICLE_BONUS + _zipf(suffix)
    frequent_prefix = len(prefix) >= 4 and _zipf(prefix) >= _FREQUENT_ZIPF
    # A two-letter function word after a short prefix is too often a name ending ("Hillas").
    if frequent_prefix and suffix in FUNCTION_WORDS and (len(suffix) >= 3 or len(prefix) >= 5):
        return _zipf(prefix) + _zipf(suffix)
    return None
