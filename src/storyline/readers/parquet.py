"""Parquet: one article per row, with the columns of a JSON Lines record (``text`` and the
optional ``id``, ``url``, ``title``, ``published``, ``modified``, ``source``); other columns are
passed over. Read through DuckDB (no Arrow needed), a batch of rows at a time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

from storyline.document.article import Article
from storyline.document.encode import JSON
from storyline.document.skips import Skipped, SkipReason
from storyline.readers.jsonl import article_from_record

__all__ = ["count_rows", "read_parquet"]

_BATCH = 256  # rows fetched at a time


def count_rows(path: Path) -> int:
    """The rows of a Parquet file, from its footer."""
    import duckdb

    with duckdb.connect() as scratch:
        return int(scratch.execute("SELECT COUNT(*) FROM read_parquet(?)", [str(path)]).fetchall()[0][0])


def read_parquet(path: Path, rows: tuple[int, int] | None = None) -> Iterator[Article | Skipped]:
    """Yield one article (or skip) per row, named ``path#row`` (counted from 1); ``rows``: only
    rows ``start <= n < stop`` (counted from 0; a distributed run's partition)."""
    import duckdb

    start, stop = rows or (0, None)
    with duckdb.connect() as scratch:
        try:
            found = scratch.execute(
                "SELECT * FROM read_parquet(?, file_row_number = true) "
                "WHERE file_row_number >= ? AND (? IS NULL OR file_row_number < ?) ORDER BY file_row_number",
                [str(path), start, stop, stop],
            )
        except duckdb.Error as err:
            yield Skipped(str(path), SkipReason.UNSUPPORTED, f"not a readable Parquet file: {err}")
            return
        names = [column[0] for column in found.description or ()]
        while batch := found.fetchmany(_BATCH):
            for values in batch:
                record = {name: _plain(value) for name, value in zip(names, values, strict=True)}
                yield article_from_record(record, f"{path}#{int(str(record['file_row_number'])) + 1}")


def _plain(value: object) -> JSON:
    """A Parquet value as a JSON Lines record would give it (a date as ISO text)."""
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)
