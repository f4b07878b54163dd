"""One way to talk to either store: an embedded DuckDB file, or a PostgreSQL server.

``open_store("corpus.duckdb")`` opens (or creates) a DuckDB file; ``open_store("postgresql://...")``
connects to a server; ``create=False`` refuses a DuckDB path that does not exist (a mistyped
``--db`` would otherwise answer from a new, empty store). DuckDB lets one process at a time
open a file: where another holds it, the error says so, with its PID.

Both answer the same SQL: every statement storyline sends is written once, with ``?``
placeholders, and :class:`Store` rewrites them to ``%s`` for psycopg. User text only ever
travels as a parameter, never inside the SQL.
"""

from __future__ import annotations

import contextlib
import difflib
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, TypeAlias

from storyline.errors import InvalidArgument, StoreError, StorylineError

__all__ = ["Row", "Store", "Value", "open_store"]

# A value a column holds, as the drivers give it back.
Value: TypeAlias = str | int | float | bool | None
Row: TypeAlias = tuple[Value, ...]


class _Cursor(Protocol):
    description: Sequence[Sequence[object]] | None

    def execute(self, sql: str, params: Sequence[Value] = ...) -> object: ...
    def executemany(self, sql: str, params: Sequence[Sequence[Value]]) -> object: ...
    def fetchall(self) -> list[Row]: ...


class _Connection(Protocol):
    def cursor(self) -> _Cursor: ...
    def commit(self) -> None: ...
    def rollback(self) -> None: ...
    def close(self) -> None: ...


_ROWS_PER_INSERT = 200


@dataclass
class Store:
    """A connection to a store and the dialect it speaks (``"duckdb"`` or ``"postgres"``)."""

    connection: _Connection
    backend: str
    where: str  # the file or the URL without its password, for messages
    url: str = field(default="", repr=False)  # a PostgreSQL store's URL, password included, to connect again

    def reader(self) -> Store:
        """Another connection to the same store, for reading on another thread while this one
        writes: a DuckDB cursor (a connection of its own to the same database, which sees each
        write once it is committed), or a new PostgreSQL connection in autocommit mode (each
        query sees what is committed; no transaction is left open between requests)."""
        if self.backend == "duckdb":
            return Store(self.connection.cursor(), "duckdb", self.where)  # type: ignore[arg-type]
        reader = _postgres(self.url)
        reader.connection.autocommit = True  # type: ignore[attr-defined]  # psycopg's connection
        return reader

    def execute(self, sql: str, params: Sequence[Value] = ()) -> None:
        with self._errors():
            self._cursor().execute(self._dialect(sql), params)

    def executemany(self, sql: str, rows: Sequence[Sequence[Value]]) -> None:
        if not rows:
            return
        with self._errors():
            if self.backend == "duckdb" and sql.rstrip().endswith(")") and " VALUES (" in sql:
                self._insert_values(sql, rows)
            else:
                self._cursor().executemany(self._dialect(sql), rows)

    def _insert_values(self, sql: str, rows: Sequence[Sequence[Value]]) -> None:
        """An INSERT of many rows as one statement per :data:`_ROWS_PER_INSERT` rows: DuckDB runs
        ``executemany`` a row at a time, tens of times slower."""
        head, _, one = sql.rpartition(" VALUES ")
        for start in range(0, len(rows), _ROWS_PER_INSERT):
            chunk = rows[start : start + _ROWS_PER_INSERT]
            values = ", ".join([one] * len(chunk))
            self._cursor().execute(f"{head} VALUES {values}", [v for row in chunk for v in row])

    def query(self, sql: str, params: Sequence[Value] = ()) -> list[Row]:
        with self._errors():
            cursor = self._cursor()
            cursor.execute(self._dialect(sql), params)
            return cursor.fetchall()

    def query_dicts(self, sql: str, params: Sequence[Value] = ()) -> list[dict[str, Value]]:
        with self._errors():
            cursor = self._cursor()
            cursor.execute(self._dialect(sql), params)
            names = [str(column[0]) for column in cursor.description or ()]
            return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    @contextlib.contextmanager
    def _errors(self) -> Iterator[None]:
        """The driver's errors as :class:`StoreError`, naming the store."""
        try:
            yield
        except StorylineError:
            raise
        except Exception as err:
            if type(err).__module__.split(".")[0] not in ("duckdb", "_duckdb", "psycopg"):
                raise
            first = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
            raise StoreError(f"store {self.where}: {first}") from err

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """Everything inside is stored together or not at all (a crash rolls it back)."""
        if self.backend == "duckdb":
            self.execute("BEGIN TRANSACTION")
        try:
            yield
        except BaseException:
            with contextlib.suppress(Exception):  # (the error that got here is the one to report)
                self.connection.rollback()
            raise
        self.connection.commit()

    def close(self) -> None:
        self.connection.close()

    def _cursor(self) -> _Cursor:
        """DuckDB's connection is its own cursor (its ``cursor()`` opens another connection, with
        a transaction of its own); psycopg's cursors share their connection's transaction."""
        return self.connection if self.backend == "duckdb" else self.connection.cursor()  # type: ignore[return-value]

    def _dialect(self, sql: str) -> str:
        return sql.replace("%", "%%").replace("?", "%s") if self.backend == "postgres" else sql


def open_store(where: str | Path, *, create: bool = True) -> Store:
    """The store at ``where``: a ``postgresql://`` (or ``postgres://``) URL, or a DuckDB file
    path, created if missing unless ``create`` is false (then a missing file is an
    :class:`InvalidArgument` naming the path). Its schema is brought up to date by the caller
    (:func:`storyline.store.schema.migrate`)."""
    target = str(where)
    if target.startswith(("postgresql://", "postgres://")):
        return _postgres(target)
    return _duckdb(Path(target), create)


def _duckdb(path: Path, create: bool) -> Store:
    import duckdb  # imported on use: `storyline process` never needs it

    if path.is_dir():
        raise InvalidArgument(f"--db {path}: a folder; give a file such as {path / 'storyline.duckdb'}")
    if not path.parent.exists():
        raise InvalidArgument(f"--db {path}: no folder {path.parent}")
    if not create and not path.exists():
        raise InvalidArgument(f"--db {path}: no such store{_did_you_mean(path)}; storyline ingest creates one")
    try:
        connection = duckdb.connect(str(path))
    except duckdb.IOException as err:
        held = _LOCK_HELD.search(str(err))
        if held is None:
            raise InvalidArgument(f"--db {path}: cannot open it ({err})") from err
        raise StoreError(
            f"store {path}: another process (PID {held['pid']}) has it open, e.g. a running storyline serve "
            "or ingest, and DuckDB lets one process at a time use a file; stop that process and retry, "
            "ask the server over HTTP (GET /events, /quotes, ...), or use a PostgreSQL store for many users"
        ) from err
    except duckdb.Error as err:
        raise InvalidArgument(f"--db {path}: not a DuckDB store ({err})") from err
    return Store(connection, "duckdb", str(path))  # type: ignore[arg-type]  # duckdb's own connection type


# DuckDB's words when another process holds the file's lock (duckdb 1.x and 2.0):
# 'IO Error: Could not set lock on file "x.duckdb": Conflicting lock is held in /usr/bin/python3 (PID 4242)'
_LOCK_HELD = re.compile(r"Could not set lock on file.*\(PID (?P<pid>\d+)\)", re.DOTALL)


def _did_you_mean(path: Path) -> str:
    """``(did you mean news.duckdb?)`` for a mistyped name, where the folder holds a close one."""
    names = [p.name for p in path.parent.iterdir() if p.is_file()] if path.parent.is_dir() else []
    close = difflib.get_close_matches(path.name, names, n=1, cutoff=0.8)
    return f" (did you mean {path.with_name(close[0])}?)" if close else ""


def _postgres(url: str) -> Store:
    import psycopg

    shown = _without_password(url)
    try:
        connection = psycopg.connect(url)
    except psycopg.Error as err:
        raise InvalidArgument(f"--db {shown}: cannot connect ({str(err).strip()})") from err
    return Store(connection, "postgres", shown, url)  # type: ignore[arg-type]  # psycopg's own cursor types


def _without_password(url: str) -> str:
    scheme, sep, rest = url.partition("://")
    credentials, at, host = rest.rpartition("@")
    if not at:
        return url
    user = credentials.split(":", 1)[0]
    return f"{scheme}{sep}{user}@{host}"
