"""SpanIndex answers as a scan of the whole list would (property tests against the scan)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from storyline.document.span_index import SpanIndex

_spans = st.lists(st.tuples(st.integers(0, 60), st.integers(0, 12)).map(lambda p: (p[0], p[0] + p[1])), max_size=30)
_query = st.tuples(st.integers(-5, 80), st.integers(0, 20)).map(lambda p: (p[0], p[0] + p[1]))


@given(_spans, _query)
def test_each_query_is_the_scan_in_list_order(spans: list[tuple[int, int]], query: tuple[int, int]) -> None:
    items = list(enumerate(spans))  # (position in the list, span): equal spans stay apart
    index = SpanIndex(items, lambda item: item[1])
    lo, hi = query
    assert index.overlapping(lo, hi) == [(n, (s, e)) for n, (s, e) in items if s < hi and lo < e]
    assert index.starting(lo, hi) == [(n, (s, e)) for n, (s, e) in items if lo <= s <= hi]
    assert index.ending(lo, hi) == [(n, (s, e)) for n, (s, e) in items if lo <= e <= hi]
    assert index.within(lo, hi) == [(n, (s, e)) for n, (s, e) in items if lo <= s and e <= hi]
    by_start = sorted(items, key=lambda item: item[1][0])
    assert list(index.starting_from(lo)) == [item for item in by_start if item[1][0] >= lo]
    assert list(index) == items and len(index) == len(items)
