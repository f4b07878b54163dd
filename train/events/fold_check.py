"""Does reading one kind of real news teach the head anything that carries to other texts of that
kind? The kind's items (``page``: the read fundus-dev pages; ``story``: the read Reuters-21578
stories) are cut in two folds (every other item by name). For each fold the head is fitted
(C and thresholds as shipped, in ``head.json``) on every row but the fold's, once with the other
fold's rows of the kind and once without any, and scored on the fold's words beside the rules
alone. Prints root P / R / F1 over the words read. Runs in the training environment:

    /tmp/train-env/bin/python train/events/fold_check.py /tmp/event-rows.npz --kind story \\
        --head src/storyline/knowledge/data/event_head/head.json
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy
from train_event_head import LABELS, decide, fit, kind_of, probabilities, scores


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("rows", help="an archive from event_features.py")
    parser.add_argument("--kind", default="story", choices=("page", "story", "audit", "police"))
    parser.add_argument("--head", required=True, help="the shipped head.json (C and thresholds)")
    args = parser.parse_args()
    rows = numpy.load(args.rows)
    settings = json.loads(Path(args.head).read_text(encoding="utf-8"))
    where = numpy.asarray([str(w) for w in rows["where"]])[rows["sentence"]]
    x, lexicon = rows["features"], rows["lexicon"]
    y = numpy.asarray([LABELS.index(label) for label in rows["label"]])
    items = sorted({w for w in where if kind_of(w) == args.kind})
    of_kind = numpy.isin(where, items)
    thresholds = (settings["drop"], settings["recode"], settings["add"])
    for fold, held_items in enumerate((items[0::2], items[1::2])):
        held = numpy.isin(where, held_items)
        rules = numpy.asarray([LABELS.index(r) for r in lexicon[held]])
        line = [f"fold {fold}: {held.sum()} words", f"rules {scores(rules, y[held])}"]
        for name, train in (("without the kind", ~of_kind), ("with the other fold", ~held)):
            p = probabilities(fit(x[train], y[train], settings["C"]), x[held])
            line.append(f"{name} {scores(decide(p, lexicon[held], *thresholds), y[held])}")
        print("; ".join(line))


if __name__ == "__main__":
    main()
