"""``POST /documents``: process one posted article (:func:`storyline.process`) and answer its
document; with ``store: true``, also store it, in place of an earlier copy of the same article.
An article the pipeline cannot use (an empty text, say) is answered 422, with the reason."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException
from pydantic import BaseModel, Field

from storyline._version import __version__
from storyline.api.shared import DAY_PATTERN, HeldStore
from storyline.document.encode import JSONObject
from storyline.errors import InputSkipped
from storyline.pipeline import process
from storyline.settings import MAX_TEXT_CHARS
from storyline.store.write import delete_articles, store_document

__all__ = ["Posted", "router"]

router = APIRouter()


class Posted(BaseModel):
    text: str = Field(min_length=1, max_length=MAX_TEXT_CHARS)
    published: str | None = Field(None, pattern=DAY_PATTERN)
    title: str | None = Field(None, max_length=2000)
    url: str | None = Field(None, max_length=4000)
    source: str | None = Field(None, max_length=2000)
    store: bool = Field(False, description="Also store the document (it replaces an earlier copy).")


@router.post("/documents", summary="Process one article (and store it)")
def post_document(store: HeldStore, posted: Posted) -> JSONObject:
    try:
        document = process(
            posted.text, published=posted.published, title=posted.title, url=posted.url, source=posted.source
        )
    except InputSkipped as skipped:
        raise HTTPException(422, f"the article cannot be processed: {skipped}") from skipped
    if posted.store:
        with store.writing() as s, s.transaction():
            delete_articles(s, [document.article.id])
            store_document(s, document, "api", __version__)
    return document.to_dict()
