"""The FastAPI application: the store's queries over HTTP, paginated, with OpenAPI at
``/openapi.json`` and its pages at ``/docs``. Each resource has its router:

- ``GET /events``, ``/quotes``, ``/actors``, ``/articles``: the filters of ``storyline events``
  and its siblings, ``limit`` (at most 1,000) and ``offset`` (:mod:`.events`, :mod:`.quotes`,
  :mod:`.actors`, :mod:`.articles`); ``GET /events/download``: a filter's events as CSV or Parquet;
- ``GET /articles/{id}``: the article's whole document (:mod:`.articles`);
- ``POST /documents``: process one article (and store it, with ``store: true``; :mod:`.documents`);
- ``GET /corpus-events/{id}``: one corpus event with every article's mention of it
  (:mod:`.corpus_events`);
- ``GET /timeline``, ``/network``, ``/map``: counts per period and QuadClass, per pair of actors,
  per place; ``GET /countries``: country outlines for the map (GeoJSON) (:mod:`.charts`);
- ``GET /stats``: what the store holds (:mod:`.stats`); ``GET /suggest/actors``, ``/suggest/codes``:
  the filters' autocomplete (:mod:`.suggest`);
- the web UI's pages at ``/ui/...`` and ``/`` (:mod:`.ui`); the API's pages, Swagger UI at
  ``/docs`` and ReDoc at ``/redoc``, from files installed with storyline (:mod:`.docs`).

Each request reads through a connection of its own, and writes take turns (:mod:`.shared`). A request
body over :data:`MAX_BODY_BYTES` is refused, stated or not, without more of it being read
(:mod:`.body_limit`). Every error answers in one JSON shape (:mod:`.errors`). Every value from the
client reaches the store as a parameter.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from storyline._version import __version__
from storyline.api import actors, articles, charts, corpus_events, docs, documents, events, quotes, stats, suggest, ui
from storyline.api.body_limit import LimitBody
from storyline.api.errors import install_error_handlers
from storyline.api.shared import SharedStore
from storyline.store.connection import open_store
from storyline.store.schema import migrate

__all__ = ["MAX_BODY_BYTES", "create_app"]

MAX_BODY_BYTES = 2_000_000  # a posted article: the text and its metadata


def create_app(db: str) -> FastAPI:
    """The application over the store at ``db`` (a DuckDB file or a ``postgresql://`` URL)."""
    store = open_store(db)
    migrate(store)
    shared = SharedStore(store)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        shared.close()  # (a PostgreSQL database cannot be dropped while connections to it stay open)

    app = FastAPI(
        lifespan=lifespan,
        title="storyline",
        version=__version__,
        description="Sourced, structured event data: who did what to whom, and who said what, "
        "with the sentence that says so.",
        docs_url=None,  # (FastAPI's pages load their scripts from a CDN: .docs serves them offline)
        redoc_url=None,
    )
    install_error_handlers(app)
    app.add_middleware(LimitBody, limit=MAX_BODY_BYTES)
    for router in (  # (in this order in the OpenAPI description)
        events.router,
        quotes.router,
        actors.router,
        articles.router,
        documents.router,
        corpus_events.router,
        charts.router,
        stats.router,
        suggest.router,
        ui.router(),
        docs.router(),
    ):
        app.include_router(router)
    app.state.store = store
    app.state.shared_store = shared
    return app
