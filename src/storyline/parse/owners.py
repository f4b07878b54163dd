"""Which entity each token of the parse belongs to: the stages after the entities read the
parse through it ("Serb forces": is "Serb" a mention, and whose?)."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc

from storyline.document.records import WITHIN, Entity, Mention

__all__ = ["own_mentions", "token_owners"]


def own_mentions(entity: Entity) -> list[Mention]:
    """The mentions that stand for the entity itself: not a place's name inside another name."""
    return [m for m in entity.mentions if m.label != WITHIN]


def token_owners(doc: Doc, entities: Iterable[Entity]) -> dict[int, Entity]:
    """Token index -> the entity a mention covering the token belongs to (the first listed, where
    mentions overlap: "Serb" in "Serb forces" stays the nationality word's)."""
    owner: dict[int, Entity] = {}
    for entity in entities:
        for m in own_mentions(entity):
            for token in doc.char_span(m.start, m.end, alignment_mode="expand") or ():
                owner.setdefault(token.i, entity)
    return owner
