"""Actors: who each entity is, coded (CAMEO-style code, country, organisation, sector, role)."""

from __future__ import annotations

from storyline.stages.s05_actors.actors import assign_actors
from storyline.stages.stage import Config, Stage, Work

__all__ = ["STAGE"]


def _actors(work: Work, config: Config) -> None:
    assign_actors(work.entities, work.text, config.dictionary, work.published)


STAGE = Stage(
    "actors",
    _actors,
    requires=("entities",),
    assigns=("entities.actor",),
    about="each entity's actor: role phrases, then the actor dictionary, then what the name is",
)
