"""Annotate: the models over the text. spaCy's parse (tokens, sentences, tags, dependencies,
named entities), then the quote method's tagger over the parse (CUE, SOURCE, CONTENT spans):
the small heads over spaCy's own vectors (``fast``) or the MiniLM encoder (``accurate``).

The pipeline streams a run's articles through both a batch at a time (:func:`stream`,
:func:`_tags_stream`), the parse in worker processes if asked; a caption is parsed on its own.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Iterator, Sequence

from spacy.tokens import Doc

from storyline.document.skips import Skipped
from storyline.stages.s03_annotate import quote_encoder, quote_tagger
from storyline.stages.stage import Config, QuoteTags, Stage, Work

__all__ = ["QUOTE_TAGS", "STAGE", "stream"]


def _annotate(work: Work, config: Config) -> None:
    work.doc = config.nlp(work.text)


def stream(works: Iterator[Work | Skipped], config: Config) -> Iterator[Work | Skipped]:
    """The works, parsed, in order; a skip travels as an empty text, so that order is kept."""
    pairs = ((w.text, w) if isinstance(w, Work) else ("", w) for w in works)
    for doc, item in config.nlp.pipe(pairs, as_tuples=True, batch_size=config.batch_size, n_process=config.workers):
        if isinstance(item, Work):
            item.doc = doc
            yield item
        elif isinstance(item, Skipped):
            yield item


# the tagger each quote method reads; the other methods read none
_TAGGERS: dict[str, Callable[[Sequence[Doc]], list[QuoteTags]]] = {
    "accurate": quote_encoder.tag_batch,
    "fast": quote_tagger.tag_batch,
}


def _tags(work: Work, config: Config) -> None:
    tagger = _TAGGERS.get(config.quote_method)
    if tagger is not None:
        work.quote_tags = tagger([work.parsed])[0]


def _tags_stream(works: Iterator[Work | Skipped], config: Config) -> Iterator[Work | Skipped]:
    """The works, a batch at a time, each with the tagger's tags (when the quote method reads them)."""
    while batch := list(itertools.islice(works, config.batch_size)):
        parsed = [w for w in batch if isinstance(w, Work)]
        tagger = _TAGGERS.get(config.quote_method)
        if tagger is not None and parsed:
            started = time.perf_counter()
            for work, tags in zip(parsed, tagger([w.parsed for w in parsed]), strict=True):
                work.quote_tags = tags
            if config.timer:
                config.timer.add(QUOTE_TAGS.name, time.perf_counter() - started)
        yield from batch


STAGE = Stage(
    "annotate",
    _annotate,
    requires=("text",),
    assigns=("doc",),
    step="model",
    run_stream=stream,
    about="spaCy's parse: tokens, sentences, tags, dependencies, named entities",
)
QUOTE_TAGS = Stage(
    "quote_tags",
    _tags,
    requires=("doc",),
    assigns=("quote_tags",),
    step="model",
    on_captions=False,
    run_stream=_tags_stream,
    about="the quote tagger's CUE, SOURCE and CONTENT spans, a batch of parses at a time",
)
