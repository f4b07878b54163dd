"""What a long run tells its user on stderr as it goes: progress, and each input it skipped.

On a terminal, progress is tqdm's bar. Off one (a log file, ``nohup``, a pipe) a bar's carriage
returns would pile up on one line, or show nothing until the end, so the same figures are written
as a plain line every few seconds: a logged run is never silent for minutes.
"""

from __future__ import annotations

import json
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING, NoReturn, TypedDict

from tqdm import tqdm

from storyline.document.skips import Skipped

if TYPE_CHECKING:
    from storyline.store.ingest import IngestSummary

__all__ = ["PROGRESS_EVERY", "Callbacks", "Progress", "SkipsFile", "told"]

PROGRESS_EVERY = 10.0  # seconds between progress lines off a terminal
_BAR_REFRESH = 1.0  # seconds between redraws of the bar while no article finishes


class Progress:
    """Articles done (of ``total``, where known), their rate and a note (``3 skipped``) on
    ``stream``: tqdm's bar on a terminal, else a line at most every ``every`` seconds.
    ``show=False`` draws nothing; :meth:`write` prints a line either way.

    Articles finish in bursts, a batch of the parse at a time, minutes apart on a long corpus;
    used as a context manager, a thread also writes the line (or redraws the bar's clock) while
    none finishes, so the run is seen to be alive.
    """

    def __init__(
        self,
        desc: str,
        total: int | None = None,
        *,
        every: float = PROGRESS_EVERY,
        show: bool = True,
        stream: IO[str] | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.desc = desc
        self.total = total
        self.every = every
        self.stream = stream if stream is not None else sys.stderr
        self._clock = clock
        self._started = self._last_line = clock()
        self._show = show
        self._done, self._note = 0, ""
        self._lock = threading.Lock()  # one line at a time, from the run or the ticking thread
        self._stopped = threading.Event()
        self._ticking: threading.Thread | None = None
        self._bar: tqdm[NoReturn] | None = None
        if show and self.stream.isatty():
            self._bar = tqdm(total=total, desc=desc, unit=" articles", file=self.stream, smoothing=0.1)

    def update(self, done: int, note: str = "") -> None:
        """``done`` articles so far; ``note`` follows the rate."""
        self._done, self._note = done, note
        if self._bar is not None:
            with self._lock:
                self._bar.update(done - self._bar.n)
                self._bar.set_postfix_str(note, refresh=False)
            return
        self.tick()

    def tick(self) -> None:
        """Write the line if ``every`` seconds have passed since the last one (off a terminal)."""
        now = self._clock()
        if self._bar is not None or not self._show or now - self._last_line < self.every:
            return
        self._last_line = now
        self.write(self._meter(self._done, now - self._started, self._note))

    def _meter(self, done: int, elapsed: float, note: str) -> str:
        """``storyline ingest: 120/1,000 articles (12%), 1.9 articles/s, 01:02 elapsed, 07:34 left, 3 skipped``."""
        rate = done / elapsed if elapsed > 0 else 0.0
        shown = f"{done:,}/{self.total:,} articles ({done / self.total:.0%})" if self.total else f"{done:,} articles"
        parts = [f"{self.desc}: {shown}", f"{rate:.1f} articles/s", f"{tqdm.format_interval(elapsed)} elapsed"]
        if self.total and done:
            parts.append(f"{tqdm.format_interval(elapsed * max(self.total - done, 0) / done)} left")
        return ", ".join([*parts, note] if note else parts)

    def write(self, line: str) -> None:
        """A line of its own (a skip, a stage), above the bar where there is one."""
        with self._lock:
            if self._bar is not None:
                self._bar.write(line, file=self.stream)
            else:
                print(line, file=self.stream, flush=True)

    def _tick_while_running(self) -> None:
        interval = _BAR_REFRESH if self._bar is not None else self.every
        while not self._stopped.wait(interval):
            if self._bar is None:
                self.tick()
                continue
            with self._lock:
                self._bar.refresh()

    def close(self) -> None:
        self._stopped.set()
        if self._ticking is not None:
            self._ticking.join()
            self._ticking = None
        if self._bar is not None:
            self._bar.close()
            self._bar = None

    def __enter__(self) -> Progress:
        if self._show and (self._bar is not None or self.every > 0):
            self._ticking = threading.Thread(target=self._tick_while_running, name="progress", daemon=True)
            self._ticking.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class SkipsFile:
    """``--skips FILE``: a JSON line per skipped input (:meth:`Skipped.to_json`); no file, no-op."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._stream: IO[str] | None = None

    def write(self, skipped: Skipped) -> None:
        if self._stream is not None:
            self._stream.write(json.dumps(skipped.to_json(), ensure_ascii=False) + "\n")

    def __enter__(self) -> SkipsFile:
        if self.path is not None:
            self._stream = self.path.open("w", encoding="utf-8")
        return self

    def __exit__(self, *exc: object) -> None:
        if self._stream is not None:
            self._stream.close()


class Callbacks(TypedDict):
    """How a store-writing run tells its caller how it goes (:func:`storyline.store.ingest.ingest`)."""

    on_progress: Callable[[IngestSummary], None]
    on_skip: Callable[[Skipped], None]
    on_stage: Callable[[str], None]


@contextmanager
def told(
    desc: str, total: int | None, *, quiet: bool, every: float = PROGRESS_EVERY, skips_path: Path | None = None
) -> Iterator[tuple[Progress, Callbacks]]:
    """A store-writing run's progress and the callbacks that tell it (``on_progress``,
    ``on_skip``, ``on_stage`` of :func:`storyline.store.ingest.ingest`): each skip printed as
    ``storyline process`` prints it, quiet or not, and written to ``--skips``."""
    with Progress(desc, total, every=every, show=not quiet) as progress, SkipsFile(skips_path) as skips:

        def skipped(skip: Skipped) -> None:
            progress.write(f"storyline: {skip}")
            skips.write(skip)

        def stage(message: str) -> None:
            if not quiet:
                progress.write(f"storyline: {message}")

        def counted(so_far: IngestSummary) -> None:
            unchanged = f", {so_far.unchanged:,} unchanged" if so_far.unchanged else ""
            progress.update(so_far.read, f"{so_far.skipped:,} skipped{unchanged}")

        yield progress, Callbacks(on_progress=counted, on_skip=skipped, on_stage=stage)
