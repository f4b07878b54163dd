"""The pipeline: articles in, documents out, streaming.

    ingest -> clean -> (language, size checks) -> annotate (spaCy, nlp.pipe)
           -> entities -> actors -> coref (titles, pronouns) -> places -> time -> quotes
           -> events (the body's, then the captions') -> document

``process_many`` keeps input order: a skipped input comes out as a :class:`Skipped` where its
document would have been. The spaCy model is loaded once per process and fed in batches.

Each article's own stages (cleaning, and everything after the model) run under a time budget
(:mod:`storyline.budget`): an article that meets it is skipped as ``timeout``, and the run
goes on. What every article would otherwise pay once (the gazetteer, the quote tagger, the
dictionary's matcher) is loaded before the first budget starts.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from spacy.language import Language
from spacy.tokens import Doc

from storyline.budget import Budget, Expired, deadline
from storyline.document.article import Article
from storyline.document.records import Document
from storyline.document.skips import Skipped, SkipReason
from storyline.errors import InputSkipped, InvalidArgument
from storyline.knowledge.actor_dictionary import ActorDictionary, load_dictionary
from storyline.knowledge.cameo import Lexicon, load_lexicon
from storyline.settings import BATCH_SIZE, LANGUAGE, MAX_TEXT_CHARS
from storyline.stages.s01_clean.clean import Cleaned, clean
from storyline.stages.s02_screen.language import is_language
from storyline.stages.s03_annotate.nlp import load_model, model_version, text_of
from storyline.stages.s04_entities import Entity, extract_entities
from storyline.stages.s05_actors.actors import assign_actors
from storyline.stages.s06_coref import link_pronouns, link_titles
from storyline.stages.s07_places import resolve_places
from storyline.stages.s08_agents import nominal_actors
from storyline.stages.s09_time.timexes import find_timexes
from storyline.stages.s10_quotes.cues import cue_frames
from storyline.stages.s10_quotes.quotes import find_quotes
from storyline.stages.s10_quotes.tagger import tag_batch
from storyline.stages.s11_events.events import code_events
from storyline.stages.s12_captions import caption_events

__all__ = ["StageTimer", "process", "process_many"]

T = TypeVar("T")

# A sentence that takes every stage's loading path (a place, a role, a date, a quote, an event),
# processed once per process and configuration before the first budget starts.
_WARM_UP_TEXT = (
    "On Monday, Russia's foreign minister Sergei Lavrov said in Moscow that talks with Ukraine "
    "would resume. “We are ready,” he said."
)
_warmed: set[tuple[int, int, int, str]] = set()


@dataclass(frozen=True)
class _Pending:
    """What travels beside a text through ``nlp.pipe`` (picklable, for worker processes)."""

    article: Article
    cleaned: Cleaned
    spent: float = 0.0  # seconds of the article's time budget the cleaning took


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
) -> Document:
    """One article's text -> its :class:`Document`. Raises :class:`InputSkipped` if unusable
    (a ``timeout`` included: see ``time_budget`` in :func:`process_many`)."""
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
    quotes: str = "shipped",
    timer: StageTimer | None = None,
    time_budget: Budget | float | None = None,
) -> Iterator[Document | Skipped]:
    """Documents for a stream of articles (or plain texts), lazily, in input order.

    ``actors`` are TOML files that extend the shipped actor dictionary (their entries win);
    ``lexicons`` likewise extend the event lexicon (``cameo.load_lexicon``).
    ``clean_text=False`` keeps each text exactly as given (no boilerplate removal, no
    whitespace changes), so that offsets match the input: what the evaluators need.
    ``quotes`` picks the quotation finder: "shipped", or "rules" (the hand-written baseline).
    ``time_budget``: seconds per 1,000 words an article's own stages may take (a
    :class:`~storyline.budget.Budget` also sets the minimum; 0 means no budget; None, the
    default of ``settings``). An article over it comes out as a ``timeout`` skip.
    """
    if workers < 1:
        raise InvalidArgument(f"workers must be at least 1, not {workers}")
    if batch_size < 1:
        raise InvalidArgument(f"batch_size must be at least 1, not {batch_size}")
    nlp = load_model(model)
    generator = model_version(nlp)
    dictionary = load_dictionary(*(str(p) for p in actors))
    event_lexicon = load_lexicon(*lexicons) if lexicons else None
    cue_frames(quotes)  # an unknown method fails here, before any work
    budget = _budget(time_budget)
    if not budget.unlimited:
        _warm_up(nlp, generator, dictionary, quotes, event_lexicon)
    prepared = (_prepare(item, check_language, clean_text, budget) for item in items)
    # A skipped input travels as an empty text, so that order is kept through nlp.pipe.
    stream = ((p.cleaned.text, p) if isinstance(p, _Pending) else ("", p) for p in prepared)
    parsed = nlp.pipe(stream, as_tuples=True, batch_size=batch_size, n_process=workers)
    if quotes == "shipped":
        parsed = _quote_tagged(parsed, batch_size, timer)
    for doc, pending in parsed:
        if isinstance(pending, _Pending):
            words = len(pending.cleaned.text.split())
            allowed = budget.seconds(words)
            work = functools.partial(_document, doc, pending, nlp, generator, dictionary, quotes, timer, event_lexicon)
            document, took = _in_budget(work, allowed - pending.spent)
            if document is None:
                yield _timed_out(pending.article, budget, allowed, words)
                continue
            if timer:
                timer.budget_used.append((pending.spent + took) / allowed)
            yield document
        elif isinstance(pending, Skipped):
            yield pending


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


def _warm_up(nlp: Language, generator: str, dictionary: ActorDictionary, quotes: str, lexicon: Lexicon | None) -> None:
    """Load what the stages load on first use, outside any article's budget (once per
    process and configuration)."""
    key = (id(nlp), id(dictionary), id(lexicon), quotes)
    if key in _warmed:
        return
    pending = _Pending(Article.create(_WARM_UP_TEXT, published="2025-01-06"), clean(_WARM_UP_TEXT))
    doc = nlp(pending.cleaned.text)
    if quotes == "shipped":
        tag_batch([doc])
    _document(doc, pending, nlp, generator, dictionary, quotes, None, lexicon)
    _warmed.add(key)


def _quote_tagged(
    parsed: Iterator[tuple[Doc, object]], batch_size: int, timer: StageTimer | None
) -> Iterator[tuple[Doc, object]]:
    """The parsed stream, its documents run through the quote tagger a batch at a time."""
    while batch := list(itertools.islice(parsed, batch_size)):
        started = time.perf_counter()
        tag_batch([doc for doc, pending in batch if isinstance(pending, _Pending)])
        if timer:
            timer.add("quotes", time.perf_counter() - started)
        yield from batch


def _no_lap(stage: str) -> None:
    pass


def _prepare(
    item: Article | Skipped | str, check_language: bool, clean_text: bool, budget: Budget
) -> _Pending | Skipped:
    if isinstance(item, Skipped):
        return item
    article = Article.create(item) if isinstance(item, str) else item
    words = len(article.text.split())
    seconds = budget.seconds(words)
    checked, spent = _in_budget(functools.partial(_checked, article, check_language, clean_text), seconds)
    if checked is None:
        return _timed_out(article, budget, seconds, words)
    return dataclasses.replace(checked, spent=spent) if isinstance(checked, _Pending) else checked


def _checked(article: Article, check_language: bool, clean_text: bool) -> _Pending | Skipped:
    """The article cleaned, or why it cannot be used (not Unicode, empty, too large, not the language)."""
    problem = article.not_unicode()
    if problem:
        return Skipped(article.where, SkipReason.NOT_UTF8, problem)
    cleaned = clean(article.text, title=article.title) if clean_text else Cleaned(article.text)
    if not cleaned.text.strip():
        return Skipped(article.where, SkipReason.EMPTY, "no article text left after cleaning")
    if len(cleaned.text) > MAX_TEXT_CHARS:
        return Skipped(
            article.where,
            SkipReason.TOO_LARGE,
            f"{len(cleaned.text):,} characters is over the {MAX_TEXT_CHARS:,}-character limit for one article",
        )
    if check_language:
        ok, found = is_language(cleaned.text, LANGUAGE)
        if not ok:
            return Skipped(article.where, SkipReason.NOT_ENGLISH, f"the text looks like {found}, not {LANGUAGE}")
    return _Pending(article, cleaned)


class StageTimer:
    """Seconds spent in each stage after the model, summed over documents (``storyline bench``)."""

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
        self.seconds[stage] = self.seconds.get(stage, 0.0) + now - self._last
        self._last = now


def _entities(
    doc: Doc, dictionary: ActorDictionary, published: str | None, lap: Callable[[str], None] = _no_lap
) -> list[Entity]:
    """The entities of a parsed text (an article's body, or a caption), with their actors,
    titles and pronouns, places, and the unnamed actors ("troops in Gorazde": places first)."""
    text = text_of(doc)
    entities = extract_entities(doc, dictionary)
    lap("entities")
    assign_actors(entities, text, dictionary, published)
    lap("actors")
    link_titles(entities, text, dictionary)
    link_pronouns(entities, doc)
    lap("coreference")
    resolve_places(entities, text)
    lap("places")
    entities += nominal_actors(doc, entities, dictionary)
    lap("actors")
    return entities


def _document(
    doc: Doc,
    pending: _Pending,
    nlp: Language,
    generator: str,
    dictionary: ActorDictionary,
    quote_method: str,
    timer: StageTimer | None = None,
    event_lexicon: Lexicon | None = None,
) -> Document:
    published = pending.article.published
    lap = timer.lap if timer else _no_lap
    if timer:
        timer.start()
    entities = _entities(doc, dictionary, published, lap)
    timexes = find_timexes(doc, published)
    lap("time")
    quotes = find_quotes(doc, entities, quote_method)
    lap("quotes")
    events = code_events(doc, entities, timexes, quotes, published, event_lexicon)
    entities_of = functools.partial(_entities, dictionary=dictionary, published=published)
    events += caption_events(nlp, pending.cleaned.captions, entities, entities_of, published, event_lexicon)
    for n, event in enumerate(events, 1):
        event["id"] = f"V{n}"
    lap("events")
    return Document(
        article=pending.article,
        text=pending.cleaned.text,
        captions=pending.cleaned.captions,
        entities=entities,
        timexes=timexes,
        quotes=quotes,
        events=events,
        removed=pending.cleaned.removed,
        model=generator,
    )
