"""Attribution parts tagged by two small spaCy NER heads trained on PolNeAR train.

The heads read the vectors that the model's own tok2vec already computed (``doc.tensor``)
beside hashed parse features (dependency, tag, head lemma, inside quotation marks, cue lemma),
mixed by one small window layer: no second copy of the model's encoder runs. One head marks
``CUE`` and ``SOURCE`` spans, the other ``CONTENT`` spans (contents hold other attributions'
cues and sources, so the two cannot share one non-overlapping tagging); the content head reads
only the paragraphs where a cue was tagged, across sentence ends. Documents are tagged a batch
at a time (:func:`tag_batch`, the pipeline's ``quote_tags`` stage). ``train/train_quote_tagger.py`` trains
the heads and writes ``data/quote_tagger/``; only the weights ship, not the corpus.

A document's tags are its own, whatever batch it is in: each token's input is its own vector
and features, the window layers pad each document apart (nothing reaches across into a
neighbour), nothing is quantised or normalised over the batch, and a matrix product gives a row
the same result whatever rows sit beside it. ``tests/test_determinism.py`` holds this, alone,
in batches and with worker processes.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy
import spacy
from spacy.attrs import DEP, ENT_TYPE, HEAD, IDX, LEMMA, LOWER, TAG
from spacy.language import Language
from spacy.ml.models.tok2vec import MaxoutWindowEncoder
from spacy.strings import StringStore
from spacy.tokens import Doc
from spacy.util import registry
from thinc.api import HashEmbed, Maxout, Model, chain, concatenate, with_array
from thinc.types import Floats2d, Ints2d

from storyline.document.encode import JSONObject
from storyline.errors import QuoteTaggerMissing
from storyline.knowledge.quote_cues import cue_frames
from storyline.parse.quote_marks import inside_quotes
from storyline.parse.text import text_of
from storyline.stages.stage import QuoteTags

__all__ = [
    "ACROSS_SENTENCES",
    "HEADS",
    "TAGGER_DIR",
    "doc_tensor",
    "head_config",
    "tag_batch",
    "unsentenced",
]

TAGGER_DIR = Path(__file__).parents[2] / "knowledge" / "data" / "quote_tagger"
HEADS = {"parts": ("CUE", "SOURCE"), "content": ("CONTENT",)}
# Heads that read a copy of the document without its sentences: a content may run on for
# several sentences, and spaCy's NER never crosses a sentence start.
ACROSS_SENTENCES = frozenset({"content"})


@registry.architectures("storyline.DocTensor.v1")  # type: ignore[untyped-decorator]
def doc_tensor(width: int) -> Model[list[Doc], list[Floats2d]]:
    """The vectors the pipeline's tok2vec left on each document, as a head's input layer.

    Nothing flows back: the encoder was trained with the model and stays as it is."""

    def forward(
        model: Model[list[Doc], list[Floats2d]], docs: list[Doc], is_train: bool
    ) -> tuple[list[Floats2d], Callable[[list[Floats2d]], list[Doc]]]:
        return [model.ops.asarray2f(doc.tensor) for doc in docs], lambda d_vectors: []  # type: ignore[arg-type]

    return Model("doc_tensor", forward, dims={"nO": width})


def _features(doc: Doc) -> Any:  # Any: numpy arrays, which thinc's Ops type as their own
    """Per token: its lower form, dependency, tag, entity type, its head's lemma and
    dependency, whether it lies inside quotation marks, and whether it or its head is a cue
    lemma of the learned frames (read with ``Doc.to_array``, not token by token)."""
    cached = doc.user_data.get("storyline.quote_features")
    if cached is not None and cached.shape[0] == len(doc):
        return cached  # both heads read the same features
    table = doc.to_array([LOWER, DEP, TAG, ENT_TYPE, LEMMA, HEAD, IDX]).astype("uint64")
    heads = numpy.arange(len(doc)) + table[:, 5].astype("int64")  # HEAD is an offset
    lemmas, deps = table[:, 4], table[:, 1]
    inside = numpy.asarray(inside_quotes(text_of(doc)), dtype="uint64")[table[:, 6].astype("int64")]
    cues = _cue_hashes()
    cue = numpy.where(numpy.isin(lemmas, cues), 2, numpy.where(numpy.isin(lemmas[heads], cues), 1, 0))
    features = numpy.stack(
        [table[:, 0], deps, table[:, 2], table[:, 3], lemmas[heads], deps[heads], inside + 1, cue.astype("uint64") + 1],
        axis=1,
    ).astype("uint64")
    doc.user_data["storyline.quote_features"] = features
    return features


@functools.cache
def _cue_hashes() -> Any:  # Any: as _features
    """The string hashes of the cue lemmas of the learned frames (the same in every vocab)."""
    strings = StringStore()
    return numpy.asarray(sorted(strings.add(lemma) for lemma in cue_frames("frames")), dtype="uint64")


_N_FEATURES = 8
_ROWS = (5000, 100, 100, 40, 2000, 100, 4, 4)


@registry.architectures("storyline.QuoteFeatures.v1")  # type: ignore[untyped-decorator]
def quote_features(width: int, tensor_width: int = 96, depth: int = 2) -> Model[list[Doc], list[Floats2d]]:
    """``doc.tensor`` beside hashed syntax features, mixed, then widened by ``depth`` window
    layers (each lets a token see one more word on either side)."""

    def extract(model: Model[list[Doc], list[Ints2d]], docs: list[Doc], is_train: bool) -> Any:  # Any: as _features
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
    if not depth:
        return mixed
    return chain(mixed, MaxoutWindowEncoder(width=width, window_size=1, maxout_pieces=3, depth=depth))


def head_config(width: int = 96, hidden: int = 64, depth: int = 2) -> JSONObject:
    """The ``ner`` factory config of one head: spaCy's transition-based tagger over the features."""
    return {
        "model": {
            "@architectures": "spacy.TransitionBasedParser.v2",
            "state_type": "ner",
            "extra_state_tokens": False,
            "hidden_width": hidden,
            "maxout_pieces": 2,
            "use_upper": True,
            "tok2vec": {"@architectures": "storyline.QuoteFeatures.v1", "width": width, "depth": depth},
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


def tag_batch(docs: Sequence[Doc]) -> list[QuoteTags]:
    """Tag a batch of parsed documents at once (far cheaper than one by one): the token spans
    of each label in each document. ``doc.ents`` is left as it was."""
    missing = [name for name in HEADS if _head(name) is None]
    if missing:
        raise QuoteTaggerMissing(
            f"the quote tagger's weights ({', '.join(missing)}) are not in {TAGGER_DIR}: reinstall storyline, "
            "or choose the rule-based quote finder (--quotes frames)"
        )
    found: dict[int, QuoteTags] = {id(d): {label: [] for labels in HEADS.values() for label in labels} for d in docs}
    ready = [d for d in docs if d.tensor is not None and len(d) and d.tensor.shape[0] == len(d)]
    for name, labels in HEADS.items():
        head = _head(name)
        if head is None or not ready:
            continue
        ner = head.get_pipe("ner")
        for label in labels:
            ready[0].vocab.strings.add(label)  # the head's labels, in the documents' own vocab
        if name in ACROSS_SENTENCES:
            picked = [_cued_paragraphs(d, found[id(d)]) for d in ready]
            targets = [unsentenced(d, kept) for d, kept in zip(ready, picked, strict=True)]
        else:
            picked, targets = [list(range(len(d))) for d in ready], list(ready)
        saved = [t.ents for t in targets]
        try:
            for t in targets:
                t.ents = []
            ner.set_annotations(targets, ner.predict(targets))  # type: ignore[attr-defined]
            for doc, t, kept in zip(ready, targets, picked, strict=True):
                for span in t.ents:
                    start, end = kept[span.start], kept[span.end - 1] + 1
                    if end - start == len(span):  # not across a paragraph left out
                        found[id(doc)].setdefault(span.label_, []).append((start, end))
        finally:
            for t, ents in zip(targets, saved, strict=True):
                t.ents = ents
    return [found[id(d)] for d in docs]


def _cued_paragraphs(doc: Doc, tags: QuoteTags) -> list[int]:
    """The tokens of the paragraphs where a cue was tagged, and of the paragraph after each:
    the only places a content is looked for."""
    cues = [start for start, _ in tags.get("CUE", [])]
    if not cues:
        return []
    paragraphs: list[tuple[int, int]] = []
    start = 0
    for t in doc:
        if t.is_space and "\n" in t.text:
            paragraphs.append((start, t.i + 1))
            start = t.i + 1
    paragraphs.append((start, len(doc)))
    keep = set()
    for n, (lo, hi) in enumerate(paragraphs):
        if any(lo <= c < hi for c in cues):
            keep.add(n)
            keep.add(n + 1)
    return [i for n, (lo, hi) in enumerate(paragraphs) if n in keep for i in range(lo, hi)]


def unsentenced(doc: Doc, kept: Sequence[int] | None = None) -> Doc:
    """The same tokens (or the ``kept`` ones), vectors and tagger features, with no parse and
    so no sentences."""
    index = list(range(len(doc))) if kept is None else list(kept)
    tokens = [doc[i] for i in index]
    copy = Doc(doc.vocab, words=[t.text for t in tokens], spaces=[bool(t.whitespace_) for t in tokens])
    copy.tensor = doc.tensor[index] if index else doc.tensor[:0]
    copy.user_data["storyline.quote_features"] = _features(doc)[index]
    return copy
