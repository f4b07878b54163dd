"""``GET /suggest/actors`` and ``GET /suggest/codes``: what the filters' autocomplete offers as a
user types (:mod:`storyline.store.suggest`)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from storyline.api.shared import HeldStore
from storyline.store.connection import Value
from storyline.store.suggest import suggest_actors, suggest_codes

__all__ = ["router"]

router = APIRouter()
Typed = Annotated[str, Query(min_length=1, max_length=40, description="What the user has typed so far.")]


@router.get("/suggest/actors", summary="Actor codes for what a user types: by code or by name")
def get_actor_suggestions(store: HeldStore, typed: Typed) -> list[dict[str, Value]]:
    with store.held() as s:
        return suggest_actors(s, typed)


@router.get("/suggest/codes", summary="CAMEO codes for what a user types: by code or by name")
def get_code_suggestions(typed: Typed) -> list[dict[str, Value]]:
    return suggest_codes(typed)
