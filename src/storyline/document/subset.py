"""The dataset-grade subset of a document's events: those grounded well enough to count.

A document keeps every event it finds, each with its ``confidence`` and which of its actors are
``coded``. An analyst building a dataset wants fewer, surer events: ``--min-confidence`` drops
the less sure, ``--coded source`` the events whose source no one knows (an event "by" nobody
cannot be counted for anybody). :data:`DATASET_GRADE` is the subset exports and counts use by
default.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from storyline.document.records import Document, Event

__all__ = ["CODED_CHOICES", "DATASET_GRADE", "EventSubset"]

# What ``--coded`` accepts, and which events' ``coded`` values each keeps.
CODED_CHOICES: dict[str, frozenset[str]] = {
    "any": frozenset({"both", "source", "target", "none"}),
    "source": frozenset({"both", "source"}),
    "target": frozenset({"both", "target"}),
    "both": frozenset({"both"}),
}


@dataclass(frozen=True)
class EventSubset:
    min_confidence: float = 0.0
    coded: str = "any"  # a key of CODED_CHOICES

    def __post_init__(self) -> None:
        if self.coded not in CODED_CHOICES:
            raise ValueError(f"coded must be one of {', '.join(CODED_CHOICES)}, not {self.coded!r}")
        if not 0.0 <= self.min_confidence <= 1.0:
            raise ValueError(f"min_confidence must be between 0 and 1, not {self.min_confidence}")

    @property
    def everything(self) -> bool:
        return self.min_confidence == 0.0 and self.coded == "any"

    def keeps(self, event: Event) -> bool:
        return event.confidence >= self.min_confidence and event.coded in CODED_CHOICES[self.coded]

    def of(self, document: Document) -> Document:
        """The document with only the events this subset keeps (their ids unchanged)."""
        if self.everything:
            return document
        return replace(document, events=[e for e in document.events if self.keeps(e)])


# Events with a coded source: what exports count. (``confidence`` is the calibrated chance that
# an event's code root and source are both right, stages/s11_events/confidence.py; the
# threshold is for analysts who trade events for sureness.)
DATASET_GRADE = EventSubset(coded="source")
