"""Annotate: spaCy's parse of the text (tokens, sentences, tags, dependencies, named
entities), with storyline's components before the parser (:mod:`.nlp`: the sentence cap, and
the sentence starts after a dateline and at a paragraph).

The pipeline streams a run's articles through it a batch at a time (:func:`stream`), in worker
processes if asked (:mod:`.workers`); a caption is parsed on its own. The quote tagger, the
other model step, lives with the quotes (:mod:`storyline.stages.s10_quotes.tags`).
"""

from __future__ import annotations

import itertools
from collections import deque
from collections.abc import Iterator

from spacy.tokens import Doc

from storyline.document.skips import Skipped
from storyline.stages.stage import Config, Stage, Work

from .workers import parse_in_workers

__all__ = ["STAGE", "stream"]


def _annotate(work: Work, config: Config) -> None:
    work.doc = config.nlp(work.text)


def stream(works: Iterator[Work | Skipped], config: Config) -> Iterator[Work | Skipped]:
    """The works, parsed, a batch at a time, in order; a skip passes through in its place. With
    more than one worker the batches are parsed in worker processes (:mod:`.workers`)."""
    held: deque[list[Work | Skipped]] = deque()  # the batches out for parsing, oldest first

    def texts() -> Iterator[list[str]]:
        while batch := list(itertools.islice(works, config.batch_size)):
            held.append(batch)
            yield [w.text for w in batch if isinstance(w, Work)]

    parsed: Iterator[list[Doc]]
    if config.workers > 1:
        parsed = parse_in_workers(texts(), config.nlp, config.model, config.workers)
    else:
        parsed = (list(config.nlp.pipe(batch, batch_size=config.batch_size)) for batch in texts())
    for docs in parsed:
        batch = held.popleft()
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
