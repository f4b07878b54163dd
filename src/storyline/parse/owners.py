"""Which entity each token of the parse belongs to: the stages after the entities read the
parse through it ("Serb forces": is "Serb" a mention, and whose?)."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc

from storyline.document.records import Entity

__all__ = ["token_owners"]


def token_owners(doc: Doc, entities: Iterable[Entity]) -> dict[int, Entity]:
    """Token index -> the entity a mention covering the token belongs to (the first listed, where
    mentions overlap: "Serb" in "Serb forces" stays the nationality word's)."""
    owner: dict[int, Entity] = {}
    for entity in entities:
        for m in entity.mentions:
            for token in doc.char_span(m.start, m.end, alignment_mode="expand") or ():
                owner.setdefault(token.i, entity)
    return owner
