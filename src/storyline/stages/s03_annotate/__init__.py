"""Annotate: spaCy's parse of the text (tokens, sentences, tags, dependencies, named
entities), with storyline's two components before the parser (:mod:`.nlp`: the sentence cap,
and the sentence start after a dateline).

The pipeline streams a run's articles through it a batch at a time (:func:`stream`), in worker
processes if asked; a caption is parsed on its own. The quote tagger, the other model step,
lives with the quotes (:mod:`storyline.stages.s10_quotes.tags`).
"""

from __future__ import annotations

from collections.abc import Iterator

from storyline.document.skips import Skipped
from storyline.stages.stage import Config, Stage, Work

__all__ = ["STAGE", "stream"]


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


STAGE = Stage(
    "annotate",
    _annotate,
    requires=("text",),
    assigns=("doc",),
    step="model",
    run_stream=stream,
    about="spaCy's parse: tokens, sentences, tags, dependencies, named entities",
)
