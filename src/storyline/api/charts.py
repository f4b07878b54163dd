"""What the UI's charts draw, each with the filters of ``GET /events`` (a bar, an edge or a mark
opens the very events it counts): ``GET /timeline`` (event counts per period and QuadClass),
``GET /network`` (events per pair of the busiest actors), ``GET /map`` (events per place) and
``GET /countries`` (country outlines for the map, GeoJSON)."""

from __future__ import annotations

import functools
from typing import Annotated, Literal

from fastapi import APIRouter, Query
from pydantic import Field

from storyline.api.event_filters import EventFilters
from storyline.api.shared import HeldStore, Page, page
from storyline.document.encode import JSON, JSONObject
from storyline.store.charts import network, places, timeline
from storyline.store.queries import Answer

__all__ = ["router"]

router = APIRouter()


class Chart(Page):
    interval: str = Field("", description="The timeline's period: day, week, month or year.")
    focus: list[str] | None = Field(
        None,
        description="The timeline's first and last day of the middle 96% of its events, where a few stray "
        "days stretch its span to four times that or more (interval auto only).",
    )
    in_all: int = Field(0, description="The network's actors, or the map's places, of which the rows show the most.")


@router.get("/timeline", response_model=Chart, summary="Event counts per period and QuadClass")
def get_timeline(
    store: HeldStore, wanted: EventFilters, interval: Literal["auto", "day", "week", "month", "year"] = "auto"
) -> Chart:
    with store.held() as s:
        return _chart(timeline(s, wanted, interval))


@router.get("/network", response_model=Chart, summary="Who acts on whom, among the actors with the most events")
def get_network(store: HeldStore, wanted: EventFilters, actors: Annotated[int, Query(ge=1, le=200)] = 25) -> Chart:
    with store.held() as s:
        return _chart(network(s, wanted, actors))


@router.get("/map", response_model=Chart, summary="Where events happened, with counts")
def get_map(store: HeldStore, wanted: EventFilters) -> Chart:
    with store.held() as s:
        return _chart(places(s, wanted))


def _chart(answer: Answer) -> Chart:
    """A chart's answer: all its rows, with what the chart tells beside them."""
    focus = list(answer.focus) if answer.focus else None
    return Chart(
        **page(answer, len(answer.rows), 0).model_dump(), interval=answer.interval, focus=focus, in_all=answer.in_all
    )


@router.get("/countries", summary="Country outlines (GeoJSON) for the map, from the installed countryinfo data")
def get_countries() -> JSONObject:
    return _country_outlines()


@functools.cache
def _country_outlines() -> JSONObject:
    """Every country's outline as one GeoJSON FeatureCollection (feature id: ISO alpha-3),
    read once from the countryinfo package's data: the map needs no tile server."""
    from countryinfo import all_countries

    features: list[JSON] = []
    for country in all_countries():
        try:
            outline = country.geo_json()
        except (KeyError, ValueError, AttributeError):
            continue  # a territory with no outline in the data
        features += outline.get("features", [])
    return {"type": "FeatureCollection", "features": features}
