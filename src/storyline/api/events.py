"""``GET /events``: who did what to whom, with the filters of ``storyline events``
(:func:`storyline.store.queries.events`), newest first, a page at a time."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query

from storyline.api.shared import Code, Coded, Day, HeldStore, Limit, Offset, Page, Words, page
from storyline.store.queries import EventFilter, events

__all__ = ["router"]

router = APIRouter()


@router.get("/events", response_model=Page, summary="Events: who did what to whom")
def get_events(
    store: HeldStore,
    actor: Code = None,
    source: Code = None,
    target: Code = None,
    code: Code = None,
    plover: Code = None,
    quad_class: Annotated[int | None, Query(ge=1, le=4)] = None,
    modality: Literal["asserted", "negated", "hypothetical", "future"] | None = None,
    since: Day = None,
    until: Day = None,
    min_confidence: Annotated[float, Query(ge=0, le=1)] = 0.0,
    min_sources: Annotated[int, Query(ge=0, le=100_000)] = 0,
    text: Words = None,
    coded: Coded = "any",
    limit: Limit = 100,
    offset: Offset = 0,
) -> Page:
    wanted = EventFilter(
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
        limit=limit,
        offset=offset,
    )
    with store.held() as s:
        return page(events(s, wanted), limit, offset)
