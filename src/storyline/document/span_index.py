"""Records found by the character span they cover, without a scan of them all.

A stage that asks, for each of its records, which of another list's records overlap it does
work that grows with the square of the text: harmless on a news story, minutes on a transcript
of thousands of turns. :class:`SpanIndex` answers such a question from sorted starts.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Iterator
from typing import Generic, TypeVar

__all__ = ["SpanIndex"]

T = TypeVar("T")


class SpanIndex(Generic[T]):
    """``items``, each covering ``span(item) = (start, end)`` (end exclusive). Every query
    answers in the order of ``items``, as a scan of the list would."""

    def __init__(self, items: Iterable[T], span: Callable[[T], tuple[int, int]]) -> None:
        self._items = list(items)
        spans = [span(item) for item in self._items]
        self._by_start = sorted(range(len(spans)), key=lambda i: spans[i][0])
        self._spans = spans
        self._starts = [spans[i][0] for i in self._by_start]
        self._longest = max((end - start for start, end in spans), default=0)

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[T]:
        return iter(self._items)

    def overlapping(self, start: int, end: int) -> list[T]:
        """The items that share at least one character with ``[start, end)``."""
        return self._where(start - self._longest + 1, end - 1, lambda s, e: s < end and e > start)

    def starting(self, start: int, end: int) -> list[T]:
        """The items whose start lies in ``[start, end]``."""
        return self._where(start, end, lambda s, e: True)

    def ending(self, start: int, end: int) -> list[T]:
        """The items whose end lies in ``[start, end]``."""
        return self._where(start - self._longest, end, lambda s, e: start <= e <= end)

    def within(self, start: int, end: int) -> list[T]:
        """The items that lie wholly inside ``[start, end]``."""
        return self._where(start, end, lambda s, e: e <= end)

    def starting_from(self, start: int) -> Iterator[T]:
        """The items that start at ``start`` or after, lazily, in order of start."""
        for i in self._by_start[bisect.bisect_left(self._starts, start) :]:
            yield self._items[i]

    def _where(self, low: int, high: int, keep: Callable[[int, int], bool]) -> list[T]:
        """The items starting in ``[low, high]`` that ``keep(start, end)``, in list order."""
        first, last = bisect.bisect_left(self._starts, low), bisect.bisect_right(self._starts, high)
        found = sorted(i for i in self._by_start[first:last] if keep(*self._spans[i]))
        return [self._items[i] for i in found]
