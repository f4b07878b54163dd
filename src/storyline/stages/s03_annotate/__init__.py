"""Annotate: spaCy's parse of the text (tokens, sentences, tags, dependencies, named
entities), with storyline's components before the parser (:mod:`.nlp`: the sentence cap, and
the sentence starts after a dateline and at a paragraph).

The pipeline streams a run's articles through it a batch at a time (:func:`stream`); a caption
is parsed on its own. The quote tagger, the other model step, lives with the quotes
(:mod:`storyline.stages.s10_quotes.tags`).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from storyline.document.skips import Skipped
from storyline.stages.stage import Config, Stage, Work

__all__ = ["STAGE", "stream"]


def _annotate(work: Work, config: Config) -> None:
    work.doc = config.nlp(work.text)


def stream(works: Iterator[Work | Skipped], config: Config) -> Iterator[Work | Skipped]:
    """The works, parsed, a batch at a time, in order; a skip passes through in its place."""
    while batch := list(itertools.islice(works, config.batch_size)):
        texts = [w.text for w in batch if isinstance(w, Work)]
        docs = config.nlp.pipe(texts, batch_size=config.batch_size)
        for work, doc in zip((w for w in batch if isinstance(w, Work)), docs, strict=True):
            work.doc = doc
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
