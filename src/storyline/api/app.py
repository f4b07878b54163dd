"""The FastAPI application: the store's queries over HTTP, paginated, with OpenAPI at
``/openapi.json`` and its pages at ``/docs``.

- ``GET /events``, ``/quotes``, ``/actors``, ``/articles``: the filters of ``storyline events``
  and its siblings (:mod:`storyline.store.queries`), ``limit`` (at most 1,000) and ``offset``;
- ``GET /articles/{id}``: the article's whole document;
- ``POST /documents``: process one article (and store it, with ``store: true``);
- ``GET /corpus-events/{id}``: one corpus event with every article's mention of it;
- ``GET /timeline``, ``/network``, ``/map``: counts per period and QuadClass, per pair of actors,
  per place; ``GET /countries``: country outlines for the map (GeoJSON);
- ``GET /stats``: what the store holds;
- the web UI's pages at ``/ui/...`` and ``/`` (:mod:`storyline.api.ui`).

The store's connection is shared and used by one request at a time (DuckDB connections are not
to be used from two threads at once). Request bodies over :data:`MAX_BODY_BYTES` are refused
before they are read. Every value from the client reaches the store as a parameter.
"""

from __future__ import annotations

import functools
import json
import threading
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from typing import Annotated, Literal

from fastapi import FastAPI, Path, Query, Request, Response
from pydantic import BaseModel, Field

from storyline._version import __version__
from storyline.api.errors import error_response, install_error_handlers
from storyline.api.ui import install_ui
from storyline.document.encode import JSON, JSONObject
from storyline.document.subset import CODED_CHOICES
from storyline.errors import InputSkipped
from storyline.pipeline import process
from storyline.settings import MAX_TEXT_CHARS
from storyline.store.connection import Store, Value, open_store
from storyline.store.queries import (
    Answer,
    EventFilter,
    actors,
    articles,
    corpus_event,
    events,
    network,
    places,
    quotes,
    timeline,
)
from storyline.store.schema import migrate
from storyline.store.write import delete_articles, store_document

__all__ = ["MAX_BODY_BYTES", "create_app"]

MAX_BODY_BYTES = 2_000_000  # a posted article: the text and its metadata
_MAX_LIMIT = 1000
_DAY = r"^\d{4}-\d{2}-\d{2}$"

Limit = Annotated[int, Query(ge=1, le=_MAX_LIMIT, description="At most this many rows.")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="Skip this many rows first.")]
Day = Annotated[str | None, Query(pattern=_DAY, description="A day, YYYY-MM-DD.")]
Words = Annotated[str | None, Query(max_length=200)]
Code = Annotated[str | None, Query(max_length=40)]


class Page(BaseModel):
    rows: list[dict[str, str | int | float | bool | None]]
    limit: int
    offset: int
    note: str = Field("", description="Why there are no rows, where the store can tell.")


class Posted(BaseModel):
    text: str = Field(min_length=1, max_length=MAX_TEXT_CHARS)
    published: str | None = Field(None, pattern=_DAY)
    title: str | None = Field(None, max_length=2000)
    url: str | None = Field(None, max_length=4000)
    source: str | None = Field(None, max_length=2000)
    store: bool = Field(False, description="Also store the document (it replaces an earlier copy).")


def create_app(db: str) -> FastAPI:
    """The application over the store at ``db`` (a DuckDB file or a ``postgresql://`` URL)."""
    store = open_store(db)
    migrate(store)
    lock = threading.Lock()

    @contextmanager
    def held() -> Iterator[Store]:
        with lock:
            yield store

    app = FastAPI(
        title="storyline",
        version=__version__,
        description="Sourced, structured event data: who did what to whom, and who said what, "
        "with the sentence that says so.",
    )
    install_error_handlers(app)

    @app.middleware("http")
    async def limit_body(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        size = request.headers.get("content-length")
        if size is not None and (not size.isdigit() or int(size) > MAX_BODY_BYTES):
            return error_response(413, f"the request body is over {MAX_BODY_BYTES:,} bytes")
        return await call_next(request)

    @app.get("/events", response_model=Page, summary="Events: who did what to whom")
    def get_events(
        actor: Code = None,
        source: Code = None,
        target: Code = None,
        code: Code = None,
        plover: Code = None,
        quad_class: Annotated[int | None, Query(ge=1, le=4)] = None,
        modality: Literal["asserted", "negated", "hypothetical", "future"] | None = None,
        since: Day = None,
        until: Day = None,
        min_confidence: Annotated[float, Query(ge=0, le=1)] = 0.0,
        min_sources: Annotated[int, Query(ge=0, le=100_000)] = 0,
        text: Words = None,
        coded: Literal[tuple(CODED_CHOICES)] = "any",  # type: ignore[valid-type]  # the --coded choices
        limit: Limit = 100,
        offset: Offset = 0,
    ) -> Page:
        wanted = EventFilter(
            actor=actor,
            source=source,
            target=target,
            code=code,
            plover=plover,
            quad_class=quad_class,
            modality=modality,
            since=since,
            until=until,
            min_confidence=min_confidence,
            min_sources=min_sources,
            text=text,
            coded=coded,
            limit=limit,
            offset=offset,
        )
        with held() as s:
            return _page(events(s, wanted), limit, offset)

    @app.get("/quotes", response_model=Page, summary="Quotes: who said what")
    def get_quotes(speaker: Words = None, text: Words = None, limit: Limit = 100, offset: Offset = 0) -> Page:
        with held() as s:
            return _page(quotes(s, speaker=speaker, text=text, limit=limit, offset=offset), limit, offset)

    @app.get("/actors", response_model=Page, summary="Actors by their events")
    def get_actors(actor: Code = None, limit: Limit = 100, offset: Offset = 0) -> Page:
        with held() as s:
            answer = actors(s, actor=actor, limit=limit + offset)
        answer.rows = answer.rows[offset:]
        return _page(answer, limit, offset)

    @app.get("/articles", response_model=Page, summary="Articles, newest first")
    def get_articles(
        text: Words = None,
        source: Words = None,
        since: Day = None,
        until: Day = None,
        limit: Limit = 100,
        offset: Offset = 0,
    ) -> Page:
        with held() as s:
            answer = articles(s, text=text, source=source, since=since, until=until, limit=limit, offset=offset)
        return _page(answer, limit, offset)

    @app.get("/articles/{article_id}", summary="One article's whole document")
    def get_article(article_id: Annotated[str, Path(max_length=200)]) -> JSONObject:
        with held() as s:
            found = s.query("SELECT document FROM articles WHERE article_id = ?", (article_id,))
        if not found:
            return _not_found(f"no article {article_id} in the store")  # type: ignore[return-value]
        document: JSONObject = json.loads(str(found[0][0]))
        return document

    @app.post("/documents", summary="Process one article (and store it)")
    def post_document(posted: Posted) -> JSONObject:
        try:
            document = process(
                posted.text, published=posted.published, title=posted.title, url=posted.url, source=posted.source
            )
        except InputSkipped as skipped:
            return error_response(422, f"the article cannot be processed: {skipped}")  # type: ignore[return-value]
        data = document.to_dict()
        if posted.store:
            with held() as s, s.transaction():
                delete_articles(s, [document.article.id])
                store_document(s, data, "api", __version__)
        return data

    @app.get("/corpus-events/{corpus_event_id}", summary="One corpus event and all its mentions")
    def get_corpus_event(corpus_event_id: Annotated[str, Path(max_length=200)]) -> dict[str, object]:
        with held() as s:
            found = corpus_event(s, corpus_event_id)
        if found is None:
            return _not_found(f"no corpus event {corpus_event_id} in the store")  # type: ignore[return-value]
        return found

    @app.get("/timeline", response_model=Page, summary="Event counts per day or week and QuadClass")
    def get_timeline(
        actor: Code = None, interval: Literal["day", "week"] = "day", since: Day = None, until: Day = None
    ) -> Page:
        with held() as s:
            answer = timeline(s, actor=actor, interval=interval, since=since, until=until)
        return _page(answer, len(answer.rows), 0)

    @app.get("/network", response_model=Page, summary="Who acts on whom: events per pair of actors")
    def get_network(actor: Code = None, limit: Limit = 200) -> Page:
        with held() as s:
            return _page(network(s, actor=actor, limit=limit), limit, 0)

    @app.get("/map", response_model=Page, summary="Where events happened, with counts")
    def get_map(actor: Code = None, code: Code = None, since: Day = None, until: Day = None) -> Page:
        with held() as s:
            answer = places(s, actor=actor, code=code, since=since, until=until)
        return _page(answer, len(answer.rows), 0)

    @app.get("/countries", summary="Country outlines (GeoJSON) for the map, from the installed countryinfo data")
    def get_countries() -> JSONObject:
        return _country_outlines()

    @app.get("/stats", summary="What the store holds")
    def get_stats() -> dict[str, Value]:
        with held() as s:
            counts: dict[str, Value] = {
                table: s.query(f"SELECT COUNT(*) FROM {table}")[0][0]  # (table names from this list only)
                for table in ("articles", "events", "corpus_events", "quotes", "entities", "skipped")
            }
            span = s.query("SELECT MIN(published), MAX(published) FROM articles")[0]
        return {**counts, "first_published": span[0], "last_published": span[1], "version": __version__}

    app.state.store = store
    install_ui(app)
    return app


@functools.cache
def _country_outlines() -> JSONObject:
    """Every country's outline as one GeoJSON FeatureCollection (feature id: ISO alpha-3),
    read once from the countryinfo package's data: the map needs no tile server."""
    from countryinfo import all_countries

    features: list[JSON] = []
    for country in all_countries():
        try:
            outline = country.geo_json()
        except (KeyError, ValueError, AttributeError):
            continue  # a territory with no outline in the data
        features += outline.get("features", [])
    return {"type": "FeatureCollection", "features": features}


def _page(answer: Answer, limit: int, offset: int) -> Page:
    return Page(rows=answer.rows, limit=limit, offset=offset, note=answer.note)


def _not_found(message: str) -> Response:
    return error_response(404, message)
