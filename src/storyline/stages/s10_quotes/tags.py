"""The quote tagger's step: each parse tagged with its attribution parts (``CUE``, ``SOURCE``,
``CONTENT`` token spans) by the tagger the quote method reads, a batch of parses at a time.

It runs with the models, right after spaCy's parse (the pipeline streams a run's articles
through both a batch at a time); the finder (:mod:`.finder`) reads its tags on the document
step. ``accurate`` reads the MiniLM encoder (:mod:`.tagger_accurate`), ``fast`` the small
heads over spaCy's own vectors (:mod:`.tagger_fast`); ``frames`` and ``rules`` read no tags.

The batches are a matter of speed only: a document's tags depend on that document alone, not on
what is tagged beside it (the accurate tagger runs each window of each document by itself; the
fast heads read nothing across documents), so a document depends only on its article and the
storyline version (``tests/test_determinism.py``).
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Iterator, Sequence

from spacy.tokens import Doc, Span

from storyline.document.skips import Skipped
from storyline.stages.s10_quotes import tagger_accurate, tagger_fast
from storyline.stages.stage import Config, QuoteTags, Work

__all__ = ["STEP_NAME", "tag", "tag_parts", "tag_stream"]

STEP_NAME = "quote_tags"

# the tagger each quote method reads; the other methods read none. Each gives a document its
# tags, and the accurate one its tokens' vectors too (the event heads read them).
_TAGGERS: dict[str, Callable[[Sequence[Doc]], list[tagger_accurate.Encoded]]] = {
    "accurate": tagger_accurate.encode_batch,
    "fast": lambda docs: [tagger_accurate.Encoded(tags, None) for tags in tagger_fast.tag_batch(docs)],
}


def tag(work: Work, config: Config) -> None:
    """One work's tags (when the quote method reads them)."""
    tagger = _TAGGERS.get(config.quote_method)
    if tagger is not None:
        _keep(work, tagger([work.parsed])[0])


def _keep(work: Work, encoded: tagger_accurate.Encoded) -> None:
    work.quote_tags = encoded.tags
    work.token_vectors = encoded.vectors


def tag_stream(works: Iterator[Work | Skipped], config: Config) -> Iterator[Work | Skipped]:
    """The works, a batch at a time, each with the tagger's tags (when the quote method reads them)."""
    while batch := list(itertools.islice(works, config.batch_size)):
        parsed = [w for w in batch if isinstance(w, Work)]
        tagger = _TAGGERS.get(config.quote_method)
        if tagger is not None and parsed:
            started = time.perf_counter()
            for work, encoded in zip(parsed, tagger([w.parsed for w in parsed]), strict=True):
                _keep(work, encoded)
            if config.timer:
                config.timer.add(STEP_NAME, time.perf_counter() - started)
        yield from batch


def tag_parts(doc: Doc, tags: QuoteTags) -> dict[str, list[Span]]:
    """The ``CUE``, ``SOURCE`` and ``CONTENT`` spans a tagger found in a document."""
    return {label: [doc[start:end] for start, end in spans] for label, spans in tags.items()}
