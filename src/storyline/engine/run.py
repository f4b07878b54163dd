"""An ingest through the engine: the inputs processed on the cluster into Parquet tables in OUT
(:class:`storyline.engine.dask_engine.DaskEngine`), then loaded into the store
(:func:`storyline.engine.load.load`). The store ends as a local ingest would leave it."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from storyline.document.skips import Skipped
from storyline.engine.dask_engine import DaskEngine, EngineSummary, held_keys
from storyline.engine.load import load_rows
from storyline.engine.partitions import PARTITION
from storyline.engine.tables import read_documents
from storyline.store.connection import Store
from storyline.store.ingest import COMMIT_EVERY, IngestSummary, known_articles, nothing
from storyline.store.schema import migrate

__all__ = ["ingest_on_engine"]


def ingest_on_engine(
    store: Store,
    inputs: Sequence[str],
    engine: DaskEngine,
    out: Path,
    *,
    fmt: str = "auto",
    size: int = PARTITION,
    batch: int = COMMIT_EVERY,
    link: bool = True,
    on_partition: Callable[[EngineSummary], None] = nothing,
    on_progress: Callable[[IngestSummary], None] = nothing,
    on_skip: Callable[[Skipped], None] = nothing,
    on_stage: Callable[[str], None] = nothing,
    **options: object,
) -> IngestSummary:
    """Process ``inputs`` on ``engine`` into tables in ``out`` and load them into ``store`` a
    partition at a time, as the cluster writes them; the summary is the load's. ``options`` go
    to the pipeline."""
    migrate(store)
    known = known_articles(store)
    held = held_keys(known)

    def done() -> Iterator[int]:  # the partitions as the cluster writes them; then its summary
        ran = EngineSummary()
        yield from engine.process(
            inputs, out, summary=ran, fmt=fmt, size=size, held=held, on_partition=on_partition, **options
        )
        on_stage(ran.line().removeprefix("storyline: "))

    rows = read_documents(out, done())
    return load_rows(
        store,
        rows,
        str(out),
        batch=batch,
        link=link,
        on_progress=on_progress,
        on_skip=on_skip,
        on_stage=on_stage,
        known=known,
    )
