"""Paragraphs of a cleaned text: the cleaning stage separates them by one blank line.

:func:`split_paragraphs` runs before the parser and starts a sentence at each paragraph's
first word: a heading, a list item, a standfirst or a section label is a line of its own
without a full stop, and the parser left alone reads it together with the paragraph after it
("Here's the latest: | Pakistan's prime minister praises ... | Prime Minister Shehbaz Sharif
on Wednesday commended ..." as one sentence; a "Summary" list of four items as one). The one
break a sentence goes on across is a cue's colon before a quotation set off as a paragraph
("The governor added:" | "It's typical of ...").
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from storyline.parse.text import text_of

__all__ = ["BLANK_LINE", "paragraphs", "split_paragraphs"]

BLANK_LINE = re.compile(r"\n[ \t]*\n")
_PARAGRAPH_START = re.compile(r"\n[ \t]*\n\s*(?=\S)")
_BULLETS = frozenset("-–•·*▪●")
# The one paragraph that goes on a sentence: a quotation set off after a cue's colon is the
# cue's object ("The governor added:" | "It's typical of ..."; "Sanders made the following
# comment:" | "“For young people ..."). A colon after anything else leads into a list or a run
# of paragraphs ("Here's the latest:", "... is recorded in detail:"), each its own sentence.
_CUE_BEFORE_COLON = re.compile(
    r"(?:\b(?:said|says|added|adds|told|tells|wrote|writes|continued|continues|stated|states|declared|declares|"
    r"tweeted|explained|explains|replied|replies)(?:\s+[\w’'.-]+){0,4}|\b(?:comments?|statement|remarks))\s*:\Z"
)


def paragraphs(text: str, gap: re.Pattern[str] = BLANK_LINE) -> list[tuple[int, int]]:
    """The spans between the ``gap`` matches of a cleaned text (its paragraphs, by default),
    empty ones included."""
    spans, start = [], 0
    for found in gap.finditer(text):
        spans.append((start, found.start()))
        start = found.end()
    spans.append((start, len(text)))
    return spans


def split_paragraphs(doc: Doc) -> Doc:
    """Start a sentence at the first word after each blank line (the parser keeps every start
    set before it): a sentence crosses no paragraph break but the one between a cue and the
    quotation it introduces with a colon."""
    text = text_of(doc)
    if "\n" not in text:
        return doc
    starts = {m.end() for m in _PARAGRAPH_START.finditer(text) if not _introduces(text, m.start())}
    bullet = False
    for token in doc:
        if token.idx in starts or token.i == 0:
            token.is_sent_start = True
            bullet = token.text in _BULLETS
        elif bullet:  # a list item's bullet starts its sentence; left alone, the parser makes it one
            token.is_sent_start, bullet = False, False
    return doc


def _introduces(text: str, end: int) -> bool:
    """Whether the paragraph that ends at ``end`` ends with a cue and a colon."""
    return bool(_CUE_BEFORE_COLON.search(text, max(0, end - 60), end))
