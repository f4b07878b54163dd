"""One way to talk to either store: an embedded DuckDB file, or a PostgreSQL server.

``open_store("corpus.duckdb")`` opens (or creates) a DuckDB file; ``open_store("postgresql://...")``
connects to a server. Both answer the same SQL: every statement storyline sends is written
once, with ``?`` placeholders, and :class:`Store` rewrites them to ``%s`` for psycopg. User
text only ever travels as a parameter, never inside the SQL.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
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


def open_store(where: str | Path) -> Store:
    """The store at ``where``: a ``postgresql://`` (or ``postgres://``) URL, or a DuckDB file
    path (created if missing). Its schema is brought up to date by the caller
    (:func:`storyline.store.schema.migrate`)."""
    target = str(where)
    if target.startswith(("postgresql://", "postgres://")):
        return _postgres(target)
    return _duckdb(Path(target))


def _duckdb(path: Path) -> Store:
    import duckdb  # imported on use: `storyline process` never needs it

    if path.is_dir():
        raise InvalidArgument(f"--db {path}: a folder; give a file such as {path / 'storyline.duckdb'}")
    if not path.parent.exists():
        raise InvalidArgument(f"--db {path}: no folder {path.parent}")
    try:
        connection = duckdb.connect(str(path))
    except duckdb.Error as err:
        raise InvalidArgument(f"--db {path}: not a DuckDB store, or one another process holds ({err})") from err
    return Store(connection, "duckdb", str(path))  # type: ignore[arg-type]  # duckdb's own connection type


def _postgres(url: str) -> Store:
    import psycopg

    shown = _without_password(url)
    try:
        connection = psycopg.connect(url)
    except psycopg.Error as err:
        raise InvalidArgument(f"--db {shown}: cannot connect ({str(err).strip()})") from err
    return Store(connection, "postgres", shown)  # type: ignore[arg-type]  # psycopg's own cursor types


def _without_password(url: str) -> str:
    scheme, sep, rest = url.partition("://")
    credentials, at, host = rest.rpartition("@")
    if not at:
        return url
    user = credentials.split(":", 1)[0]
    return f"{scheme}{sep}{user}@{host}"
