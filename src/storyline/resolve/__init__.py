"""Global step, resolve: mentions across articles -> canonical entities.

    resolve_entities(extractions, component="entities.exact.v1") -> list[Entity]

Sets ``Mention.entity_id`` in place and returns the entities those ids name.
``entities.exact.v1`` merges equal normalized names and is incremental by construction;
``entities.alias.v2`` also merges spelling variants, partial names and acronyms, but its ids
depend on the whole batch it sees, so the pipeline keeps v1 until v2 resolves incrementally
against the store.
"""

from storyline.resolve import aliases as _aliases  # noqa: F401  (registers entities.alias.v2)
from storyline.resolve.entities import resolve_entities

__all__ = ["resolve_entities"]
