"""The events' calibrated confidence: what it reads of an event, and how the fitted models in
``event_head/head.json`` are found and applied."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline import process
from storyline.stages.s11_events import confidence, learned
from storyline.stages.stage import Config

from .conftest import parsed

ACT = "Police arrested 12 protesters in Lagos on Tuesday."
UNKNOWN_DOER = "Rebels ambushed an army convoy near the border, killing four soldiers."


def only(feature: str, weight: float = 10.0, bias: float = 0.0) -> confidence.Calibration:
    """A model that reads one feature."""
    weights = tuple(weight if name == feature else 0.0 for name in confidence.FEATURES)
    return confidence.Calibration(weights, bias)


def test_a_calibration_is_a_logistic_model_over_the_features() -> None:
    row = [1.0] * len(confidence.FEATURES)
    assert only("source", weight=0.0)(row) == pytest.approx(0.5)
    assert only("source")(row) > 0.99
    assert only("source", weight=-10.0)(row) < 0.01
    assert only("source", weight=0.0, bias=2.0)(row) == pytest.approx(1 / (1 + 2.718281828**-2), rel=1e-6)


def test_the_features_say_what_the_head_thought_of_the_events_word(config: Config) -> None:
    work = parsed(config, ACT)
    event = next(e for e in process(ACT, published="2025-08-23").events if e.trigger.text == "arrested")
    arrested = next(t for t in work.parsed if t.text == "arrested")
    sure = [0.0] * len(learned.LABELS)
    sure[learned.LABELS.index(event.root)] = 0.9
    sure[0] = 0.1
    row = dict(zip(confidence.FEATURES, confidence.features(event, work.parsed, {arrested.i: sure}), strict=True))
    assert row["judged"] == 1.0 and row["head_root"] == pytest.approx(0.9) and row["head_none"] == pytest.approx(0.1)
    assert row["head_agrees"] == 1.0 and row["statement"] == 0.0 and row["noun"] == 0.0
    assert row["source"] == 1.0 and row["asserted"] == 1.0
    unjudged = dict(zip(confidence.FEATURES, confidence.features(event, work.parsed, {}), strict=True))
    assert unjudged["judged"] == unjudged["head_root"] == unjudged["head_agrees"] == 0.0


def test_calibrate_sets_each_events_confidence_from_its_model(config: Config) -> None:
    text = f"{ACT} {UNKNOWN_DOER}"
    work = parsed(config, text)
    events = process(text, published="2025-08-23").events
    assert any(e.source for e in events) and any(not e.source for e in events)
    confidence.calibrate(events, work.parsed, {}, only("source", weight=20.0, bias=-10.0))
    for event in events:
        assert event.confidence == (1.0 if event.source and not event.source_inferred else 0.0)


def test_no_model_leaves_the_hand_set_score(config: Config) -> None:
    events = process(ACT, published="2025-08-23").events
    before = [e.confidence for e in events]
    confidence.calibrate(events, parsed(config, ACT).parsed, {}, None)
    assert [e.confidence for e in events] == before


def test_models_fitted_on_other_features_are_not_used(tmp_path: Path) -> None:
    config = tmp_path / "head.json"
    model = {"weights": [1.0, 2.0], "bias": 0.0}
    config.write_text(json.dumps({"confidence": {"features": ["a", "b"], "models": {"learned": model}}}))
    assert confidence.calibrations(config) == {}
    assert confidence.calibrations(tmp_path / "missing.json") == {}


def test_the_shipped_head_holds_a_model_for_each_coder() -> None:
    models = confidence.calibrations(learned.HEAD_DIR / "head.json")
    assert set(models) == {"learned", "rules"}
    assert all(len(m.weights) == len(confidence.FEATURES) for m in models.values())


def test_every_events_confidence_is_a_probability() -> None:
    text = f"{ACT} {UNKNOWN_DOER} The government condemned the attack and said it would send more troops."
    for events in ("learned", "rules"):
        found = process(text, published="2025-08-23", events=events).events
        assert found and all(0.0 <= e.confidence <= 1.0 for e in found)
