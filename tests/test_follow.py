"""Issue 32: ``storyline ingest --follow DIR``. Files dropped into a folder in ten batches while
it runs are all stored once and linked, as one ingest of them all would store and link them; a
``kill -9`` in the middle and a restart lose and double nothing."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from storyline.store.connection import Store, open_store
from storyline.store.follow import follow
from storyline.store.ingest import ingest

from .store.test_store import STORIES

BATCHES = 10


def _batch(folder: Path, k: int) -> Path:
    """Batch ``k``: two stories (new ids, so new articles), written under a name the follower
    leaves alone, then renamed, as a writer that lands files whole does."""
    stories = [dict(STORIES[(2 * k + i) % len(STORIES)], id=f"batch{k}-{i}") for i in range(2)]
    path = folder / f"batch-{k:02d}.jsonl"
    part = path.with_name(path.name + ".part")
    part.write_text("".join(json.dumps(s) + "\n" for s in stories), encoding="utf-8")
    part.rename(path)
    return path


def _held(store: Store) -> tuple[dict[str, int], int, int]:
    """(events per article, corpus events, events not linked to one)."""
    per_article = {
        str(a): int(n)
        for a, n in store.query(
            "SELECT a.article_id, COUNT(e.event_id) FROM articles a LEFT JOIN events e "
            "ON e.article_id = a.article_id GROUP BY a.article_id"
        )
    }
    corpus = int(store.query("SELECT COUNT(*) FROM corpus_events")[0][0] or 0)
    unlinked = int(store.query("SELECT COUNT(*) FROM events WHERE corpus_event_id IS NULL")[0][0] or 0)
    return per_article, corpus, unlinked


def _at_once(files: list[Path], db: Path) -> tuple[dict[str, int], int, int]:
    """What one ingest of every file stores."""
    store = open_store(str(db))
    ingest(store, [str(f) for f in files], check_language=False)
    held = _held(store)
    store.close()
    return held


def test_files_dropped_in_ten_batches_are_stored_once_and_linked(tmp_path: Path) -> None:
    folder = tmp_path / "incoming"
    folder.mkdir()
    store = open_store(str(tmp_path / "followed.duckdb"))
    stop = threading.Event()
    done: list[object] = []
    thread = threading.Thread(
        target=lambda: done.append(follow(store, folder, stop=stop, poll=0.1, link_every=0.5, check_language=False))
    )
    thread.start()
    files = []
    for k in range(BATCHES):
        files.append(_batch(folder, k))
        time.sleep(0.3)
    time.sleep(0.5)  # two listings: the last batch has settled
    stop.set()
    thread.join(timeout=120)
    assert not thread.is_alive() and done
    summary = done[0]
    assert summary.files == BATCHES and summary.stored == 2 * BATCHES  # type: ignore[attr-defined]
    assert summary.links >= 1  # type: ignore[attr-defined]
    followed = _held(store)
    store.close()
    assert followed == _at_once(files, tmp_path / "at-once.duckdb")
    assert len(followed[0]) == 2 * BATCHES and followed[2] == 0  # every article once, every event linked


def _start(db: Path, folder: Path, log: Path) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "storyline", "ingest", "--follow", str(folder), "--db", str(db)]
    command += ["--poll", "0.1", "--link-every", "0.01", "--any-language"]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=log.open("ab"))


def _wait_for(log: Path, text: str, process: subprocess.Popen[bytes], seconds: float = 90, after: int = 0) -> None:
    """Until the follower's log says ``text`` (past its first ``after`` characters)."""
    deadline = time.monotonic() + seconds
    while text not in log.read_text(encoding="utf-8", errors="replace")[after:]:
        if process.poll() is not None or time.monotonic() > deadline:
            pytest.fail(f"no {text!r} from the follower: {log.read_text(errors='replace')}")
        time.sleep(0.05)


@pytest.mark.parametrize("seed", [1, 2])
def test_a_kill_9_and_a_restart_lose_and_double_nothing(tmp_path: Path, seed: int) -> None:
    folder, db, log = tmp_path / "incoming", tmp_path / "followed.duckdb", tmp_path / "follow.log"
    folder.mkdir()
    chance = random.Random(seed)
    files = []
    follower = _start(db, folder, log)
    _wait_for(log, "watching", follower)
    killed_at = chance.randrange(2, BATCHES - 2)
    for k in range(BATCHES):
        files.append(_batch(folder, k))
        time.sleep(chance.uniform(0.1, 0.6))
        if k == killed_at:  # at a random point: reading, processing, writing or linking
            _wait_for(log, "stored", follower)
            time.sleep(chance.uniform(0, 1.5))
            os.kill(follower.pid, signal.SIGKILL)
            follower.wait()
            restarted = len(log.read_text(encoding="utf-8", errors="replace"))
            follower = _start(db, folder, log)
    _wait_for(log, f"from {BATCHES} files so far", follower, after=restarted)  # (a restart takes every file again)
    _wait_for(log, "corpus pass", follower, after=restarted)
    follower.send_signal(signal.SIGTERM)
    assert follower.wait(timeout=120) == 0
    store = open_store(str(db), create=False)
    followed = _held(store)
    store.close()
    assert followed == _at_once(files, tmp_path / "at-once.duckdb")
    assert len(followed[0]) == 2 * BATCHES and followed[2] == 0


def test_ingest_takes_inputs_or_a_folder_to_follow_not_both_nor_neither(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from storyline.app.cli import cli

    db = str(tmp_path / "s.duckdb")
    neither = CliRunner().invoke(cli, ["ingest", "--db", db])
    both = CliRunner().invoke(cli, ["ingest", str(tmp_path), "--follow", str(tmp_path), "--db", db])
    for answer in (neither, both):
        assert answer.exit_code == 2 and "give INPUT... or --follow DIR" in answer.output
    missing = CliRunner().invoke(cli, ["ingest", "--follow", str(tmp_path / "none"), "--db", db])
    assert missing.exit_code == 2 and "does not exist" in missing.output
