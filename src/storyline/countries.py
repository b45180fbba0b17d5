"""Countries, their other names and their demonyms: the package's ``data/countries.tsv``.

resolve/names.py folds the front of an organisation's name to its country, so "Danish Foreign
Ministry", "Denmark's Foreign Ministry" and "the Denmark Foreign Ministry" get one key. The table is
general knowledge (every country, a few other names, its adjectives); a demonym two countries
share ("Congolese") names neither and is left out.

    country_words(split)[("danish",)]  -> ("denmark",)
    country_words(split)[("uk",)]      -> ("united", "kingdom")
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from importlib import resources

from storyline.errors import ConfigError

DATA = "data/countries.tsv"
Split = Callable[[str], list[str]]


def country_rows(text: str | None = None) -> list[tuple[str, list[str], list[str]]]:
    """(name, other names, demonyms) of each line of the table (``text``: the package's)."""
    if text is None:
        text = resources.files("storyline").joinpath(DATA).read_text(encoding="utf-8")
    rows = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) != 3 or not cells[0].strip():
            raise ConfigError(f"{DATA} line {number}: want 'name<TAB>other names<TAB>demonyms', "
                              f"got {line!r}")
        rows.append((cells[0].strip(), _listed(cells[1]), _listed(cells[2])))
    return rows


@lru_cache(maxsize=4)
def country_words(split: Split) -> dict[tuple[str, ...], tuple[str, ...]]:
    """Words of each country name, other name and unshared demonym -> the country's name words,
    each split the way the caller splits names (``split``)."""
    found: dict[tuple[str, ...], set[tuple[str, ...]]] = {}
    for name, others, demonyms in country_rows():
        country = tuple(split(name))
        for spelling in [name, *others, *demonyms]:
            found.setdefault(tuple(split(spelling)), set()).add(country)
    return {words: next(iter(countries)) for words, countries in found.items()
            if words and len(countries) == 1}


def _listed(cell: str) -> list[str]:
    return [item.strip() for item in cell.split(";") if item.strip()]


__all__ = ["country_rows", "country_words"]
