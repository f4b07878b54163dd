"""What a stage is: a name, what it requires, what it sets, and the function that does it.

Every stage module ends with its :class:`Stage`; ``pipeline.STAGES`` lists them in order, and
:func:`check_order` refuses a list in which a stage requires what no earlier stage sets. A
stage reads and writes a :class:`Work`, the article on its way through, and sets only the
fields it names in ``assigns`` ("entities.actor": the actors of the entities another stage
made). Captions run through the same list (:mod:`~storyline.stages.s12_captions`), each as a
small work of its own, without the stages marked ``on_captions=False``.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from storyline.document.article import Article
from storyline.document.records import Caption, Entity, Event, Quote, Removed, Timex
from storyline.document.skips import Skipped
from storyline.errors import StageOrderError
from storyline.knowledge.actor_dictionary import ActorDictionary
from storyline.knowledge.cameo import Lexicon
from storyline.knowledge.quote_cues import DEFAULT_METHOD
from storyline.settings import BATCH_SIZE

__all__ = ["CAPTION_GIVENS", "GIVENS", "Config", "QuoteTags", "Stage", "StageTimer", "Work", "check_order"]

# Token spans (start, end) the quote tagger found, by label (CUE, SOURCE, CONTENT).
QuoteTags = dict[str, list[tuple[int, int]]]


@dataclass(frozen=True)
class Config:
    """What every article of a run shares: the model and the knowledge the stages read."""

    nlp: Language
    dictionary: ActorDictionary
    lexicon: Lexicon | None = None  # None: the shipped event lexicon
    quote_method: str = DEFAULT_METHOD
    event_coder: str = "learned"  # s11_events.CODERS
    check_language: bool = True
    clean_text: bool = True
    batch_size: int = BATCH_SIZE
    stages: tuple[Stage, ...] = ()  # the run's stage list (captions run through it too)
    timer: StageTimer | None = None


@dataclass
class Work:
    """An article (or a caption) on its way through the stages."""

    article: Article
    text: str = ""  # the text the stages read: the cleaned article, or the caption
    caption: int | None = None  # for a caption's work, the caption's index in its article
    captions: list[Caption] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    doc: Doc | None = None
    quote_tags: QuoteTags | None = None
    token_vectors: Any = None  # NumPy (tokens, 384): the quote encoder's last layer, when it ran
    entities: list[Entity] = field(default_factory=list)
    home_country: str | None = None  # the country the document names most, if one leads clearly
    timexes: list[Timex] = field(default_factory=list)
    reference: str | None = None  # the day the timexes were read against (the time stage sets it)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    spent: float = 0.0  # seconds of the article's time budget the text stages took

    @property
    def published(self) -> str | None:
        return self.article.published

    @property
    def parsed(self) -> Doc:
        """The parse, for the stages that require "doc" (set by then: see :func:`check_order`)."""
        if self.doc is None:
            raise StageOrderError("a stage that reads the parse ran before the model")
        return self.doc


@dataclass(frozen=True)
class Stage:
    """One step of the pipeline.

    ``step`` says when it runs: "text" stages read the article before the model, per article;
    "model" stages run on a batch of articles at once (the pipeline streams them); "document"
    stages run on one parsed article, under its time budget.
    """

    name: str
    run: Callable[[Work, Config], None]
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    step: str = "document"
    on_captions: bool = True  # whether a caption's small work runs it too
    about: str = ""  # one line for ``storyline stages``
    # a model stage's form for a stream of works (batched: far cheaper than one by one)
    run_stream: Callable[[Iterator[Work | Skipped], Config], Iterator[Work | Skipped]] | None = None


# What a work has before any stage runs; a caption's work also has its (empty) quotes: a
# photo caption reports no one's words.
GIVENS = frozenset({"article"})
CAPTION_GIVENS = frozenset({"article", "text", "quotes"})
_STEPS = ("text", "model", "document")


def check_order(stages: Iterable[Stage], givens: frozenset[str] = GIVENS) -> None:
    """Raise :class:`StageOrderError` unless every stage's requirements are set by the givens
    or an earlier stage, and the steps come in order (text, then model, then document).

    A requirement "entities.actor" is met by a stage that sets "entities.actor"; "entities"
    by one that sets "entities".
    """
    have = set(givens)
    step = 0
    names: set[str] = set()
    for stage in stages:
        if stage.step not in _STEPS:
            raise StageOrderError(f"stage {stage.name!r} has an unknown step {stage.step!r}; use one of {_STEPS}")
        if _STEPS.index(stage.step) < step:
            raise StageOrderError(
                f"stage {stage.name!r} runs on the {stage.step} step, after a stage of the {_STEPS[step]} step"
            )
        step = _STEPS.index(stage.step)
        if stage.name in names:
            raise StageOrderError(f"stage {stage.name!r} is listed twice")
        names.add(stage.name)
        missing = [r for r in stage.requires if r not in have]
        if missing:
            raise StageOrderError(
                f"stage {stage.name!r} requires {', '.join(missing)}, which no earlier stage sets; "
                f"set so far: {', '.join(sorted(have))}"
            )
        have.update(stage.assigns)


class StageTimer:
    """Seconds spent in each stage, summed over documents (``storyline bench``)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.budget_used: list[float] = []  # per article: the share of its time budget it took
        self._last = 0.0

    def start(self) -> None:
        self._last = time.perf_counter()

    def add(self, stage: str, seconds: float) -> None:
        self.seconds[stage] = self.seconds.get(stage, 0.0) + seconds

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.add(stage, now - self._last)
        self._last = now
