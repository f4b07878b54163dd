"""The web UI: its pages, their assets, and the headers that keep article text from running as
script. The pages' behaviour in a browser is tested apart (Playwright); here, what the server
answers."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient

from storyline.api.ui import STATIC

# Each page and the element ids its script and the browser tests rely on.
PAGES = {
    "/ui/events": ["filters", "apply", "events-table", "status", "more"],
    "/ui/article/some-article": ["article-text", "event-list", "captions", "quote-info"],
    "/ui/corpus-event/ce-123": ["corpus-event", "mentions-table"],
    "/ui/timeline": ["timeline", "legend"],
    "/ui/network": ["network"],
    "/ui/map": ["map"],
    "/ui/paste": ["paste-text", "paste-date", "paste-go", "article-text", "event-list", "captions"],
}
NAV_LINKS = {"/ui/events", "/ui/timeline", "/ui/network", "/ui/map", "/ui/paste"}


class _Page(HTMLParser):
    """The ids, links, asset references, inline scripts and headings of one HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.refs: list[str] = []
        self.inline_scripts = 0
        self.inline_handlers: list[str] = []
        self.h1: list[str] = []
        self._in_h1 = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.ids.add(str(found["id"]))
        for name in ("src", "href", "action"):
            if found.get(name):
                self.refs.append(str(found[name]))
        if tag == "script" and not found.get("src"):
            self.inline_scripts += 1
        self.inline_handlers += [name for name in found if name.startswith("on")]
        self._in_h1 = tag == "h1"

    def handle_endtag(self, tag: str) -> None:
        self._in_h1 = self._in_h1 and tag != "h1"

    def handle_data(self, data: str) -> None:
        if self._in_h1 and data.strip():
            self.h1.append(data.strip())


def _parse(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    return page


@pytest.mark.parametrize("route", PAGES)
def test_every_page_is_html_with_its_elements_a_heading_and_the_nav(client: TestClient, route: str) -> None:
    response = client.get(route)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    page = _parse(response.text)
    assert set(PAGES[route]) <= page.ids, f"{route} lacks {set(PAGES[route]) - page.ids}"
    assert len(page.h1) == 1
    assert set(page.refs) >= NAV_LINKS


def test_the_root_redirects_to_the_events_explorer(client: TestClient) -> None:
    response = client.get("/", follow_redirects=False)
    assert response.status_code in (302, 303, 307) and response.headers["location"] == "/ui/events"
    assert "events-table" in client.get("/").text


def test_every_asset_the_pages_reference_is_served(client: TestClient) -> None:
    assets = {ref for route in PAGES for ref in _parse(client.get(route).text).refs if ref.startswith("/ui/static/")}
    assert {"/ui/static/style.css", "/ui/static/events.js", "/ui/static/paste.js"} <= assets
    for asset in sorted(assets):
        response = client.get(asset)
        assert response.status_code == 200 and response.content, asset


def test_the_modules_the_scripts_import_are_served_as_javascript(client: TestClient) -> None:
    scripts = sorted(path.name for path in STATIC.glob("*.js"))
    imported = {
        name for script in scripts for name in re.findall(r'from "\./([\w-]+\.js)"', (STATIC / script).read_text())
    }
    assert {"common.js", "document.js"} <= imported and imported <= set(scripts)
    for script in scripts:
        response = client.get(f"/ui/static/{script}")
        assert response.status_code == 200 and "javascript" in response.headers["content-type"], script


def test_pages_carry_a_strict_content_security_policy_and_no_inline_script(client: TestClient) -> None:
    for route in PAGES:
        response = client.get(route)
        policy = {
            part.split()[0]: part.split()[1:]
            for part in response.headers["content-security-policy"].split(";")
            if part.strip()
        }
        assert policy["default-src"] == ["'self'"]
        assert policy.get("script-src", policy["default-src"]) == ["'self'"], route
        assert "'unsafe-inline'" not in response.headers["content-security-policy"]
        page = _parse(response.text)
        assert page.inline_scripts == 0 and page.inline_handlers == [], route


def test_nothing_is_loaded_from_outside_the_app(client: TestClient) -> None:
    for route in PAGES:
        page = _parse(client.get(route).text)
        assert [ref for ref in page.refs if not ref.startswith("/")] == [], route
    for path in (p for p in STATIC.rglob("*") if p.is_file()):
        text = path.read_text(encoding="utf-8").replace("http://www.w3.org/2000/svg", "")  # the SVG namespace
        assert not re.search(r"https?://|//cdn", text), path.name


def test_scripts_insert_data_as_text_never_as_markup() -> None:
    for path in STATIC.glob("*.js"):
        assert not re.search(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(", path.read_text()), (
            path.name
        )


def test_the_json_api_is_still_answered_beside_the_pages(client: TestClient) -> None:
    rows = client.get("/events", params={"limit": 5}).json()["rows"]
    assert rows and rows[0]["article_id"]
    page = client.get(f"/ui/article/{rows[0]['article_id']}")
    assert page.status_code == 200 and "article-text" in page.text
    assert client.get("/ui/static/nope.js").status_code == 404
