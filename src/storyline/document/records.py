"""The document: what ``storyline process`` prints (schema ``storyline.document/1``).

Field names are fixed by the contract in DESIGN.md; fields may be added, never renamed.
All offsets are Python ``str`` indices into ``text``, end exclusive.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from storyline._version import __version__
from storyline.document.article import Article
from storyline.stages.s01_clean.clean import Caption, Removed
from storyline.stages.s04_entities import Entity

__all__ = ["SCHEMA_ID", "Document"]

SCHEMA_ID = "storyline.document/1"


@dataclass
class Document:
    article: Article
    text: str
    captions: list[Caption] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    timexes: list[dict[str, Any]] = field(default_factory=list)
    quotes: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)  # boilerplate lines taken out of the body
    model: str = ""

    def entity(self, entity_id: str) -> Entity:
        for entity in self.entities:
            if entity.id == entity_id:
                return entity
        raise KeyError(entity_id)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA_ID,
            "article": self.article.metadata(),
            "text": self.text,
            "captions": [c.to_json() for c in self.captions],
            "entities": [e.to_json() for e in self.entities],
            "timexes": self.timexes,
            "quotes": self.quotes,
            "events": self.events,
            "boilerplate": [r.to_json() for r in self.removed],
            "generator": {"name": "storyline", "version": __version__, "model": self.model},
        }

    def to_json(self, indent: int | None = None) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)
