"""``storyline load OUT``: a distributed run's Parquet tables into the store, then the corpus pass.

The documents table is read in the inputs' order and stored as ``storyline ingest`` stores what
it processes (:func:`storyline.store.ingest.store_results`): a batch per transaction, the same
article again replacing itself, each skip in the skipped table. A document the store already
holds as it is (the same input, made by the same storyline: a second load of the same tables) is
counted unchanged and not written again. So the store ends as a local ingest of the same inputs
would leave it, and a load killed at any point can be run again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from storyline.document.skips import Skipped
from storyline.engine.tables import DOCUMENTS, Made, Unchanged, read_documents
from storyline.errors import InvalidArgument
from storyline.store.connection import Store
from storyline.store.ingest import (
    COMMIT_EVERY,
    IngestSummary,
    Known,
    Result,
    begin_run,
    finish_run,
    known_articles,
    nothing,
    store_results,
)
from storyline.store.ingest import Made as Stored

__all__ = ["load", "load_rows"]


def load(store: Store, out: Path, **settings: Any) -> IngestSummary:
    """Store the tables in ``out`` (:mod:`storyline.engine.tables`); ``settings`` as for
    :func:`load_rows` (the batch, ``link`` and the callbacks of :func:`storyline.store.ingest.ingest`)."""
    if not (out / "plan.json").exists() or not (out / DOCUMENTS).is_dir():
        raise InvalidArgument(f"{out}: not the tables of a distributed run (no plan.json and documents/ there)")
    return load_rows(store, read_documents(out), str(out), **settings)


def load_rows(
    store: Store,
    rows: Iterator[Made | Skipped | Unchanged],
    where: str,
    *,
    batch: int = COMMIT_EVERY,
    link: bool = True,
    on_progress: Callable[[IngestSummary], None] = nothing,
    on_skip: Callable[[Skipped], None] = nothing,
    on_stage: Callable[[str], None] = nothing,
    known: Known | None = None,
) -> IngestSummary:
    """Store the documents table's ``rows`` (from ``where``, the run's inputs as recorded) as
    they come: a load can follow the cluster, a partition at a time. ``known``: what the store
    holds (:func:`storyline.store.ingest.known_articles`), where the caller has read it."""
    summary = begin_run(store, [where])
    known = known_articles(store) if known is None else known
    stored = _to_store(rows, known, summary, on_progress)
    store_results(store, stored, summary, known, batch=batch, on_progress=on_progress, on_skip=on_skip)
    return finish_run(store, summary, link=link, on_stage=on_stage)


def _to_store(
    rows: Iterator[Made | Skipped | Unchanged],
    known: Known,
    summary: IngestSummary,
    on_progress: Callable[[IngestSummary], None],
) -> Iterator[Result]:
    """The rows to store; the unchanged ones (by the workers' word, or held as they are now)
    counted and passed over."""
    for row in rows:
        if isinstance(row, Unchanged) or (
            isinstance(row, Made) and known.get(row.article_id) == (row.input_hash, row.version)
        ):
            summary.read += 1
            summary.unchanged += 1
            on_progress(summary)
        elif isinstance(row, Made):
            yield Stored(row.decode(), row.input_hash, row.version)
        else:
            yield row
