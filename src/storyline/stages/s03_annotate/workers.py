"""Parse workers (``--workers N``): spaCy's parse of a run's batches in N fresh processes.

Each worker is spawned, not forked. A fork copies the parent as it is, its threads' held locks
included (the quote encoder's thread pool, a server's, a test run's), and a forked worker can die
on one: in CI on 2026-12-07 spaCy's own ``nlp.pipe(n_process=2)`` lost a worker (``EOFError``)
in a process that had run a thousand tests and held 16 threads. A spawned worker starts a new
interpreter and loads the model by name with :func:`~.nlp.load_model`, so its pipeline is the
parent's, storyline's components included.

Batches go out as texts and come back as ``Doc.to_bytes()``, read into the parent's vocabulary
(as spaCy's own ``n_process`` does), in the order they went out; at most two batches per worker
are out at once, so a stream of any length is never read ahead further than that.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from spacy.language import Language
from spacy.tokens import Doc

from storyline.errors import WorkerDied

from .nlp import load_model

__all__ = ["parse_in_workers"]

_AHEAD = 2  # batches out per worker: one being parsed, one waiting


def _start(model: str | None) -> None:
    load_model(model)  # once per worker; later calls return the same object


def _parse(model: str | None, texts: Sequence[str]) -> list[bytes]:
    return [doc.to_bytes() for doc in load_model(model).pipe(texts)]


def parse_in_workers(
    batches: Iterator[Sequence[str]], nlp: Language, model: str | None, workers: int
) -> Iterator[list[Doc]]:
    """Each batch of texts parsed by ``model`` in one of ``workers`` spawned processes, as Docs
    of ``nlp``'s vocabulary, in the batches' order."""
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_start, initargs=(model,)) as pool:
        out: deque[Future[list[bytes]]] = deque()
        for texts in batches:
            out.append(pool.submit(_parse, model, list(texts)))
            if len(out) >= _AHEAD * workers:
                yield _docs(out.popleft(), nlp)
        while out:
            yield _docs(out.popleft(), nlp)


def _docs(future: Future[list[bytes]], nlp: Language) -> list[Doc]:
    try:
        parsed = future.result()
    except BrokenProcessPool as err:
        raise WorkerDied(
            "a parse worker process ended before it returned its batch (out of memory, or killed): "
            "run again with fewer --workers"
        ) from err
    return [Doc(nlp.vocab).from_bytes(data) for data in parsed]
