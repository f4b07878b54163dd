"""The unit of input: one news article, as a reader found it."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, replace
from typing import Any

from .errors import InvalidArgument

__all__ = ["Article", "article_id", "parse_published"]

_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Article:
    """An article before cleaning. ``id`` is stable: re-reading the same input gives the same id."""

    id: str
    text: str
    url: str | None = None
    title: str | None = None
    published: str | None = None  # YYYY-MM-DD
    source: str | None = None
    byline: str | None = None
    where: str = "-"  # where the reader found it (path, path:line, path#record), for messages

    @classmethod
    def create(
        cls,
        text: str,
        *,
        url: str | None = None,
        title: str | None = None,
        published: str | dt.date | None = None,
        source: str | None = None,
        byline: str | None = None,
        where: str = "-",
    ) -> Article:
        return cls(
            id=article_id(text, url),
            text=text,
            url=url or None,
            title=title or None,
            published=parse_published(published),
            source=source or None,
            byline=byline or None,
            where=where,
        )

    def with_metadata(self, **fields: Any) -> Article:
        """A copy with the given non-empty metadata fields replaced (the id follows the url)."""
        given = {k: v for k, v in fields.items() if v is not None}
        if "published" in given:
            given["published"] = parse_published(given["published"])
        updated = replace(self, **given)
        if "url" in given:
            updated = replace(updated, id=article_id(updated.text, updated.url))
        return updated

    def metadata(self) -> dict[str, str | None]:
        return {
            "id": self.id,
            "url": self.url,
            "title": self.title,
            "published": self.published,
            "source": self.source,
            "byline": self.byline,
        }


def article_id(text: str, url: str | None = None) -> str:
    """16 hex digits of SHA-1 over the url, or over the text with whitespace and case folded.

    The same story re-scraped with different spacing keeps its id; so re-ingesting is idempotent.
    """
    key = "url:" + url.strip() if url and url.strip() else "text:" + _SPACE.sub(" ", text).strip().lower()
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def parse_published(value: str | dt.date | None) -> str | None:
    """Normalise a publication date to YYYY-MM-DD; accepts ISO dates and datetimes.

    Raises :class:`InvalidArgument` for anything else, so that a wrong ``--published``
    is reported, never guessed.
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        pass
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        raise InvalidArgument(
            f"publication date {text!r} is not a date: give it as YYYY-MM-DD (e.g. 2025-08-23)"
        ) from None
