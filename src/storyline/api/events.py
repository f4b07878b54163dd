"""``GET /events``: who did what to whom, with the filters of ``storyline events``
(:func:`storyline.store.queries.events`), sorted on the server over every match, a page at a
time; ``GET /events/download``: every event of the same filters as a file, CSV or Parquet, with
the columns of ``storyline export``'s events table (:func:`storyline.store.export.event_columns`)."""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.responses import FileResponse
from starlette.background import BackgroundTask

from storyline.api.event_filters import EventFilters
from storyline.api.shared import HeldStore, Limit, Offset, Page, page
from storyline.store.export import DOWNLOAD_LIMIT, write_event_rows
from storyline.store.queries import events

__all__ = ["router"]

router = APIRouter()
# The keys of storyline.store.queries.EVENT_SORTS (tests/api holds the two equal), written out so
# that mypy and the OpenAPI both see them.
Sort = Literal["day", "source", "target", "event", "modality", "sources", "confidence"]
Ascending = Annotated[bool, Query(description="Oldest (or fewest) first; newest first when false.")]


@router.get("/events", response_model=Page, summary="Events: who did what to whom")
def get_events(
    store: HeldStore,
    wanted: EventFilters,
    sort: Sort = "day",
    ascending: Ascending = False,
    limit: Limit = 100,
    offset: Offset = 0,
) -> Page:
    with store.held() as s:
        answer = events(s, replace(wanted, sort=sort, ascending=ascending, limit=limit, offset=offset))
    return page(answer, limit, offset)


@router.get(
    "/events/download",
    summary="Every event of the filters as a file (the columns of storyline export's events table)",
    response_class=FileResponse,
    responses={200: {"content": {"text/csv": {}, "application/vnd.apache.parquet": {}}}},
)
def download_events(
    store: HeldStore,
    wanted: EventFilters,
    sort: Sort = "day",
    ascending: Ascending = False,
    format: Literal["csv", "parquet"] = "csv",
) -> FileResponse:
    folder = Path(tempfile.mkdtemp(prefix="storyline-download-"))
    path = folder / f"events.{format}"
    with store.held() as s:
        every = replace(wanted, sort=sort, ascending=ascending, limit=DOWNLOAD_LIMIT, offset=0)
        write_event_rows(s, every, format, path)
    media = "text/csv" if format == "csv" else "application/vnd.apache.parquet"
    return FileResponse(path, media_type=media, filename=path.name, background=BackgroundTask(_remove, folder))


def _remove(folder: Path) -> None:
    for path in folder.iterdir():
        path.unlink()
    folder.rmdir()
