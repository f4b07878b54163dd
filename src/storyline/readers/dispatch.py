"""Which reader reads what: by extension, then by a look at the content."""

from __future__ import annotations

import gzip
import os
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, cast

from storyline.document.article import Article
from storyline.document.skips import Skipped, SkipReason
from storyline.errors import InputNotFound, InvalidArgument
from storyline.readers.guard import GZIP_MAGIC, gunzip, looks_binary, too_large
from storyline.readers.html import looks_like_html, read_html
from storyline.readers.jsonl import read_jsonl
from storyline.readers.parquet import read_parquet
from storyline.readers.text import read_text
from storyline.readers.warc import read_warc
from storyline.settings import MAX_INPUT_BYTES

__all__ = ["FORMATS", "detect_format", "folder_files", "read_file", "read_inputs", "read_path", "read_stream"]

FORMATS = ("auto", "text", "html", "jsonl", "warc", "parquet")

_EXTENSIONS = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".warc": "warc",
    ".arc": "warc",
    ".parquet": "parquet",
}

Item = Article | Skipped


def detect_format(path: Path) -> str | None:
    """The reader for a file name (gzipped ones, ``.html.gz``, ``.txt.gz``, ``.jsonl.gz``,
    ``.warc.gz``, included), or None if unknown."""
    suffixes = [s.lower() for s in path.suffixes[-2:]]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    ext = suffixes[-1] if suffixes else ""
    if ext and not ext[1:].isalpha():  # "report.2025" has no real extension
        ext = ""
    return _EXTENSIONS.get(ext)


def read_inputs(paths: Iterable[str | Path], fmt: str = "auto") -> Iterator[Item]:
    """Every article (or skip) from every path, in order; ``-`` reads standard input."""
    for path in paths:
        if str(path) == "-":
            import sys

            yield from read_stream(sys.stdin.buffer, "<stdin>", fmt)
        else:
            yield from read_path(Path(path), fmt)


def read_path(path: Path, fmt: str = "auto") -> Iterator[Item]:
    """Articles from a file or, recursively, a folder (hidden entries are passed over)."""
    if fmt not in FORMATS:
        raise InvalidArgument(f"unknown input format {fmt!r}: choose one of {', '.join(FORMATS)}")
    if not path.exists():
        raise InputNotFound(f"{path}: no such file or folder")
    if path.is_dir():
        for file in folder_files(path):
            yield from read_file(file, fmt, explicit=False)
        return
    yield from read_file(path, fmt, explicit=True)


def folder_files(folder: Path) -> Iterator[Path]:
    """The files of a folder and its subfolders, in the order they are read (hidden ones passed over)."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield Path(root) / name


def read_file(path: Path, fmt: str, explicit: bool, part: tuple[int, int] | None = None) -> Iterator[Item]:
    """The articles of one file; ``explicit``: named by the user (not found in a folder, where a
    file of unknown type is skipped); ``part``: of an uncompressed JSON Lines or a Parquet file,
    only these lines or rows (``start``, ``stop``), as a distributed run reads a partition."""
    where = str(path)
    kind = fmt if fmt != "auto" else detect_format(path)
    if kind is None and not explicit and path.suffix:
        yield Skipped(where, SkipReason.UNSUPPORTED, f"unknown file type {path.suffix!r} in a folder")
        return
    try:
        if kind == "parquet":
            yield from read_parquet(path, part)
            return
        if kind in ("jsonl", "warc"):
            opener = gzip.open if path.suffix.lower() == ".gz" and kind == "jsonl" else open
            with opener(path, "rb") as stream:
                try:
                    if kind == "jsonl":
                        yield from read_jsonl(cast(IO[bytes], stream), where, lines=part)
                        return
                    yield from read_stream(cast(IO[bytes], stream), where, kind)
                except (gzip.BadGzipFile, EOFError, zlib.error) as err:  # a corrupt or truncated .jsonl.gz
                    yield Skipped(where, SkipReason.BAD_JSON, f"cannot decompress the rest of the file: {err}")
            return
        size = path.stat().st_size
        skip = too_large(size, where)
        if skip:
            yield skip
            return
        data = path.read_bytes()
    except OSError as err:
        raise InputNotFound(f"{path}: cannot read it ({err.strerror or err})") from err
    yield _read_document(data, where, kind or "auto")


def read_stream(stream: IO[bytes], name: str, fmt: str = "auto") -> Iterator[Item]:
    """Articles from a byte stream (standard input, an opened file)."""
    if fmt == "parquet":
        raise InvalidArgument(f"{name}: Parquet is read from a file, not a stream")
    if fmt == "jsonl":
        yield from read_jsonl(stream, name)
    elif fmt == "warc":
        yield from read_warc(stream, name)
    else:
        data = stream.read(MAX_INPUT_BYTES + 1)
        skip = too_large(len(data), name)
        yield skip or _read_document(data, name, fmt)


def _read_document(data: bytes, where: str, fmt: str) -> Item:
    """One article from the bytes of a whole text or HTML file, gzipped or not (a crawler's
    ``page.html.gz``: read by its content, whatever the name says)."""
    if data.startswith(GZIP_MAGIC):
        unpacked = gunzip(data, where)
        if isinstance(unpacked, Skipped):
            return unpacked
        data = unpacked
    if not data.strip():
        return Skipped(where, SkipReason.EMPTY, "the input is empty")
    if fmt == "html" or (fmt == "auto" and looks_like_html(data) and not looks_binary(data)):
        return read_html(data, where)
    return read_text(data, where)
