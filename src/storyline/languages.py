"""Language tags as sources state them, shared by the stages that read metadata."""

from __future__ import annotations

import re

_TAG = re.compile(r"\s*([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{2,8})*\s*")


def normalize_language(value: object) -> str | None:
    """ "en", "EN", "en-US", "en_GB" -> "en"; anything that is not a language tag -> None."""
    if not isinstance(value, str):
        return None
    match = _TAG.fullmatch(value)
    return match.group(1).lower() if match else None
