"""The pipeline: articles in, documents out, streaming, through one ordered list of stages.

:data:`STAGES` is the list (``storyline stages`` prints it); :func:`check_order` refuses, at
start-up, a list in which a stage requires what no earlier stage sets. The stages run on three
steps: the text stages on each article before the model (clean, screen), the model stages on a
stream of articles in batches (spaCy's parse, the quote tagger), and the document stages on
each parsed article (entities to events, and the captions, which run the same list again).

``process_many`` keeps input order: a skipped input comes out as a :class:`Skipped` where its
document would have been. The spaCy model is loaded once per process and fed in batches.

Each article's own stages (the text stages, and the document stages) run under a time budget
(:mod:`storyline.budget`): an article that meets it is skipped as ``timeout``, and the run
goes on. What every article would otherwise pay once (the gazetteer, the quote tagger, the
dictionary's matcher) is loaded before the first budget starts.
"""

from __future__ import annotations

import dataclasses
import functools
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TypeVar

from storyline.budget import Budget, Expired, deadline
from storyline.document.article import Article
from storyline.document.records import Document, Generator
from storyline.document.skips import Skipped, SkipReason
from storyline.errors import InputSkipped, InvalidArgument
from storyline.knowledge.actor_dictionary import load_dictionary
from storyline.knowledge.cameo import load_lexicon
from storyline.knowledge.quote_cues import DEFAULT_METHOD, cue_frames
from storyline.settings import BATCH_SIZE
from storyline.stages import (
    s01_clean,
    s02_screen,
    s03_annotate,
    s04_entities,
    s05_actors,
    s06_coref,
    s07_places,
    s08_agents,
    s09_time,
    s10_quotes,
    s11_events,
    s12_captions,
)
from storyline.stages.s03_annotate.nlp import load_model, model_version
from storyline.stages.stage import Config, Stage, StageTimer, Work, check_order
from storyline.workers import process_in_workers

__all__ = ["STAGES", "StageTimer", "process", "process_many"]

T = TypeVar("T")

STAGES: tuple[Stage, ...] = (
    s01_clean.STAGE,
    s02_screen.STAGE,
    s03_annotate.STAGE,
    s10_quotes.TAGS,  # the quote tagger: a model step, run on the parse's batches; its finder is s10_quotes.STAGE
    s04_entities.STAGE,
    s05_actors.STAGE,
    s06_coref.STAGE,
    s07_places.STAGE,
    s08_agents.STAGE,
    s09_time.STAGE,
    s10_quotes.STAGE,
    s11_events.STAGE,
    s12_captions.STAGE,
)

# A sentence that takes every stage's loading path (a place, a role, a date, a quote, an event),
# processed once per process and configuration before the first budget starts.
_WARM_UP_TEXT = (
    "On Monday, Russia's foreign minister Sergei Lavrov said in Moscow that talks with Ukraine "
    "would resume. “We are ready,” he said."
)
_warmed: set[tuple[object, ...]] = set()


def process(
    text: str,
    *,
    published: str | None = None,
    title: str | None = None,
    url: str | None = None,
    source: str | None = None,
    model: str | None = None,
    check_language: bool = True,
    actors: Sequence[str | Path] = (),
    lexicons: Sequence[str | Path] = (),
    time_budget: Budget | float | None = None,
    quotes: str = DEFAULT_METHOD,
    events: str = "learned",
) -> Document:
    """One article's text -> its :class:`Document`. Raises :class:`InputSkipped` if unusable
    (a ``timeout`` included: see ``time_budget`` in :func:`process_many`; ``quotes`` too)."""
    if not isinstance(text, str):
        raise InvalidArgument(f"text must be a str, not {type(text).__name__}")
    article = Article.create(text, published=published, title=title, url=url, source=source)
    result = next(
        process_many(
            [article],
            model=model,
            check_language=check_language,
            actors=actors,
            lexicons=lexicons,
            time_budget=time_budget,
            quotes=quotes,
            events=events,
        )
    )
    if isinstance(result, Skipped):
        raise InputSkipped(result)
    return result


def process_many(
    items: Iterable[Article | Skipped | str],
    *,
    model: str | None = None,
    batch_size: int = BATCH_SIZE,
    workers: int = 1,
    check_language: bool = True,
    clean_text: bool = True,
    actors: Sequence[str | Path] = (),
    lexicons: Sequence[str | Path] = (),
    quotes: str = DEFAULT_METHOD,
    events: str = "learned",
    timer: StageTimer | None = None,
    time_budget: Budget | float | None = None,
    stages: Sequence[Stage] = STAGES,
) -> Iterator[Document | Skipped]:
    """Documents for a stream of articles (or plain texts), lazily, in input order.

    ``actors`` are TOML files that extend the shipped actor dictionary (their entries win);
    ``lexicons`` likewise extend the event lexicon (``cameo.load_lexicon``).
    ``clean_text=False`` keeps each text exactly as given (no boilerplate removal, no
    whitespace changes), so that offsets match the input: what the evaluators need.
    ``quotes`` picks the quotation finder (``quote_cues.METHODS``): "accurate" (the default: the
    MiniLM tagger), "fast" (the small heads over spaCy's vectors: faster, less accurate),
    "frames" (the learned cue frames alone), or "rules" (the hand-written baseline).
    ``events`` picks the event coder (``s11_events.CODERS``): "learned" (the default: the learned
    head over the quote encoder's vectors, with the lexicon; the rules alone where the encoder
    does not run, as with ``quotes="fast"``) or "rules".
    ``time_budget``: seconds per 1,000 words an article's own stages may take (a
    :class:`~storyline.budget.Budget` also sets the minimum; 0 means no budget; None, the
    default of ``settings``). An article over it comes out as a ``timeout`` skip.
    ``stages`` replaces the stage list (checked in order before anything is read).
    ``workers`` > 1 runs every stage in that many spawned processes (:mod:`storyline.workers`),
    the results still in input order and the same as with one; the processes import the calling
    script afresh: call it under ``if __name__ == "__main__":`` in a script.
    """
    if workers < 1:
        raise InvalidArgument(f"workers must be at least 1, not {workers}")
    if batch_size < 1:
        raise InvalidArgument(f"batch_size must be at least 1, not {batch_size}")
    stages = tuple(stages)
    check_order(stages)
    s12_captions.caption_stages(stages)  # the captions' own list, checked too
    cue_frames(quotes)  # an unknown method fails here, before any work
    if events not in s11_events.CODERS:
        raise InvalidArgument(f"events must be one of {', '.join(s11_events.CODERS)}, not {events!r}")
    if workers > 1:
        options = {
            "model": model,
            "batch_size": batch_size,
            "check_language": check_language,
            "clean_text": clean_text,
            "actors": tuple(str(p) for p in actors),
            "lexicons": tuple(str(p) for p in lexicons),
            "quotes": quotes,
            "events": events,
            "time_budget": time_budget,
            "stages": stages,
        }
        articles = (Article.create(item) if isinstance(item, str) else item for item in items)
        yield from process_in_workers(articles, process_many, options, workers, timer)
        return
    nlp = load_model(model)
    config = Config(
        nlp=nlp,
        dictionary=load_dictionary(*(str(p) for p in actors)),
        lexicon=load_lexicon(*lexicons) if lexicons else None,
        quote_method=quotes,
        event_coder=events,
        check_language=check_language,
        clean_text=clean_text,
        batch_size=batch_size,
        stages=stages,
        timer=timer,
    )
    generator = Generator(model=model_version(nlp))
    budget = _budget(time_budget)
    if not budget.unlimited:
        _warm_up(config, generator)
    text_stages = [s for s in stages if s.step == "text"]
    stream: Iterator[Work | Skipped] = (_prepare(item, text_stages, config, budget) for item in items)
    for stage in stages:
        if stage.step == "model":
            stream = _streamed(stage, stream, config)
    document_stages = [s for s in stages if s.step == "document"]
    for work in stream:
        if isinstance(work, Skipped):
            yield work
            continue
        words = len(work.text.split())
        allowed = budget.seconds(words)
        spent = work.spent
        run = functools.partial(_document, work, document_stages, config, generator)
        document, took = _in_budget(run, allowed - spent)
        if document is None:
            yield _timed_out(work.article, budget, allowed, words)
            continue
        if timer:
            timer.budget_used.append((spent + took) / allowed)
        yield document


def _streamed(stage: Stage, works: Iterator[Work | Skipped], config: Config) -> Iterator[Work | Skipped]:
    """A model stage over the stream: its own streamed form, or its ``run`` on each work."""
    if stage.run_stream is not None:
        yield from stage.run_stream(works, config)
        return
    for work in works:
        if isinstance(work, Work):
            stage.run(work, config)
        yield work


def _in_budget(work: Callable[[], T], seconds: float) -> tuple[T | None, float]:
    """What ``work()`` returns if it is done within ``seconds`` (else None), and the seconds it took."""
    started = time.perf_counter()
    try:
        with deadline(seconds):
            result = work()
    except Expired:
        return None, time.perf_counter() - started
    return result, time.perf_counter() - started


def _budget(value: Budget | float | None) -> Budget:
    if value is None:
        return Budget()
    if isinstance(value, Budget):
        return value
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidArgument(f"time_budget must be seconds per 1,000 words or a Budget, not {value!r}")
    return Budget(per_1000_words=float(value))


def _timed_out(article: Article, budget: Budget, seconds: float, words: int) -> Skipped:
    return Skipped(
        article.where,
        SkipReason.TIMEOUT,
        f"not done in {seconds:.1f} s, the time budget for {words:,} words ({budget.per_1000_words:g} s per 1,000 "
        f"words, at least {budget.minimum:g} s); a bug worth reporting, with this text",
    )


def _warm_up(config: Config, generator: Generator) -> None:
    """Load what the stages load on first use, outside any article's budget (once per
    process and configuration)."""
    key = (id(config.nlp), id(config.dictionary), id(config.lexicon), config.quote_method, config.stages)
    if key in _warmed:
        return
    untimed = dataclasses.replace(config, timer=None)
    work = Work(Article.create(_WARM_UP_TEXT, published="2025-01-06"))
    for stage in config.stages:
        if stage.step != "document":
            stage.run(work, untimed)
    _document(work, [s for s in config.stages if s.step == "document"], untimed, generator)
    _warmed.add(key)


def _prepare(item: Article | Skipped | str, stages: Sequence[Stage], config: Config, budget: Budget) -> Work | Skipped:
    """The article through the text stages, under its budget: a work, or why it cannot be used."""
    if isinstance(item, Skipped):
        return item
    article = Article.create(item) if isinstance(item, str) else item
    words = len(article.text.split())
    seconds = budget.seconds(words)
    work = Work(article)
    done, spent = _in_budget(functools.partial(_through, work, stages, config), seconds)
    if done is None:
        return _timed_out(article, budget, seconds, words)
    if isinstance(done, Skipped):
        return done
    work.spent = spent
    return work


def _through(work: Work, stages: Sequence[Stage], config: Config) -> Work | Skipped:
    try:
        for stage in stages:
            stage.run(work, config)
    except InputSkipped as skip:
        return skip.skipped
    return work


def _document(work: Work, stages: Sequence[Stage], config: Config, generator: Generator) -> Document:
    """The document stages on one parsed article, then its document (each entity's mentions in
    text order, as the contract lists them)."""
    timer = config.timer
    if timer:
        timer.start()
    for stage in stages:
        stage.run(work, config)
        if timer:
            timer.lap(stage.name)
    entities = [dataclasses.replace(e, mentions=sorted(e.mentions, key=lambda m: m.start)) for e in work.entities]
    return Document(
        article=work.article,
        text=work.text,
        reference=work.reference if work.reference != work.published else None,
        captions=work.captions,
        entities=entities,
        timexes=work.timexes,
        quotes=work.quotes,
        events=work.events,
        boilerplate=work.removed,
        generator=generator,
    )
