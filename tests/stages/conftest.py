"""A stage's inputs built by hand: the model's parse of a text, and the records the stage
requires, written by the test (no other stage runs)."""

from __future__ import annotations

import pytest

from storyline.document.article import Article
from storyline.document.records import Entity, Mention
from storyline.knowledge.actor_dictionary import load_dictionary
from storyline.pipeline import STAGES
from storyline.stages.s03_annotate.nlp import load_model
from storyline.stages.stage import Config, Work


@pytest.fixture(scope="session")
def config() -> Config:
    return Config(nlp=load_model(), dictionary=load_dictionary(), stages=STAGES)


def parsed(config: Config, text: str, published: str | None = "2025-03-14", **records: object) -> Work:
    """A work with the model's parse of ``text`` and the given records (entities=..., ...)."""
    work = Work(Article.create(text, published=published), text=text, doc=config.nlp(text))
    for name, value in records.items():
        setattr(work, name, value)
    return work


def entity(text: str, name: str, kind: str, n: int, nth: int = 0, **fields: object) -> Entity:
    """An entity of one mention: the ``nth`` occurrence of ``name`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(name, start + 1)
    mention = Mention(start, start + len(name), name, kind)
    return Entity(id=f"E{n}", name=name, type=kind, mentions=[mention], **fields)  # type: ignore[arg-type]
