"""Time: temporal expressions (TIMEX3), normalised against the publication date."""

from __future__ import annotations

from storyline.stages.s09_time.timexes import find_timexes
from storyline.stages.stage import Config, Stage, Work

__all__ = ["STAGE"]


def _time(work: Work, config: Config) -> None:
    work.timexes = find_timexes(work.parsed, work.published)


STAGE = Stage(
    "time",
    _time,
    requires=("doc",),
    assigns=("timexes",),
    about="temporal expressions with TIMEX3 values, relative ones resolved against the publication date",
)
