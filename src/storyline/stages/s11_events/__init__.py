"""Events: who did what to whom, CAMEO-coded, with modality, date, place and evidence."""

from __future__ import annotations

from storyline.stages.s11_events.events import code_events
from storyline.stages.stage import Config, Stage, Work

__all__ = ["STAGE"]


def _events(work: Work, config: Config) -> None:
    work.events = code_events(
        work.parsed,
        work.entities,
        work.timexes,
        work.quotes,
        work.published,
        config.lexicon,
        narrated_present=work.caption is not None,  # a caption tells what happened in the present tense
    )


STAGE = Stage(
    "events",
    _events,
    requires=("doc", "entities.actor", "entities.place", "timexes", "quotes"),
    assigns=("events",),
    about="CAMEO-coded events over the parse: actors, modality, date, location, evidence",
)
