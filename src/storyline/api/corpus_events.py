"""``GET /corpus-events/{id}``: one corpus event (the same event told by several articles) with
every article's mention of it (:func:`storyline.store.queries.corpus_event`)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path

from storyline.api.shared import HeldStore
from storyline.store.queries import corpus_event

__all__ = ["router"]

router = APIRouter()


@router.get("/corpus-events/{corpus_event_id}", summary="One corpus event and all its mentions")
def get_corpus_event(store: HeldStore, corpus_event_id: Annotated[str, Path(max_length=200)]) -> dict[str, object]:
    with store.held() as s:
        found = corpus_event(s, corpus_event_id)
    if found is None:
        raise HTTPException(404, f"no corpus event {corpus_event_id} in the store")
    return found
