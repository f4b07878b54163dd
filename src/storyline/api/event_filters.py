"""The events' filters as query parameters, one declaration for every route that takes them:
``GET /events``, its download, and the charts (``/timeline``, ``/network``, ``/map``), so that a
chart's bar opens the very events it counts."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import Depends, Query

from storyline.api.shared import Code, Coded, Day, Words
from storyline.store.queries import EventFilter

__all__ = ["EventFilters", "Modality"]

Modality = Literal["asserted", "negated", "hypothetical", "future"]
Place = Annotated[str | None, Query(max_length=200, description="Where it happened: the place's name, exactly.")]


async def _event_filter(
    actor: Code = None,
    source: Code = None,
    target: Code = None,
    code: Code = None,
    plover: Code = None,
    quad_class: Annotated[int | None, Query(ge=1, le=4)] = None,
    modality: Modality | None = None,
    since: Day = None,
    until: Day = None,
    min_confidence: Annotated[float, Query(ge=0, le=1)] = 0.0,
    min_sources: Annotated[int, Query(ge=0, le=100_000)] = 0,
    text: Words = None,
    coded: Coded = "any",
    place: Place = None,
    place_country: Code = None,
) -> EventFilter:
    return EventFilter(
        actor=actor,
        source=source,
        target=target,
        code=code,
        plover=plover,
        quad_class=quad_class,
        modality=modality,
        since=since,
        until=until,
        min_confidence=min_confidence,
        min_sources=min_sources,
        text=text,
        coded=coded,
        place=place,
        place_country=place_country,
    )


# A route's parameter: the filters, from the query string.
EventFilters = Annotated[EventFilter, Depends(_event_filter)]
