"""Fit the events' confidence (``storyline/stages/s11_events/confidence.py``): for each coder, a
logistic model from the calibration's features to whether an event's code root and source are
both right, on the rows ``confidence_rows.py`` wrote (the tuning split only). Writes the models
into ``head.json``'s ``confidence`` part and prints, from five-fold cross-validation on the same
rows (each row scored by a model fitted without it), what an analyst needs to know:

- the expected calibration error (ten equal-width bins) of the hand-set score and of the
  calibrated one;
- the share right among the events kept at ``--min-confidence`` 0.5, 0.8 and 0.9, and how many
  are kept.

Runs in the training environment (scikit-learn; train/README.md):

    /tmp/train-env/bin/python train/events/train_confidence.py /tmp/confidence-rows.npz \
        --head src/storyline/knowledge/data/event_head/head.json
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import numpy
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_predict

CODERS = ("learned", "rules")
KEPT_AT = (0.5, 0.8, 0.9)


def calibration_error(p: Any, right: Any, bins: int = 10) -> float:
    """Expected calibration error: the row-weighted gap between the mean score and the share
    right in each of ``bins`` equal-width bins."""
    which = numpy.minimum((p * bins).astype(int), bins - 1)
    gap = 0.0
    for b in range(bins):
        inside = which == b
        if inside.any():
            gap += inside.sum() * abs(p[inside].mean() - right[inside].mean())
    return round(float(gap / len(p)), 3)


def kept(p: Any, right: Any) -> dict[str, str]:
    out = {}
    for threshold in KEPT_AT:
        keep = p >= threshold
        share = right[keep].mean() if keep.any() else float("nan")
        out[f">={threshold}"] = f"{share:.3f} right of {int(keep.sum())}"
    return out


def model() -> LogisticRegression:
    return LogisticRegression(C=1.0, max_iter=5000)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("rows", help="confidence_rows.py's archive")
    parser.add_argument("--head", required=True, help="the head.json to write the models into")
    args = parser.parse_args()
    rows = numpy.load(args.rows)
    names = [str(n) for n in rows["features_names"]]
    models = {}
    for coder in CODERS:
        x, right = rows[f"{coder}_features"], rows[f"{coder}_right"].astype(int)
        folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=27)
        p = cross_val_predict(model(), x, right, cv=folds, method="predict_proba")[:, 1]
        hand = x[:, names.index("rules_score")]
        print(f"{coder}: {len(right)} events, {right.mean():.3f} right")
        print(f"  hand-set score: calibration error {calibration_error(hand, right)}; kept {kept(hand, right)}")
        print(f"  calibrated (cross-validated): calibration error {calibration_error(p, right)}; kept {kept(p, right)}")
        fitted = model().fit(x, right)
        models[coder] = {"weights": [round(float(w), 5) for w in fitted.coef_[0]], "bias": float(fitted.intercept_[0])}
    path = Path(args.head)
    settings = json.loads(path.read_text(encoding="utf-8"))
    settings["confidence"] = {"features": names, "models": models}
    path.write_text(json.dumps(settings, indent=1) + "\n", encoding="utf-8")
    print(f"wrote the confidence models into {path}")


if __name__ == "__main__":
    main()
