"""The corpus commands from the shell: ingest, the queries and export, through the real entry point."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

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
    found = _storyline("events", "--db", db, "--actor", "NOR", "--output", "json", "--limit", "100")
    rows = [json.loads(line) for line in found.stdout.splitlines()]
    assert rows and all("NOR" in f"{r['source_code']}{r['target_code']}" for r in rows)
    table = _storyline("events", "--db", db, "--code", "19", "--limit", "3")
    assert table.returncode == 0 and "sentence" in table.stdout.splitlines()[0]
    none = _storyline("events", "--db", db, "--actor", "ZZZ")
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
