"""How long the store's queries and exports take on a store (issue 16: each under 1 s).

    python bench/store_queries.py --db reuters.duckdb [--repeat 3]

Each query (the library functions ``storyline events|quotes|actors|articles`` call) and each
export format is run ``--repeat`` times; the median, the 95th percentile and the slowest are
printed, with the rows each gave. The store is opened once, as the HTTP API will hold it.
``bench/million.py`` times the same cases on a store of a million events.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from storyline.store.connection import Store, open_store
from storyline.store.export import FORMATS, export
from storyline.store.queries import EventFilter, actors, articles, events, quotes
from storyline.store.schema import migrate

Case = tuple[str, Callable[[], int]]  # what is timed, and the call (it returns the rows it gave)


def query_cases(store: Store) -> list[Case]:
    """The queries analysts run."""
    return [
        ("events (newest 100)", lambda: len(events(store, EventFilter()).rows)),
        ("events --actor USA", lambda: len(events(store, EventFilter(actor="USA")).rows)),
        ("events --code 19 --coded source", lambda: len(events(store, EventFilter(code="19", coded="source")).rows)),
        (
            "events --since/--until a month",
            lambda: len(events(store, EventFilter(since="1987-03-01", until="1987-03-31")).rows),
        ),
        ("events --min-sources 2", lambda: len(events(store, EventFilter(min_sources=2)).rows)),
        ("events --text 'oil prices'", lambda: len(events(store, EventFilter(text="oil prices")).rows)),
        (
            "events --quad-class 4 --modality asserted",
            lambda: len(events(store, EventFilter(quad_class=4, modality="asserted")).rows),
        ),
        ("quotes --speaker baker", lambda: len(quotes(store, speaker="baker").rows)),
        ("actors (top 100)", lambda: len(actors(store).rows)),
        ("articles --text opec", lambda: len(articles(store, text="opec").rows)),
    ]


def export_cases(store: Store, scratch: Path) -> list[Case]:
    """An export of the whole store in every format, into ``scratch``."""
    return [(f"export --format {f}", lambda f=f: sum(export(store, f, scratch / f).values())) for f in FORMATS]


def report(cases: list[Case], repeat: int) -> dict[str, float]:
    """Run each case ``repeat`` times and print its median, p95 and slowest seconds and its rows;
    returns each case's p95."""
    p95s = {}
    print(f"{'case':45} {'median s':>9} {'p95 s':>7} {'max s':>7} {'rows':>9}", flush=True)
    for name, run in cases:
        times = []
        rows = 0
        for _ in range(repeat):
            started = time.perf_counter()
            rows = run()
            times.append(time.perf_counter() - started)
        times.sort()
        p95s[name] = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
        print(f"{name:45} {statistics.median(times):9.3f} {p95s[name]:7.3f} {times[-1]:7.3f} {rows:9,}", flush=True)
    return p95s


def held(store: Store) -> str:
    """What the store holds, in one line."""
    tables = ("articles", "events", "corpus_events", "quotes")
    return ", ".join(f"{store.query(f'SELECT COUNT(*) FROM {t}')[0][0]:,} {t}" for t in tables)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    store = open_store(args.db)
    migrate(store)
    print("store:", args.db, held(store))
    with tempfile.TemporaryDirectory() as scratch:
        report(query_cases(store) + export_cases(store, Path(scratch)), args.repeat)
    store.close()


if __name__ == "__main__":
    main()
