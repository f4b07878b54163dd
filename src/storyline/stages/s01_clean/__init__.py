"""Clean: the article's text without the page around it (boilerplate lines, photo captions
and credits moved aside, whitespace and quotation marks made regular).

An input with a character UTF-8 cannot hold is skipped here, before any stage reads it.
"""

from __future__ import annotations

from storyline.document.skips import Skipped, SkipReason
from storyline.errors import InputSkipped
from storyline.stages.s01_clean.clean import clean
from storyline.stages.stage import Config, Stage, Work

__all__ = ["STAGE"]


def _clean(work: Work, config: Config) -> None:
    problem = work.article.not_unicode()
    if problem:
        raise InputSkipped(Skipped(work.article.where, SkipReason.NOT_UTF8, problem))
    if not config.clean_text:  # offsets must match the input (the evaluators)
        work.text = work.article.text
        return
    cleaned = clean(work.article.text, title=work.article.title)
    work.text, work.captions, work.removed = cleaned.text, cleaned.captions, cleaned.removed


STAGE = Stage(
    "clean",
    _clean,
    requires=("article",),
    assigns=("text", "captions", "removed"),
    step="text",
    on_captions=False,
    about="the article's text without boilerplate; captions and credits set aside",
)
