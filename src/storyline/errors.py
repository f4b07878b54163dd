"""Every error storyline raises, in one tree under :class:`StorylineError`.

Messages say what went wrong and what to do next. The CLI prints ``str(err)`` as one
line and exits with ``err.exit_code``.

An input that cannot be used is *not* an error: it becomes a :class:`storyline.document.skips.Skipped`
record with a typed reason, and the run goes on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from storyline.document.skips import Skipped

__all__ = [
    "BenchInputSkipped",
    "InputNotFound",
    "InputSkipped",
    "InvalidArgument",
    "ModelNotInstalled",
    "NothingToProcess",
    "OffsetsChanged",
    "QuoteTaggerMissing",
    "SchemaViolation",
    "StageOrderError",
    "StoreError",
    "StorylineError",
    "UnknownCode",
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


class UnknownCode(InvalidArgument, KeyError):
    """A CAMEO code that the codebook does not have (a ``KeyError`` too, for dict-like use)."""

    def __str__(self) -> str:
        # KeyError would show the message in quotes; this is a sentence, not a key.
        return str(self.args[0]) if self.args else ""


class ModelNotInstalled(StorylineError):
    """The configured spaCy model package is not installed in this environment."""


class QuoteTaggerMissing(ModelNotInstalled):
    """The quote tagger's weights are not where the package put them (a broken install):
    quotes would silently be missing, so nothing is processed."""


class StageOrderError(StorylineError):
    """A list of stages in which a stage requires what no earlier stage sets (a storyline bug,
    or a custom list in the wrong order): found at start-up, before any article is read."""


class OffsetsChanged(StorylineError):
    """An evaluation found the pipeline changed a gold text, so its offsets cannot be scored."""


class BenchInputSkipped(StorylineError):
    """``storyline bench`` measures only articles the pipeline processes; one was skipped."""


class NothingToProcess(StorylineError):
    """Every input was skipped, so no document could be made."""

    exit_code = 3


class SchemaViolation(StorylineError):
    """A document does not validate against the shipped JSON Schema (a storyline bug)."""


class StoreError(StorylineError):
    """The store refused a statement (a damaged file, a schema older storyline code cannot read,
    a lost connection); the message names the store and what it said."""


class InputSkipped(StorylineError):
    """The one input given to :func:`storyline.process` cannot be used; ``.skipped`` says why."""

    exit_code = 3

    def __init__(self, skipped: Skipped) -> None:
        super().__init__(str(skipped))
        self.skipped = skipped
