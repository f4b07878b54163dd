"""``GET /stats``: what the store holds (the rows of each table, the first and last days
published; :func:`storyline.store.queries.stats`) and the version of storyline answering."""

from __future__ import annotations

from fastapi import APIRouter

from storyline._version import __version__
from storyline.api.shared import HeldStore
from storyline.store.connection import Value
from storyline.store.queries import stats

__all__ = ["router"]

router = APIRouter()


@router.get("/stats", summary="What the store holds")
def get_stats(store: HeldStore) -> dict[str, Value]:
    with store.held() as s:
        held = stats(s)
    return {**held, "version": __version__}
