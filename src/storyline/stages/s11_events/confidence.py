"""How sure an event is, as a probability: the share of events like it whose code root and
source are both right.

The coder first scores an event by hand-set rules (a target found, an actor coded, how its date
was set: :func:`storyline.stages.s11_events.events.code_events`). That score orders events but is
no probability. Here a logistic model turns it, with what else is known of the event (a source
named or read off the context, a target, its modality, whether the learned head judged its word
and how sure the head was of its root), into the chance that its root and source are right.
``train/events/calibrate_confidence.py`` fits one model for each coder (``learned``, ``rules``)
on the tuning split of the training data, never on a dev set, and writes it into
``event_head/head.json``; ``--min-confidence`` then keeps events at least that likely right.
Where no model is installed the hand-set score stays.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy
from spacy.tokens import Doc

from storyline.document.records import Event
from storyline.knowledge.speech import REPORTING_VERBS

__all__ = ["FEATURES", "Calibration", "calibrate", "calibrations", "features"]

FEATURES = (
    "rules_score",  # the hand-set score
    "source",  # a source the sentence names
    "source_inferred",  # a source read off the context
    "target",
    "source_coded",  # the source has a country or an organisation
    "asserted",
    "reported",  # only known from someone's statement
    "noun",  # told by a noun ("the attack"), not a verb
    "judged",  # the learned head was asked about its word
    "head_root",  # the head's probability of the event's root (0 where not judged)
    "head_none",  # the head's probability that the word tells no event
    "head_agrees",  # the head's likeliest label is the event's root
    "statement",  # told by a reporting verb ("said", "told"): the statement rules' event
)

Asked = Mapping[int, Sequence[float]]  # token index -> the head's probabilities (none, 01..20)


@dataclass(frozen=True)
class Calibration:
    weights: tuple[float, ...]
    bias: float

    def __call__(self, row: Sequence[float]) -> float:
        score = self.bias + sum(w * x for w, x in zip(self.weights, row, strict=True))
        return 1.0 / (1.0 + math.exp(-score))


def features(event: Event, doc: Doc, asked: Asked) -> list[float]:
    """The calibration's input for an event: :data:`FEATURES`, in order."""
    word = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    token = word.root if word is not None and len(word) else None
    probabilities = asked.get(token.i) if token is not None else None
    root = int(event.root) if event.root.isdigit() else 0
    named = event.source is not None and not event.source_inferred
    return [
        event.confidence,
        float(named),
        float(bool(event.source_inferred)),
        float(event.target is not None),
        float(event.coded in ("both", "source")),
        float(event.modality == "asserted"),
        float(event.reported_by is not None),
        float(token is not None and token.pos_ == "NOUN"),
        float(probabilities is not None),
        float(probabilities[root]) if probabilities is not None and 0 < root < len(probabilities) else 0.0,
        float(probabilities[0]) if probabilities is not None else 0.0,
        float(probabilities is not None and int(numpy.argmax(probabilities)) == root),
        float(token is not None and token.lemma_.lower() in REPORTING_VERBS),
    ]


@functools.cache
def calibrations(config: Path) -> dict[str, Calibration]:
    """The fitted models in ``head.json`` (``config``), by coder; none where it holds none or
    was fitted on other features."""
    if not config.is_file():
        return {}
    fitted: dict[str, Any] = json.loads(config.read_text(encoding="utf-8")).get("confidence") or {}
    if tuple(fitted.get("features", ())) != FEATURES:
        return {}
    return {
        coder: Calibration(tuple(float(w) for w in model["weights"]), float(model["bias"]))
        for coder, model in fitted.get("models", {}).items()
    }


def calibrate(events: Sequence[Event], doc: Doc, asked: Asked, calibration: Calibration | None) -> None:
    """Set each event's confidence to the calibrated chance that it is right (two decimals)."""
    if calibration is None:
        return
    for event in events:
        event.confidence = round(calibration(features(event, doc, asked)), 2)
