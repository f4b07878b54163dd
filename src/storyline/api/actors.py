"""``GET /actors``: actors by how many events they are the source or the target of, as
``storyline actors`` lists them (:func:`storyline.store.queries.actors`), a page at a time."""

from __future__ import annotations

from fastapi import APIRouter

from storyline.api.shared import Code, HeldStore, Limit, Offset, Page, page
from storyline.store.queries import actors

__all__ = ["router"]

router = APIRouter()


@router.get("/actors", response_model=Page, summary="Actors by their events")
def get_actors(store: HeldStore, actor: Code = None, limit: Limit = 100, offset: Offset = 0) -> Page:
    with store.held() as s:
        return page(actors(s, actor=actor, limit=limit, offset=offset), limit, offset)
