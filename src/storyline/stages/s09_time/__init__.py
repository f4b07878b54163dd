"""Time: temporal expressions (TIMEX3), normalised against the page's reference day: the day it
was published, or the day it was last modified where its text was written again then
(:mod:`storyline.stages.s09_time.reference`)."""

from __future__ import annotations

from storyline.stages.s09_time.reference import reference_day
from storyline.stages.s09_time.timexes import find_timexes
from storyline.stages.stage import Config, Stage, Work

__all__ = ["STAGE"]


def _time(work: Work, config: Config) -> None:
    work.reference, _ = reference_day(work.published, work.article.modified, work.text)
    work.timexes = find_timexes(work.parsed, work.reference)


STAGE = Stage(
    "time",
    _time,
    requires=("doc",),
    assigns=("timexes", "reference"),
    about="temporal expressions with TIMEX3 values, relative ones resolved against the page's reference day",
)
