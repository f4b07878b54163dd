"""What the routers share: the store, a connection per request; the types of the query
parameters (with their limits, which the OpenAPI description shows); and :class:`Page`, the
answer of every route that lists rows.

A route reads through ``with store.held() as s:`` and writes through ``with store.writing() as
s:``, for its queries only, never while it does other work. Readers each hold a connection of
their own (DuckDB cursors, PostgreSQL connections, kept for the next request), so they wait
neither for each other nor for a write; writers take turns on the store's first connection.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Literal

from fastapi import Depends, Query, Request
from pydantic import BaseModel, Field

from storyline.errors import StoreError
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
_READERS = 16  # connections that read at once; more requests wait for one
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
    """The application's store: a reader's connection per request, and one writer at a time."""

    def __init__(self, store: Store, readers: int = _READERS) -> None:
        self.store = store
        self._idle: queue.SimpleQueue[Store] = queue.SimpleQueue()  # readers' connections, free
        self._readers = threading.BoundedSemaphore(readers)  # connections open at once, at most
        self._write = threading.Lock()
        # what readers are made from: for DuckDB a connection of its own, never busy with a
        # write (a connection is not to be used by two threads at once); for PostgreSQL the URL
        self._maker = store.reader() if store.backend == "duckdb" else store
        self._making = threading.Lock()

    @contextmanager
    def held(self) -> Iterator[Store]:
        """A connection to read through, for this request alone."""
        with self._readers:
            try:
                reader = self._idle.get_nowait()
            except queue.Empty:
                with self._making:
                    reader = self._maker.reader()
            try:
                yield reader
            except StoreError:  # the connection may be what failed: the next request gets a new one
                reader.close()
                raise
            self._idle.put(reader)

    def close(self) -> None:
        """Close the readers' connections that are free (when the application stops; it can
        still answer later, with new ones)."""
        while True:
            try:
                self._idle.get_nowait().close()
            except queue.Empty:
                return

    @contextmanager
    def writing(self) -> Iterator[Store]:
        """The store's own connection, for one writer at a time."""
        with self._write:
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
