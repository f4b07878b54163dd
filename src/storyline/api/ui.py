"""The web UI: static pages over the JSON API, served by the same application: the pages at
``/ui/...``, their scripts, styles and images at ``/ui/static/...``, and ``/`` (a redirect to the
events page). None of it is in the OpenAPI description.

Every page is the shared layout (``static/layout.html``: head and navigation) around its own
content (``static/pages/``; ``$filters`` there stands for the events' filters, ``static/filters.html``,
the same on the events page and every chart), and fetches its data from the JSON API with its own scripts (no
inline script, no CDN: the pages work offline). The pages are answered with a strict
Content-Security-Policy, so an article's text can never run as script even if a page were to
insert it as markup by mistake.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from string import Template

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.staticfiles import StaticFiles

__all__ = ["CONTENT_SECURITY_POLICY", "PAGES", "STATIC", "router"]

STATIC = Path(__file__).parent / "static"

# Scripts, styles, images and requests only from this app; nothing inline, no plugins, no framing.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


@dataclass(frozen=True)
class Page:
    route: str
    body: str  # its main content, in static/pages/
    title: str
    script: str  # its script in static/


PAGES = (
    Page("/ui/events", "events.html", "Events", "events.js"),
    Page("/ui/article/{article_id:path}", "article.html", "Article", "article.js"),
    Page("/ui/corpus-event/{corpus_event_id:path}", "corpus-event.html", "Corpus event", "corpus-event.js"),
    Page("/ui/timeline", "timeline.html", "Timeline", "timeline.js"),
    Page("/ui/network", "network.html", "Actor network", "network.js"),
    Page("/ui/map", "map.html", "Map", "map.js"),
    Page("/ui/paste", "paste.html", "Paste an article", "paste.js"),
)
# The navigation bar: (link, label), the same on every page.
_NAV = (
    ("/ui/events", "Events"),
    ("/ui/timeline", "Timeline"),
    ("/ui/network", "Network"),
    ("/ui/map", "Map"),
    ("/ui/paste", "Paste"),
)


def router() -> APIRouter:
    """The pages at ``/ui/...``, their assets at ``/ui/static`` and ``/`` as a redirect (built
    when called: it reads the pages)."""
    ui = APIRouter(include_in_schema=False)
    ui.mount("/ui/static", StaticFiles(directory=STATIC), name="ui-static")
    ui.add_api_route("/", home, methods=["GET"])
    layout = Template((STATIC / "layout.html").read_text(encoding="utf-8"))
    for page in PAGES:
        ui.add_api_route(page.route, _answer(_html(layout, page)), methods=["GET", "HEAD"])
    return ui


def home() -> RedirectResponse:
    return RedirectResponse("/ui/events", status_code=307)


def _html(layout: Template, page: Page) -> str:
    """The page: the shared layout (head, navigation) around its own main content."""
    current = ' aria-current="page"'
    nav = "\n".join(f'    <a href="{href}"{current if page.route == href else ""}>{label}</a>' for href, label in _NAV)
    filters = (STATIC / "filters.html").read_text(encoding="utf-8")
    body = (STATIC / "pages" / page.body).read_text(encoding="utf-8").replace("$filters\n", filters)
    return layout.substitute(title=page.title, script=page.script, nav=nav, main=body)


def _answer(html: str) -> Callable[[], HTMLResponse]:
    """A route answering ``html`` (path parameters are read by the page's script)."""

    def answer() -> HTMLResponse:
        return HTMLResponse(html, headers=_HEADERS)

    return answer
