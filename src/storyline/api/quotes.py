"""``GET /quotes``: who said what, with the filters of ``storyline quotes``
(:func:`storyline.store.queries.quotes`), a page at a time."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter

from storyline.api.shared import HeldStore, Limit, Offset, Page, Words, page
from storyline.store.queries import quotes

__all__ = ["router"]

router = APIRouter()
# what was said (the default), beliefs, perceptions, or all of them
Act = Literal["speech", "belief", "perception", "all"]


@router.get("/quotes", response_model=Page, summary="Quotes: who said what")
def get_quotes(
    store: HeldStore,
    speaker: Words = None,
    text: Words = None,
    act: Act = "speech",
    limit: Limit = 100,
    offset: Offset = 0,
) -> Page:
    with store.held() as s:
        return page(quotes(s, speaker=speaker, text=text, limit=limit, offset=offset, act=act), limit, offset)
