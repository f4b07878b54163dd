"""Events in photo captions: each caption runs through the same stages as the body, as a
small work of its own, and its events join the document's, marked with their caption's index.

"Zelensky visited the White House earlier this week" is often the only place a visit is told.
A caption's names are matched to the body's entities ("Zelensky" -> "Volodymyr Zelensky"), so
that its events point at the same entity ids. A name the body lacks keeps its actor and has no
id. A caption tells what happened in the present tense, so "after an air attack" under
"gather" is no rule (the events stage reads ``Work.caption``). As the document contract says,
the offsets of a caption event (evidence, trigger) index its caption's text; its date keeps
the value, not a timex id, since the caption's times are not in the document's list.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from storyline.document.records import Entity, Event, EventDate
from storyline.knowledge.countries import fold
from storyline.stages.stage import CAPTION_GIVENS, Config, Stage, Work, check_order

__all__ = ["STAGE", "caption_stages"]


@functools.cache
def caption_stages(stages: tuple[Stage, ...]) -> tuple[Stage, ...]:
    """The stages a caption's work runs: the model and the document stages that run on captions,
    checked in order as the body's are."""
    chosen = tuple(s for s in stages if s.on_captions and s.step != "text")
    check_order(chosen, CAPTION_GIVENS)
    return chosen


def _captions(work: Work, config: Config) -> None:
    stages = caption_stages(config.stages)
    for index, caption in enumerate(work.captions):
        if not caption.text.strip():
            continue
        small = Work(article=work.article, text=caption.text, caption=index)
        for stage in stages:
            stage.run(small, config)
        same = {e.id: _body_entity(e, work.entities) for e in small.entities}
        for event in small.events:
            work.events.append(_as_body_event(event, index, same, len(work.events) + 1))


def _as_body_event(event: Event, caption: int, same: dict[str, Entity | None], number: int) -> Event:
    """A caption's event in the document's terms: the body's entities and actors, its own id."""
    source, target, location = (same.get(e or "") for e in (event.source, event.target, event.location))
    event.id, event.caption = f"V{number}", caption
    event.source, event.target = (source.id if source else None), (target.id if target else None)
    event.location = location.id if location else None
    if location is None:
        event.location_basis = event.location_precision = None
    # the body may know more of who it is, and calls them by its own name
    if source is not None:
        event.source_name = source.name
        event.source_actor = source.actor or event.source_actor
    if target is not None:
        event.target_name = target.name
        event.target_actor = target.actor or event.target_actor
    if event.date:  # the caption's own timex is not the body's
        event.date = EventDate(None, event.date.value, basis="caption", precision=event.date.precision)
    return event


def _body_entity(entity: Entity, body: Sequence[Entity]) -> Entity | None:
    """The body entity a caption's entity is: the same name, or a name among its mentions."""
    key = fold(entity.name)
    same = [e for e in body if fold(e.name) == key] or [
        e for e in body if any(fold(m.text) == key for m in e.mentions if m.label not in ("PRON", "TITLE"))
    ]
    return same[0] if same else None


STAGE = Stage(
    "captions",
    _captions,
    requires=("captions", "entities", "events"),
    assigns=("events",),
    on_captions=False,
    about="each photo caption through the same stages; its events joined to the body's entities",
)
