"""Make docs/screenshots/*.png: every UI page in Debian's chromium, over a store you name.

    python docs/screenshots.py --db STORE.duckdb [--out docs/screenshots]

It serves the store (``storyline serve``), opens each page at 1280 px wide (and the events page
again at 800 px), waits until the page has fetched and drawn its data, and saves the page. The
article shown is the one with the most events; the corpus event, the one the most articles
report. The README's screenshots are made this way from 3,000 Reuters-21578 stories and the 32
modern pages of fundus-dev.
"""

from __future__ import annotations

import argparse
import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([sys.executable, "-m", "storyline", "serve", "--db", args.db, "--port", str(port)])
    try:
        _wait_for(url)
        for name, path, width, whole in _pages(url):
            _shoot(url + path, args.out / f"{name}.png", width, whole)
            print(f"{name}: {args.out / (name + '.png')}")
    finally:
        server.terminate()
        server.wait()


def _get(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=60) as answer:
        return json.loads(answer.read())


def _wait_for(url: str) -> None:
    deadline = time.monotonic() + 120
    while True:
        try:
            _get(url + "/stats")
            return
        except (urllib.error.URLError, ConnectionError):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


def _pages(url: str) -> list[tuple[str, str, int, bool]]:
    """(file name, path, window width, whole page) of each page to show (a long list: its first
    screen)."""
    articles = _get(url + "/articles?limit=1000")["rows"]
    busiest = max(articles, key=lambda row: (row["events"], row["article_id"]))["article_id"]
    events = _get(url + "/events?limit=1000&sort=sources")["rows"]
    widest = max(events, key=lambda row: (row["num_articles"], row["corpus_event_id"] or ""))["corpus_event_id"]
    quoted = urllib.parse.quote
    return [
        ("events", "/ui/events", 1280, False),
        ("events-800px", "/ui/events", 800, False),
        ("timeline", "/ui/timeline", 1280, True),
        ("network", "/ui/network", 1280, True),
        ("map", "/ui/map", 1280, True),
        ("article", f"/ui/article/{quoted(busiest, safe='')}", 1280, False),
        ("corpus-event", f"/ui/corpus-event/{quoted(widest, safe='')}", 1280, True),
        ("paste", "/ui/paste", 1280, False),
    ]


def _shoot(url: str, path: Path, width: int, whole: bool) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": width, "height": 900})
        page.goto(url)
        page.wait_for_load_state("networkidle")
        page.screenshot(path=str(path), full_page=whole)
        browser.close()


if __name__ == "__main__":
    main()
