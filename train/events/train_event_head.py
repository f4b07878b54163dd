"""Train the learned event head (``storyline/stages/s11_events/learned.py``) from the rows
``event_features.py`` wrote, and write ``knowledge/data/event_head/``.

One sentence in five (by a hash of its file and line) is the tuning split: the regularisation and
the three thresholds (drop, recode, add) are chosen on it, and it gives the figures printed for
the rules alone and for the head beside them. The shipped head is then refitted on every row
with the chosen settings. No dev or test set is read. Runs in the training environment
(scikit-learn; train/README.md):

    /tmp/train-env/bin/python train/events/train_event_head.py /tmp/event-rows.npz \
        --out src/storyline/knowledge/data/event_head
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
from pathlib import Path
from typing import Any

import numpy
from sklearn.linear_model import LogisticRegression

LABELS = ("none", *(f"{n:02d}" for n in range(1, 21)))
STRENGTHS = (0.1, 0.3, 1.0, 3.0)
THRESHOLDS = (0.0, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01)


def tuning_mask(where: Any, sentence: Any) -> Any:
    held = numpy.asarray([int(hashlib.sha256(w.encode()).hexdigest(), 16) % 5 == 0 for w in where])
    return held[sentence]


def decide(p: Any, lexicon: Any, drop: float, recode: float, add: float) -> Any:
    """The root each row is coded with (index into LABELS; 0 none), as ``Head.decide`` does."""
    best = p.argmax(axis=1)
    top = p.max(axis=1)
    lex = numpy.asarray([LABELS.index(r) for r in lexicon])
    known = lex > 0
    out = numpy.zeros(len(p), dtype=int)
    # lexicon-coded words
    agree = known & ((best == lex) | ((best == 0) & (top < drop)))
    other = known & ~agree & (best != 0)
    out[agree] = lex[agree]
    out[other] = numpy.where(top[other] >= recode, best[other], lex[other])
    # words the lexicon does not code
    unknown = ~known & (best != 0) & (top >= add)
    out[unknown] = best[unknown]
    return out


def scores(decided: Any, gold: Any) -> dict[str, float]:
    coded, events = decided > 0, gold > 0
    right = coded & (decided == gold)
    precision = right.sum() / max(coded.sum(), 1)
    recall = right.sum() / max(events.sum(), 1)
    f1 = 2 * precision * recall / max(precision + recall, 1e-9)
    return {"precision": round(float(precision), 3), "recall": round(float(recall), 3), "f1": round(float(f1), 3)}


def _report(who: str, decided: Any, gold: Any, kinds: Any) -> None:
    """The tuning split's scores: all of it, and each kind of item (the written sentences; the
    audited Reuters events, the read modern pages and the police sentences, whose words are only
    those a person read: precision there is over those)."""
    parts = "; ".join(f"{kind} {scores(decided[kinds == kind], gold[kinds == kind])}" for kind in sorted(set(kinds)))
    print(f"{who}, tuning split: {scores(decided, gold)}; {parts}")


def kind_of(where: str) -> str:
    """An item's kind, from its ``where`` ("audit:...", "page:...", "story:...", "police:...", a file name)."""
    prefix = where.split(":")[0]
    return prefix if prefix in ("audit", "page", "story", "police") else "written"


def fit(x: Any, y: Any, strength: float) -> LogisticRegression:
    model = LogisticRegression(C=strength, max_iter=2000)
    return model.fit(x, y)


def probabilities(model: LogisticRegression, x: Any) -> Any:
    p = numpy.zeros((len(x), len(LABELS)))
    p[:, model.classes_] = model.predict_proba(x)
    return p


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("rows", nargs="+", help="archives from event_features.py")
    parser.add_argument("--out", required=True, help="the folder to write head.npz and head.json into")
    parser.add_argument(
        "--tuning-out",
        help="also write the head fitted without the tuning split here (calibrate_confidence.py reads it)",
    )
    args = parser.parse_args()
    parts = [numpy.load(path) for path in args.rows]
    x = numpy.concatenate([p["features"] for p in parts])
    y = numpy.concatenate([[LABELS.index(label) for label in p["label"]] for p in parts])
    lexicon = numpy.concatenate([p["lexicon"] for p in parts])
    held = numpy.concatenate([tuning_mask(p["where"], p["sentence"]) for p in parts])
    kinds = numpy.concatenate([numpy.asarray([kind_of(str(w)) for w in p["where"]])[p["sentence"]] for p in parts])
    print(f"{len(y)} rows ({(y > 0).sum()} events), tuning split {held.sum()} rows ({(y[held] > 0).sum()} events)")
    rules = numpy.asarray([LABELS.index(r) for r in lexicon])
    _report("rules alone", rules[held], y[held], kinds[held])
    best: tuple[float, float, tuple[float, float, float]] | None = None
    for strength in STRENGTHS:
        p = probabilities(fit(x[~held], y[~held], strength), x[held])
        for drop, recode, add in itertools.product(THRESHOLDS, THRESHOLDS, THRESHOLDS):
            f1 = scores(decide(p, lexicon[held], drop, recode, add), y[held])["f1"]
            if best is None or f1 > best[0]:
                best = (f1, strength, (drop, recode, add))
        print(f"C={strength}: best so far {best}")
    assert best is not None
    _, strength, (drop, recode, add) = best
    p = probabilities(fit(x[~held], y[~held], strength), x[held])
    _report("learned head", decide(p, lexicon[held], drop, recode, add), y[held], kinds[held])
    settings = {"labels": list(LABELS), "drop": drop, "recode": recode, "add": add, "C": strength, "rows": len(y)}
    _write(fit(x, y, strength), x.shape[1], settings, Path(args.out))
    if args.tuning_out:
        tuned = {**settings, "rows": int((~held).sum())}
        _write(fit(x[~held], y[~held], strength), x.shape[1], tuned, Path(args.tuning_out))


def _write(model: LogisticRegression, width: int, settings: dict[str, Any], out: Path) -> None:
    weights = numpy.zeros((width, len(LABELS)), dtype="float32")
    bias = numpy.full(len(LABELS), -30.0, dtype="float32")  # a label never seen is never chosen
    weights[:, model.classes_] = model.coef_.T
    bias[model.classes_] = model.intercept_
    out.mkdir(parents=True, exist_ok=True)
    numpy.savez_compressed(out / "head.npz", weights=weights, bias=bias)
    config = out / "head.json"
    kept = json.loads(config.read_text(encoding="utf-8")) if config.is_file() else {}
    calibration = {k: v for k, v in kept.items() if k == "confidence"}  # calibrate_confidence.py's part
    config.write_text(json.dumps({**settings, **calibration}, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {out}: {settings}")


if __name__ == "__main__":
    main()
