"""Quotes: who said what. Two stages: the quote tagger's heads run over a batch of parses
(``quote_tags``, on the model step), and the quote finder reads them beside the parse, the
quotation marks and the cue verbs' frames (``quotes``)."""

from __future__ import annotations

import itertools
import time
from collections.abc import Iterator

from storyline.document.skips import Skipped
from storyline.stages.s10_quotes.quotes import find_quotes
from storyline.stages.s10_quotes.tagger import tag_batch
from storyline.stages.stage import Config, Stage, Work

__all__ = ["QUOTES", "TAGS"]


def _tags(work: Work, config: Config) -> None:
    if config.quote_method == "shipped":
        work.quote_tags = tag_batch([work.parsed])[0]


def _tags_stream(works: Iterator[Work | Skipped], config: Config) -> Iterator[Work | Skipped]:
    """The works, a batch at a time, each with the tagger's tags (when the method reads them)."""
    while batch := list(itertools.islice(works, config.batch_size)):
        parsed = [w for w in batch if isinstance(w, Work)]
        if config.quote_method == "shipped" and parsed:
            started = time.perf_counter()
            for work, tags in zip(parsed, tag_batch([w.parsed for w in parsed]), strict=True):
                work.quote_tags = tags
            if config.timer:
                config.timer.add(TAGS.name, time.perf_counter() - started)
        yield from batch


def _quotes(work: Work, config: Config) -> None:
    work.quotes = find_quotes(work.parsed, work.entities, config.quote_method, work.quote_tags)


TAGS = Stage(
    "quote_tags",
    _tags,
    requires=("doc",),
    assigns=("quote_tags",),
    step="model",
    on_captions=False,
    run_stream=_tags_stream,
    about="the quote tagger's CUE, SOURCE and CONTENT spans, a batch of parses at a time",
)
QUOTES = Stage(
    "quotes",
    _quotes,
    requires=("doc", "entities.mentions", "quote_tags"),
    assigns=("quotes",),
    on_captions=False,
    about="quotations: speaker, cue and content, direct, mixed or indirect",
)
