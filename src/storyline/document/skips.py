"""Typed reasons for inputs that cannot be used.

A reader or the pipeline yields a :class:`Skipped` in place of an article or document;
nothing is dropped silently. ``Skipped.to_json()`` is the record the CLI prints to stderr
(and a store keeps).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from storyline.document.encode import JSONObject

__all__ = ["SkipReason", "Skipped"]


class SkipReason(StrEnum):
    EMPTY = "empty"  # nothing but whitespace after extraction and cleaning
    BINARY = "binary"  # NUL bytes or control characters: not a text file
    NOT_UTF8 = "not-utf8"  # plain text that does not decode as UTF-8
    NOT_ENGLISH = "not-english"  # the language identifier is confident it is another language
    BAD_HTML = "bad-html"  # an HTML page with no extractable main text
    BAD_JSON = "bad-json"  # a JSON Lines line that does not parse, or is not an object
    NO_TEXT = "no-text"  # a JSON Lines record without a usable "text" field
    BAD_WARC = "bad-warc"  # a WARC file or record that cannot be read
    TOO_LARGE = "too-large"  # over the size limit (settings.MAX_INPUT_BYTES / MAX_TEXT_CHARS)
    UNSUPPORTED = "unsupported"  # a file type storyline does not read (e.g. PDF, image)
    TIMEOUT = "timeout"  # the article's stages ran past its time budget (settings.TIME_BUDGET_*)
    WORKER_DIED = "worker-died"  # its worker process ended while it held the article, twice (storyline.workers)


@dataclass(frozen=True)
class Skipped:
    """An input that was not turned into a document, and why."""

    where: str  # "path", "path:line" or "path#record" — enough to find the input again
    reason: SkipReason
    detail: str = ""

    def to_json(self) -> JSONObject:
        return {"skipped": self.where, "reason": self.reason.value, "detail": self.detail}

    def __str__(self) -> str:
        tail = f": {self.detail}" if self.detail else ""
        return f"skipped {self.where}: {self.reason.value}{tail}"
