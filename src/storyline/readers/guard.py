"""Byte-level checks every reader applies before it trusts an input to be text."""

from __future__ import annotations

import gzip
import io
import zlib

from storyline.document.skips import Skipped, SkipReason
from storyline.settings import MAX_INPUT_BYTES

__all__ = ["GZIP_MAGIC", "decode_text", "gunzip", "looks_binary", "too_large"]

GZIP_MAGIC = b"\x1f\x8b"  # what every gzip member starts with (RFC 1952)

# Control characters other than tab, newline, carriage return and form feed.
_CONTROL = bytes(c for c in range(32) if c not in (9, 10, 12, 13))


def looks_binary(data: bytes) -> bool:
    """True for data with a NUL byte, or over 10% control characters, in its first 8 kB."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    if not head:
        return False
    controls = sum(head.count(bytes([c])) for c in _CONTROL)
    return controls / len(head) > 0.10


def too_large(size: int, where: str, limit: int = MAX_INPUT_BYTES) -> Skipped | None:
    if size > limit:
        return Skipped(
            where,
            SkipReason.TOO_LARGE,
            f"{size:,} bytes is over the {limit:,}-byte limit for one article",
        )
    return None


def gunzip(data: bytes, where: str, limit: int = MAX_INPUT_BYTES) -> bytes | Skipped:
    """The bytes a gzipped page or text holds (``page.html.gz``), or a skip: a file cut short or
    damaged, or one that unpacks to more than ``limit`` bytes (read no further than that, so a
    small file that unpacks to gigabytes costs nothing)."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            inner = stream.read(limit + 1)
    except (OSError, EOFError, zlib.error) as err:  # gzip.BadGzipFile is an OSError
        return Skipped(where, SkipReason.BINARY, f"gzip data that cannot be unpacked ({err}); gzip -t says more")
    if len(inner) > limit:
        return Skipped(where, SkipReason.TOO_LARGE, f"unpacks to over the {limit:,}-byte limit for one article")
    return inner


def decode_text(data: bytes, where: str) -> str | Skipped:
    """Decode plain text as UTF-8 (a BOM is allowed), or say why not."""
    if looks_binary(data):
        return Skipped(where, SkipReason.BINARY, "not a text file (NUL or control bytes)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        return Skipped(
            where,
            SkipReason.NOT_UTF8,
            f"byte {err.start} is not UTF-8; re-encode the file, e.g. iconv -f latin1 -t utf-8",
        )
