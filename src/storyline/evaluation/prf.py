"""Precision, recall and F1 counts shared by the evaluators."""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass

__all__ = ["Counts"]


@dataclass
class Counts:
    correct: int = 0
    predicted: int = 0
    gold: int = 0

    def add(self, predicted: Iterable[Hashable], gold: Iterable[Hashable]) -> None:
        """One item's predicted and gold sets, compared as sets."""
        p, g = set(predicted), set(gold)
        self.correct += len(p & g)
        self.predicted += len(p)
        self.gold += len(g)

    def add_one(self, predicted: bool, gold: bool) -> None:
        """One yes/no decision (a sentence labelled or not)."""
        self.add([0] if predicted else [], [0] if gold else [])

    def rates(self) -> tuple[float, float, float]:
        """(precision, recall, F1); 0 where nothing was predicted or nothing is gold."""
        p = self.correct / self.predicted if self.predicted else 0.0
        r = self.correct / self.gold if self.gold else 0.0
        f1 = 2 * self.correct / (self.predicted + self.gold) if self.predicted + self.gold else 0.0
        return p, r, f1

    def figures(self, prefix: str) -> dict[str, float]:
        p, r, f1 = self.rates()
        return {f"{prefix}_precision": p, f"{prefix}_recall": r, f"{prefix}_f1": f1}
