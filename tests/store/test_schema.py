"""The tables' declaration and the migrations agree, on DuckDB and on PostgreSQL alike.

The migrations are literal SQL, frozen once released; the declaration (``TABLES``) says what
the store holds now and is what rows are written through. A column added to the declaration
without a migration that adds it to the store is caught here, not in a user's store.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterator, Sequence

import pytest

from storyline.errors import StoreError
from storyline.store.connection import Store, open_store
from storyline.store.schema import MIGRATIONS, TABLES, Column, Table, insert, migrate
from storyline.store.schema import table as declaration

# What each backend calls the declared types (information_schema.columns.data_type).
REPORTED = {
    "duckdb": {
        "TEXT": "VARCHAR",
        "INTEGER": "INTEGER",
        "BIGINT": "BIGINT",
        "DOUBLE PRECISION": "DOUBLE",
        "BOOLEAN": "BOOLEAN",
    },
    "postgres": {
        "TEXT": "text",
        "INTEGER": "integer",
        "BIGINT": "bigint",
        "DOUBLE PRECISION": "double precision",
        "BOOLEAN": "boolean",
    },
}


@pytest.fixture()
def store(store_url: str) -> Iterator[Store]:
    opened = open_store(store_url)
    yield opened
    opened.close()


def differences(store: Store, tables: Sequence[Table]) -> list[str]:
    """How the tables the migrations made in ``store`` differ from the declared ``tables``:
    each table's columns, by name and type, in order."""
    made: dict[str, list[tuple[str, str]]] = {}
    for table, column, kind in store.query(
        "SELECT table_name, column_name, data_type FROM information_schema.columns "
        "WHERE table_schema = current_schema() AND table_name <> 'schema_version' "
        "ORDER BY table_name, ordinal_position"
    ):
        made.setdefault(str(table), []).append((str(column), str(kind)))
    declared = {t.name: t for t in tables}
    found = []
    for name in sorted(made.keys() | declared.keys()):
        if name not in declared:
            found.append(f"{name}: the migrations make it, TABLES does not declare it")
            continue
        table = declared[name]
        if name not in made:
            found.append(f"{name}: declared, and no migration makes it (add one: {table.ddl()!r})")
            continue
        wanted = [(c.name, REPORTED[store.backend][c.type]) for c in table.columns]
        if made[name] != wanted:
            added = [c for c in table.columns if c.name not in {m for m, _ in made[name]}]
            hint = "; ".join(f"ALTER TABLE {name} ADD COLUMN {c.name} {c.type}" for c in added)
            found.append(f"{name}: the migrations make {made[name]}, TABLES declares {wanted} (a migration: {hint})")
    return found


def test_the_migrations_make_the_declared_tables(store: Store) -> None:
    migrate(store)
    assert differences(store, TABLES) == []


def test_a_column_declared_without_a_migration_is_caught(store: Store) -> None:
    migrate(store)
    events = declaration("events")
    grown = dataclasses.replace(events, columns=(*events.columns, Column("tone", "DOUBLE PRECISION", "its tone")))
    declared = [grown if t is events else t for t in TABLES]
    [found] = differences(store, declared)
    assert found.startswith("events: the migrations make [") and found.endswith(
        "(a migration: ALTER TABLE events ADD COLUMN tone DOUBLE PRECISION)"
    )
    store.execute("ALTER TABLE events ADD COLUMN tone DOUBLE PRECISION")  # what that migration would do
    assert differences(store, declared) == []


def test_a_table_declared_without_a_migration_is_caught(store: Store) -> None:
    migrate(store)
    notes = Table("notes", "Notes.", (Column("note_id", "TEXT", "its id"),), ("note_id",))
    assert differences(store, [*TABLES, notes]) == [
        "notes: declared, and no migration makes it (add one: 'CREATE TABLE notes (\\n  note_id TEXT,\\n  "
        "PRIMARY KEY (note_id)\\n)')"
    ]
    assert differences(store, TABLES[1:])[0] == "ingest_runs: the migrations make it, TABLES does not declare it"


def test_migration_one_is_the_one_released() -> None:
    # A released migration never changes (stores made with it hold what it made): change the
    # schema with a new migration instead.
    statements = "\n;\n".join(MIGRATIONS[1]).encode()
    assert hashlib.sha256(statements).hexdigest() == "a8fb812b55578a377f2ec43748bae796da13c38aa887c5b4e0a439ff30f75b12"
    assert len(MIGRATIONS[1]) == 14 and all(isinstance(s, str) for s in MIGRATIONS[1])


def test_a_store_made_before_the_events_day_has_it_filled_in(store: Store) -> None:
    """Migration 6 gives each stored event its day: its date where that is a day, else its article's."""
    store.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied TEXT)")
    with store.transaction():
        for version in range(1, 6):  # (5 and before hold no statement for PostgreSQL alone)
            for statement in MIGRATIONS[version]:
                store.execute(statement)
            store.execute("INSERT INTO schema_version (version, applied) VALUES (?, '')", (version,))
        store.execute("INSERT INTO articles (article_id, published) VALUES ('a', '2024-03-05'), ('b', NULL)")
        for article, event, date in [("a", "V1", "2024-03-01"), ("a", "V2", "2024-W10"), ("b", "V1", "PRESENT_REF")]:
            store.execute("INSERT INTO events (article_id, event_id, date) VALUES (?, ?, ?)", (article, event, date))
    assert migrate(store) == 5
    days = store.query("SELECT article_id, event_id, day FROM events ORDER BY article_id, event_id")
    assert days == [("a", "V1", "2024-03-01"), ("a", "V2", "2024-03-05"), ("b", "V1", None)]


def test_postgresql_has_the_indexes_its_text_search_needs(store: Store) -> None:
    migrate(store)
    if store.backend == "duckdb":  # (DuckDB runs none of the statements marked PostgreSQL's)
        assert not store.query("SELECT index_name FROM duckdb_indexes() WHERE index_name LIKE '%_words'")
        return
    made = {str(row[0]) for row in store.query("SELECT indexname FROM pg_indexes WHERE indexname LIKE '%_words'")}
    assert made == {
        "events_by_sentence_words",
        "quotes_by_speaker_words",
        "quotes_by_speaker_code_words",
        "quotes_by_content_words",
        "articles_by_title_words",
        "articles_by_text_words",
    }
    store.execute("SET enable_seqscan = off")  # (on a few rows the planner would rather scan)
    plan = " ".join(str(r[0]) for r in store.query("EXPLAIN SELECT * FROM events WHERE sentence ILIKE '%oil%'"))
    assert "events_by_sentence_words" in plan


def test_rows_are_written_by_column_name(store: Store) -> None:
    migrate(store)
    with store.transaction():
        insert(store, "skipped", [{"detail": "NUL bytes", "reason": "binary", "input": "a.gz", "run_id": "r1"}])
    assert store.query("SELECT run_id, input, reason, detail FROM skipped") == [("r1", "a.gz", "binary", "NUL bytes")]


def test_a_row_gives_every_declared_column_and_no_other() -> None:
    skipped = declaration("skipped")
    row = {"run_id": "r1", "input": "a.gz", "reason": "binary", "detail": None}
    assert skipped.values(row) == ("r1", "a.gz", "binary", None)
    assert skipped.insert_sql == "INSERT INTO skipped (run_id, input, reason, detail) VALUES (?, ?, ?, ?)"
    with pytest.raises(StoreError, match=r"^a row of skipped with no detail: give every column"):
        skipped.values({k: v for k, v in row.items() if k != "detail"})
    with pytest.raises(StoreError, match=r"^a row of skipped with why, which it does not declare: "):
        skipped.values({**row, "why": "binary"})
