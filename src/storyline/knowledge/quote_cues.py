"""The verbs that report speech, writing or belief, and where their content sits: the
frames of attribution.

``rules`` is the hand-written list: verbs a reader of news knows report what someone said,
each taking its clausal complement ("said that ...") as the content. ``frames`` adds the
frames learned from PolNeAR's training part (``data/quote_cues.txt``, made by
``train/learn_quote_cues.py``): a verb and the dependency that held the content in at least
half of its uses ("announce dobj": "announced his candidacy"). ``fast`` and ``accurate`` are
``frames`` with a trained tagger's cue, source and content spans on top (see ``quotes``):
``fast`` the small heads over spaCy's own vectors (``s10_quotes.tagger_fast``), ``accurate`` the
fine-tuned MiniLM encoder (``s10_quotes.tagger_accurate``).
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from storyline.errors import InvalidArgument
from storyline.knowledge.speech import SPEECH_VERBS

__all__ = ["DEFAULT_METHOD", "METHODS", "TAGGED", "cue_frames"]

METHODS = ("accurate", "fast", "frames", "rules")
TAGGED = frozenset({"accurate", "fast"})  # the methods that read a tagger's spans
DEFAULT_METHOD = "accurate"

_CLAUSE = frozenset({"ccomp", "parataxis"})


@cache
def cue_frames(method: str = DEFAULT_METHOD) -> dict[str, frozenset[str]]:
    """Cue verb lemma -> the dependencies of it that hold the content, for a method."""
    if method not in METHODS:
        raise InvalidArgument(f"unknown quote method {method!r}; choose from {', '.join(METHODS)}")
    frames: dict[str, set[str]] = {lemma: set(_CLAUSE) for lemma in SPEECH_VERBS}
    if method != "rules":
        learned = resources.files("storyline.knowledge").joinpath("data").joinpath("quote_cues.txt")
        for line in learned.read_text(encoding="utf-8").splitlines():
            fields = line.split("#")[0].split()
            if len(fields) == 2:
                lemma, dep = fields
                frames.setdefault(lemma, set(_CLAUSE)).add(dep)
    return {lemma: frozenset(deps) for lemma, deps in frames.items()}
