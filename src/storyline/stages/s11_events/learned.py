"""The learned event head: for a word the event coder might code (a verb or an event noun), the
CAMEO root it tells, or none, read off the quote encoder's last layer.

The default quote tagger runs all-MiniLM-L6-v2 over every article; its last layer (one vector a
token, ``Work.token_vectors``) is this head's input, so the encoder runs once for both. The head
is a softmax over ``none`` and the 20 roots, on three parts: the word's vector, its sentence's
mean vector, and the root the lexicon gives the word (none where it gives none), one-hot.
``train/events/`` builds it from hand-written, hand-labelled sentences and writes
``knowledge/data/event_head/``; its thresholds are chosen on a split of that training data.

How the coder uses it (:func:`storyline.stages.s11_events.events.code_events`):

- a word the lexicon codes keeps the lexicon's code where the head's root agrees; where the head
  is sure of another root, the code becomes that root's general code ("180"); where it is sure
  the word tells no event, the word is not coded;
- a verb or event noun the lexicon does not know is coded with the head's root (general code)
  where the head is sure of it;
- patterns from a user's lexicon are the user's own coding and are left as they are.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy
from spacy.tokens import Token

__all__ = ["HEAD_DIR", "LABELS", "Head", "features", "head", "head_in"]

HEAD_DIR = Path(__file__).parents[2] / "knowledge" / "data" / "event_head"
LABELS = ("none", *(f"{n:02d}" for n in range(1, 21)))


@dataclass(frozen=True)
class Head:
    weights: Any  # NumPy (features, labels)
    bias: Any  # NumPy (labels,)
    drop: float  # P(none) at or above which a lexicon-coded word is not coded
    recode: float  # P(root) at or above which another root than the lexicon's wins
    add: float  # P(root) at or above which a word the lexicon does not code is coded

    def probabilities(self, row: Any) -> Any:
        scores = row @ self.weights + self.bias
        scores = numpy.exp(scores - scores.max())
        return scores / scores.sum()

    def decide(self, row: Any, lexicon_code: str | None) -> str | None:
        """The code for a word (its features ``row``): the lexicon's (``lexicon_code``), another
        root's general code, or None (no event)."""
        return self.choose(self.probabilities(row), lexicon_code)

    def choose(self, p: Any, lexicon_code: str | None) -> str | None:
        """:meth:`decide` on the head's probabilities ``p``."""
        best = int(p.argmax())
        root = LABELS[best]
        if lexicon_code is not None:
            if root == lexicon_code[:2] or (root == "none" and p[best] < self.drop):
                return lexicon_code
            if root == "none":
                return None
            return f"{root}0" if p[best] >= self.recode else lexicon_code
        if root != "none" and p[best] >= self.add:
            return f"{root}0"
        return None


def head() -> Head | None:
    """The shipped head, or None where it is not installed (the rules then code alone)."""
    return head_in(HEAD_DIR)


@functools.cache
def head_in(folder: Path) -> Head | None:
    """The head written into ``folder`` (``train/events/train_event_head.py``), or None."""
    weights, config = folder / "head.npz", folder / "head.json"
    if not weights.is_file() or not config.is_file():
        return None
    settings = json.loads(config.read_text(encoding="utf-8"))
    if tuple(settings["labels"]) != LABELS:
        return None
    with numpy.load(weights) as arrays:
        return Head(
            weights=arrays["weights"].astype("float32"),
            bias=arrays["bias"].astype("float32"),
            drop=float(settings["drop"]),
            recode=float(settings["recode"]),
            add=float(settings["add"]),
        )


def features(word: Token, vectors: Any, lexicon_code: str | None, means: dict[int, Any] | None = None) -> Any:
    """The head's input for a word: its vector, its sentence's mean vector, the lexicon's root
    one-hot. ``means`` keeps the sentence means of a document (by sentence start) between calls."""
    sentence = word.sent
    mean = means.get(sentence.start) if means is not None else None
    if mean is None:
        mean = vectors[sentence.start : sentence.end].mean(axis=0)
        if means is not None:
            means[sentence.start] = mean
    hint = numpy.zeros(len(LABELS), dtype="float32")
    hint[LABELS.index(lexicon_code[:2]) if lexicon_code and lexicon_code[:2] in LABELS else 0] = 1.0
    return numpy.concatenate([vectors[word.i], mean, hint])
