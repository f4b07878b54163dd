"""Quotation marks in running text: where each quoted stretch opens and closes.

Real news mixes its marks: curly and straight quotes in one quotation (``"The Russians ...”``),
TeX-style ````...''`` in NYT copy, guillemets, and an odd number of marks where a quotation
runs on into the next paragraph (the newswire convention: the paragraph ends without a
closing mark and the next one reopens). The scanner never fails: a quotation still open at a
paragraph's end closes there, and is marked as continued when the next paragraph reopens.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from storyline.parse.paragraphs import paragraphs

__all__ = ["Stretch", "inside_quotes", "quoted_stretches"]

_MARK = re.compile(r"``|''|[“”\"«»]")
_OPENERS = {"“", "``", "«"}
_CLOSERS = {"”", "»"}
# Marks that open or close by where they stand: straight quotes, and the doubled apostrophe
# that NYT copy uses on both sides of a quotation ("''Hopefully,'' the president said")
_EITHER = {'"', "''"}
_PARAGRAPH = re.compile(r"\n\s*\n|\n(?=\s*[“\"«`])")


@dataclass(frozen=True)
class Stretch:
    """A quotation: ``start``/``end`` include the marks, ``inner_start``/``inner_end`` do not.
    ``closed`` is False where the paragraph ended first; ``continued`` where the quotation goes
    on from the paragraph before."""

    start: int
    end: int
    inner_start: int
    inner_end: int
    closed: bool = True
    continued: bool = False


def _opens(text: str, at: int, mark: str) -> bool:
    """Whether a mark at ``at`` opens: a curly opener always; a straight quote or doubled
    apostrophe at the start, or after a space or bracket."""
    if mark in _OPENERS:
        return True
    if mark in _CLOSERS:
        return False
    return at == 0 or text[at - 1] in " \t\n([{—–-/"


def quoted_stretches(text: str) -> list[Stretch]:
    """Every quotation in ``text``, in order."""
    out: list[Stretch] = []
    previous_open = False
    for p_start, p_end in [(s, e) for s, e in paragraphs(text, _PARAGRAPH) if s < e]:
        open_at: tuple[int, int] | None = None  # (mark start, mark end)
        continued = False
        for mark in _MARK.finditer(text, p_start, p_end):
            m = mark.group()
            if open_at is None:
                if m in _CLOSERS or (m == "''" and not _opens(text, mark.start(), m)):
                    continue  # a closing mark with nothing open: a stray, ignored
                open_at = (mark.start(), mark.end())
                continued = previous_open and mark.start() == p_start
                continue
            opener = text[open_at[0] : open_at[1]]
            if m in _EITHER and _opens(text, mark.start(), m) and not _opens(text, open_at[0], opener):
                open_at = (mark.start(), mark.end())  # the earlier mark was a stray closer
                continue
            if m in _OPENERS:
                # a second opener before any closer: the first quotation was never closed
                out.append(_stretch(open_at, mark.start(), mark.start(), False, continued))
                open_at = (mark.start(), mark.end())
                continued = False
                continue
            out.append(_stretch(open_at, mark.start(), mark.end(), True, continued))
            open_at = None
        previous_open = open_at is not None
        if open_at is not None:
            end = p_end
            while end > open_at[1] and text[end - 1].isspace():
                end -= 1
            out.append(_stretch(open_at, end, end, False, continued))
    return [s for s in out if s.inner_end > s.inner_start]


def _stretch(opened: tuple[int, int], inner_end: int, end: int, closed: bool, continued: bool) -> Stretch:
    return Stretch(opened[0], end, opened[1], inner_end, closed, continued)


def inside_quotes(text: str) -> list[bool]:
    """For each character (and one past the end): is it inside a quotation, marks included?"""
    inside = [False] * (len(text) + 1)
    for stretch in quoted_stretches(text):
        for i in range(stretch.start, stretch.end):
            inside[i] = True
    return inside
