"""Paragraphs of a cleaned text: the cleaning stage separates them by one blank line."""

from __future__ import annotations

import re

__all__ = ["BLANK_LINE", "paragraphs"]

BLANK_LINE = re.compile(r"\n[ \t]*\n")


def paragraphs(text: str, gap: re.Pattern[str] = BLANK_LINE) -> list[tuple[int, int]]:
    """The spans between the ``gap`` matches of a cleaned text (its paragraphs, by default),
    empty ones included."""
    spans, start = [], 0
    for found in gap.finditer(text):
        spans.append((start, found.start()))
        start = found.end()
    spans.append((start, len(text)))
    return spans
