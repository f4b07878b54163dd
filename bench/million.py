"""A store of a million events, and how long every query, export and UI request takes on it (issue 30).

    storyline ingest reuters21578.jsonl --db reuters.duckdb --workers 2     # the base store
    python bench/million.py build --base reuters.duckdb --db million.duckdb  # or a postgresql:// URL
    python bench/million.py time --db million.duckdb [--repeat 20]

``build`` copies the base store's tables (into PostgreSQL where ``--db`` is a URL) and replays
its articles, with every table that hangs off them, until the store holds ``--events`` events:
copy ``k`` gives each article the id ``<id>~r<k>`` (and its corpus events ``<id>~r<k>``) and
shifts every date it holds, publication days, event dates, timex values and corpus event days,
by ``k mod 10`` years, so the million events spread across ten years as an archive's would.
The replay is done by the database (``INSERT ... SELECT``), not by the pipeline: each copy's
corpus events are the base's, moved in time, as the corpus pass would conclude for a copy that
shares no days with the others. The documents' JSON is copied unchanged (its ids are the base's).

``time`` runs each case ``--repeat`` times (each export ``--exports`` times) and prints its median,
95th percentile and slowest: the library's queries and exports (the cases of
``bench/store_queries.py``), then the HTTP
requests each page of the UI makes as it loads, through the application in this process
(FastAPI's test client: the server's own time, without a network). The load test under many
users is ``bench/locustfile.py`` against ``storyline serve --db`` the same store.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

from fastapi.testclient import TestClient
from store_queries import Case, export_cases, held, query_cases, report  # type: ignore[import-not-found]  # (bench/)

from storyline.api.app import create_app
from storyline.errors import InvalidArgument
from storyline.store.connection import Store, open_store
from storyline.store.schema import TABLES, migrate, table

# The tables replayed, each with the column that names its copy. The run log and skips are not.
_REPLAYED = {t.name: ("corpus_event_id" if t.name == "corpus_events" else "article_id") for t in TABLES}
del _REPLAYED["ingest_runs"], _REPLAYED["skipped"]
# Columns that hold an article's or a corpus event's id (suffixed per copy) and a date (shifted).
_IDS = {"article_id", "duplicate_of", "best_article_id", "corpus_event_id"}
_DATES = {
    "articles": {"published", "modified", "reference"},
    "events": {"date", "day"},
    "timexes": {"value"},
    "corpus_events": {"date", "first_seen", "last_seen"},
}
_COPY = "~r"  # what marks a copy's ids


def _suffixed(column: str, copy: int) -> str:
    return f"CASE WHEN {column} IS NULL OR {column} = '' THEN {column} ELSE {column} || '{_COPY}{copy}' END"


def _shifted(column: str, years: int) -> str:
    """A TIMEX value or day with its four-digit year moved by ``years`` (others as they are)."""
    year = f"substr({column}, 1, 4)"
    return (
        f"CASE WHEN {year} SIMILAR TO '[0-9]{{4}}' "
        f"THEN CAST(CAST({year} AS INTEGER) + {years} AS TEXT) || substr({column}, 5) ELSE {column} END"
    )


def replay_sql(name: str, copy: int) -> str:
    """The INSERT that adds copy ``copy`` of the table ``name``'s base rows."""
    names = [c.name for c in table(name).columns]
    values = [
        _suffixed(n, copy) if n in _IDS else _shifted(n, copy % 10) if n in _DATES.get(name, ()) else n for n in names
    ]
    return (
        f"INSERT INTO {name} ({', '.join(names)}) SELECT {', '.join(values)} FROM {name} "
        f"WHERE {_REPLAYED[name]} NOT LIKE '%{_COPY}%'"
    )


def _copy_into_postgres(base: Store, target: Store) -> None:
    """Every replayed table's rows from the DuckDB ``base`` into the PostgreSQL ``target`` (COPY)."""
    for name in _REPLAYED:
        names = ", ".join(c.name for c in table(name).columns)
        rows = base.query(f"SELECT {names} FROM {name}")
        with target.connection.cursor() as cursor, cursor.copy(f"COPY {name} ({names}) FROM STDIN") as copy:  # type: ignore[attr-defined]
            for row in rows:
                copy.write_row(row)
        target.connection.commit()
        print(f"  copied {len(rows):,} rows of {name}", flush=True)


def build(base_path: str, db: str, wanted: int) -> None:
    if not db.startswith(("postgresql://", "postgres://")):
        if Path(db).exists():
            raise InvalidArgument(f"--db {db}: exists; build makes a new store")
        shutil.copyfile(base_path, db)
    base = open_store(base_path, create=False)
    migrate(base)
    store = open_store(db)
    migrate(store)
    if store.backend == "postgres":
        if store.query("SELECT COUNT(*) FROM articles")[0][0]:
            raise InvalidArgument(f"--db {store.where}: holds articles; build makes a new store")
        _copy_into_postgres(base, store)
    base.close()
    per_copy = int(store.query(f"SELECT COUNT(*) FROM events WHERE article_id NOT LIKE '%{_COPY}%'")[0][0])
    if not per_copy:
        raise InvalidArgument(f"--base {base_path}: holds no events to replay")
    copies = -(-wanted // per_copy) - 1
    print(f"{per_copy:,} events in the base; {copies} copies to reach {wanted:,}", flush=True)
    for copy in range(1, copies + 1):
        started = time.perf_counter()
        with store.transaction():
            for name in _REPLAYED:
                store.execute(replay_sql(name, copy))
        print(f"  copy {copy}: {time.perf_counter() - started:.1f} s", flush=True)
    store.execute("ANALYZE" if store.backend == "postgres" else "CHECKPOINT")
    store.connection.commit()
    print("store:", held(store), flush=True)
    store.close()


def ui_cases(client: TestClient) -> list[Case]:
    """The requests each UI page makes as it loads (the page, then its API calls), through the
    application's test ``client``."""
    first = client.get("/events", params={"actor": "USA", "limit": 100}).json()["rows"]
    article = first[-1]["article_id"]
    corpus_event = next(r["corpus_event_id"] for r in first if r["corpus_event_id"])

    def get(path: str, shown: str = "", **params: str | int) -> Case:
        def run() -> int:
            answer = client.get(path, params=params)
            answer.raise_for_status()
            is_json = "json" in answer.headers["content-type"]
            return len(answer.json()["rows"]) if is_json and "rows" in answer.json() else 1

        query = "&".join(f"{k}={v}" for k, v in params.items())
        return (f"GET {shown or path}{'?' + query if query else ''}", run)

    graded = {"modality": "asserted", "coded": "source"}  # what every page shows first
    return [
        get("/ui/events"),
        get("/events", limit=100, **graded),
        get("/events", limit=100, sort="sources", **graded),
        get("/events", actor="USA", code="19", limit=100, **graded),
        get("/events", text="oil", limit=100, **graded),
        get("/events/download", actor="USA", code="19", format="csv", **graded),
        get("/suggest/actors", typed="jap"),
        get("/ui/timeline"),
        get("/timeline", **graded),
        get("/timeline", actor="USA", interval="week", **graded),
        get("/ui/network"),
        get("/network", **graded),
        get("/network", actor="USA", **graded),
        get("/ui/map"),
        get("/map", **graded),
        get("/countries"),
        get(f"/ui/article/{article}", "/ui/article/{id}"),
        get(f"/articles/{article}", "/articles/{id}"),
        get(f"/ui/corpus-event/{corpus_event}", "/ui/corpus-event/{id}"),
        get(f"/corpus-events/{corpus_event}", "/corpus-events/{id}"),
        get("/quotes", speaker="baker"),
        get("/actors", limit=50),
        get("/articles", text="opec"),
        get("/stats"),
    ]


def time_store(db: str, repeat: int, exports: int) -> None:
    store = open_store(db, create=False)
    migrate(store)
    print("store:", store.where, held(store), flush=True)
    p95s = report(query_cases(store), repeat)
    if exports:
        with tempfile.TemporaryDirectory() as scratch:
            report(export_cases(store, Path(scratch)), exports)
    store.close()
    with TestClient(create_app(db)) as client:
        p95s |= report(ui_cases(client), repeat)
    slow = [f"{name} {p95:.2f} s" for name, p95 in p95s.items() if p95 >= 0.3]
    print("queries and requests with a p95 of 300 ms or more:", ", ".join(slow) or "none")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("step", choices=["build", "time"])
    parser.add_argument("--db", required=True, help="the million-event store: a DuckDB file or a postgresql:// URL")
    parser.add_argument("--base", help="build: the store to replay (DuckDB), e.g. Reuters-21578 ingested")
    parser.add_argument("--events", type=int, default=1_000_000, help="build: events to reach (default 1,000,000)")
    parser.add_argument("--repeat", type=int, default=20, help="time: runs of each query and request (default 20)")
    parser.add_argument("--exports", type=int, default=3, help="time: runs of each export (default 3; 0: none)")
    args = parser.parse_args()
    try:
        if args.step == "build":
            if not args.base:
                parser.error("build needs --base")
            build(args.base, args.db, args.events)
        else:
            time_store(args.db, args.repeat, args.exports)
    except InvalidArgument as err:
        sys.exit(f"million.py: {err}")


if __name__ == "__main__":
    main()
