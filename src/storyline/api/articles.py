"""``GET /articles``: the stored articles, newest first, with the filters of ``storyline
articles`` (:func:`storyline.store.queries.articles`), a page at a time; ``GET /articles/{id}``:
one article's whole document."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path

from storyline.api.shared import Day, HeldStore, Limit, Offset, Page, Words, page
from storyline.document.encode import JSONObject
from storyline.store.queries import article_document, articles

__all__ = ["router"]

router = APIRouter()


@router.get("/articles", response_model=Page, summary="Articles, newest first")
def get_articles(
    store: HeldStore,
    text: Words = None,
    source: Words = None,
    since: Day = None,
    until: Day = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> Page:
    with store.held() as s:
        answer = articles(s, text=text, source=source, since=since, until=until, limit=limit, offset=offset)
    return page(answer, limit, offset)


@router.get("/articles/{article_id}", summary="One article's whole document")
def get_article(store: HeldStore, article_id: Annotated[str, Path(max_length=200)]) -> JSONObject:
    with store.held() as s:
        document = article_document(s, article_id)
    if document is None:
        raise HTTPException(404, f"no article {article_id} in the store")
    return document
