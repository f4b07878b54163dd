"""kill -9 during ingest, at random points: nothing lost, nothing doubled, the store opens clean.

Each backend gets 10 kills at random moments of a real ``storyline ingest`` (a subprocess, two
articles per transaction): after a random number of its commits (read off its log) and a
random few milliseconds more, so mid-transaction too; each followed by running it again; after every kill the store must
open and hold only whole articles, and the final run must leave every article exactly once,
with the events the pipeline gives it. A run that finishes before its kill empties the store,
so that the kills keep landing in a first ingest.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from storyline import process
from storyline.store.connection import open_store
from storyline.store.schema import migrate
from storyline.store.write import ARTICLE_TABLES

KILLS = 10  # per backend: 20 in all
_COUNTRIES = ["Norway", "Sweden", "Finland", "Denmark", "Poland", "Austria", "Portugal", "Greece"]


def _corpus(n: int) -> list[dict[str, str]]:
    stories = []
    for i in range(n):
        a, b = _COUNTRIES[i % 8], _COUNTRIES[(i + 3) % 8]
        stories.append(
            {
                "id": f"k-{i}",
                "published": f"2024-04-{1 + i % 28:02d}",
                "source": f"Wire {i % 3}",
                "text": f"{a} accused {b} on Monday of violating a fishing agreement, officials said. "
                f"{b}'s foreign minister rejected the claim and called for talks in Geneva. Story {i}.",
            }
        )
    return stories


def _whole_articles_only(url: str, expected: dict[str, int]) -> int:
    """The store opens, every stored article has all its events and no row is orphaned; returns
    how many articles it holds."""
    store = open_store(url)
    try:
        migrate(store)
        stored = dict(store.query("SELECT input_id, article_id FROM articles"))  # type: ignore[arg-type]
        counts = dict(store.query("SELECT article_id, COUNT(*) FROM events GROUP BY article_id"))
        for input_id, article_id in stored.items():
            assert counts.get(article_id, 0) == expected[str(input_id)], input_id
        orphans = store.query("SELECT COUNT(*) FROM events WHERE article_id NOT IN (SELECT article_id FROM articles)")
        assert orphans[0][0] == 0
        return len(stored)
    finally:
        store.close()


def _kill_after(command: list[str], batches: int, delay: float, env: dict[str, str]) -> None:
    """Run the ingest and SIGKILL it ``delay`` seconds after its ``batches``-th commit (read off
    its log), or at once for 0: a random point of the run, whatever the machine's speed."""
    logged = [*command[:3], "-v", *command[3:]]  # storyline -v ingest ...: its log on stderr
    child = subprocess.Popen(logged, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    assert child.stderr is not None
    committed = 0
    for line in child.stderr:
        committed += "committed a batch" in line
        if committed >= batches:
            time.sleep(delay)
            break
    if child.poll() is None:
        child.send_signal(signal.SIGKILL)
    child.stderr.close()
    child.wait()


def _empty(url: str) -> None:
    store = open_store(url)
    try:
        with store.transaction():
            for table in (*ARTICLE_TABLES, "corpus_events"):
                store.execute(f"DELETE FROM {table}")
    finally:
        store.close()


def test_kill_9_at_random_points_loses_nothing_and_doubles_nothing(store_url: str, tmp_path: Path) -> None:
    stories = _corpus(48)
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(s) + "\n" for s in stories), encoding="utf-8")
    expected = {
        s["id"]: len(process(s["text"], published=s["published"], check_language=False).events) for s in stories
    }
    command = [sys.executable, "-m", "storyline", "ingest", str(corpus), "--db", store_url, "--batch", "2", "-q"]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    rng = random.Random(9)
    seen = []
    for _ in range(KILLS):
        _kill_after(command, rng.randint(0, len(stories) // 2), rng.uniform(0.0, 0.05), env)
        seen.append(_whole_articles_only(store_url, expected))
        if seen[-1] == len(stories):  # a run that finished first: empty the store, to kill a first ingest again
            _empty(store_url)
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert _whole_articles_only(store_url, expected) == len(stories)
    store = open_store(store_url)
    try:
        assert store.query("SELECT COUNT(*), COUNT(DISTINCT input_id) FROM articles")[0] == (len(stories), len(stories))
        assert store.query("SELECT COUNT(*) FROM events")[0][0] == sum(expected.values())
    finally:
        store.close()
    assert any(0 < n < len(stories) for n in seen), f"no kill landed mid-ingest: {seen}"
