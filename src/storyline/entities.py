"""Entities: the model's named-entity mentions grouped by name, each group typed by a vote.

Mention clustering across different names ("Sergei Lavrov" / "Lavrov" / "he") and actor
coding come in later stages; this one gives every distinct name one entity with its mentions.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Span

__all__ = ["ENTITY_LABELS", "Entity", "Mention", "extract_entities"]

# Numeric and temporal labels are not actors or places (dates go to the time stage).
ENTITY_LABELS = frozenset(
    {"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE"}
)

_LEADING = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"(?:['’]s?|\s)+$")


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass
class Entity:
    id: str
    name: str
    type: str
    mentions: list[Mention] = field(default_factory=list)
    actor: dict[str, Any] | None = None
    place: dict[str, Any] | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "actor": self.actor,
            "place": self.place,
            "mentions": [m.to_json() for m in self.mentions],
        }


def name_key(text: str) -> str:
    """The grouping key of a mention: case-folded, no leading article, no possessive."""
    return _POSSESSIVE.sub("", _LEADING.sub("", text.strip())).casefold()


def _mention(span: Span) -> Mention:
    """The span without a leading "the" or a trailing possessive, as the text shows it."""
    text = span.text
    start = span.start_char
    lead = _LEADING.match(text)
    if lead:
        start += lead.end()
        text = text[lead.end() :]
    tail = _POSSESSIVE.search(text)
    if tail and tail.start() > 0:
        text = text[: tail.start()]
    return Mention(start, start + len(text), text)


def extract_entities(doc: Doc) -> list[Entity]:
    """One entity per distinct name, ids in order of first mention (E1, E2, ...)."""
    groups: dict[str, list[tuple[Mention, str]]] = {}
    for span in doc.ents:
        if span.label_ not in ENTITY_LABELS:
            continue
        mention = _mention(span)
        if not mention.text:
            continue
        groups.setdefault(name_key(mention.text), []).append((mention, span.label_))
    entities = []
    for n, members in enumerate(groups.values(), start=1):
        votes = Counter(label for _, label in members)
        label = max(votes, key=lambda lab: (votes[lab], -_first(members, lab)))
        mentions = [m for m, _ in members]
        name = max((m.text for m in mentions), key=len)
        entities.append(Entity(f"E{n}", name, label, mentions))
    return entities


def _first(members: list[tuple[Mention, str]], label: str) -> int:
    return next(i for i, (_, lab) in enumerate(members) if lab == label)
