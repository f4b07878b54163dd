"""Plain-text files: the whole file is one article's body."""

from __future__ import annotations

from storyline.document.article import Article
from storyline.document.skips import Skipped
from storyline.readers.guard import decode_text

__all__ = ["read_text"]


def read_text(data: bytes, where: str) -> Article | Skipped:
    text = decode_text(data, where)
    if isinstance(text, Skipped):
        return text
    return Article.create(text, where=where)
