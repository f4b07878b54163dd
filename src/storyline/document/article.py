"""The unit of input: one news article, as a reader found it."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, replace

from storyline.document.encode import internal, omitted_if_none
from storyline.errors import InvalidArgument

__all__ = ["EARLIEST_PUBLISHED", "LATEST_PUBLISHED", "Article", "article_id", "is_news_date", "parse_published"]

# The dates a news article can have been published on: from the first printed newspapers to
# far enough ahead. Outside them, a date is a typo or junk, and the time stage's arithmetic
# ("yesterday" on 0001-01-01) would leave the calendar.
EARLIEST_PUBLISHED = dt.date(1600, 1, 1)
LATEST_PUBLISHED = dt.date(2999, 12, 31)

_SPACE = re.compile(r"\s+")
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class Article:
    """An article before cleaning. ``id`` is stable: re-reading the same input gives the same id."""

    id: str
    input_id: str | None = omitted_if_none()  # the input's own id (a JSON line's "id"), kept as given
    text: str = internal("")  # the raw input; the document's own text is the cleaned one
    url: str | None = None
    title: str | None = None
    published: str | None = None  # YYYY-MM-DD
    source: str | None = None
    byline: str | None = None
    modified: str | None = omitted_if_none()  # YYYY-MM-DD: when the page was last changed, where it says
    where: str = internal("-")  # where the reader found it (path, path:line, path#record), for messages

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
        input_id: str | None = None,
        where: str = "-",
        modified: str | dt.date | None = None,
    ) -> Article:
        return cls(
            id=article_id(text, url, input_id),
            input_id=input_id or None,
            text=text,
            url=url or None,
            title=title or None,
            published=parse_published(published),
            source=source or None,
            byline=byline or None,
            modified=parse_published(modified),
            where=where,
        )

    def with_metadata(
        self,
        *,
        url: str | None = None,
        title: str | None = None,
        published: str | None = None,
        source: str | None = None,
        byline: str | None = None,
    ) -> Article:
        """A copy with the given non-empty metadata fields replaced (the id follows the url)."""
        updated = replace(
            self,
            url=url or self.url,
            title=title or self.title,
            published=parse_published(published) if published else self.published,
            source=source or self.source,
            byline=byline or self.byline,
        )
        return replace(updated, id=article_id(updated.text, updated.url, updated.input_id)) if url else updated

    def not_unicode(self) -> str | None:
        """Why the article cannot be written as UTF-8 (a lone surrogate, which only a str made
        in Python can hold, never decoded text), or None."""
        for name in ("text", "title", "url", "source", "byline"):
            value = getattr(self, name)
            found = _SURROGATE.search(value) if value else None
            if found:
                return (
                    f"character {found.start():,} of its {name} is a lone surrogate (U+{ord(found.group()):04X}), "
                    "which UTF-8 cannot hold; decode the input with errors='replace'"
                )
        return None


def article_id(text: str, url: str | None = None, input_id: str | None = None) -> str:
    """16 hex digits of SHA-1 over the url, else over the input's own id, else over the text
    with whitespace and case folded.

    The same story re-scraped with different spacing keeps its id, so re-ingesting is
    idempotent; two inputs with their own ids stay two articles even if their texts are equal.
    """
    if url and url.strip():
        key = "url:" + url.strip()
    elif input_id and input_id.strip():
        key = "id:" + input_id.strip()
    else:
        key = "text:" + _SPACE.sub(" ", text).strip().lower()
    return hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def parse_published(value: str | dt.date | None) -> str | None:
    """Normalise a publication date to YYYY-MM-DD; accepts ISO dates and datetimes from
    :data:`EARLIEST_PUBLISHED` to :data:`LATEST_PUBLISHED`.

    Raises :class:`InvalidArgument` for anything else, so that a wrong ``--published``
    is reported, never guessed.
    """
    if value is None or value == "":
        return None
    date = _as_date(value)
    if not is_news_date(date):
        raise InvalidArgument(
            f"publication date {date.isoformat()} is not a news article's: give one from "
            f"{EARLIEST_PUBLISHED.year} to {LATEST_PUBLISHED.year}"
        )
    return date.isoformat()


def is_news_date(date: dt.date) -> bool:
    """Whether a news article can have been published on ``date``."""
    return EARLIEST_PUBLISHED <= date <= LATEST_PUBLISHED


def _as_date(value: str | dt.date) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        pass
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        raise InvalidArgument(
            f"publication date {text!r} is not a date: give it as YYYY-MM-DD (e.g. 2025-08-23)"
        ) from None
