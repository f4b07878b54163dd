"""Which numbers of an evaluator's output are storyline's figures: the scores the quality gate
holds to a floor (``tests/quality_floors.toml``).

A figure is a fraction (a float) of storyline's own: not a count (an int: ``n``, ``predicted``),
not a speed (``articles_per_second``), and not a baseline's score beside it (``baseline``,
``baseline_f1``, the police set's ``keywords``), which says what storyline is compared with.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

__all__ = ["figure_paths"]

_NOT_OURS = ("baseline", "keywords")


def figure_paths(found: Mapping[str, object], prefix: str = "") -> Iterator[tuple[str, float]]:
    """Each figure of an evaluator's output, by its dotted path ("per_type.PER.f1"), in order."""
    for key, value in found.items():
        path = f"{prefix}{key}"
        if key.startswith(_NOT_OURS) or "per_second" in key:
            continue
        if isinstance(value, Mapping):
            yield from figure_paths(value, f"{path}.")
        elif isinstance(value, float):
            yield path, value
