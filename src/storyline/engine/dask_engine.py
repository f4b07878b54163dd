"""``storyline ingest --engine dask``: the pipeline on a Dask cluster, its output Parquet tables.

The driver plans the partitions (:mod:`storyline.engine.partitions`) and hands each to a worker.
The worker reads its partition for itself, runs every stage on it, and writes the partition's
Parquet tables into OUT (:mod:`storyline.engine.tables`); only the plan of a partition and its
counts pass through the scheduler. So on a cluster the inputs and OUT must be where every worker
finds them under the same paths (shared storage). ``storyline load`` (or ingest itself) then
brings the tables into the store.

Without a scheduler address the engine starts a Dask ``LocalCluster`` of ``workers`` processes
(one partition at a time each, and ``cores // workers`` threads for the quote encoder, as
``--workers`` gives its own). Each worker process loads the model on its first partition and
keeps it. An article the store already holds as read, by this storyline, is not processed
again: the driver sends the workers the keys of what the store holds. A partition whose worker
dies twice is run again an article at a time, and an article that kills its worker alone is a
``worker-died`` skip, as with ``--workers``.

A document depends only on its article, so the engine's documents are the local run's, byte for
byte (``tests/test_engine.py``).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

from storyline._version import __version__
from storyline.document.article import Article
from storyline.document.records import Document
from storyline.document.skips import Skipped, SkipReason
from storyline.engine.partitions import PARTITION, Partition, plan, read_partition
from storyline.engine.tables import DOCUMENTS, Row, Unchanged, part_path, write_part
from storyline.errors import InvalidArgument
from storyline.settings import ENCODER_THREADS_VARIABLE
from storyline.store.ingest import Known
from storyline.store.write import input_hash
from storyline.workers import cores

__all__ = ["DaskEngine", "EngineSummary", "held_keys"]

_DIED = "the Dask worker ended while it held this article (out of memory, or killed), twice; the run went on without it"


@dataclass
class EngineSummary:
    partitions: int = 0
    resumed: int = 0  # partitions an earlier run into the same OUT had done
    read: int = 0
    documents: int = 0
    unchanged: int = 0
    skipped: int = 0
    seconds: float = 0.0
    started: float = field(default_factory=time.perf_counter, repr=False)

    def line(self) -> str:
        resumed = f" ({self.resumed} done by an earlier run)" if self.resumed else ""
        return (
            f"storyline: engine: {self.partitions} partitions{resumed}: {self.read} inputs read, "
            f"{self.documents} documents, {self.unchanged} unchanged, {self.skipped} skipped; {self.seconds:.1f} s"
        )


def held_keys(known: Known) -> frozenset[str]:
    """What the workers need to know of the store: the article ids and input hashes it holds as
    made by this storyline (one key each)."""
    return frozenset(
        _key(article_id, read_as) for article_id, (read_as, version) in known.items() if version == __version__
    )


class DaskEngine:
    """A Dask client: on a running cluster (``scheduler``: its address) or a local one of
    ``workers`` processes, started on entering and closed on leaving."""

    def __init__(self, scheduler: str | None = None, workers: int = 2) -> None:
        self.scheduler, self.workers = scheduler, workers
        self.client: Any = None
        self.cluster: Any = None

    def __enter__(self) -> DaskEngine:
        from dask.distributed import Client, LocalCluster

        if not logging.getLogger("storyline").isEnabledFor(logging.DEBUG):  # (Dask's own lines at -vv only)
            logging.getLogger("distributed").setLevel(logging.CRITICAL)
        if self.scheduler:
            try:
                self.client = Client(self.scheduler, timeout="30s")  # type: ignore[no-untyped-call]
            except OSError as err:
                raise InvalidArgument(f"--scheduler {self.scheduler}: cannot reach a Dask scheduler ({err})") from err
            return self
        import dask

        threads = max(1, cores() // self.workers)
        with dask.config.set({"distributed.scheduler.allowed-failures": 1}):  # (a partition is tried twice)
            self.cluster = LocalCluster(  # type: ignore[no-untyped-call]
                n_workers=self.workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                silence_logs=logging.ERROR,
                env={ENCODER_THREADS_VARIABLE: str(threads)},
            )
        self.client = Client(self.cluster)  # type: ignore[no-untyped-call]
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self.client is not None:
            self.client.close()
        if self.cluster is not None:
            self.cluster.close()

    def run(self, inputs: Sequence[str], out: Path, **settings: Any) -> EngineSummary:
        """Process ``inputs`` into Parquet tables in ``out`` (:meth:`process`'s settings); the summary."""
        summary = EngineSummary()
        for _ in self.process(inputs, out, summary=summary, **settings):
            pass
        return summary

    def process(
        self,
        inputs: Sequence[str],
        out: Path,
        *,
        summary: EngineSummary,
        fmt: str = "auto",
        size: int = PARTITION,
        held: frozenset[str] = frozenset(),
        on_partition: Callable[[EngineSummary], None] = lambda _: None,
        **options: object,
    ) -> Iterator[int]:
        """Process ``inputs`` into Parquet tables in ``out``, ``size`` articles a partition,
        counting into ``summary``; ``held``: :func:`held_keys` of the store, ``options``: the
        pipeline's (:func:`storyline.pipeline.process_many`). Yields the partitions' indices
        in order, each once it and every one before it are written (so that a load can follow
        the cluster). Partitions an earlier run into ``out`` did are not done again."""
        from dask.distributed import as_completed

        partitions = plan(inputs, fmt, size)
        _claim(out, inputs, fmt, partitions, options)
        summary.partitions = len(partitions)
        todo = [p for p in partitions if not part_path(out, DOCUMENTS, p.index).exists()]
        summary.resumed = len(partitions) - len(todo)
        shared_held = self.client.scatter(held, broadcast=True) if held else held
        futures = {
            self.client.submit(_run_partition, p, str(out), shared_held, options, __version__, pure=False): p.index
            for p in todo
        }
        waiting = set(futures.values())
        following = 0  # the next partition to yield
        try:
            while following < len(partitions) and following not in waiting:
                yield following
                following += 1
            for future in as_completed(futures):  # type: ignore[no-untyped-call]
                index = futures[future]
                counts = _unless_killed(future) or self._one_by_one(partitions[index], out, shared_held, options)
                for name, count in zip(("read", "documents", "unchanged", "skipped"), counts, strict=True):
                    setattr(summary, name, getattr(summary, name) + count)
                summary.seconds = time.perf_counter() - summary.started
                on_partition(summary)
                waiting.discard(index)
                while following < len(partitions) and following not in waiting:
                    yield following
                    following += 1
        finally:
            for future in futures:  # (a consumer that stops early: nothing left running)
                future.cancel()

    def _one_by_one(
        self, partition: Partition, out: Path, held: object, options: dict[str, object]
    ) -> tuple[int, int, int, int]:
        """A partition whose worker died (twice: Dask tries it again once): its articles one by
        one, each in a task of its own, and each of those whose worker died run again alone (a
        worker's death also fails a task waiting beside the guilty one); one that kills its
        worker alone is a ``worker-died`` skip. The driver writes the partition's tables; the
        run goes on."""
        singles = partition.one_by_one()
        futures = [self.client.submit(_rows, one, held, options, __version__, pure=False) for one in singles]
        found = [_unless_killed(future) for future in futures]
        rows: list[Row] = []
        for one, got in zip(singles, found, strict=True):
            if got is None:
                got = _unless_killed(self.client.submit(_rows, one, held, options, __version__, pure=False))
            rows += got if got is not None else [Skipped(one.where, SkipReason.WORKER_DIED, _DIED)]
        write_part(out, partition.index, rows, __version__)
        return _counts(rows)


def _unless_killed(future: Any) -> Any:
    """A task's result, or None where its workers died running it (Dask's ``KilledWorker``)."""
    try:
        return future.result()
    except Exception as err:
        if type(err).__name__ != "KilledWorker":
            raise
        return None


def _run_partition(
    partition: Partition, out: str, held: frozenset[str], options: dict[str, Any], version: str
) -> tuple[int, int, int, int]:
    """On a worker: the partition's rows (:func:`_rows`) written as its tables; its counts."""
    rows = _rows(partition, held, options, version)
    write_part(Path(out), partition.index, rows, version)
    return _counts(rows)


def _rows(partition: Partition, held: frozenset[str], options: dict[str, Any], version: str) -> list[Row]:
    """On a worker: read the partition and process what the store lacks."""
    from storyline.pipeline import process_many

    if version != __version__:
        raise RuntimeError(f"this worker has storyline {__version__}, the driver {version}: install the same on both")
    os.environ.setdefault(ENCODER_THREADS_VARIABLE, "1")  # (a cluster's worker: one task at a time per core)
    items = list(read_partition(partition))
    rows: list[Row | None] = [None] * len(items)
    todo: list[int] = []
    for i, item in enumerate(items):
        if isinstance(item, Article) and _key(item.id, input_hash(item)) in held:
            rows[i] = Unchanged(item.where, item.id)
        else:
            todo.append(i)
    for i, result in zip(todo, process_many([items[i] for i in todo], workers=1, **options), strict=True):
        rows[i] = result
    return [row for row in rows if row is not None]


def _counts(rows: list[Row]) -> tuple[int, int, int, int]:
    """(read, documents, unchanged, skipped)."""
    kinds = [type(row) for row in rows]
    return len(rows), kinds.count(Document), kinds.count(Unchanged), kinds.count(Skipped)


def _key(article_id: str, read_as: str) -> str:
    return f"{article_id}\x1f{read_as}"


def _claim(out: Path, inputs: Sequence[str], fmt: str, partitions: list[Partition], options: dict[str, object]) -> None:
    """Write OUT's plan, or check that the plan there is this run's (a rerun goes on)."""
    about = {
        "version": __version__,
        "inputs": list(inputs),
        "format": fmt,
        "options": hashlib.sha1(repr(sorted(options.items())).encode()).hexdigest(),
        "partitions": [[[p.path, p.explicit, p.part] for p in partition.pieces] for partition in partitions],
    }
    written = json.loads(json.dumps(about))
    path = out / "plan.json"
    if path.exists():
        if json.loads(path.read_text(encoding="utf-8")) != written:
            raise InvalidArgument(
                f"--out {out}: holds the tables of another run (other inputs, options or storyline version); "
                "give an empty folder"
            )
        return
    if out.exists() and any(out.iterdir()):
        raise InvalidArgument(f"--out {out}: not empty, and not a storyline run's tables; give an empty folder")
    out.mkdir(parents=True, exist_ok=True)
    unfinished = path.with_name("plan.json.tmp")
    unfinished.write_text(json.dumps(written, indent=1), encoding="utf-8")
    os.replace(unfinished, path)
