"""The distributed engine on the command line: ``storyline ingest --engine dask`` (its options,
checked together) and ``storyline load OUT`` (:mod:`storyline.engine`)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import click

from storyline.app.options import batch_option, new_db_option, skips_option
from storyline.app.reporting import PROGRESS_EVERY, told
from storyline.engine.dask_engine import DaskEngine
from storyline.engine.partitions import PARTITION
from storyline.engine.run import ingest_on_engine
from storyline.errors import NothingToProcess
from storyline.store.connection import Store, open_store
from storyline.store.ingest import IngestSummary
from storyline.store.schema import migrate

__all__ = ["EngineChoice", "engine_choice", "engine_options", "ingest_with_engine", "load_command"]

F = TypeVar("F", bound=Callable[..., Any])  # Any: a decorator keeps any command's signature
ENGINES = ("local", "dask")


@dataclass(frozen=True)
class EngineChoice:
    """``--engine dask`` and its settings: a scheduler's address (None: a local cluster of
    ``workers`` processes), the tables' folder, the articles a partition."""

    scheduler: str | None
    workers: int
    out: Path
    size: int

    def start(self) -> DaskEngine:
        return DaskEngine(self.scheduler, self.workers)


def engine_options(command: F) -> F:
    """``--engine``, ``--scheduler``, ``--out`` and ``--partition`` of ``ingest``."""
    for option in reversed(
        (
            click.option(
                "--engine",
                type=click.Choice(ENGINES),
                default="local",
                show_default=True,
                help="local: --workers processes here; dask: a Dask cluster (--scheduler), Parquet tables into --out.",
            ),
            click.option(
                "--scheduler",
                metavar="ADDRESS",
                envvar="STORYLINE_SCHEDULER",
                help="With --engine dask: a running cluster's scheduler (tcp://host:8786) [default: a local "
                "cluster of --workers processes; env STORYLINE_SCHEDULER].",
            ),
            click.option(
                "--out",
                type=click.Path(file_okay=False, path_type=Path),
                help="With --engine dask: the folder of its Parquet tables (on a cluster: storage every worker "
                "shares). A rerun into it goes on where it stopped.",
            ),
            click.option(
                "--partition",
                type=click.IntRange(min=1),
                default=PARTITION,
                show_default=True,
                help="With --engine dask: articles a partition (a worker's task).",
            ),
        )
    ):
        command = option(command)
    return command


def engine_choice(engine: str, scheduler: str | None, out: Path | None, size: int, workers: int) -> EngineChoice | None:
    """The engine asked for, its options checked together; None for the local one."""
    if engine == "local":
        if out is not None or scheduler is not None:
            raise click.UsageError("--out and --scheduler go with --engine dask")
        return None
    if out is None:
        raise click.UsageError("--engine dask needs --out DIR, the folder its workers write the Parquet tables into")
    return EngineChoice(scheduler, workers, out, size)


def ingest_with_engine(store: Store, inputs: Sequence[str], choice: EngineChoice, **options: Any) -> IngestSummary:
    """``storyline ingest --engine dask`` (progress: the articles loaded, which follow the
    cluster a partition at a time)."""
    with choice.start() as engine:
        return ingest_on_engine(store, inputs, engine, choice.out, size=choice.size, **options)


@click.command("load")
@click.argument("out", type=click.Path(exists=True, file_okay=False, path_type=Path))
@new_db_option
@batch_option
@skips_option
@click.option("-q", "--quiet", is_flag=True, help="No progress (skips and the closing summary still print).")
def load_command(out: Path, db: str, batch: int, skips_path: Path | None, quiet: bool) -> None:
    """Bring the Parquet tables of `storyline ingest --engine dask --out OUT` into the store,
    then link events across articles (the corpus pass).

    The store ends as `storyline ingest` of the same inputs would leave it; a load killed at any
    point can be run again, and one run twice stores nothing twice.

    \b
    Examples:
      storyline load tables/ --db news.duckdb
      storyline load /shared/run-2026-12-07 --db postgresql://user@host/news
    """
    from storyline.engine.load import load

    store = open_store(db)
    migrate(store)
    try:
        with told("storyline load", None, quiet=quiet, every=PROGRESS_EVERY, skips_path=skips_path) as (_, tell):
            summary = load(store, out, batch=batch, **tell)
    finally:
        store.close()
    click.echo(summary.line(), err=True)
    if not summary.usable:
        raise NothingToProcess(f"nothing stored from {out}: it holds no usable article")
