"""What the browser tests share: ``storyline serve`` over a small store (the test stories and an
article whose text is markup), Debian's chromium driven by Playwright, a tab that records what
went wrong on it, and what each page shows once drawn. Without chromium or the playwright
package the browser tests skip, saying which (:data:`MISSING`)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from storyline.store.connection import open_store
from storyline.store.ingest import ingest

from ..store.test_store import STORIES

CHROMIUM = Path(os.environ.get("STORYLINE_CHROMIUM", "/usr/bin/chromium"))
try:
    from playwright.sync_api import Browser, ConsoleMessage, Dialog, Page, ViewportSize, sync_playwright

    MISSING = (
        ""
        if CHROMIUM.exists()
        else f"{CHROMIUM} is absent: the browser tests drive Debian's chromium (.ci/run installs it)"
    )
except ImportError:
    MISSING = "the playwright package is absent (pip install -r requirements-dev.lock)"

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = Path(os.environ.get("STORYLINE_SCREENSHOTS", ROOT / "test-artifacts" / "screenshots"))
VIEWPORT: ViewportSize = {"width": 1280, "height": 800}
WAIT_MS = 15_000  # the longest a page may take to show what it fetched

# Markup and script in an article's text (and title): the UI must show them as text.
SCRIPT = "<script>alert('x')</script>"
IMAGE = "<img src=x onerror=\"alert('y')\">"
INJECTION = {
    "id": "inject-1",
    "source": "Wire E",
    "published": "2024-03-07",
    "title": "Odd caption <img src=x onerror=\"alert('t')\">",
    "text": "Norwegian troops attacked a Swedish border post on Thursday, officials said. "
    f"A caption read {SCRIPT} and {IMAGE} beside it. "
    '"We will respond," Sweden\'s defence minister said.',
}

PASTED = (
    "French troops attacked a rebel camp in northern Mali on Friday, the army said. "
    "The Malian government condemned the attack."
)


@dataclass
class Served:
    """The running server and the ids of what its store holds."""

    url: str
    border_attack: str  # article id: "Border attack" from Wire A
    injected: str  # article id: the article whose text is markup
    corpus_event: str  # the corpus event reported by the most articles

    def page_url(self, name: str) -> str:
        paths = {
            "events": "/ui/events",
            "article": f"/ui/article/{self.border_attack}",
            "corpus-event": f"/ui/corpus-event/{self.corpus_event}",
            "timeline": "/ui/timeline",
            "network": "/ui/network",
            "map": "/ui/map",
            "paste": "/ui/paste",
        }
        return self.url + paths[name]


@dataclass
class Tab:
    """A browser page with what went wrong on it recorded: console errors, uncaught exceptions
    and any dialog (alert, confirm, prompt) a script raised."""

    page: Page
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def get_json(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=5) as response:
        return json.loads(response.read())


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """``storyline serve`` over a store of the test stories and the injection article."""
    folder = tmp_path_factory.mktemp("browser")
    corpus = folder / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(s) + "\n" for s in [*STORIES, INJECTION]), encoding="utf-8")
    db = folder / "store.duckdb"
    store = open_store(str(db))
    ingest(store, [str(corpus)], check_language=False)
    store.close()  # the server opens the file next

    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log = (folder / "serve.log").open("w", encoding="utf-8")
    command = [sys.executable, "-m", "storyline", "serve", "--db", str(db), "--host", "127.0.0.1", "--port", str(port)]
    server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, cwd=folder)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                get_json(f"{url}/stats")
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                if server.poll() is not None or time.monotonic() > deadline:
                    log.flush()
                    pytest.fail(f"storyline serve did not answer: {(folder / 'serve.log').read_text()}")
                time.sleep(0.2)
        rows = get_json(f"{url}/articles?limit=100")["rows"]
        ids = {(r["title"], r["source"]): r["article_id"] for r in rows}
        events = get_json(f"{url}/events?limit=1000")["rows"]
        widest = max(events, key=lambda r: (r["num_articles"], r["corpus_event_id"]))
        yield Served(
            url=url,
            border_attack=ids[("Border attack", "Wire A")],
            injected=ids[(INJECTION["title"], INJECTION["source"])],
            corpus_event=widest["corpus_event_id"],
        )
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"],
        )
        yield launched
        launched.close()


@pytest.fixture()
def tab(browser: Browser) -> Iterator[Tab]:
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    page.set_default_timeout(WAIT_MS)
    opened = Tab(page)

    def console(message: ConsoleMessage) -> None:
        if message.type == "error":
            opened.errors.append(f"console: {message.text} ({message.location.get('url', '')})")

    def dialog(raised: Dialog) -> None:
        opened.dialogs.append(f"{raised.type}: {raised.message}")
        raised.dismiss()

    page.on("console", console)
    page.on("pageerror", lambda error: opened.errors.append(f"uncaught: {error}"))
    page.on("dialog", dialog)
    yield opened
    context.close()


# What each page shows once it has fetched and drawn its data.
READY = {
    "events": "#events-table tr:has(td)",
    "article": "#article-text span.event-evidence",
    "corpus-event": "a.article-link",
    "timeline": "svg#timeline rect",
    "network": "svg#network circle",
    "map": "svg#map path.country",
    "paste": "textarea#paste-text",
}


def settle(page: Page) -> None:
    """Wait until the page's requests are done (its data fetched and drawn)."""
    page.wait_for_load_state("networkidle")
