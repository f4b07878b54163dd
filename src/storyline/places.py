"""Places: GPE / LOC / FAC entities resolved to a gazetteer entry (being written, issue 3)."""

from __future__ import annotations

from .entities import Entity

__all__ = ["resolve_places"]


def resolve_places(entities: list[Entity], text: str) -> None:
    """Set ``entity.place`` for the place entities that the gazetteer knows."""
