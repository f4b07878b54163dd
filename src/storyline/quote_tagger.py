"""Attribution parts tagged by two small spaCy NER heads trained on PolNeAR train.

The heads read the vectors that the model's own tok2vec already computed (``doc.tensor``), so a
document costs two transition-based passes and no second encoder. One head marks ``CUE`` and
``SOURCE`` spans, the other ``CONTENT`` spans (contents hold other attributions' cues and
sources, so the two cannot share one non-overlapping tagging). ``train/train_quote_tagger.py``
trains them and writes ``data/quote_tagger/``; only the weights ship, not the corpus.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import numpy
import spacy
from spacy.language import Language
from spacy.ml.models.tok2vec import MaxoutWindowEncoder
from spacy.tokens import Doc, Span
from spacy.util import registry
from thinc.api import HashEmbed, Maxout, Model, chain, concatenate, with_array
from thinc.types import Floats2d, Ints2d

from .nlp import text_of
from .quote_cues import cue_frames
from .quote_marks import inside_quotes

__all__ = ["ACROSS_SENTENCES", "HEADS", "TAGGER_DIR", "doc_tensor", "head_config", "tag_parts", "unsentenced"]

TAGGER_DIR = Path(__file__).parent / "data" / "quote_tagger"
HEADS = {"parts": ("CUE", "SOURCE"), "content": ("CONTENT",)}
# Heads that read a copy of the document without its sentences: a content may run on for
# several sentences, and spaCy's NER never crosses a sentence start.
ACROSS_SENTENCES = frozenset({"content"})


@registry.architectures("storyline.DocTensor.v1")  # type: ignore[untyped-decorator]
def doc_tensor(width: int) -> Model[list[Doc], list[Floats2d]]:
    """The vectors the pipeline's tok2vec left on each document, as a head's input layer.

    Nothing flows back: the encoder was trained with the model and stays as it is."""

    def forward(model: Model[list[Doc], list[Floats2d]], docs: list[Doc], is_train: bool) -> Any:
        return [model.ops.asarray2f(doc.tensor) for doc in docs], lambda d_vectors: []  # type: ignore[arg-type]

    return Model("doc_tensor", forward, dims={"nO": width})


def _features(doc: Doc) -> Any:
    """Per token: its lower form, dependency, tag, entity type, its head's lemma and
    dependency, whether it lies inside quotation marks, and whether it or its head is a cue
    lemma of the learned frames."""
    cached = doc.user_data.get("storyline.quote_features")
    if cached is not None and cached.shape[0] == len(doc):
        return cached  # both heads read the same features
    frames = cue_frames("shipped")
    inside = inside_quotes(text_of(doc))
    rows = []
    for t in doc:
        cue = 2 if t.lemma_.lower() in frames else 1 if t.head.lemma_.lower() in frames else 0
        rows.append((t.lower, t.dep, t.tag, t.ent_type, t.head.lemma, t.head.dep, int(inside[t.idx]) + 1, cue + 1))
    features = numpy.asarray(rows, dtype="uint64").reshape((len(doc), _N_FEATURES))
    doc.user_data["storyline.quote_features"] = features
    return features


_N_FEATURES = 8
_ROWS = (5000, 100, 100, 40, 2000, 100, 4, 4)


@registry.architectures("storyline.QuoteFeatures.v1")  # type: ignore[untyped-decorator]
def quote_features(width: int, tensor_width: int = 96) -> Model[list[Doc], list[Floats2d]]:
    """``doc.tensor`` beside hashed syntax features, mixed and widened by two window layers
    (each token then sees about ten on either side)."""

    def extract(model: Model[list[Doc], list[Ints2d]], docs: list[Doc], is_train: bool) -> Any:
        return [model.ops.asarray(_features(doc), dtype="uint64") for doc in docs], lambda d: []

    embed: Model[list[Ints2d], list[Floats2d]] = with_array(
        chain(
            concatenate(*(HashEmbed(16, rows, column=i, seed=i + 7) for i, rows in enumerate(_ROWS))),
            Maxout(width, 16 * _N_FEATURES, nP=3, normalize=True),
        )
    )
    syntax: Model[list[Doc], list[Floats2d]] = chain(Model("quote_features", extract), embed)
    mixed: Model[list[Doc], list[Floats2d]] = chain(
        concatenate(doc_tensor(tensor_width), syntax),
        with_array(Maxout(width, tensor_width + width, nP=3, normalize=True)),
    )
    return chain(mixed, MaxoutWindowEncoder(width=width, window_size=1, maxout_pieces=3, depth=2))


def head_config(width: int = 96, hidden: int = 64) -> dict[str, Any]:
    """The ``ner`` factory config of one head: spaCy's transition-based tagger over ``doc.tensor``."""
    return {
        "model": {
            "@architectures": "spacy.TransitionBasedParser.v2",
            "state_type": "ner",
            "extra_state_tokens": False,
            "hidden_width": hidden,
            "maxout_pieces": 2,
            "use_upper": True,
            "tok2vec": {"@architectures": "storyline.QuoteFeatures.v1", "width": width},
        }
    }


@functools.cache
def _head(name: str) -> Language | None:
    folder = TAGGER_DIR / name
    if not (folder / "config.cfg").is_file():
        return None
    return spacy.load(folder)


def available() -> bool:
    return all(_head(name) is not None for name in HEADS)


def tag_parts(doc: Doc) -> dict[str, list[Span]]:
    """The ``CUE``, ``SOURCE`` and ``CONTENT`` spans the heads find in a parsed document
    (empty where the weights are not installed). ``doc.ents`` is left as it was."""
    found: dict[str, list[Span]] = {label: [] for labels in HEADS.values() for label in labels}
    if doc.tensor is None or doc.tensor.shape[0] != len(doc) or not len(doc):
        return found
    saved = doc.ents
    try:
        for name in HEADS:
            head = _head(name)
            if head is None:
                continue
            ner = head.get_pipe("ner")
            for label in HEADS[name]:
                doc.vocab.strings.add(label)  # the head's labels, in the document's own vocab
            target = unsentenced(doc) if name in ACROSS_SENTENCES else doc
            target.ents = []
            ner.set_annotations([target], ner.predict([target]))  # type: ignore[attr-defined]
            for span in target.ents:
                found.setdefault(span.label_, []).append(doc[span.start : span.end] if target is not doc else span)
    finally:
        doc.ents = saved
    return found


def unsentenced(doc: Doc) -> Doc:
    """The same tokens, vectors and tagger features, with no parse and so no sentences."""
    copy = Doc(doc.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc])
    copy.tensor = doc.tensor
    copy.user_data["storyline.quote_features"] = _features(doc)
    return copy
