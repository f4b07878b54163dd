"""The spaCy stage: one ``Language`` per process, loaded once, run with ``nlp.pipe``.

storyline adds three small components before the parser. One starts a sentence after a
dateline (:func:`~storyline.parse.datelines.split_datelines`); one at each paragraph's first
word, so that a sentence never crosses a paragraph, heading or list-item break
(:func:`~storyline.parse.paragraphs.split_paragraphs`). The third,
:func:`cap_sentences`, caps a sentence's length: a stretch of
text with no full stop for more than :data:`MAX_SENTENCE_TOKENS` tokens (a table, a list, one
word repeated) is cut into sentences of at most that many. Prose never has one (the longest in
4,000 Reuters-21578 stories is 148 tokens, in 924 PolNeAR articles 222), so its parse is the
model's own; without the cap such a stretch is one "sentence" parsed into a chain thousands of
tokens deep, and every stage's work on a sentence grows with its square.
"""

from __future__ import annotations

import functools
import importlib.metadata
import logging
import time

import spacy
from spacy.language import DisabledPipes, Language
from spacy.tokens import Doc

from storyline.errors import ModelNotInstalled
from storyline.parse.datelines import split_datelines
from storyline.parse.paragraphs import split_paragraphs
from storyline.settings import MAX_TEXT_CHARS, model_name

__all__ = [
    "MAX_SENTENCE_TOKENS",
    "PARAGRAPH_SPLIT",
    "SENTENCE_CAP",
    "bare",
    "cap_sentences",
    "load_model",
    "model_version",
]

MAX_SENTENCE_TOKENS = 250
SENTENCE_CAP = "storyline_sentence_cap"  # the components' names in the pipeline
DATELINE_SPLIT = "storyline_dateline_split"
PARAGRAPH_SPLIT = "storyline_paragraph_split"
_FULL_STOPS = frozenset({".", "!", "?"})

log = logging.getLogger(__name__)


def load_model(name: str | None = None) -> Language:
    """The model package ``name`` (default: :func:`settings.model_name`), loaded once per process.

    Every later call with the same name returns the same object
    (``_load.cache_info().misses`` counts real loads).
    """
    return _load(name or model_name())


@functools.cache
def _load(name: str) -> Language:
    started = time.perf_counter()
    try:
        nlp = spacy.load(name)
    except OSError as err:
        raise ModelNotInstalled(
            f"the spaCy model {name!r} is not installed: run 'make demo' (or "
            f"'pip install -r requirements.lock'), or set STORYLINE_MODEL to an installed model"
        ) from err
    nlp.max_length = MAX_TEXT_CHARS + 1
    # in this order before the parser: a paragraph's start wins over the dateline split's
    # "no start here until the lead's full stop"
    components = ((SENTENCE_CAP, cap_sentences), (DATELINE_SPLIT, split_datelines), (PARAGRAPH_SPLIT, split_paragraphs))
    for component, func in components:
        if not Language.has_factory(component):
            Language.component(component, func=func)
        nlp.add_pipe(component, before="parser" if "parser" in nlp.pipe_names else None)
    log.info("loaded spaCy model %s in %.1f s", name, time.perf_counter() - started)
    return nlp


def model_version(nlp: Language) -> str:
    """``name version`` of a loaded model, for provenance in every document."""
    meta = nlp.meta
    return f"{meta.get('lang', '')}_{meta.get('name', '')} {meta.get('version', '')}".strip() + (
        f" (spaCy {importlib.metadata.version('spacy')})"
    )


def cap_sentences(doc: Doc) -> Doc:
    """Start a sentence wherever :data:`MAX_SENTENCE_TOKENS` tokens have gone by since the
    last full stop after a word, or newline; the parser keeps every start set before it."""
    run = 0
    after_word = False
    for token in doc:
        if run >= MAX_SENTENCE_TOKENS:
            token.is_sent_start = True
            run = 0
        run += 1
        if (after_word and token.text in _FULL_STOPS) or "\n" in token.text:
            run = 0
        after_word = not (token.is_punct or token.is_space)
    return doc


def bare(nlp: Language) -> DisabledPipes:
    """``with bare(nlp):`` the model as it ships, without storyline's components (the
    baseline that ``storyline bench`` and ``storyline eval ner`` compare with)."""
    return nlp.select_pipes(disable=[SENTENCE_CAP, DATELINE_SPLIT, PARAGRAPH_SPLIT])
