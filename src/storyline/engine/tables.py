"""A distributed run's output: Parquet tables, one file a partition, in a folder OUT.

- ``OUT/plan.json``: the run's inputs and partitions (:mod:`storyline.engine.partitions`). A run
  given the same OUT and the same plan goes on where it stopped; another plan is refused.
- ``OUT/documents/part-NNNNNN.parquet``: one row for each input the partition read, in order
  (``partition``, ``item``): its ``where``, and either its document (``outcome`` "document":
  ``article_id``, ``input_hash``, ``version``, ``document``, the contract's JSON), or that the
  store held it unchanged ("unchanged": not processed again), or why it was skipped
  ("skipped": ``reason``, ``detail``).
- ``OUT/events/part-NNNNNN.parquet``: the documents' events, one row each, with the columns of
  the store's event download (:func:`storyline.store.export.event_columns`); the corpus columns
  hold the event alone until ``storyline load`` links it.

A part is written under a temporary name and renamed when whole: a killed run leaves no half
part, and a part that is there is done. The events are read off the documents as the store
writes them (their article and event rows), through an in-memory DuckDB store, so that the
table is the store's own rows.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from storyline.document.records import Document
from storyline.document.skips import Skipped, SkipReason
from storyline.store.connection import Store, Value
from storyline.store.export import event_columns
from storyline.store.schema import insert, migrate
from storyline.store.write import document_rows, input_hash

__all__ = ["DOCUMENTS", "EVENTS", "Made", "Row", "Unchanged", "part_path", "read_documents", "write_part"]

DOCUMENTS, EVENTS = "documents", "events"
_DOCUMENT_COLUMNS = (
    ("partition", "INTEGER"),
    ("item", "INTEGER"),
    ("where", "VARCHAR"),
    ("outcome", "VARCHAR"),
    ("article_id", "VARCHAR"),
    ("input_hash", "VARCHAR"),
    ("version", "VARCHAR"),
    ("document", "VARCHAR"),
    ("reason", "VARCHAR"),
    ("detail", "VARCHAR"),
)


@dataclass(frozen=True)
class Unchanged:
    """An input the store already held as read, by this storyline: not processed again."""

    where: str
    article_id: str


Row = Document | Skipped | Unchanged


def part_path(out: Path, table: str, partition: int) -> Path:
    return out / table / f"part-{partition:06d}.parquet"


def write_part(out: Path, partition: int, results: list[Row], version: str) -> None:
    """The partition's documents and events tables (the documents' part last: it marks the
    partition done)."""
    import duckdb

    scratch = Store(duckdb.connect(), "duckdb", ":memory:")  # type: ignore[arg-type]  # duckdb's own connection
    try:
        migrate(scratch)
        rows = [_document_row(partition, item, result, version) for item, result in enumerate(results)]
        made = [document_rows(r, "engine", version, input_hash(r.article)) for r in results if isinstance(r, Document)]
        for table in ("articles", "events"):  # (what the events table reads)
            insert(scratch, table, [row for rows_of in made for row in rows_of[table]])
        selected = ", ".join(f'{sql} AS "{name}"' for name, sql in event_columns())
        _copy(
            scratch,
            f"SELECT {selected} FROM events e JOIN articles a ON a.article_id = e.article_id "
            "LEFT JOIN corpus_events c ON c.corpus_event_id = e.corpus_event_id ORDER BY e.article_id, e.event_id",
            part_path(out, EVENTS, partition),
        )
        declared = ", ".join(f'"{name}" {kind}' for name, kind in _DOCUMENT_COLUMNS)
        scratch.execute(f"CREATE TABLE part_documents ({declared})")
        marks = ", ".join("?" for _ in _DOCUMENT_COLUMNS)
        scratch.executemany(f"INSERT INTO part_documents VALUES ({marks})", rows)
        _copy(scratch, "SELECT * FROM part_documents ORDER BY item", part_path(out, DOCUMENTS, partition))
    finally:
        scratch.close()


def _document_row(partition: int, item: int, result: Row, version: str) -> list[Value]:
    if isinstance(result, Skipped):
        return [partition, item, result.where, "skipped", None, None, None, None, result.reason.value, result.detail]
    if isinstance(result, Unchanged):
        return [partition, item, result.where, "unchanged", result.article_id, None, None, None, None, None]
    article = result.article
    made = [article.id, input_hash(article), version, result.to_json()]
    return [partition, item, article.where, "document", *made, None, None]


def _copy(scratch: Store, sql: str, path: Path) -> None:
    """``sql``'s rows to ``path`` as Parquet, under a temporary name first."""
    path.parent.mkdir(parents=True, exist_ok=True)
    unfinished = path.with_name(path.name + ".tmp")
    quoted = str(unfinished).replace("'", "''")
    scratch.execute(f"COPY ({sql}) TO '{quoted}' (FORMAT parquet)")
    os.replace(unfinished, path)


@dataclass(frozen=True)
class Made:
    """A document of the documents table, as its JSON (decoded when it is to be stored)."""

    where: str
    article_id: str
    input_hash: str
    version: str
    document: str

    def decode(self) -> Document:
        return Document.from_dict(json.loads(self.document))


def read_documents(out: Path, partitions: Iterable[int] | None = None) -> Iterator[Made | Skipped | Unchanged]:
    """Every row of the documents table, in the inputs' order; ``partitions``: only these, in
    this order, each read as it is reached."""
    if partitions is None:
        yield from _read_parts(sorted((out / DOCUMENTS).glob("part-*.parquet")))
        return
    for partition in partitions:
        yield from _read_parts([part_path(out, DOCUMENTS, partition)])


def _read_parts(files: list[Path], batch: int = 256) -> Iterator[Made | Skipped | Unchanged]:
    import duckdb

    if not files:
        return
    with duckdb.connect() as scratch:
        found = scratch.execute(
            'SELECT "where", outcome, article_id, input_hash, version, document, reason, detail '
            "FROM read_parquet(?) ORDER BY partition, item",
            [[str(f) for f in files]],
        )
        while rows := found.fetchmany(batch):
            for where, outcome, article_id, hashed, version, document, reason, detail in rows:
                if outcome == "skipped":
                    yield Skipped(where, SkipReason(reason), detail or "")
                elif outcome == "unchanged":
                    yield Unchanged(where, article_id)
                else:
                    yield Made(where, article_id, hashed, version, document)
