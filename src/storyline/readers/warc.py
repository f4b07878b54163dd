"""WARC files (plain or gzipped): each HTML response record is one page."""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from storyline.document.article import Article
from storyline.document.skips import Skipped, SkipReason
from storyline.readers.guard import too_large
from storyline.readers.html import read_html
from storyline.settings import MAX_INPUT_BYTES

__all__ = ["read_warc"]

# What a WARC (or legacy ARC) file starts with, plain or gzipped. warcio would otherwise read a
# stray text file as an ARC record and yield nothing, with no word of why.
_MAGIC = (b"WARC/", b"\x1f\x8b", b"filedesc://")


def read_warc(stream: IO[bytes], name: str, limit: int = MAX_INPUT_BYTES) -> Iterator[Article | Skipped]:
    """Yield an article or skip per HTML ``response`` record; other records are not articles."""
    if stream.seekable():
        head = stream.read(16)
        stream.seek(0)
        if not head.startswith(_MAGIC):
            yield Skipped(name, SkipReason.BAD_WARC, "not a WARC file (it does not start with 'WARC/' or gzip)")
            return
    n = 0
    try:
        for record in ArchiveIterator(stream):
            if record.rec_type != "response" or record.http_headers is None:
                continue
            n += 1
            url = record.rec_headers.get_header("WARC-Target-URI")
            where = f"{name}#{n}" + (f" ({url})" if url else "")
            ctype = (record.http_headers.get_header("Content-Type") or "").lower()
            if "html" not in ctype:
                yield Skipped(where, SkipReason.UNSUPPORTED, f"response is {ctype or 'untyped'}, not HTML")
                continue
            data = record.content_stream().read(limit + 1)
            skip = too_large(len(data), where, limit)
            yield skip or read_html(data, where, url=url)
    # warcio raises AttributeError on a response record with no WARC-Target-URI header.
    except (ArchiveLoadFailed, OSError, ValueError, AttributeError) as err:
        yield Skipped(f"{name}#{n + 1}", SkipReason.BAD_WARC, f"cannot read the WARC record: {err}")
