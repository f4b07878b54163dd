"""How long the store's queries and exports take on a store (issue 16: each under 1 s).

    python bench/store_queries.py --db reuters.duckdb [--repeat 3]

Each query (the library functions ``storyline events|quotes|actors|articles`` call) and each
export format is run ``--repeat`` times; the median and the slowest are printed, with the rows
each gave. The store is opened once, as the HTTP API will hold it.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from storyline.store.connection import open_store
from storyline.store.export import FORMATS, export
from storyline.store.queries import EventFilter, actors, articles, events, quotes
from storyline.store.schema import migrate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    store = open_store(args.db)
    migrate(store)
    held = {
        t: store.query(f"SELECT COUNT(*) FROM {t}")[0][0] for t in ("articles", "events", "corpus_events", "quotes")
    }
    print("store:", args.db, ", ".join(f"{n:,} {t}" for t, n in held.items()))
    cases: list[tuple[str, Callable[[], int]]] = [
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
    with tempfile.TemporaryDirectory() as scratch:
        for fmt in FORMATS:
            cases.append(
                (f"export --format {fmt}", lambda fmt=fmt: sum(export(store, fmt, Path(scratch) / fmt).values()))
            )
        print(f"{'query':45} {'median s':>9} {'max s':>7} {'rows':>9}")
        for name, run in cases:
            times = []
            rows = 0
            for _ in range(args.repeat):
                started = time.perf_counter()
                rows = run()
                times.append(time.perf_counter() - started)
            print(f"{name:45} {statistics.median(times):9.3f} {max(times):7.3f} {rows:9,}")
    store.close()


if __name__ == "__main__":
    main()
