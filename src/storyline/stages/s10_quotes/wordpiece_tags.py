"""Attribution tags over an encoder's wordpieces: how an article is cut into wordpieces and
windows, and how per-wordpiece BIO tags become character spans.

Both sides of the accurate quote tagger read this module: ``train/train_quote_encoder.py``
(which loads it by its path, outside storyline's own environment: it imports nothing but
NumPy) and :mod:`storyline.stages.s10_quotes.tagger_accurate` at run time, so training and
tagging cut text the same way.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

import numpy

__all__ = [
    "CONTENT",
    "NO_OFFSET",
    "PARTS",
    "WINDOW",
    "Encoding",
    "Tokenizer",
    "decode",
    "merged",
    "windows",
    "wordpieces",
    "words",
]

WINDOW = 256  # wordpieces a window, [CLS] and [SEP] included
PARTS = ("O", "B-CUE", "I-CUE", "B-SOURCE", "I-SOURCE")  # the parts head
CONTENT = ("O", "B-CONTENT", "I-CONTENT")  # the content head: contents hold other parts
NO_OFFSET = (-1, -1)  # a paragraph's separator stands for no character


class Encoding(Protocol):
    ids: list[int]
    offsets: list[tuple[int, int]]


class Tokenizer(Protocol):  # the tokenizers library's Tokenizer, as far as it is used here
    def encode(self, text: str, add_special_tokens: bool = ...) -> Encoding: ...

    def token_to_id(self, token: str) -> int | None: ...


def wordpieces(tokenizer: Tokenizer, text: str) -> tuple[list[int], list[tuple[int, int]]]:
    """The text's wordpiece ids and character offsets, paragraph by paragraph (a paragraph is
    a line), with a ``[SEP]`` between paragraphs (offsets ``NO_OFFSET``)."""
    sep = tokenizer.token_to_id("[SEP]")
    ids: list[int] = []
    offsets: list[tuple[int, int]] = []
    start = 0
    for line in text.split("\n"):
        if line.strip():
            encoding = tokenizer.encode(line, add_special_tokens=False)
            if ids and sep is not None:
                ids.append(sep)
                offsets.append(NO_OFFSET)
            ids.extend(encoding.ids)
            offsets.extend((start + a, start + b) for a, b in encoding.offsets)
        start += len(line) + 1
    return ids, offsets


def windows(length: int, step: int) -> list[tuple[int, int]]:
    """The (start, end) wordpiece ranges of the windows over ``length`` wordpieces, ``step``
    apart, the last flush with the end."""
    body = WINDOW - 2
    starts = list(range(0, max(length - body, 0) + 1, step))
    if starts[-1] + body < length:
        starts.append(length - body)
    return [(s, min(s + body, length)) for s in starts]


def merged(
    length: int, spans: Sequence[tuple[int, int]], logits: Sequence[Any], width: int
) -> Any:  # Any: a NumPy array
    """One row of logits per wordpiece from overlapping windows (``logits[k]`` for window
    ``spans[k]``, [CLS] first): each wordpiece takes its row from the window where it sits
    farthest from an edge that cuts the text."""
    best = numpy.full(length, -1)
    rows = numpy.zeros((length, width), dtype="float32")
    for (s, e), window in zip(spans, logits, strict=True):
        index = numpy.arange(s, e)
        left = index - s + (s == 0) * length
        right = e - 1 - index + (e == length) * length
        margin = numpy.minimum(left, right)
        better = margin > best[s:e]
        best[s:e] = numpy.where(better, margin, best[s:e])
        rows[s:e][better] = window[1 : e - s + 1][better]
    return rows


def words(text: str, offsets: Sequence[tuple[int, int]]) -> list[int]:
    """The wordpieces that start a word, as the encoder's tokenizer split them: a wordpiece
    continues the word before when it touches it and both sides are letters or digits ("re",
    "##open"); punctuation is a word of its own. Paragraph separators start none."""
    starts = []
    previous_end = -1
    for i, (a, b) in enumerate(offsets):
        if a < 0:
            previous_end = -1
            continue
        joined = a == previous_end and text[a].isalnum() and text[a - 1].isalnum()
        if not joined:
            starts.append(i)
        previous_end = b
    return starts


def decode(
    logits: Any, starts: Sequence[int], offsets: Sequence[tuple[int, int]], labels: Sequence[str]
) -> list[tuple[str, int, int]]:  # Any: a NumPy array, one row of logits a wordpiece
    """The (role, start, end) character spans of the best valid BIO tagging of the words: each
    word scored by its first wordpiece, and Viterbi over the words under the one rule of BIO
    (an ``I-X`` only after ``B-X`` or ``I-X``); no span crosses a paragraph break. ``starts``:
    :func:`words` of the text, read once for both heads."""
    if not starts:
        return []
    rows = numpy.asarray(logits, dtype="float64")[starts]
    scores = rows - numpy.logaddexp.reduce(rows, axis=1, keepdims=True)  # log-probabilities
    n, k = scores.shape
    inside = [name[2:] if name.startswith("I-") else None for name in labels]
    allowed = numpy.array(
        [[inside[j] is None or (labels[i][2:] == inside[j] and labels[i] != "O") for j in range(k)] for i in range(k)]
    )
    opening = numpy.array([role is None for role in inside])
    cut = numpy.zeros(n, dtype=bool)  # a paragraph break before the word
    for w in range(1, n):
        cut[w] = any(offsets[i][0] < 0 for i in range(starts[w - 1], starts[w]))
    best = numpy.where(opening, scores[0], -numpy.inf)
    back = numpy.zeros((n, k), dtype="int64")
    for w in range(1, n):
        step = best[:, None] + numpy.where(allowed & ~cut[w] | opening[None, :], 0.0, -numpy.inf)
        back[w] = step.argmax(0)
        best = step.max(0) + scores[w]
    path = [int(best.argmax())]
    for w in range(n - 1, 0, -1):
        path.append(int(back[w, path[-1]]))
    path.reverse()
    ends = [*starts[1:], len(offsets)]
    found: list[tuple[str, int, int]] = []
    for w, tag in enumerate(path):
        name = labels[tag]
        last = max(i for i in range(starts[w], ends[w]) if offsets[i][0] >= 0)
        if name.startswith("B-") or (name.startswith("I-") and (not found or cut[w])):
            found.append((name[2:], offsets[starts[w]][0], offsets[last][1]))
        elif name.startswith("I-"):
            role, start, _ = found[-1]
            found[-1] = (role, start, offsets[last][1])
    return found
