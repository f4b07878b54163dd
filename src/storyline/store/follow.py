"""``storyline ingest --follow DIR``: keep a store up with a folder that files keep landing in.

Every ``poll`` seconds the folder (and its subfolders) is listed. A file is taken once it has
settled: unchanged for ``poll`` seconds, so that one still being written is not read half-done
(a name starting with "." or ending in ``.tmp`` or ``.part`` is left alone, as writers name a
file they have not finished; a file changed after it was taken is taken again). The files taken are ingested
together (:func:`storyline.store.ingest.ingest`, without its corpus pass), and the corpus pass
runs every ``link_every`` seconds while there is anything new to link, and once more at the end.

Nothing is lost or doubled by a kill at any point, ``kill -9`` included. Ingest commits a batch
of articles at a time, and an article stored as it was read is not processed again. So a
restart lists the folder afresh and stores only what the store lacks. Events left unlinked by a
kill are linked at the restart's first cycle (the corpus pass concludes afresh over the whole
store).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from storyline.errors import InvalidArgument
from storyline.store.connection import Store
from storyline.store.corpus_pass import link_corpus
from storyline.store.ingest import IngestSummary, ingest
from storyline.store.schema import migrate

__all__ = ["FollowSummary", "follow"]

_UNFINISHED = (".tmp", ".part", ".partial", ".crdownload")


@dataclass
class FollowSummary:
    cycles: int = 0  # listings that found files to ingest
    files: int = 0
    stored: int = 0
    unchanged: int = 0
    skipped: int = 0
    links: int = 0  # corpus passes run
    corpus_events: int = 0  # after the last pass
    runs: list[str] = field(default_factory=list)  # the ingest runs' ids

    def line(self) -> str:
        return (
            f"storyline: follow: {self.files} files in {self.cycles} cycles: {self.stored} articles stored, "
            f"{self.unchanged} unchanged, {self.skipped} skipped; {self.links} corpus passes, "
            f"{self.corpus_events} corpus events"
        )


def follow(
    store: Store,
    folder: Path,
    *,
    stop: threading.Event,
    poll: float = 2.0,
    link_every: float = 300.0,
    on_cycle: Callable[[FollowSummary, IngestSummary | None], None] = lambda *_: None,
    take: Callable[[list[str]], IngestSummary] | None = None,
    **options: object,
) -> FollowSummary:
    """Ingest the files that land in ``folder`` until ``stop`` is set (then finish the files
    already settled and link once more); ``options`` go to :func:`ingest` (workers, batch,
    callbacks, the pipeline's options). ``on_cycle`` hears each cycle's ingest (None: a corpus
    pass alone). ``take``: what ingests a cycle's files without linking them, instead of
    :func:`ingest` (a distributed run: :func:`storyline.engine.run.ingest_on_engine`)."""
    if take is None:

        def take(files: list[str]) -> IngestSummary:
            return ingest(store, files, link=False, **options)  # type: ignore[arg-type]

    if not folder.is_dir():
        raise InvalidArgument(f"--follow {folder}: no such folder")
    migrate(store)
    summary = FollowSummary()
    taken: dict[Path, tuple[int, int]] = {}  # file -> (size, mtime) as ingested
    unlinked = _has_unlinked(store)  # (a kill may have stopped the last run before its pass)
    last_link = time.monotonic()
    while True:
        stopping = stop.is_set()
        listed = _listing(folder)
        settled = time.time_ns() - int(poll * 1e9)
        ready = sorted(p for p, stat in listed.items() if stat[1] <= settled and taken.get(p) != stat)
        if ready:
            done = take([str(p) for p in ready])
            taken.update((p, listed[p]) for p in ready)
            _add(summary, done, len(ready))
            unlinked = unlinked or done.stored > 0
            on_cycle(summary, done)
        if unlinked and (stopping or time.monotonic() - last_link >= link_every):
            _, summary.corpus_events = link_corpus(store)
            summary.links += 1
            unlinked, last_link = False, time.monotonic()
            on_cycle(summary, None)
        if stopping:
            return summary
        stop.wait(poll)


def _listing(folder: Path) -> dict[Path, tuple[int, int]]:
    """Every finished-looking file under ``folder``, with its size and modification time."""
    found: dict[Path, tuple[int, int]] = {}
    for path in folder.rglob("*"):
        if path.name.startswith(".") or path.name.endswith(_UNFINISHED):
            continue
        try:
            stat = path.stat()
        except FileNotFoundError:  # (moved away while listed)
            continue
        if path.is_file():
            found[path] = (stat.st_size, stat.st_mtime_ns)
    return found


def _has_unlinked(store: Store) -> bool:
    return bool(store.query("SELECT 1 FROM events WHERE corpus_event_id IS NULL LIMIT 1"))


def _add(summary: FollowSummary, done: IngestSummary, files: int) -> None:
    summary.cycles += 1
    summary.files += files
    summary.stored += done.stored
    summary.unchanged += done.unchanged
    summary.skipped += done.skipped
    summary.runs.append(done.run_id)
