"""Screen: an unusable text is a skip with its reason; a usable one passes untouched."""

from __future__ import annotations

import dataclasses

import pytest

from storyline.document.article import Article
from storyline.document.skips import SkipReason
from storyline.errors import InputSkipped
from storyline.settings import MAX_TEXT_CHARS
from storyline.stages import s02_screen
from storyline.stages.stage import Config, Work

# Enough words of four letters or more for the identifier to judge (fewer get the benefit of the doubt).
GERMAN = (
    "Die Regierung hat am Montag beschlossen, die Gespräche mit den Nachbarländern fortzusetzen, "
    "obwohl die Opposition dagegen protestiert und weitere Verhandlungen über die Zukunft verlangt hat. "
    "Der Minister erklärte später, dass die Beratungen noch mehrere Wochen dauern würden."
)


def _screened(text: str, config: Config) -> Work:
    work = Work(Article.create(text or " ", where="feed.jsonl:7"), text=text)
    s02_screen.STAGE.run(work, config)
    return work


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (" \n\t ", SkipReason.EMPTY),
        ("word " * (MAX_TEXT_CHARS // 5 + 1), SkipReason.TOO_LARGE),
        (GERMAN, SkipReason.NOT_ENGLISH),
    ],
    ids=["empty", "too-large", "not-english"],
)  # fmt: skip
def test_an_unusable_text_is_skipped_with_its_reason_and_where_it_was(
    text: str, reason: SkipReason, config: Config
) -> None:
    with pytest.raises(InputSkipped) as raised:
        _screened(text, config)
    assert raised.value.skipped.reason is reason and raised.value.skipped.where == "feed.jsonl:7"


def test_a_usable_text_passes_and_the_language_check_can_be_turned_off(config: Config) -> None:
    english = "The government decided on Monday to resume talks with its neighbours."
    assert _screened(english, config).text == english
    assert _screened(GERMAN, dataclasses.replace(config, check_language=False)).text == GERMAN
