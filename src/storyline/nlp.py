"""The spaCy stage: one ``Language`` per process, loaded once, run with ``nlp.pipe``."""

from __future__ import annotations

import functools
import importlib.metadata
import logging
import time

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .errors import ModelNotInstalled
from .settings import MAX_TEXT_CHARS, model_name

__all__ = ["load_model", "model_version", "text_of"]

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
    log.info("loaded spaCy model %s in %.1f s", name, time.perf_counter() - started)
    return nlp


def model_version(nlp: Language) -> str:
    """``name version`` of a loaded model, for provenance in every document."""
    meta = nlp.meta
    return f"{meta.get('lang', '')}_{meta.get('name', '')} {meta.get('version', '')}".strip() + (
        f" (spaCy {importlib.metadata.version('spacy')})"
    )


def text_of(doc: Doc) -> str:
    """``doc.text``, built once per document: spaCy joins every token again on each access,
    and the stages after the parse ask for it often."""
    text = doc.user_data.get("storyline.text")
    if text is None:
        text = doc.user_data["storyline.text"] = doc.text
    return str(text)
