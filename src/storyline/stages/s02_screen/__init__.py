"""Screen: whether the cleaned text is one the later stages can read: not empty, not over the
size limit, in the model's language. An unusable one becomes a skip with its reason."""

from __future__ import annotations

from storyline.document.skips import Skipped, SkipReason
from storyline.errors import InputSkipped
from storyline.settings import LANGUAGE, MAX_TEXT_CHARS
from storyline.stages.s02_screen.language import is_language
from storyline.stages.stage import Config, Stage, Work

__all__ = ["STAGE"]


def _screen(work: Work, config: Config) -> None:
    where = work.article.where
    if not work.text.strip():
        raise InputSkipped(Skipped(where, SkipReason.EMPTY, "no article text left after cleaning"))
    if len(work.text) > MAX_TEXT_CHARS:
        raise InputSkipped(
            Skipped(
                where,
                SkipReason.TOO_LARGE,
                f"{len(work.text):,} characters is over the {MAX_TEXT_CHARS:,}-character limit for one article",
            )
        )
    if config.check_language:
        ok, found = is_language(work.text, LANGUAGE)
        if not ok:
            raise InputSkipped(Skipped(where, SkipReason.NOT_ENGLISH, f"the text looks like {found}, not {LANGUAGE}"))


STAGE = Stage(
    "screen",
    _screen,
    requires=("text",),
    assigns=(),
    step="text",
    on_captions=False,
    about="skips a text that is empty, too large or not in the model's language",
)
