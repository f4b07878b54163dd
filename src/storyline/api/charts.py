"""What the UI's charts draw: ``GET /timeline`` (event counts per day or week and QuadClass),
``GET /network`` (events per pair of actors), ``GET /map`` (events per place) and
``GET /countries`` (country outlines for the map, GeoJSON)."""

from __future__ import annotations

import functools
from typing import Literal

from fastapi import APIRouter

from storyline.api.shared import Code, Day, HeldStore, Limit, Page, page
from storyline.document.encode import JSON, JSONObject
from storyline.store.queries import network, places, timeline

__all__ = ["router"]

router = APIRouter()


@router.get("/timeline", response_model=Page, summary="Event counts per day or week and QuadClass")
def get_timeline(
    store: HeldStore, actor: Code = None, interval: Literal["day", "week"] = "day", since: Day = None, until: Day = None
) -> Page:
    with store.held() as s:
        answer = timeline(s, actor=actor, interval=interval, since=since, until=until)
    return page(answer, len(answer.rows), 0)


@router.get("/network", response_model=Page, summary="Who acts on whom: events per pair of actors")
def get_network(store: HeldStore, actor: Code = None, limit: Limit = 200) -> Page:
    with store.held() as s:
        return page(network(s, actor=actor, limit=limit), limit, 0)


@router.get("/map", response_model=Page, summary="Where events happened, with counts")
def get_map(store: HeldStore, actor: Code = None, code: Code = None, since: Day = None, until: Day = None) -> Page:
    with store.held() as s:
        answer = places(s, actor=actor, code=code, since=since, until=until)
    return page(answer, len(answer.rows), 0)


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
