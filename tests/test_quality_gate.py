"""The quality gate: every ``storyline eval`` task on the development sets, and the seed
article's score, held to the floors in ``tests/quality_floors.toml``.

A change that costs accuracy fails here, figure by figure, with the figure, its floor and the
command that measures it. Each task runs once per session; it skips, with the reason, where
../shared/data is not checked out beside the repo.
"""

from __future__ import annotations

import functools
import json
import os
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path
from typing import Any

import pytest

from storyline import process
from storyline.budget import MEASURING
from storyline.evaluation.events import evaluate_events
from storyline.evaluation.figures import figure_paths
from storyline.evaluation.geo import evaluate_geo
from storyline.evaluation.ner import evaluate_ner
from storyline.evaluation.quotes import evaluate_quotes
from storyline.evaluation.time import evaluate_time

from .conftest import ROOT, SEED, SHARED, need

FLOORS = tomllib.loads((ROOT / "tests" / "quality_floors.toml").read_text("utf-8"))
SCORE_SEED = SHARED / "tools" / "score_seed.py"
SEED_PUBLISHED = "2025-08-23"

_EVALUATORS = {
    "ner": evaluate_ner,
    "geo": evaluate_geo,
    "time": evaluate_time,
    "quotes": evaluate_quotes,
    "events": evaluate_events,
}


@functools.cache
def figures(name: str) -> dict[str, Any]:
    """The figures of one gate entry (run once per session)."""
    entry = FLOORS[name]
    data = need(SHARED / "data" / entry["data"])
    if entry["task"] == "seed":
        return _seed_score(data)
    options = {"split": entry["split"]} if "split" in entry else {}
    result: dict[str, Any] = _EVALUATORS[entry["task"]](data, **options)
    return result


def _seed_score(article: Path) -> dict[str, Any]:
    tool = need(SCORE_SEED)
    document = process(article.read_text("utf-8"), published=SEED_PUBLISHED, time_budget=MEASURING)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "seed.json"
        path.write_text(document.to_json(), "utf-8")
        scored = subprocess.run(
            [sys.executable, str(tool), str(path), "--json"], capture_output=True, text=True, check=True
        )
    score: dict[str, Any] = json.loads(scored.stdout)
    return score


def _value(found: dict[str, Any], path: str) -> float:
    value: Any = found
    for key in path.split("."):
        value = value[key]
    return float(value)


def _limits(kind: str) -> list[tuple[str, str, float]]:
    return [(name, path, limit) for name, entry in FLOORS.items() for path, limit in entry.get(kind, {}).items()]


def _where(name: str) -> str:
    entry = FLOORS[name]
    return f"{entry['task']} on {os.path.normpath('../shared/data/' + entry['data'])}"


@pytest.mark.parametrize(("name", "path", "floor"), _limits("floors"), ids=lambda v: str(v))
def test_figure_is_at_least_its_floor(name: str, path: str, floor: float) -> None:
    value = _value(figures(name), path)
    assert value >= floor, (
        f"{name} {path} fell to {value:.4f}, under its floor {floor} ({_where(name)}); "
        "fix the loss, or lower the floor in tests/quality_floors.toml with a CHANGELOG line saying why"
    )


@pytest.mark.parametrize(("name", "path", "ceiling"), _limits("ceilings"), ids=lambda v: str(v))
def test_error_count_is_at_most_its_ceiling(name: str, path: str, ceiling: float) -> None:
    value = _value(figures(name), path)
    assert value <= ceiling, f"{name} {path} rose to {value:g}, over its ceiling {ceiling} ({_where(name)})"


@pytest.mark.parametrize("name", list(FLOORS))
def test_every_figure_has_a_floor(name: str) -> None:
    found = list(figure_paths(figures(name)))
    assert found, f"{name}: no figures read"
    missing = [path for path, _ in found if path not in FLOORS[name]["floors"]]
    assert not missing, (
        f"{name}: {len(missing)} figure(s) without a floor ({', '.join(missing[:5])}, ...): "
        "give each one in tests/quality_floors.toml (python bench/before_after.py floors writes them)"
    )


def test_every_eval_task_and_the_seed_have_floors() -> None:
    assert {entry["task"] for entry in FLOORS.values()} == {*_EVALUATORS, "seed"}
    assert all(entry.get("floors") for entry in FLOORS.values())
    assert SEED.name == Path(FLOORS["seed"]["data"]).name
