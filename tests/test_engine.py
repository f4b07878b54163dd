"""Issue 32: the distributed engine (``storyline ingest --engine dask``, ``storyline load``).

On 500 Reuters-21578 stories the engine's documents are the local path's, byte for byte, and the
store it loads holds what a local ingest stores. Its partitions read exactly what the readers
read; a rerun into the same folder goes on where it stopped; what the store holds is not
processed again; and follow mode runs on it too."""

from __future__ import annotations

import gzip
import itertools
import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

import storyline.store.ingest as ingest_module
from storyline.document.article import Article
from storyline.document.records import Document
from storyline.document.skips import Skipped, SkipReason
from storyline.engine.dask_engine import DaskEngine, EngineSummary, held_keys
from storyline.engine.load import load
from storyline.engine.partitions import plan, read_partition
from storyline.engine.run import ingest_on_engine
from storyline.engine.tables import DOCUMENTS, EVENTS, Made, part_path, read_documents
from storyline.errors import InvalidArgument
from storyline.pipeline import process_many
from storyline.readers import read_inputs
from storyline.store.connection import Store, Value, open_store
from storyline.store.follow import follow
from storyline.store.ingest import IngestSummary, ingest, known_articles
from storyline.store.schema import TABLES, migrate

from .conftest import REUTERS, need
from .store.test_store import STORIES
from .test_cli import run
from .test_follow import _batch

STORIES_TESTED = 500
OPTIONS = {"time_budget": 0}  # no time budget: a loaded machine must not turn a document into a timeout skip


def _contents(store: Store) -> dict[str, list[tuple[Value, ...]]]:
    """Every table's rows but the run's own (its id, its row in ingest_runs), sorted."""
    found = {}
    for table in TABLES:
        if table.name == "ingest_runs":
            continue
        columns = ", ".join(c.name for c in table.columns if c.name != "run_id")
        found[table.name] = sorted(store.query(f"SELECT {columns} FROM {table.name}"), key=repr)
    return found


@dataclass
class Reuters:
    local_documents: list[str]
    engine_documents: list[str]
    local_store: dict[str, list[tuple[Value, ...]]]
    engine_store: dict[str, list[tuple[Value, ...]]]
    ran: EngineSummary
    again: EngineSummary  # the same run, one partition lost
    loaded: IngestSummary
    held_again: IngestSummary  # the same inputs into the engine's store: all held already
    out: Path


@pytest.fixture(scope="module")
def engine() -> Iterator[DaskEngine]:
    """A local Dask cluster of two processes, for the module."""
    with DaskEngine(workers=2) as started:
        yield started


@pytest.fixture(scope="module")
def reuters(engine: DaskEngine, tmp_path_factory: pytest.TempPathFactory) -> Reuters:
    """500 stories through the local path (ingest with --workers 2) and through the engine."""
    need(REUTERS)
    folder = tmp_path_factory.mktemp("engine")
    corpus = folder / "reuters.jsonl"
    with REUTERS.open(encoding="utf-8") as lines:
        corpus.write_text("".join(itertools.islice(lines, STORIES_TESTED)), encoding="utf-8")

    local_documents: list[str] = []

    def teed(*args: object, **kwargs: object) -> Iterator[object]:  # the documents the local ingest stores
        for result in process_many(*args, **kwargs):  # type: ignore[arg-type]
            local_documents.extend([result.to_json()] if isinstance(result, Document) else [])
            yield result

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ingest_module, "process_many", teed)
        local = open_store(str(folder / "local.duckdb"))
        ingest(local, [str(corpus)], workers=2, **OPTIONS)  # type: ignore[arg-type]
    out = folder / "tables"
    ran = engine.run([str(corpus)], out, **OPTIONS)
    engine_documents = [row.document for row in read_documents(out) if isinstance(row, Made)]
    for table in (DOCUMENTS, EVENTS):  # a partition lost, as a kill leaves a run
        part_path(out, table, 3).unlink()
    again = engine.run([str(corpus)], out, **OPTIONS)
    assert [row.document for row in read_documents(out) if isinstance(row, Made)] == engine_documents
    loaded_store = open_store(str(folder / "engine.duckdb"))
    loaded = load(loaded_store, out)
    held_again = ingest_on_engine(loaded_store, [str(corpus)], engine, folder / "again", **OPTIONS)  # type: ignore[arg-type]
    result = Reuters(
        local_documents,
        engine_documents,
        _contents(local),
        _contents(loaded_store),
        ran,
        again,
        loaded,
        held_again,
        out,
    )
    local.close()
    loaded_store.close()
    return result


def test_the_engine_makes_the_local_paths_documents_byte_for_byte(reuters: Reuters) -> None:
    assert len(reuters.local_documents) > 0.9 * STORIES_TESTED
    assert reuters.ran.read == STORIES_TESTED and reuters.ran.partitions >= 2 * 8
    assert reuters.engine_documents == reuters.local_documents


def test_the_loaded_store_holds_what_a_local_ingest_stores(reuters: Reuters) -> None:
    assert reuters.loaded.stored == len(reuters.local_documents)
    assert len(reuters.engine_store["events"]) > 500 and len(reuters.engine_store["corpus_events"]) > 300
    for table, rows in reuters.local_store.items():
        assert reuters.engine_store[table] == rows, table


def test_the_events_table_holds_every_documents_events(reuters: Reuters) -> None:
    import duckdb

    files = [str(f) for f in sorted((reuters.out / EVENTS).glob("part-*.parquet"))]
    with duckdb.connect() as scratch:
        rows = scratch.execute('SELECT "ArticleID", "EventID", "EventCode" FROM read_parquet(?)', [files]).fetchall()
    stored = {(r[0], r[1]) for r in reuters.engine_store["events"]}
    assert {(a, e) for a, e, _ in rows} == stored and len(rows) == len(stored)


def test_a_rerun_into_the_same_folder_does_only_the_partitions_left(reuters: Reuters) -> None:
    assert reuters.again.partitions == reuters.ran.partitions
    assert reuters.again.resumed == reuters.ran.partitions - 1
    assert 0 < reuters.again.read <= 32


def test_what_the_store_holds_is_not_processed_again(reuters: Reuters) -> None:
    again = reuters.held_again
    assert again.read == STORIES_TESTED and again.stored == 0
    assert again.unchanged == len(reuters.local_documents) and again.skipped == STORIES_TESTED - again.unchanged


def test_follow_mode_on_the_engine_stores_every_file_once_and_links_it(engine: DaskEngine, tmp_path: Path) -> None:
    folder, out = tmp_path / "incoming", tmp_path / "tables"
    folder.mkdir()
    store = open_store(str(tmp_path / "followed.duckdb"))
    cycle = itertools.count()

    def take(files: list[str]) -> IngestSummary:
        return ingest_on_engine(store, files, engine, out / f"cycle-{next(cycle)}", link=False, check_language=False)

    stop = threading.Event()
    done: list[object] = []
    thread = threading.Thread(
        target=lambda: done.append(follow(store, folder, stop=stop, poll=0.1, link_every=0.5, take=take))
    )
    thread.start()
    files = []
    for k in range(3):
        files.append(_batch(folder, k))
        time.sleep(1.0)
    time.sleep(0.5)
    stop.set()
    thread.join(timeout=180)
    assert not thread.is_alive() and done
    followed = _contents(store)
    store.close()
    at_once = open_store(str(tmp_path / "at-once.duckdb"))
    ingest(at_once, [str(f) for f in files], check_language=False)
    assert followed == _contents(at_once) and len(followed["articles"]) == 6
    assert all(row[0] is not None for row in at_once.query("SELECT corpus_event_id FROM events"))
    at_once.close()


def test_an_article_that_kills_its_worker_is_skipped_and_the_run_goes_on(engine: DaskEngine, tmp_path: Path) -> None:
    from .test_workers import _DYING_STAGES, _FATAL

    corpus, out = tmp_path / "c.jsonl", tmp_path / "tables"
    stories: list[dict[str, str]] = [dict(s) for s in STORIES[:4]]
    stories.insert(2, {"id": "fatal", "text": f"Troops left Kabul. {_FATAL}"})
    corpus.write_text("".join(json.dumps(s) + "\n" for s in stories), encoding="utf-8")
    ran = engine.run([str(corpus)], out, stages=_DYING_STAGES, check_language=False)
    rows = list(read_documents(out))
    assert [type(r).__name__ for r in rows] == ["Made", "Made", "Skipped", "Made", "Made"]
    died = rows[2]
    assert isinstance(died, Skipped) and died.reason is SkipReason.WORKER_DIED and died.where == f"{corpus}:3"
    assert (ran.read, ran.documents, ran.skipped) == (5, 4, 1)
    others = [a for a in read_inputs([corpus]) if isinstance(a, Article) and a.input_id != "fatal"]
    alone = [d.to_json() for d in process_many(others, check_language=False) if isinstance(d, Document)]
    assert [r.document for r in rows if isinstance(r, Made)] == alone


def _mixed_inputs(folder: Path) -> Path:
    """A folder of every kind of input, good and bad, and files it reads as one article each."""
    records = [
        {"id": "a", "text": "The council met on Monday.", "published": "2024-05-02"},
        {"id": "b", "text": ""},  # no text: a skip
        {"id": "c", "text": "Police arrested two men.", "url": "https://example.org/c"},
        {"id": "d", "text": "Rain fell.", "title": "Weather", "published": "2024-05-03"},
        {"id": "e", "text": "Talks resumed in Geneva."},
    ]
    lines = [json.dumps(r) for r in records]
    lines.insert(2, "")  # a blank line
    lines.insert(4, "{not json")  # a bad line
    (folder / "a.jsonl").write_text("\n".join(lines), encoding="utf-8")  # (no newline at the end)
    with gzip.open(folder / "b.jsonl.gz", "wt", encoding="utf-8") as packed:
        packed.write("\n".join(lines[:3]) + "\n")
    (folder / "c.txt").write_text("Ministers agreed a budget on Tuesday.", encoding="utf-8")
    (folder / "d.html").write_text("<html><body><article><p>Troops withdrew.</p></article></body></html>")
    (folder / "e.xyz").write_text("what is this")
    (folder / ".hidden.txt").write_text("never read")
    (folder / "sub").mkdir()
    (folder / "sub" / "f.txt").write_text("Strikers marched in the capital.", encoding="utf-8")
    import duckdb

    with duckdb.connect() as scratch:  # a Parquet file: the published day as a DATE
        quoted = str(folder / "a.jsonl").replace("'", "''")
        scratch.execute(
            f"COPY (SELECT id, text, CAST(published AS DATE) AS published FROM read_json('{quoted}', "
            f"format = 'newline_delimited', ignore_errors = true) WHERE id IS NOT NULL) "
            f"TO '{folder / 'g.parquet'}' (FORMAT parquet)"
        )
    return folder


@pytest.mark.parametrize("size", [1, 2, 3, 100])
def test_partitions_read_exactly_what_the_readers_read(tmp_path: Path, size: int) -> None:
    folder = _mixed_inputs(tmp_path)
    inputs = [str(folder), str(folder / "c.txt")]
    partitions = plan(inputs, size=size)
    assert [p.index for p in partitions] == list(range(len(partitions)))
    read = [item for p in partitions for item in read_partition(p)]
    assert read == list(read_inputs(inputs))
    lines_cut = [p for p in partitions if p.pieces[0].path.endswith("a.jsonl")]
    assert len(lines_cut) == -(-7 // size)  # seven lines, the last without its newline


def test_a_parquet_file_reads_as_its_json_lines(tmp_path: Path) -> None:
    folder = _mixed_inputs(tmp_path)
    from_lines = {a.input_id: a for a in read_inputs([folder / "a.jsonl"]) if not hasattr(a, "reason")}
    from_parquet = list(read_inputs([folder / "g.parquet"]))
    assert [getattr(a, "where", "") for a in from_parquet][:2] == [
        f"{folder / 'g.parquet'}#1",
        f"{folder / 'g.parquet'}#2",
    ]
    skipped = [a for a in from_parquet if hasattr(a, "reason")]
    assert [s.reason.value for s in skipped] == ["no-text"]
    for article in from_parquet:
        if not hasattr(article, "reason"):
            line = from_lines[article.input_id]  # type: ignore[union-attr]
            assert (article.text, article.published) == (line.text, line.published)  # type: ignore[union-attr]


def test_a_folder_holding_another_runs_tables_or_anything_else_is_refused(tmp_path: Path) -> None:
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    for path in (first, second):
        path.write_text(json.dumps({"text": "Rain fell."}) + "\n", encoding="utf-8")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "plan.json").write_text("{}")
    idle = DaskEngine()  # (never started: the plan is checked first)
    with pytest.raises(InvalidArgument, match="another run"):
        idle.run([str(first)], tmp_path / "out")
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "notes.txt").write_text("mine")
    with pytest.raises(InvalidArgument, match="not empty"):
        idle.run([str(first)], tmp_path / "other")
    with pytest.raises(InvalidArgument, match="standard input"):
        plan(["-"])


def test_held_keys_name_only_what_this_storyline_made(tmp_path: Path) -> None:
    from storyline._version import __version__

    keys = held_keys({"a": ("h1", __version__), "b": ("h2", "0.0.1")})
    assert keys == frozenset({"a\x1fh1"})
    store = open_store(str(tmp_path / "empty.duckdb"))
    migrate(store)
    assert known_articles(store) == {}
    store.close()


@pytest.fixture(scope="module")
def from_the_command_line(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str]:
    """``storyline ingest --engine dask`` of three stories: its tables, the store it made, its stderr."""
    folder = tmp_path_factory.mktemp("cli")
    corpus, out, db = folder / "c.jsonl", folder / "tables", str(folder / "made.duckdb")
    corpus.write_text("".join(json.dumps(s) + "\n" for s in STORIES[:3]), encoding="utf-8")
    made = run("ingest", str(corpus), "--db", db, "--engine", "dask", "--out", str(out), "--workers", "1")
    assert made.returncode == 0, made.stderr
    return out, db, made.stderr


def test_ingest_on_the_engine_from_the_command_line(from_the_command_line: tuple[Path, str, str]) -> None:
    _, db, said = from_the_command_line
    assert "engine: 1 partitions: 3 inputs read, 3 documents" in said
    assert "3 stored" in said.splitlines()[-1]
    store = open_store(db)
    assert len(_contents(store)["articles"]) == 3
    store.close()


def test_load_brings_the_tables_into_either_store(from_the_command_line: tuple[Path, str, str], store_url: str) -> None:
    out, db, _ = from_the_command_line
    loaded = run("load", str(out), "--db", store_url, "-q")
    assert loaded.returncode == 0, loaded.stderr
    stores = [open_store(where) for where in (db, store_url)]
    counted = [{t: len(rows) for t, rows in _contents(s).items()} for s in stores]
    events = [sorted(s.query("SELECT article_id, event_id, cameo, source_code, day FROM events")) for s in stores]
    for store in stores:
        store.close()
    assert counted[0] == counted[1] and counted[0]["articles"] == 3 and counted[0]["events"] > 0
    assert events[0] == events[1]


def test_the_engine_options_go_together(tmp_path: Path) -> None:
    db, corpus = str(tmp_path / "s.duckdb"), tmp_path / "c.jsonl"
    corpus.write_text(json.dumps({"text": "Rain fell."}) + "\n", encoding="utf-8")
    no_out = run("ingest", str(corpus), "--db", db, "--engine", "dask")
    assert no_out.returncode == 2 and "--out" in no_out.stderr
    out_alone = run("ingest", str(corpus), "--db", db, "--out", str(tmp_path / "t"))
    assert out_alone.returncode == 2 and "--engine dask" in out_alone.stderr
    not_tables = run("load", str(tmp_path), "--db", db)
    assert not_tables.returncode == 2 and "not the tables of a distributed run" in not_tables.stderr
