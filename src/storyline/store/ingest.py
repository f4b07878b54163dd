"""``storyline ingest``: read articles, process them, and store them, a batch per transaction.

Idempotent: an article stored again replaces itself (its id comes from its URL, the input's own
id, or its text); one read exactly as the store holds it, by the same storyline, is not even
processed again. Transactional: each batch of documents, with the skips among them and the
run's counters, is committed together, so an ingest killed at any point leaves every article
either whole or absent, and running it again finishes the job. After the articles, the corpus
pass (:mod:`storyline.store.corpus_pass`) marks near-duplicates and links events across
articles.

An ingest tells its caller how it goes through three optional callbacks: ``on_progress`` after
each article read (with the summary so far), ``on_skip`` for each input that cannot be used,
``on_stage`` with a sentence before and after the corpus pass. The CLI turns them into a progress
line, ``storyline: skipped WHERE: REASON: detail`` lines and the ``--skips`` file.
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeAlias

from storyline._version import __version__
from storyline.document.article import Article
from storyline.document.records import Document
from storyline.document.skips import Skipped
from storyline.pipeline import process_many
from storyline.readers import detect_format, read_inputs
from storyline.readers.parquet import count_rows
from storyline.store.connection import Store
from storyline.store.corpus_pass import link_corpus
from storyline.store.schema import insert, migrate
from storyline.store.write import delete_articles, input_hash, store_document

__all__ = [
    "IngestSummary",
    "Made",
    "begin_run",
    "count_inputs",
    "finish_run",
    "ingest",
    "known_articles",
    "nothing",
    "store_results",
]

log = logging.getLogger(__name__)

# What the store holds of each article: the hash of its input as read, the version that made it.
Known: TypeAlias = dict[str, tuple[str, str]]
COMMIT_EVERY = 25  # articles per transaction by default: a kill loses at most this much work


@dataclass
class IngestSummary:
    run_id: str
    read: int = 0
    unchanged: int = 0  # read exactly as the store holds it: not processed again
    stored: int = 0
    replaced: int = 0
    skipped: int = 0
    words: int = 0
    seconds: float = 0.0
    reasons: dict[str, int] = field(default_factory=dict)
    near_duplicates: int = 0
    corpus_events: int = 0
    started: float = field(default_factory=time.perf_counter, repr=False)

    @property
    def usable(self) -> int:
        """Articles read that the store now holds: stored by this run, or already held unchanged."""
        return self.stored + self.unchanged

    def line(self) -> str:
        """The closing summary, one line."""
        reasons = ", ".join(f"{n} {r}" for r, n in sorted(self.reasons.items()))
        rate = self.read / max(self.seconds, 1e-9)
        up_to_date = self.unchanged and not self.stored
        news = "; nothing new: the store already held every usable article as read" if up_to_date else ""
        return (
            f"storyline: ingest {self.run_id}: {self.read} articles read, {self.unchanged} unchanged, "
            f"{self.stored} stored ({self.replaced} replaced an earlier copy), "
            f"{self.skipped} skipped{f' ({reasons})' if reasons else ''}; "
            f"{self.near_duplicates} near-duplicates, {self.corpus_events} corpus events; "
            f"{self.seconds:.1f} s, {rate:.1f} articles/s{news}"
        )


def nothing(_: object) -> None:
    """A callback nobody asked for."""


def ingest(
    store: Store,
    inputs: Sequence[str],
    *,
    fmt: str = "auto",
    workers: int = 1,
    batch: int = COMMIT_EVERY,
    on_progress: Callable[[IngestSummary], None] = nothing,
    on_skip: Callable[[Skipped], None] = nothing,
    on_stage: Callable[[str], None] = nothing,
    link: bool = True,
    **options: object,
) -> IngestSummary:
    """Process and store every article of ``inputs``; ``options`` go to
    :func:`storyline.pipeline.process_many` (model, actors, lexicons, quotes, time_budget,
    check_language); ``batch`` articles are committed together. ``on_progress``, ``on_skip``
    and ``on_stage`` hear how it goes (the module's docstring). ``link``: run the corpus pass
    after (a follower runs it on its own clock)."""
    summary = begin_run(store, inputs)
    known = known_articles(store)
    changed = _changed(read_inputs(inputs, fmt), known, summary, on_progress)
    results = process_many(changed, workers=workers, **options)  # type: ignore[arg-type]
    store_results(store, results, summary, known, batch=batch, on_progress=on_progress, on_skip=on_skip)
    return finish_run(store, summary, link=link, on_stage=on_stage)


@dataclass(frozen=True)
class Made:
    """A document made elsewhere (a distributed run's worker), with the hash of the input it was
    made from and the storyline version that made it."""

    document: Document
    read_as: str
    version: str


Result: TypeAlias = Document | Made | Skipped


def begin_run(store: Store, inputs: Sequence[str]) -> IngestSummary:
    """The run's row in ``ingest_runs`` (the schema brought up to date first); its summary."""
    migrate(store)
    summary = IngestSummary(_run_id())
    with store.transaction():
        run = {
            "run_id": summary.run_id,
            "started": _now(),
            "finished": None,
            "version": __version__,
            "inputs": "\n".join(inputs),
            "articles_read": 0,
            "articles_stored": 0,
            "articles_skipped": 0,
        }
        insert(store, "ingest_runs", [run])
    return summary


def known_articles(store: Store) -> Known:
    """What the store holds of each article: (the hash of its input as read, the version that made it)."""
    return {str(a): (str(h), str(v)) for a, h, v in store.query("SELECT article_id, input_hash, version FROM articles")}


def store_results(
    store: Store,
    results: Iterable[Result],
    summary: IngestSummary,
    known: Known,
    *,
    batch: int = COMMIT_EVERY,
    on_progress: Callable[[IngestSummary], None] = nothing,
    on_skip: Callable[[Skipped], None] = nothing,
) -> None:
    """Store the results, ``batch`` to a transaction, counting them into ``summary``."""
    for together in _batches(_counted(results, summary, on_progress, on_skip), batch):
        with store.transaction():
            held = {_document(r).article.id for r in together if not isinstance(r, Skipped)} & known.keys()
            delete_articles(store, sorted(held))
            stored: set[str] = set()
            for result in together:
                _store_one(store, result, summary, known, stored)
            store.execute(
                "UPDATE ingest_runs SET articles_read = ?, articles_stored = ?, articles_skipped = ? WHERE run_id = ?",
                (summary.read, summary.stored, summary.skipped, summary.run_id),
            )
        log.info("committed a batch: %d articles stored so far", summary.stored)


def finish_run(
    store: Store, summary: IngestSummary, *, link: bool = True, on_stage: Callable[[str], None] = nothing
) -> IngestSummary:
    """The corpus pass (unless not ``link``), and the run marked finished."""
    if link:
        _link(store, summary, on_stage)
    with store.transaction():
        store.execute("UPDATE ingest_runs SET finished = ? WHERE run_id = ?", (_now(), summary.run_id))
    summary.seconds = time.perf_counter() - summary.started
    return summary


def _document(result: Document | Made) -> Document:
    return result.document if isinstance(result, Made) else result


def _link(store: Store, summary: IngestSummary, on_stage: Callable[[str], None]) -> None:
    """The corpus pass over the whole store, told before and after."""
    held = int(store.query("SELECT COUNT(*) FROM articles")[0][0] or 0)
    on_stage(f"corpus pass over the store's {held:,} articles: marking near-duplicates, linking events across articles")
    passed = time.perf_counter()
    summary.near_duplicates, summary.corpus_events = link_corpus(store)
    on_stage(
        f"corpus pass: {summary.near_duplicates:,} near-duplicates, {summary.corpus_events:,} corpus events "
        f"({time.perf_counter() - passed:.1f} s)"
    )


def _changed(
    items: Iterable[Article | Skipped],
    known: Known,
    summary: IngestSummary,
    on_progress: Callable[[IngestSummary], None],
) -> Iterator[Article | Skipped]:
    """The inputs the store does not already hold as they are now: an article read exactly as
    before, by this version of storyline, is counted and not processed again."""
    for item in items:
        if isinstance(item, Article) and known.get(item.id) == (input_hash(item), __version__):
            summary.read += 1
            summary.unchanged += 1
            on_progress(summary)
            continue
        yield item


def _counted(
    results: Iterable[Result],
    summary: IngestSummary,
    on_progress: Callable[[IngestSummary], None],
    on_skip: Callable[[Skipped], None],
) -> Iterator[Result]:
    """The pipeline's results, counted and told as each comes, not a batch later (a batch is
    committed when it is whole; its counts are then those of what it commits)."""
    for result in results:
        summary.read += 1
        if isinstance(result, Skipped):
            summary.skipped += 1
            reason = result.reason.value
            summary.reasons[reason] = summary.reasons.get(reason, 0) + 1
            on_skip(result)
        on_progress(summary)
        yield result


def _store_one(
    store: Store,
    result: Result,
    summary: IngestSummary,
    known: Known,
    stored: set[str],
) -> None:
    if isinstance(result, Skipped):
        store.execute(
            "DELETE FROM skipped WHERE run_id = ? AND input = ?", (summary.run_id, result.where)
        )  # (the same input twice in one run is one skip)
        skip = {
            "run_id": summary.run_id,
            "input": result.where,
            "reason": result.reason.value,
            "detail": result.detail or None,
        }
        insert(store, "skipped", [skip])
        return
    document = _document(result)
    article = document.article
    if article.id in stored:  # the same article twice in one batch: the later wins
        delete_articles(store, [article.id])
    read_as, version = (
        (result.read_as, result.version) if isinstance(result, Made) else (input_hash(article), __version__)
    )
    store_document(store, document, summary.run_id, version, read_as)
    summary.stored += 1
    summary.words += len(document.text.split())
    summary.replaced += article.id in known
    known[article.id] = (read_as, version)
    stored.add(article.id)


def _batches(items: Iterable[Result], size: int) -> Iterator[list[Result]]:
    batch: list[Result] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def count_inputs(inputs: Sequence[str]) -> int | None:
    """How many articles the inputs hold, where that is cheap to know (text and HTML files,
    uncompressed JSON Lines, folders of them); None otherwise (progress then shows no ETA)."""
    count = 0
    for name in inputs:
        path = Path(name)
        if name == "-" or not path.exists():
            return None
        files = (
            sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
            if path.is_dir()
            else [path]
        )
        for found in map(_articles_in, files):
            if found is None:
                return None
            count += found
    return count


def _articles_in(path: Path) -> int | None:
    """The articles one file holds by its format (:func:`storyline.readers.detect_format`)."""
    fmt = detect_format(path)
    if fmt in ("text", "html"):
        return 1
    if fmt == "parquet":
        return count_rows(path)
    if fmt == "jsonl" and path.suffix != ".gz":
        with path.open("rb") as stream:
            return sum(1 for line in stream if line.strip())
    return None


def _run_id() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S") + "-" + secrets.token_hex(3)


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
