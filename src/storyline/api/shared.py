"""What the routers share: the store, lent to one request at a time; the types of the query
parameters (with their limits, which the OpenAPI description shows); and :class:`Page`, the
answer of every route that lists rows.

The store's connection is shared and used by one request at a time (DuckDB connections are not
to be used from two threads at once): a route takes it with ``with store.held() as s:`` for its
queries only, never while it does other work.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Literal

from fastapi import Depends, Query, Request
from pydantic import BaseModel, Field

from storyline.store.connection import Store
from storyline.store.queries import Answer

__all__ = [
    "DAY_PATTERN",
    "Code",
    "Coded",
    "Day",
    "HeldStore",
    "Limit",
    "Offset",
    "Page",
    "SharedStore",
    "Words",
    "page",
]

_MAX_LIMIT = 1000
DAY_PATTERN = r"^\d{4}-\d{2}-\d{2}$"

Limit = Annotated[int, Query(ge=1, le=_MAX_LIMIT, description="At most this many rows.")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="Skip this many rows first.")]
Day = Annotated[str | None, Query(pattern=DAY_PATTERN, description="A day, YYYY-MM-DD.")]
Words = Annotated[str | None, Query(max_length=200)]
Code = Annotated[str | None, Query(max_length=40)]
# The keys of storyline.store.queries.CODED_FILTERS, as ``storyline events --coded`` takes them
# (tests/api holds the two equal): written out so that mypy and the OpenAPI both see them.
Coded = Literal["any", "source", "target", "both", "none"]


class SharedStore:
    """The application's one connection to its store, lent to one request at a time."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._lock = threading.Lock()

    @contextmanager
    def held(self) -> Iterator[Store]:
        with self._lock:
            yield self.store


async def _shared_store(request: Request) -> SharedStore:
    shared: SharedStore = request.app.state.shared_store  # (set by create_app)
    return shared


# A route's parameter for the store (no query parameter: FastAPI fills it in).
HeldStore = Annotated[SharedStore, Depends(_shared_store)]


class Page(BaseModel):
    rows: list[dict[str, str | int | float | bool | None]]
    limit: int
    offset: int
    total: int = Field(
        description="How many rows match the filters in all, on every page: more pages follow "
        "while offset + the rows on this page is less."
    )
    note: str = Field("", description="Why there are no rows, where the store can tell.")


def page(answer: Answer, limit: int, offset: int) -> Page:
    return Page(rows=answer.rows, limit=limit, offset=offset, total=answer.total, note=answer.note)
