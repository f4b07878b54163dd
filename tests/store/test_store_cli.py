"""The corpus commands from the shell: ingest, the queries and export, through the real entry point."""

from __future__ import annotations

import inspect
import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from storyline.errors import InvalidArgument
from storyline.store.connection import open_store
from storyline.store.ingest import ingest

from .test_store import STORIES


def _storyline(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "storyline", *args], capture_output=True, text=True, timeout=300)


def test_ingest_query_and_export_from_the_shell(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(s) + "\n" for s in STORIES), encoding="utf-8")
    db = str(tmp_path / "news.duckdb")
    ingested = _storyline("ingest", str(corpus), "--db", db, "--any-language")
    assert ingested.returncode == 0, ingested.stderr
    assert "5 articles read, 0 unchanged, 5 stored" in ingested.stderr and "near-duplicates" in ingested.stderr
    again = _storyline("ingest", str(corpus), "--db", db, "--any-language")  # a scheduled re-run: no failure
    assert again.returncode == 0, again.stderr
    assert "5 articles read, 5 unchanged, 0 stored" in again.stderr and "nothing new" in again.stderr
    found = _storyline("events", "--db", db, "--actor", "NOR", "--output", "json", "--limit", "100")
    rows = [json.loads(line) for line in found.stdout.splitlines()]
    assert rows and all("NOR" in f"{r['source_code']}{r['target_code']}" for r in rows)
    table = _storyline("events", "--db", db, "--code", "19", "--limit", "3")
    assert table.returncode == 0 and "sentence" in table.stdout.splitlines()[0]
    none = _storyline("events", "--db", db, "--actor", "FJI")  # a country the store has no events of
    assert none.returncode == 0 and "match the filters" in none.stderr
    exported = _storyline("export", "--db", db, "--format", "tsv", "--out", str(tmp_path / "out"))
    assert exported.returncode == 0, exported.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "articles.tsv",
        "entities.tsv",
        "events.tsv",
        "mentions.tsv",
        "quotes.tsv",
    ]


def test_a_store_that_cannot_be_opened_is_a_clear_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken.duckdb"
    broken.write_text("not a database")
    result = _storyline("events", "--db", str(broken))
    assert result.returncode != 0
    assert result.stderr.startswith("storyline: error:") and "Traceback" not in result.stderr
    unreachable = _storyline("events", "--db", "postgresql://nobody@127.0.0.1:9/none")
    assert unreachable.returncode != 0 and "cannot connect" in unreachable.stderr


def test_a_mistyped_db_is_refused_naming_the_path(tmp_path: Path) -> None:
    """Only ingest creates a store: a query or serve on a missing file said 'no articles yet' (issue 26)."""
    (tmp_path / "s.duckdb").touch()
    typo = tmp_path / "s.duckbd"
    for command in (["events"], ["articles"], ["export", "--out", str(tmp_path / "out")], ["serve", "--port", "9"]):
        result = _storyline(*command, "--db", str(typo))
        assert result.returncode == 2, (command, result.stderr)
        assert result.stderr.strip().splitlines() == [
            f"storyline: error: --db {typo}: no such store (did you mean {tmp_path / 's.duckdb'}?); "
            "storyline ingest creates one"
        ]
    assert not typo.exists()


def test_only_ingest_creates_a_store(tmp_path: Path) -> None:
    with pytest.raises(InvalidArgument, match=r"new\.duckdb: no such store; storyline ingest creates one"):
        open_store(tmp_path / "new.duckdb", create=False)
    open_store(tmp_path / "new.duckdb").close()  # the library's default, and ingest's
    open_store(tmp_path / "new.duckdb", create=False).close()


def test_a_store_another_process_holds_says_who_and_what_to_do(tmp_path: Path) -> None:
    """DuckDB lets one process use a file; a query while serve ran failed without saying why (issue 26)."""
    db = tmp_path / "held.duckdb"
    with duckdb.connect(str(db)):  # this test's process holds it, as storyline serve would
        result = _storyline("events", "--db", str(db))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(f"storyline: error: store {db}: another process (PID {os.getpid()}) has it open")
    assert "storyline serve" in line and "stop that process and retry" in line


# Issue 26: no silent cap, filters that cannot match refused, words searched as written.
PERCENT = {
    "id": "wire-w-1",
    "source": "Wire W",
    "published": "2024-03-07",
    "title": "Guards wounded",
    "text": "Norwegian troops attacked a Swedish border post on Monday, wounding 50% of its guards, officials said.",
}


@pytest.fixture(scope="module")
def queried(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A DuckDB store of the test stories and one whose sentence holds a "%"; returns its path."""
    folder = tmp_path_factory.mktemp("queries")
    corpus = folder / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(s) + "\n" for s in [*STORIES, PERCENT]), encoding="utf-8")
    db = str(folder / "news.duckdb")
    store = open_store(db)
    ingest(store, [str(corpus)], check_language=False)
    store.close()
    return db


def test_rows_left_out_are_counted_on_stderr_and_all_takes_every_one(queried: str) -> None:
    every = _storyline("events", "--db", queried, "--output", "csv", "--limit", "all")
    assert every.returncode == 0, every.stderr
    matched = len(every.stdout.splitlines()) - 1  # less the header
    assert matched > 3 and "matched" not in every.stderr
    cut = _storyline("events", "--db", queried, "--output", "csv", "--limit", "2", "--offset", "1")
    assert cut.returncode == 0 and len(cut.stdout.splitlines()) == 3
    assert f"storyline: {matched} events matched, 2 shown (rows 2-3); --limit all shows every one" in cut.stderr
    actors = _storyline("actors", "--db", queried, "--limit", "1")
    assert actors.returncode == 0 and "actors matched, 1 shown (row 1)" in actors.stderr


def test_the_query_commands_and_the_api_page_alike_by_default() -> None:
    from storyline.api.events import get_events
    from storyline.app.store_cli import events_command

    api_default = inspect.signature(get_events).parameters["limit"].default
    cli_default = next(p.default for p in events_command.params if p.name == "limit")
    assert cli_default == api_default == 100


def test_a_filter_that_can_match_nothing_is_a_one_line_error(queried: str) -> None:
    for args, message in (
        (("--since", "yesterday"), "since must be a day written YYYY-MM-DD"),
        (("--until", "2025-13-45"), "until '2025-13-45' is no day of the calendar"),
        (("--actor", "Norway"), "give its code, NOR"),
        (("--code", "99"), "starts no CAMEO code"),
    ):
        refused = _storyline("events", "--db", queried, *args)
        assert refused.returncode == 2, refused.stderr
        assert refused.stderr.startswith("storyline: error: ") and message in refused.stderr
        assert len(refused.stderr.splitlines()) == 1 and refused.stdout == ""
    limit = _storyline("events", "--db", queried, "--limit", "none")
    assert limit.returncode == 2 and "neither a number of rows nor 'all'" in limit.stderr


def test_search_words_with_wildcards_are_matched_as_written(queried: str) -> None:
    found = _storyline("events", "--db", queried, "--text", "%", "--output", "json", "--limit", "1000")
    rows = [json.loads(line) for line in found.stdout.splitlines()]
    assert rows and all("%" in r["sentence"] for r in rows)
    uncoded = _storyline("events", "--db", queried, "--coded", "none", "--output", "json", "--limit", "all")
    assert uncoded.returncode == 0, uncoded.stderr
    none = [json.loads(line) for line in uncoded.stdout.splitlines()]
    assert none and all(r["source_code"] is None and r["target_code"] is None for r in none)
