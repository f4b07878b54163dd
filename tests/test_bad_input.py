"""Bad inputs through the real ``storyline`` command: exit codes, stdout, stderr and the skips file.

The folder run (every bad input beside good ones) happens once, in a module-scoped fixture; so
do the two ingests of the same folder (``storyline ingest`` reports bad inputs as ``process`` does).
"""

from __future__ import annotations

import gzip
import json
import re
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

GOOD_1 = (
    "The city council of Springfield approved a new budget on Tuesday after a long debate. "
    "Mayor Linda Park said the plan would add 40 police officers and repair the old bridge over the Mill River. "
    "Opposition members argued that the tax increase would hurt small businesses. "
    "The budget takes effect on July 1.\n"
)
GOOD_2 = (
    "NASA said on Thursday that its Europa Clipper probe had completed a key engine test. "
    "The spacecraft is on its way to Jupiter's moon Europa, where scientists hope to study the ocean beneath the ice. "
    "Project manager Jordan Evans told reporters that the team was pleased with the results. "
    "The probe is due to arrive in 2030.\n"
)
JSONL_GOOD_1 = {
    "text": "Officials in Denver said on Monday that the new light rail line will open next spring. "
    "The project cost two billion dollars. Mayor Mike Johnston called it a milestone for the city.",
    "title": "Denver rail line to open next spring",
    "url": "https://news.example.com/denver-rail",
    "published": "2025-03-03T09:15:00Z",
    "source": "Example News",
}
JSONL_GOOD_2 = {
    "text": "Heavy rain flooded streets in Lisbon on Friday, forcing the closure of two metro stations. "
    "Firefighters rescued several people from cars. The storm is expected to pass by Sunday.",
}
GERMAN = (
    "Die Bundesregierung hat am Mittwoch ein neues Gesetz zur Förderung erneuerbarer Energien beschlossen. "
    "Nach Angaben des Wirtschaftsministeriums sollen in den kommenden fünf Jahren mehr als zehn Milliarden Euro "
    "in den Ausbau von Windkraft und Solaranlagen fließen. Kritiker aus der Opposition bemängelten, dass die Pläne "
    "zu spät kämen und die Netze nicht schnell genug ausgebaut würden. "
    "Der Bundestag soll im Herbst über den Entwurf abstimmen.\n"
)
LATIN1 = (
    "José Núñez, the café owner in Málaga, said the façade would be repainted before the fiesta. "
    "Señora García agreed.\n"
)
BIG_LINE = "This line repeats to make a file far over the size limit for one single news article.\n"
BIG_BYTES = 50 * 1024 * 1024

# file name (or name:line) -> the reason storyline must give for skipping it
EXPECTED_SKIPS = {
    "empty.txt": "empty",
    "image.txt": "binary",
    "latin1.txt": "not-utf8",
    "huge.txt": "too-large",
    "feed.jsonl:2": "bad-json",
    "feed.jsonl:3": "bad-json",
    "feed.jsonl:4": "no-text",
    "nobody.html": "bad-html",
    "german.txt": "not-english",
}

SUMMARY = re.compile(r"^storyline: (\d+) documents, (\d+) skipped \(([^)]*)\); ")


def storyline(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run the installed command as a user would (``python -m storyline``)."""
    return subprocess.run(
        [sys.executable, "-m", "storyline", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


def _write_bad_folder(folder: Path) -> None:
    folder.mkdir()
    (folder / "good1.txt").write_text(GOOD_1, encoding="utf-8")
    (folder / "good2.txt").write_text(GOOD_2, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 256)
    (folder / "latin1.txt").write_bytes(LATIN1.encode("latin-1"))
    with (folder / "huge.txt").open("w", encoding="utf-8") as out:
        out.write(BIG_LINE * (BIG_BYTES // len(BIG_LINE) + 1))
    (folder / "feed.jsonl").write_text(
        "\n".join(
            [
                json.dumps(JSONL_GOOD_1),
                '{"text": "a line cut off in the middle',
                json.dumps(["a", "JSON", "list"]),
                json.dumps({"title": "A record without text", "url": "https://news.example.com/empty"}),
                "",
                json.dumps(JSONL_GOOD_2),
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    (folder / "nobody.html").write_text("<html><head><title>x</title></head><body></body></html>", encoding="utf-8")
    (folder / "german.txt").write_text(GERMAN, encoding="utf-8")


@dataclass
class FolderRun:
    folder: Path
    skips_file: Path
    result: subprocess.CompletedProcess[str]

    def where(self, key: str) -> str:
        """``feed.jsonl:2`` -> the full location storyline reports for it."""
        name, _, line = key.partition(":")
        return str(self.folder / name) + (f":{line}" if line else "")


@pytest.fixture(scope="module")
def folder_run(tmp_path_factory: pytest.TempPathFactory) -> FolderRun:
    base = tmp_path_factory.mktemp("bad_input")
    folder = base / "news"
    _write_bad_folder(folder)
    assert (folder / "huge.txt").stat().st_size > BIG_BYTES - 100
    skips_file = base / "skips.jsonl"
    result = storyline("process", folder, "--skips", skips_file, cwd=base)
    return FolderRun(folder, skips_file, result)


def test_folder_run_succeeds(folder_run: FolderRun) -> None:
    assert folder_run.result.returncode == 0, folder_run.result.stderr
    assert "Traceback" not in folder_run.result.stderr


def test_folder_stdout_has_exactly_the_good_documents(folder_run: FolderRun) -> None:
    lines = folder_run.result.stdout.splitlines()
    assert len(lines) == 4, folder_run.result.stdout[:2000]
    docs = [json.loads(line) for line in lines]  # JSON Lines: one whole document per line
    assert all(doc["schema"] == "storyline.document/1" for doc in docs)
    # folder order: feed.jsonl (lines 1 and 6), good1.txt, good2.txt
    rail, rain, budget, probe = docs
    assert "light rail line" in rail["text"]
    assert rail["article"]["title"] == JSONL_GOOD_1["title"]
    assert rail["article"]["url"] == JSONL_GOOD_1["url"]
    assert rail["article"]["published"] == "2025-03-03"
    assert rail["article"]["source"] == "Example News"
    assert "Lisbon" in rain["text"]
    assert rain["article"]["url"] is None
    assert "Springfield approved a new budget" in budget["text"]
    assert "Europa Clipper" in probe["text"]
    ids = [doc["article"]["id"] for doc in docs]
    assert len(set(ids)) == 4
    # nothing from a bad input leaked into a document
    everything = folder_run.result.stdout
    for marker in ("Bundesregierung", "repeats to make a file", "Málaga", "M\\u00e1laga", "IHDR"):
        assert marker not in everything


def test_folder_stderr_names_every_bad_input_and_reason(folder_run: FolderRun) -> None:
    stderr_lines = folder_run.result.stderr.splitlines()
    skipped = [line for line in stderr_lines if line.startswith("storyline: skipped ")]
    assert len(skipped) == len(EXPECTED_SKIPS), folder_run.result.stderr
    for key, reason in EXPECTED_SKIPS.items():
        prefix = f"storyline: skipped {folder_run.where(key)}: {reason}"
        matching = [line for line in skipped if line.startswith(prefix)]
        assert len(matching) == 1, (key, reason, skipped)
    # good inputs are never reported as skipped
    for good in ("good1.txt", "good2.txt", "feed.jsonl:1:", "feed.jsonl:6:"):
        assert not any(good in line for line in skipped)


def test_folder_skip_details_help(folder_run: FolderRun) -> None:
    stderr = folder_run.result.stderr
    assert re.search(r"huge\.txt: too-large: [\d,]+ bytes is over the 10,000,000-byte limit", stderr)
    assert "iconv" in stderr  # the not-utf8 line says how to fix the file
    assert re.search(r"german\.txt: not-english: the text looks like de\b", stderr)
    assert "expected a JSON object, got list" in stderr


def test_folder_skips_file(folder_run: FolderRun) -> None:
    records = [json.loads(line) for line in folder_run.skips_file.read_text(encoding="utf-8").splitlines()]
    assert len(records) == len(EXPECTED_SKIPS)
    for record in records:
        assert set(record) == {"skipped", "reason", "detail"}
        assert record["detail"]
    found = {record["skipped"]: record["reason"] for record in records}
    assert found == {folder_run.where(key): reason for key, reason in EXPECTED_SKIPS.items()}


def test_folder_summary_line(folder_run: FolderRun) -> None:
    summaries = [m for line in folder_run.result.stderr.splitlines() if (m := SUMMARY.match(line))]
    assert len(summaries) == 1, folder_run.result.stderr
    documents, skipped, reasons = summaries[0].groups()
    assert int(documents) == 4
    assert int(skipped) == len(EXPECTED_SKIPS)
    by_reason = {reason: int(n) for n, reason in (part.split(" ", 1) for part in reasons.split(", "))}
    assert by_reason == Counter(EXPECTED_SKIPS.values())


def test_single_bad_file_is_an_error(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = storyline("process", empty, cwd=tmp_path)
    assert result.returncode == 3
    assert result.stdout == ""
    errors = [line for line in result.stderr.splitlines() if line.startswith("storyline: error: ")]
    assert len(errors) == 1, result.stderr
    assert "nothing to process" in errors[0]
    assert f"skipped {empty}: empty" in result.stderr  # and why
    assert "Traceback" not in result.stderr


def test_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    missing = tmp_path / "no_such_article.txt"
    result = storyline("process", missing, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    errors = [line for line in result.stderr.splitlines() if line.startswith("storyline: error: ")]
    assert len(errors) == 1, result.stderr
    assert str(missing) in errors[0]
    assert "Traceback" not in result.stderr


def test_bad_published_date_says_the_format(tmp_path: Path) -> None:
    article = tmp_path / "good.txt"
    article.write_text(GOOD_1, encoding="utf-8")
    result = storyline("process", article, "--published", "23/08/2025", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    errors = [line for line in result.stderr.splitlines() if line.startswith("storyline: error: ")]
    assert len(errors) == 1, result.stderr
    assert "YYYY-MM-DD" in errors[0]
    assert "23/08/2025" in errors[0]
    assert "Traceback" not in result.stderr


# ---------------------------------------------------------------- the same folder through storyline ingest

PAGE = (
    "<!DOCTYPE html><html lang='en'><head><title>Rail line funding agreed</title></head><body><article>"
    "<h1>Rail line funding agreed</h1>"
    "<p>Lena Voss spoke in Berlin on Monday about the new rail line to the coast, which has waited "
    "for its money since the plan was first drawn up a decade ago.</p>"
    "<p>Voss said the federal government would pay for two thirds of the line and that the first "
    "trains would run before the end of the next year.</p>"
    "</article></body></html>"
)
ACTORS = '[[person]]\nname = "Lena Voss"\noffices = [{ country = "DEU", sector = "GOV", role = "chancellor" }]\n'


@dataclass
class IngestRuns:
    folder: Path
    db: Path
    skips_file: Path
    first: subprocess.CompletedProcess[str]
    again: subprocess.CompletedProcess[str]

    def where(self, key: str) -> str:
        name, _, line = key.partition(":")
        return str(self.folder / name) + (f":{line}" if line else "")


@pytest.fixture(scope="module")
def ingest_runs(tmp_path_factory: pytest.TempPathFactory) -> IngestRuns:
    """The bad folder, with a gzipped page (a crawler's ``.html.gz``) beside the good inputs,
    ingested twice with process's options; off a terminal (stderr is a pipe), a progress line
    after every article (``--progress-every 0``)."""
    base = tmp_path_factory.mktemp("bad_ingest")
    folder = base / "news"
    _write_bad_folder(folder)
    (folder / "page.html.gz").write_bytes(gzip.compress(PAGE.encode("utf-8")))
    (base / "actors.toml").write_text(ACTORS, encoding="utf-8")
    db, skips_file = base / "news.duckdb", base / "skips.jsonl"
    options = ("--db", db, "--skips", skips_file, "--actors", base / "actors.toml", "--quotes", "fast")
    first = storyline("ingest", folder, *options, "--time-budget", "5", "--progress-every", "0", cwd=base)
    again = storyline("ingest", folder, "--db", db, cwd=base)
    return IngestRuns(folder, db, skips_file, first, again)


def test_ingest_reads_a_gzipped_page(ingest_runs: IngestRuns) -> None:
    assert ingest_runs.first.returncode == 0, ingest_runs.first.stderr
    assert "page.html.gz" not in ingest_runs.first.stderr  # not skipped as binary (issue 26)
    with duckdb.connect(str(ingest_runs.db), read_only=True) as store:
        titles = [row[0] for row in store.execute("SELECT title FROM articles").fetchall()]
    assert "Rail line funding agreed" in titles and len(titles) == 5


def test_ingest_takes_process_options(ingest_runs: IngestRuns) -> None:
    with duckdb.connect(str(ingest_runs.db), read_only=True) as store:
        coded = store.execute("SELECT actor_code FROM entities WHERE name = 'Lena Voss'").fetchall()
    assert coded == [("DEUGOV",)]  # from --actors


def test_ingest_names_every_bad_input_as_process_does(ingest_runs: IngestRuns) -> None:
    skipped = [line for line in ingest_runs.first.stderr.splitlines() if line.startswith("storyline: skipped ")]
    assert len(skipped) == len(EXPECTED_SKIPS), ingest_runs.first.stderr
    for key, reason in EXPECTED_SKIPS.items():
        assert sum(line.startswith(f"storyline: skipped {ingest_runs.where(key)}: {reason}: ") for line in skipped) == 1
    records = [json.loads(line) for line in ingest_runs.skips_file.read_text(encoding="utf-8").splitlines()]
    assert {r["skipped"]: r["reason"] for r in records} == {ingest_runs.where(k): r for k, r in EXPECTED_SKIPS.items()}


def test_ingest_shows_progress_off_a_terminal(ingest_runs: IngestRuns) -> None:
    stderr = ingest_runs.first.stderr
    articles = 4 + 1 + len(EXPECTED_SKIPS)  # good ones, the page, the skipped
    assert f"storyline ingest: {articles}/{articles} articles (100%), " in stderr, stderr
    assert re.search(r"storyline ingest: \d+/\d+ articles \(\d+%\), [\d.]+ articles/s, ", stderr)
    lines = stderr.splitlines()
    starts = [
        i for i, line in enumerate(lines) if line.startswith("storyline: corpus pass over the store's 5 articles")
    ]
    ends = [i for i, line in enumerate(lines) if re.match(r"storyline: corpus pass: \d+ near-duplicates", line)]
    assert len(starts) == 1 and len(ends) == 1 and starts[0] < ends[0], stderr


def test_ingest_again_with_nothing_changed_succeeds(ingest_runs: IngestRuns) -> None:
    """A scheduled re-run over unchanged inputs is no failure (issue 26: it exited 3)."""
    again = ingest_runs.again
    assert again.returncode == 0, again.stderr
    assert "5 unchanged, 0 stored" in again.stderr and "nothing new" in again.stderr
    assert "storyline: error" not in again.stderr
