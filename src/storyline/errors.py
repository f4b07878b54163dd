"""Every error storyline raises, in one tree under :class:`StorylineError`.

Messages say what went wrong and what to do next. The CLI prints ``str(err)`` as one
line and exits with ``err.exit_code``.

An input that cannot be used is *not* an error: it becomes a :class:`storyline.document.skips.Skipped`
record with a typed reason, and the run goes on.
"""

from __future__ import annotations

__all__ = [
    "InputNotFound",
    "InputSkipped",
    "InvalidArgument",
    "ModelNotInstalled",
    "NothingToProcess",
    "SchemaViolation",
    "StorylineError",
]


class StorylineError(Exception):
    """Base class of every error storyline raises on purpose."""

    exit_code = 1


class InvalidArgument(StorylineError, ValueError):
    """A public argument (a date, a limit, a format name) has a value storyline cannot use."""

    exit_code = 2


class InputNotFound(StorylineError, FileNotFoundError):
    """A path given as input does not exist or cannot be read."""

    exit_code = 2


class ModelNotInstalled(StorylineError):
    """The configured spaCy model package is not installed in this environment."""


class NothingToProcess(StorylineError):
    """Every input was skipped, so no document could be made."""

    exit_code = 3


class SchemaViolation(StorylineError):
    """A document does not validate against the shipped JSON Schema (a storyline bug)."""


class InputSkipped(StorylineError):
    """The one input given to :func:`storyline.process` cannot be used; ``.skipped`` says why."""

    exit_code = 3

    def __init__(self, skipped: object) -> None:
        super().__init__(str(skipped))
        self.skipped = skipped
