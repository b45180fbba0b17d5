"""Full-text search on PostgreSQL, with the query language the SQLite store reads.

``storyline search`` promises words, "phrases", OR, NOT and prefix*; SQLite's FTS5 also knows
column filters (``title:word``, ``{title text}: word``). PostgreSQL's ``websearch_to_tsquery``
reads a different language (``-word`` excludes, ``AND`` is a word, no prefixes), so the same
query would find other articles on the two backends. Instead, ``tsquery_sql`` splits the query
into units joined by OR / AND / NOT, and each unit becomes a tsquery built by PostgreSQL from a
bound parameter:

* a word or a "quoted phrase" -> ``phraseto_tsquery``: its words adjacent, in order (a token
  such as ``O'Brien`` is the phrase "o brien", as FTS5 reads it);
* ``word*`` -> a prefix; ``title:word`` / ``text:word`` -> a match in that field only.

User text never becomes SQL: the SQL is assembled from fixed templates, and every piece of
the query travels as a parameter. None of these functions fails on odd input; a query
without any searchable word simply finds nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from storyline.store.postgres_migrations import SEARCH_CONFIG, SEARCH_PREFIX_CHARS

_TOKENS = re.compile(r'"[^"]*"?|[^\s"]+')
_PREFIX = re.compile(r"(\w+)\*")
_COLUMNS = re.compile(r"\{\s*((?:title|text)(?:\s+(?:title|text))*)\s*\}:\s*")
_FILTERED = re.compile(r"((?:title|text)(?:,(?:title|text))*):(\w+)(\*?)")
_WEIGHTS = {"title": "A", "text": "B"}  # the setweight() labels of the search column

_PHRASE = f"phraseto_tsquery('{SEARCH_CONFIG}', %s)"
_ALL_WORDS = f"plainto_tsquery('{SEARCH_CONFIG}', %s)"
MAX_UNITS = 1000  # beyond this, a query is taken as "all of these words" (one parameter)
_TSQUERY = f"to_tsquery('{SEARCH_CONFIG}', %s)"


@dataclass
class _Unit:
    sql: str  # one tsquery expression with one %s
    param: str
    negated: bool = False


def tsquery_sql(query: str) -> tuple[str, list[str]]:
    """The SQL of one tsquery expression for ``query``, and its parameters."""
    groups = _groups(_COLUMNS.sub(lambda m: ",".join(m[1].split()) + ":", query))
    if sum(map(len, groups)) > MAX_UNITS:  # keep the SQL small whatever is pasted in
        return _ALL_WORDS, [query]
    sql, params = [], []
    for group in groups:
        parts = [("!!" if unit.negated else "") + unit.sql for unit in group]
        sql.append("(" + " && ".join(parts) + ")")
        params += [unit.param for unit in group]
    return (" || ".join(sql) or "''::tsquery"), params


def _groups(query: str) -> list[list[_Unit]]:
    """Units joined by AND (implicit or written), the groups joined by OR; NOT negates the
    unit after it. An operator without a term on both sides is taken as a word, as FTS5 does."""
    tokens = _TOKENS.findall(query)
    groups: list[list[_Unit]] = [[]]
    negate = False
    for i, token in enumerate(tokens):
        between = 0 < i < len(tokens) - 1 and bool(groups[-1])
        if token == "OR" and between:
            groups.append([])
        elif token in ("AND", "NOT") and between:
            negate = token == "NOT"
        else:
            unit = _unit(token)
            unit.negated, negate = negate, False
            groups[-1].append(unit)
    return [group for group in groups if group]


def _unit(token: str) -> _Unit:
    if token.startswith('"'):
        return _Unit(_PHRASE, token.strip('"'))
    if match := _PREFIX.fullmatch(token):
        return _Unit(_TSQUERY, f"{match[1]}:*")
    if match := _FILTERED.fullmatch(token):
        weights = "".join(sorted(_WEIGHTS[name] for name in match[1].split(",")))
        return _Unit(_TSQUERY, f"{match[2]}:{'*' if match[3] else ''}{weights}")
    return _Unit(_PHRASE, token)


def search_sql(query_sql: str) -> str:
    """Best matches first; the snippet comes from the text, or from the title when only the
    title matches. Ties keep ingestion order."""
    options = "StartSel=[, StopSel=], MaxWords=16, MinWords=6, MaxFragments=1, FragmentDelimiter=…"
    headline = f"ts_headline('{SEARCH_CONFIG}', %s, q.query, '{options}')"
    text = f"left(a.text, {SEARCH_PREFIX_CHARS})"
    return (
        f"WITH q AS (SELECT {query_sql} AS query) "
        "SELECT a.id, a.title, CASE "
        f"WHEN a.title IS NOT NULL AND NOT to_tsvector('{SEARCH_CONFIG}', {text}) @@ q.query "
        f"THEN {headline % 'a.title'} ELSE {headline % text} END AS snippet, "
        "ts_rank(a.search, q.query) AS rank "
        "FROM articles a, q WHERE a.search @@ q.query ORDER BY rank DESC, a.seq LIMIT %s"
    )
