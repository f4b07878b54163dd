"""The event task on the encoder, for training scripts under PyTorch: the event head's rows
(``event_features.py``'s archive) as sentences of wordpieces, and a softmax over "none" and the
20 CAMEO roots on the head's three parts (the word's vector, its sentence's mean, the lexicon's
root), read off the encoder's last layer.

``finetune_probe.py`` fine-tunes MiniLM on this task alone; ``train_quote_encoder.py --events``
trains the quote encoder on it beside the quote tags, so one encoder serves both.
"""

from __future__ import annotations

from typing import Any

import numpy
import torch
from tokenizers import Tokenizer
from train_event_head import LABELS

MAX_PIECES = 160  # a sentence's wordpieces read; a word past them is left out


def sentences(rows: Any, tokenizer: Tokenizer) -> list[dict[str, Any]]:
    """The rows grouped by sentence, wordpieces found for each word; a word with none is dropped.
    Each sentence: ``ids`` (with [CLS] and [SEP]), ``rows`` (row numbers), ``pieces`` (each row's
    wordpieces), ``lexicon`` (each row's lexicon root, an index into LABELS), ``where``."""
    rows = {name: rows[name] for name in ("where", "label", "sentence", "text", "start", "end", "lexicon")}
    items = [str(w) for w in rows["where"]]  # (an archive decompresses a field at each reading: read once)
    grouped: dict[tuple[int, str], dict[str, Any]] = {}
    for n in range(len(rows["label"])):
        item, text = int(rows["sentence"][n]), str(rows["text"][n])
        s = grouped.setdefault((item, text), {"where": items[item], "text": text, "rows": []})
        s["rows"].append(n)
    for s in grouped.values():
        encoding = tokenizer.encode(s["text"])
        offsets = encoding.offsets[:MAX_PIECES]
        s["ids"] = encoding.ids[:MAX_PIECES]
        kept, s["pieces"] = [], []
        for n in s["rows"]:
            a, b = int(rows["start"][n]), int(rows["end"][n])
            pieces = [i for i, (x, y) in enumerate(offsets) if y > x and x < b and y > a]
            if pieces:
                kept.append(n)
                s["pieces"].append(pieces)
        s["rows"] = kept
        s["lexicon"] = [LABELS.index(str(rows["lexicon"][n])) for n in kept]
    return [s for s in grouped.values() if s["rows"]]


def padded(batch: list[dict[str, Any]]) -> tuple[torch.Tensor, torch.Tensor]:
    """The batch's wordpiece ids and attention mask, padded to its longest sentence."""
    longest = max(len(s["ids"]) for s in batch)
    ids = torch.zeros(len(batch), longest, dtype=torch.long)
    mask = torch.zeros(len(batch), longest, dtype=torch.long)
    for i, s in enumerate(batch):
        ids[i, : len(s["ids"])] = torch.tensor(s["ids"])
        mask[i, : len(s["ids"])] = 1
    return ids, mask


class EventHead(torch.nn.Module):
    """The softmax over LABELS on a word's vector, its sentence's mean and the lexicon's root."""

    def __init__(self, width: int) -> None:
        super().__init__()
        self.out = torch.nn.Linear(2 * width + len(LABELS), len(LABELS))

    def forward(self, hidden: torch.Tensor, batch: list[dict[str, Any]]) -> torch.Tensor:
        rows = []
        for i, s in enumerate(batch):
            mean = hidden[i, 1 : len(s["ids"]) - 1].mean(0)
            for pieces, lexicon in zip(s["pieces"], s["lexicon"], strict=True):
                hint = torch.zeros(len(LABELS))
                hint[lexicon] = 1.0
                rows.append(torch.cat([hidden[i, pieces].mean(0), mean, hint]))
        return self.out(torch.stack(rows))


def gold(batch: list[dict[str, Any]], y: Any) -> torch.Tensor:
    """The labels of the batch's rows, in the order :class:`EventHead` gives them."""
    return torch.tensor([int(y[n]) for s in batch for n in s["rows"]])


def probabilities(run: Any, test: list[dict[str, Any]]) -> dict[int, Any]:
    """Each held-out row's probabilities, by row number; ``run(batch) -> logits``."""
    found: dict[int, Any] = {}
    with torch.no_grad():
        for i in range(0, len(test), 32):
            batch = test[i : i + 32]
            p = torch.softmax(run(batch), -1).numpy()
            for n, row in zip((n for s in batch for n in s["rows"]), p, strict=True):
                found[n] = row
    return found


def labels(rows: Any) -> Any:
    return numpy.asarray([LABELS.index(str(label)) for label in rows["label"]])
