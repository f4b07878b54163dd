"""Quotes: who said what, in two steps that live together here.

- ``quote_tags`` (:mod:`.tags`), on the model step, right after spaCy's parse: the tagger of the
  quote method marks cue, source and content spans, a batch of parses at a time
  (:mod:`.tagger_accurate`: the MiniLM encoder, over :mod:`.wordpiece_tags`;
  :mod:`.tagger_fast`: small heads over spaCy's own vectors).
- ``quotes`` (:mod:`.finder`), on the document step: the quote finder reads those tags beside
  the parse, the quotation marks and the cue verbs' frames, and makes the quote records.
"""

from __future__ import annotations

from storyline.stages.s10_quotes.finder import find_quotes
from storyline.stages.s10_quotes.tags import STEP_NAME, tag, tag_stream
from storyline.stages.stage import Config, Stage, Work

__all__ = ["STAGE", "TAGS"]


def _quotes(work: Work, config: Config) -> None:
    work.quotes = find_quotes(work.parsed, work.entities, config.quote_method, work.quote_tags)


TAGS = Stage(
    STEP_NAME,
    tag,
    requires=("doc",),
    assigns=("quote_tags",),
    step="model",
    on_captions=False,
    run_stream=tag_stream,
    about="the quote tagger's CUE, SOURCE and CONTENT spans, a batch of parses at a time",
)
STAGE = Stage(
    "quotes",
    _quotes,
    requires=("doc", "entities.mentions", "quote_tags"),
    assigns=("quotes",),
    on_captions=False,
    about="quotations: speaker, cue and content, direct, mixed or indirect",
)
