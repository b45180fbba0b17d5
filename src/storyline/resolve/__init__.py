"""Global step, resolve: mentions across articles -> canonical entities.

    resolve_entities(extractions, component="entities.exact.v1") -> list[Entity]

Sets ``Mention.entity_id`` in place and returns the entities those ids name.
"""

from storyline.resolve.entities import resolve_entities

__all__ = ["resolve_entities"]
