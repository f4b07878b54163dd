"""Datelines: "MOSCOW, Feb 26 (Reuters) - ", "SIDON, Lebanon, March 23 - ", "BELGRADE 1996-08-30".

A dateline says where and when a story was filed; no word in it did or said anything. The
parser does not know that: read together with the lead, "BRUSSELS, March 17 - The European
Community yesterday warned Japan" makes "yesterday" the subject and the Community a conjunct
of the date. :func:`split_datelines` runs before the parser and starts a sentence after each
dateline's dash, so the lead is parsed as the sentence it is; :func:`in_dateline` tells the
later stages which words are the dateline's.
"""

from __future__ import annotations

import functools
import re

from spacy.tokens import Doc, Token

from storyline.parse.text import text_of

__all__ = ["dateline_spans", "in_dateline", "split_datelines"]

# A dateline opens a paragraph with a place in capitals, then a comma, a date or the agency in
# brackets.
DATELINE = re.compile(r"(?m)^(?P<place>[A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+){0,3})(?=,| \d| \()")
_END = re.compile(r"\s[-–—]{1,2}\s")  # "SIDON, Lebanon, March 23 - ": the dash that ends it
_MAX = 80


@functools.lru_cache(maxsize=4)
def dateline_spans(text: str) -> tuple[tuple[int, int, int], ...]:
    """Where the datelines of a text are: (start of the place, start of the dash that ends the
    dateline, end of that dash); without a dash, the place alone (the last two equal)."""
    spans = []
    for m in DATELINE.finditer(text):
        end = _END.search(text, m.end("place"), min(len(text), m.start() + _MAX))
        spans.append((m.start("place"), *(end.span() if end else (m.end("place"), m.end("place")))))
    return tuple(spans)


def in_dateline(token: Token) -> bool:
    """Whether a word is part of a dateline: where and when the story was filed, never who did
    or said anything, whatever the parse makes of it."""
    return any(start <= token.idx < end for start, end, _ in dateline_spans(text_of(token.doc)))


_FULL_STOPS = frozenset({".", "!", "?"})
_LEAD_MAX = 80  # tokens: the longest lead sentence kept whole


def split_datelines(doc: Doc) -> Doc:
    """Start a sentence at the first word after each dateline's dash, and none after it before
    the lead's full stop: the parser keeps every start and every non-start set before it, and
    left alone it cuts a lead after its first word ("President | Reagan said ...")."""
    starts = {after for _, end, after in dateline_spans(text_of(doc)) if after > end}
    if not starts:
        return doc
    lead = 0  # tokens of a lead still to go
    for token in doc:
        if token.idx in starts:
            token.is_sent_start, lead = True, _LEAD_MAX
        elif lead:
            token.is_sent_start = False
            lead = 0 if token.text in _FULL_STOPS else lead - 1
    return doc
