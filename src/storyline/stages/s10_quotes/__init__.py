"""Quotes: who said what. The quote finder reads the quote tagger's tags (``quote_tags``, on the
annotate step) beside the parse, the quotation marks and the cue verbs' frames."""

from __future__ import annotations

from storyline.stages.s10_quotes.quotes import find_quotes
from storyline.stages.stage import Config, Stage, Work

__all__ = ["STAGE"]


def _quotes(work: Work, config: Config) -> None:
    work.quotes = find_quotes(work.parsed, work.entities, config.quote_method, work.quote_tags)


STAGE = Stage(
    "quotes",
    _quotes,
    requires=("doc", "entities.mentions", "quote_tags"),
    assigns=("quotes",),
    on_captions=False,
    about="quotations: speaker, cue and content, direct, mixed or indirect",
)
