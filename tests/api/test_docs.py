"""The API's pages, Swagger UI at /docs and ReDoc at /redoc, work offline: everything they load
is served by the application itself, from the files of the installed fastapi-offline package
(none copied into the repository), under a Content-Security-Policy that allows no inline script
and nothing from elsewhere. Their drawing in a browser is tested in tests/browser."""

from __future__ import annotations

from html.parser import HTMLParser
from importlib import metadata

import pytest
from fastapi.testclient import TestClient

from storyline.api.docs import vendored
from storyline.api.ui import STATIC

from ..conftest import ROOT

PAGES = {"/docs": "SwaggerUIBundle", "/redoc": "Redoc"}


class _Loads(HTMLParser):
    """What a page loads (src, href) and how many inline scripts it has."""

    def __init__(self) -> None:
        super().__init__()
        self.refs: list[str] = []
        self.inline_scripts = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.refs += [str(found[name]) for name in ("src", "href") if found.get(name)]
        self.inline_scripts += tag == "script" and not found.get("src")


@pytest.mark.parametrize("route", PAGES)
def test_the_api_pages_load_everything_from_the_app(client: TestClient, route: str) -> None:
    page = client.get(route)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    loads = _Loads()
    loads.feed(page.text)
    assert loads.refs and all(ref.startswith("/") and not ref.startswith("//") for ref in loads.refs), loads.refs
    assert loads.inline_scripts == 0
    scripts = ""
    for ref in loads.refs:
        asset = client.get(ref)
        assert asset.status_code == 200 and asset.content, ref
        scripts += asset.text if ref.endswith(".js") else ""
    assert PAGES[route] in scripts  # the page's own viewer is among what it loads
    policy = dict(
        (part.split()[0], part.split()[1:])
        for part in page.headers["content-security-policy"].split(";")
        if part.strip()
    )
    assert policy["default-src"] == ["'self'"] and policy["script-src"] == ["'self'"]
    assert policy["connect-src"] == ["'self'"]


def test_the_viewers_are_the_pinned_packages_files_not_copies() -> None:
    pinned = next(
        line.split("==")[1]
        for line in (ROOT / "requirements.lock").read_text().splitlines()
        if line.startswith("fastapi-offline==")
    )
    assert metadata.version("fastapi-offline") == pinned
    shipped = {path.name for path in vendored().iterdir()}
    assert {"swagger-ui-bundle.js", "swagger-ui.css", "redoc.standalone.js"} <= shipped
    in_repo = {path.name for path in (ROOT / "src").rglob("*")}
    assert not shipped & in_repo
    assert not any(path.stat().st_size > 200_000 for path in STATIC.rglob("*") if path.is_file())
