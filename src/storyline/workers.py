"""Article workers (``--workers N``): the whole pipeline in N spawned processes.

The main process reads the inputs in order and hands them out in chunks; each worker runs every
stage on its chunk (cleaning, the parse, the quote encoder, entities to events) and sends back
the documents; the main process yields them in input order, so that whatever it writes (a JSON
Lines file, the store) is written in order. A document depends only on its article, so the
results are the same for any number of workers and any chunk size (``tests/test_determinism.py``).

Workers are spawned, not forked: a fork copies the parent as it is, its threads' held locks
included (the encoder's thread pool, a server's, a test run's), and a forked worker can die on
one. Each worker loads the model and the knowledge once, and the quote encoder runs with
``cores // workers`` threads (at least one), so that N workers do not fight over the cores.

A worker that dies (out of memory, killed) takes its chunk down with it; the chunk is then run
again one article at a time in fresh workers, and the article that kills its worker again comes
out as a ``worker-died`` skip. The run goes on; nothing else is lost.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from storyline.document.article import Article
from storyline.document.records import Document
from storyline.document.skips import Skipped, SkipReason
from storyline.settings import ENCODER_THREADS_VARIABLE
from storyline.stages.stage import StageTimer

__all__ = ["CHUNK", "cores", "process_in_workers"]

CHUNK = 16  # articles a worker takes at a time: small enough to keep both busy to the end
_AHEAD = 2  # chunks out per worker: one being processed, one waiting

Result = Document | Skipped
# one chunk's results, and the seconds each stage took and the budget shares (for a timer)
_Done = tuple[list[Result], dict[str, float], list[float]]
Process = Callable[..., Iterator[Result]]


def cores() -> int:
    """The cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _start(threads: int) -> None:
    # read when the quote encoder's session is made (tagger_accurate), before any article
    os.environ[ENCODER_THREADS_VARIABLE] = str(threads)


def _process(process: Process, options: dict[str, Any], items: list[Article | Skipped]) -> _Done:
    timer = StageTimer() if options.pop("timed") else None
    results = list(process(items, workers=1, timer=timer, **options))
    return results, (timer.seconds if timer else {}), (timer.budget_used if timer else [])


class _Pool:
    """A pool of spawned workers that can be started afresh when one of them dies."""

    def __init__(self, workers: int, process: Process, options: dict[str, Any]) -> None:
        self.workers, self.process, self.options = workers, process, options
        self.executor = self._new()

    def _new(self) -> ProcessPoolExecutor:
        threads = max(1, cores() // self.workers)
        context = multiprocessing.get_context("spawn")
        return ProcessPoolExecutor(self.workers, mp_context=context, initializer=_start, initargs=(threads,))

    def submit(self, items: list[Article | Skipped]) -> Future[_Done]:
        return self.executor.submit(_process, self.process, dict(self.options), items)

    def restart(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)
        self.executor = self._new()

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)


def process_in_workers(
    items: Iterable[Article | Skipped],
    process: Process,
    options: dict[str, Any],
    workers: int,
    timer: StageTimer | None = None,
) -> Iterator[Result]:
    """``process(chunk, workers=1, timer=..., **options)`` over the items in ``workers``
    spawned processes, the results in the items' order. ``process`` is
    :func:`storyline.pipeline.process_many` (passed in, so that this module needs no pipeline)."""
    pool = _Pool(workers, process, {**options, "timed": timer is not None})
    out: deque[tuple[list[Article | Skipped], Future[_Done]]] = deque()
    try:
        for chunk in _chunks(items):
            out.append((chunk, pool.submit(chunk)))
            if len(out) >= _AHEAD * workers:
                yield from _collect(out, pool, timer)
        while out:
            yield from _collect(out, pool, timer)
    finally:
        pool.close()


def _collect(
    out: deque[tuple[list[Article | Skipped], Future[_Done]]], pool: _Pool, timer: StageTimer | None
) -> Iterator[Result]:
    """The oldest chunk's results. If its worker died, the chunk is run again one article at a
    time, and the chunks still out are handed to the new workers."""
    chunk, future = out.popleft()
    try:
        done = future.result()
    except BrokenProcessPool:
        pool.restart()
        yield from _one_by_one(chunk, pool, timer)
        for i, (waiting, _) in enumerate(out):
            out[i] = (waiting, pool.submit(waiting))
        return
    yield from _taken(done, timer)


def _one_by_one(chunk: list[Article | Skipped], pool: _Pool, timer: StageTimer | None) -> Iterator[Result]:
    for item in chunk:
        try:
            done = pool.submit([item]).result()
        except BrokenProcessPool:
            pool.restart()
            assert isinstance(item, Article)  # a skip passes through a worker and cannot kill it
            yield Skipped(
                item.where,
                SkipReason.WORKER_DIED,
                "the worker process ended while it held this article (out of memory, or killed), twice; "
                "the run went on without it",
            )
            continue
        yield from _taken(done, timer)


def _taken(done: _Done, timer: StageTimer | None) -> list[Result]:
    results, seconds, used = done
    if timer is not None:
        for stage, spent in seconds.items():
            timer.add(stage, spent)
        timer.budget_used.extend(used)
    return results


def _chunks(items: Iterable[Article | Skipped]) -> Iterator[list[Article | Skipped]]:
    chunk: list[Article | Skipped] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
