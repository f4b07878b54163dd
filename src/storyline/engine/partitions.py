"""A distributed run's partitions: the inputs cut into pieces that the workers read for themselves.

A partition is a list of pieces; a piece is a file, or a range of lines of an uncompressed JSON
Lines file, or a range of rows of a Parquet file. Read one after another in their order, the
partitions give exactly what :func:`storyline.readers.read_inputs` gives (the same articles and
skips, with the same names), so that a distributed run's documents are the local run's.

Planning reads no article: it counts lines (JSON Lines) and reads footers (Parquet). Files of
one article each (text, HTML) are grouped ``size`` to a partition; a compressed JSON Lines file
or a WARC file cannot be cut, and is a partition of its own.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from storyline.document.article import Article
from storyline.document.skips import Skipped
from storyline.errors import InputNotFound, InvalidArgument
from storyline.readers import FORMATS, detect_format, folder_files, read_file
from storyline.readers.parquet import count_rows

__all__ = ["PARTITION", "Partition", "Piece", "plan", "read_partition"]

PARTITION = 32  # articles a partition holds, by default: enough to keep every worker busy to the end


@dataclass(frozen=True)
class Piece:
    path: str
    explicit: bool  # named by the user, not found in a folder (where a file of unknown type is skipped)
    part: tuple[int, int] | None = None  # lines (JSON Lines) or rows (Parquet): start, stop


@dataclass(frozen=True)
class Partition:
    index: int
    pieces: tuple[Piece, ...]
    fmt: str

    def one_by_one(self) -> list[Partition]:
        """The partition as partitions of one input each (a JSON Lines line, a Parquet row, a
        file), under its own index: to find the one that kills its worker."""
        ones: list[Partition] = []
        for piece in self.pieces:
            if piece.part is None:
                ones.append(Partition(self.index, (piece,), self.fmt))
                continue
            ones += [
                Partition(self.index, (Piece(piece.path, piece.explicit, (n, n + 1)),), self.fmt)
                for n in range(*piece.part)
            ]
        return ones

    @property
    def where(self) -> str:
        """Its first input's name, as its reader names it."""
        piece = self.pieces[0]
        if piece.part is None:
            return piece.path
        mark = "#" if _kind(piece.path, self.fmt) == "parquet" else ":"
        return f"{piece.path}{mark}{piece.part[0] + 1}"


def plan(inputs: Sequence[str], fmt: str = "auto", size: int = PARTITION) -> list[Partition]:
    """The partitions of ``inputs`` (files and folders; not standard input, which the workers
    cannot read), each of at most ``size`` articles where that can be known."""
    if fmt not in FORMATS:
        raise InvalidArgument(f"unknown input format {fmt!r}: choose one of {', '.join(FORMATS)}")
    groups: list[tuple[Piece, ...]] = []
    loose: list[Piece] = []  # files of one article, waiting to fill a partition

    def flush() -> None:
        if loose:
            groups.append(tuple(loose))
            loose.clear()

    for path, explicit in _files(inputs):
        rows = _rows(path, fmt)
        if rows is None and _one_article(str(path), fmt):
            loose.append(Piece(str(path), explicit))
            if len(loose) == size:
                flush()
            continue
        flush()
        if rows is None:
            groups.append((Piece(str(path), explicit),))
            continue
        groups.extend((Piece(str(path), explicit, (start, min(start + size, rows))),) for start in range(0, rows, size))
    flush()
    return [Partition(index, pieces, fmt) for index, pieces in enumerate(groups)]


def read_partition(partition: Partition) -> Iterator[Article | Skipped]:
    """What the partition's pieces hold, in order."""
    for piece in partition.pieces:
        yield from read_file(Path(piece.path), partition.fmt, piece.explicit, piece.part)


def _files(inputs: Sequence[str]) -> Iterator[tuple[Path, bool]]:
    for name in inputs:
        if name == "-":
            raise InvalidArgument(
                "a distributed run reads files and folders (its workers read them), not standard input"
            )
        path = Path(name)
        if not path.exists():
            raise InputNotFound(f"{path}: no such file or folder")
        if path.is_dir():
            yield from ((file, False) for file in folder_files(path))
        else:
            yield path, True


def _kind(path: str, fmt: str) -> str | None:
    return fmt if fmt != "auto" else detect_format(Path(path))


def _one_article(path: str, fmt: str) -> bool:
    return _kind(path, fmt) not in ("jsonl", "warc", "parquet")


def _rows(path: Path, fmt: str) -> int | None:
    """The lines of an uncompressed JSON Lines file, the rows of a Parquet file; None for a file
    that cannot be cut (or a Parquet file that cannot be read: its reader says why)."""
    kind = _kind(str(path), fmt)
    if kind == "parquet":
        try:
            return count_rows(path)
        except Exception:  # (any DuckDB error) read whole, the reader records the skip
            return None
    if kind != "jsonl" or path.suffix.lower() == ".gz":
        return None
    lines, last = 0, b"\n"
    with path.open("rb") as stream:
        while chunk := stream.read(1 << 20):
            lines += chunk.count(b"\n")
            last = chunk[-1:]
    return lines + (last != b"\n")
