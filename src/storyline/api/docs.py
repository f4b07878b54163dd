"""The API's pages, offline: Swagger UI at ``/docs`` and ReDoc at ``/redoc``, over
``/openapi.json``.

Their scripts and styles are the files the pinned fastapi-offline package ships (its
``static/`` folder, served at ``/docs/static``): nothing is fetched from a CDN, nothing is copied
into this repository. FastAPI's own pages load those files from a CDN and start them with an
inline script; these pages start them with a file of ours (``static/api-docs.js``), so that their
Content-Security-Policy allows scripts from this app alone, as the UI's does. Unlike the UI's, it
allows inline styles (ReDoc writes its styles into ``<style>`` elements as it draws) and workers
from ``blob:`` URLs (ReDoc's search index). ReDoc's footer asks for Redocly's logo from its CDN:
the policy refuses it, so no request leaves, and ReDoc hides the image.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import resources
from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import HTMLResponse
from starlette.staticfiles import StaticFiles

from storyline.api.ui import STATIC

__all__ = ["DOCS_CONTENT_SECURITY_POLICY", "router", "vendored"]

DOCS_CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self' data:; worker-src 'self' blob:; connect-src 'self'; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
_HEADERS = {
    "Content-Security-Policy": DOCS_CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


def router() -> APIRouter:
    """``/docs``, ``/redoc`` and their files at ``/docs/static`` (built when called: it reads
    the pages)."""
    docs = APIRouter(include_in_schema=False)
    docs.mount("/docs/static", StaticFiles(directory=vendored()), name="docs-static")
    for route, page in (("/docs", "swagger.html"), ("/redoc", "redoc.html")):
        html = (STATIC / page).read_text(encoding="utf-8")
        docs.add_api_route(route, _answer(html), methods=["GET", "HEAD"])
    return docs


def vendored() -> Path:
    """The installed fastapi-offline package's files: Swagger UI's bundle and styles, ReDoc's
    standalone bundle."""
    return Path(str(resources.files("fastapi_offline").joinpath("static")))


def _answer(html: str) -> Callable[[], HTMLResponse]:
    def answer() -> HTMLResponse:
        return HTMLResponse(html, headers=_HEADERS)

    return answer
