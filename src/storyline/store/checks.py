"""Queries both backends share: their SQL is the same on SQLite and PostgreSQL, only the
placeholder differs (``?`` vs ``%s``), so each store passes its own."""

from __future__ import annotations

from collections.abc import Callable, Iterable

# Every table of facts with offsets into an article's cleaned text, with its reader's name.
FACT_TABLES = (("mentions", "mention"), ("sentences", "sentence"),
               ("timexes", "time expression"), ("roles", "role"),
               ("framing_terms", "framing term"), ("events", "event"),
               ("claims", "claim"), ("quotes", "quote"))


def offset_problems(conn) -> list[str]:
    """Facts whose offsets fall outside their article's text (a DB-API connection of either)."""
    problems = []
    for table, label in FACT_TABLES:
        found = conn.execute(
            f'SELECT f.article_id, f."start", f."end", length(a.text) FROM {table} f '
            "JOIN articles a ON a.id = f.article_id "
            'WHERE f."start" < 0 OR f."end" < f."start" OR f."end" > length(a.text)'
        ).fetchall()
        problems += [
            f"a {label} of article {aid} spans {start}:{end}, outside its text (0:{length})"
            for aid, start, end, length in found
        ]
    return problems


def event_filters(date_from: str | None, date_to: str | None, types: Iterable[str],
                  dates: Iterable[str], mark: str,
                  one_of: Callable[[str, list[str]], tuple[str, list]]) -> tuple[str, list]:
    """The WHERE clause and parameters of ``Store.events``; ``one_of(column, values)`` spells
    "column is one of values" in the backend's dialect."""
    clauses: list[str] = []
    params: list = []
    # "<= to + U+FFFF": a day-precision bound also takes the times of that day
    for clause, value in ((f"date >= {mark}", date_from),
                          (f"date <= {mark}", date_to and date_to + "\uffff")):
        if value is not None:
            clauses.append(clause)
            params.append(value)
    for column, values in (("type", sorted(set(types))), ("date", sorted(set(dates)))):
        if values:
            clause, values_params = one_of(column, values)
            clauses.append(clause)
            params.extend(values_params)
    return (f"WHERE {' AND '.join(clauses)}" if clauses else ""), params
