"""JSON Lines: one article per line,
``{"text": ..., "id"?, "url"?, "title"?, "published"?, "modified"?, "source"?}``."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import IO

from storyline.document.article import Article, parse_published
from storyline.document.encode import JSON
from storyline.document.skips import Skipped, SkipReason
from storyline.errors import InvalidArgument
from storyline.settings import MAX_INPUT_BYTES

__all__ = ["article_from_record", "read_jsonl"]

_FIELDS = ("url", "title", "source")


def read_jsonl(
    stream: IO[bytes], name: str, limit: int = MAX_INPUT_BYTES, lines: tuple[int, int] | None = None
) -> Iterator[Article | Skipped]:
    """Yield one article (or skip) per non-blank line; a bad line never stops the file.
    ``lines``: only lines ``start <= n < stop`` (counted from 0; a distributed run's partition),
    named by their place in the whole file."""
    start, stop = lines or (0, None)
    for _ in range(start):
        if not _drain_line(stream):
            return
    lineno = start
    while stop is None or lineno < stop:
        line = stream.readline(limit + 1)
        if not line:
            return
        lineno += 1
        where = f"{name}:{lineno}"
        if len(line) > limit and not line.endswith(b"\n"):
            size = len(line) + _drain_line(stream)
            yield Skipped(where, SkipReason.TOO_LARGE, f"line of {size:,} bytes is over the {limit:,}-byte limit")
            continue
        if not line.strip():
            continue
        yield _record(line, where)


def _drain_line(stream: IO[bytes]) -> int:
    """Read past the rest of an over-long line without keeping it; return its size."""
    size = 0
    while True:
        chunk = stream.readline(1 << 20)
        size += len(chunk)
        if not chunk or chunk.endswith(b"\n"):
            return size


def _record(line: bytes, where: str) -> Article | Skipped:
    try:
        record: JSON = json.loads(line)
    except UnicodeDecodeError:
        return Skipped(where, SkipReason.NOT_UTF8, "the line is not UTF-8")
    except json.JSONDecodeError as err:
        return Skipped(where, SkipReason.BAD_JSON, f"not JSON: {err}")
    if not isinstance(record, dict):
        return Skipped(where, SkipReason.BAD_JSON, f"expected a JSON object, got {type(record).__name__}")
    return article_from_record(record, where)


def article_from_record(record: dict[str, JSON], where: str) -> Article | Skipped:
    """An article from a record's fields (a JSON Lines line, a Parquet row)."""
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        return Skipped(where, SkipReason.NO_TEXT, 'no non-empty "text" string in the record')
    fields = {k: record[k] if isinstance(record.get(k), str) else None for k in _FIELDS}
    published, modified = _day(record, "published", "date"), _day(record, "modified")
    own_id = record.get("id")
    input_id = str(own_id) if isinstance(own_id, str | int) and not isinstance(own_id, bool) else None
    return Article.create(text, published=published, modified=modified, input_id=input_id, where=where, **fields)


def _day(record: dict[str, JSON], *keys: str) -> str | None:
    """The first of ``keys`` the record gives, as a day; None where it gives none or one that
    cannot be read (relative dates are then left unresolved; the text is kept)."""
    value = next((record[k] for k in keys if record.get(k)), None)
    try:
        return parse_published(value) if isinstance(value, str) else None
    except InvalidArgument:
        return None
