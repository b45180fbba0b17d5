"""A user's aliases file: entities the user knows, honoured by the resolver, never required.

YAML (a list of mappings) or CSV (a header row), one entity per entry::

    - name: Dana Kovac            # canonical name (required)
      aliases: [D. Kovac, DK]     # other names of the same entity (CSV: separated by "|")
      type: PERSON                # spaCy label (default PERSON)
      wikidata: Q123              # optional

Every alias of an entry names that entity, also where the resolver's own rules would not dare
(a person's initials). Ids are derived from the type and the canonical name, so editing the
aliases keeps the id.
"""

from __future__ import annotations

import csv
import hashlib
import io
from pathlib import Path

import yaml

from storyline.errors import ConfigError
from storyline.models import ENTITY_LABELS, Entity

_WIKIDATA_PREFIX = "Q"


def load_aliases(path: str | Path) -> list[Entity]:
    """Entities listed in ``path`` (.yaml/.yml or .csv); ConfigError names the bad entry."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"aliases file {path} can't be read ({exc}); give a UTF-8 YAML or CSV file") from exc
    entries = _csv_entries(text) if path.suffix.lower() == ".csv" else _yaml_entries(path, text)
    return [_entity(path, number, entry) for number, entry in enumerate(entries, 1)]


def _yaml_entries(path: Path, text: str) -> list[dict]:
    try:
        data = yaml.safe_load(text) or []
    except yaml.YAMLError as exc:
        raise ConfigError(f"aliases file {path} is not valid YAML: {exc}") from exc
    if not isinstance(data, list) or not all(isinstance(e, dict) for e in data):
        raise ConfigError(f"aliases file {path} must be a list of entries with name, aliases, type")
    return data


def _csv_entries(text: str) -> list[dict]:
    rows = csv.DictReader(io.StringIO(text))
    return [{**row, "aliases": [a.strip() for a in (row.get("aliases") or "").split("|")]}
            for row in rows]


def _entity(path: Path, number: int, entry: dict) -> Entity:
    name = str(entry.get("name") or "").strip()
    kind = str(entry.get("type") or "PERSON").strip().upper()
    if not name:
        raise ConfigError(f"aliases file {path}, entry {number}: 'name' is missing")
    if kind not in ENTITY_LABELS:
        allowed = ", ".join(sorted(ENTITY_LABELS))
        raise ConfigError(f"aliases file {path}, entry {number}: type {kind!r} is not one of {allowed}")
    aliases = entry.get("aliases") or []
    if isinstance(aliases, str):
        aliases = [aliases]
    aliases = sorted({str(a).strip() for a in aliases if str(a).strip()} | {name})
    wikidata = str(entry.get("wikidata") or "").strip() or None
    if wikidata is not None and not (wikidata.startswith(_WIKIDATA_PREFIX) and wikidata[1:].isdigit()):
        raise ConfigError(f"aliases file {path}, entry {number}: wikidata id {wikidata!r} "
                          "is not of the form Q123")
    return Entity(_user_id(kind, name), name, kind, aliases, wikidata=wikidata)


def _user_id(kind: str, name: str) -> str:
    return "u" + hashlib.sha1(f"user|{kind}|{name.casefold()}".encode("utf-8")).hexdigest()[:12]
