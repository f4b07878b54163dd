"""A time budget per article: an article that takes too long is skipped, and the run goes on.

One odd sentence must not stop a run over a million articles. The pipeline runs each article's
own stages (cleaning, and everything after the model) under :func:`deadline`; when the budget
runs out, :class:`Expired` is raised inside them and the article becomes a ``timeout`` skip.

The deadline is a timer thread that raises the exception in the working thread
(``PyThreadState_SetAsyncExc``), not ``SIGALRM``: a signal reaches only the main thread, and
storyline also runs on worker threads (a web server's, a notebook's). Either way Python can
only be interrupted between its own steps: a single long call into C (one regular expression
over a whole text) ends before the exception is seen.
"""

from __future__ import annotations

import ctypes
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from storyline.errors import InvalidArgument
from storyline.settings import TIME_BUDGET_MIN_SECONDS, TIME_BUDGET_PER_1000_WORDS

__all__ = ["MEASURING", "Budget", "Expired", "deadline"]


class Expired(BaseException):
    """The time budget ran out. A ``BaseException``, so that no stage's ``except Exception``
    can swallow it."""


@dataclass(frozen=True)
class Budget:
    """Seconds an article may take: ``per_1000_words`` for each 1,000 words, at least
    ``minimum``. ``per_1000_words=0`` means no budget."""

    per_1000_words: float = TIME_BUDGET_PER_1000_WORDS
    minimum: float = TIME_BUDGET_MIN_SECONDS

    def __post_init__(self) -> None:
        if not (self.per_1000_words >= 0 and self.minimum >= 0):  # NaN fails both
            raise InvalidArgument(
                f"a time budget must be zero (none) or positive seconds, not {self.per_1000_words} per 1,000 words "
                f"and at least {self.minimum}"
            )

    @property
    def unlimited(self) -> bool:
        return self.per_1000_words == 0

    def seconds(self, words: int) -> float:
        """The budget for a text of ``words`` words (infinite when there is none)."""
        if self.unlimited:
            return float("inf")
        return max(self.minimum, self.per_1000_words * words / 1000)


MEASURING = Budget(per_1000_words=60.0, minimum=60.0)
"""The budget of a measurement (``storyline eval``, the quality gate, the before/after check):
twenty times the default, so that a figure does not depend on how busy the machine is (under
load an article can pass the default budget, be skipped, and lower the figure), while a hang
still ends."""


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Run the body for at most ``seconds``, else raise :class:`Expired` inside it.

    Once the body has ended, no :class:`Expired` can arrive later: one that fired but was not
    yet delivered is withdrawn, under the same lock the timer fires under."""
    if seconds == float("inf"):
        yield
        return
    thread = threading.get_ident()
    lock = threading.Lock()
    state = {"ended": False, "fired": False}

    def expire() -> None:
        with lock:
            if not state["ended"]:
                _raise_in(thread, Expired)
                state["fired"] = True

    timer = threading.Timer(max(seconds, 0.0), expire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()
        with lock:
            state["ended"] = True
            if state["fired"]:
                _raise_in(thread, None)  # not yet delivered: withdrawn


def _raise_in(thread: int, exception: type[BaseException] | None) -> None:
    """Have ``thread`` raise ``exception`` at its next Python step (None withdraws one pending)."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(
        ctypes.c_ulong(thread), ctypes.py_object(exception) if exception is not None else None
    )
