"""The corpus commands: ``storyline ingest``, the queries (``events``, ``quotes``, ``actors``,
``articles``), ``export`` and ``serve``. Each opens the store named by ``--db`` (a DuckDB file, the
default ``storyline.duckdb``, or a ``postgresql://`` URL) and calls the library's function. Only
``ingest`` creates a store: the others refuse a DuckDB file that does not exist, so that a
mistyped name is an error rather than an empty answer.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from storyline.app.engine_cli import engine_choice, engine_options, ingest_with_engine, load_command
from storyline.app.follow_cli import follow_folder
from storyline.app.options import (
    batch_option,
    coding_options,
    db_option,
    new_db_option,
    pipeline_options,
    skips_option,
)
from storyline.app.reporting import PROGRESS_EVERY, told
from storyline.errors import NothingToProcess
from storyline.readers import FORMATS as INPUT_FORMATS
from storyline.store.connection import Store, Value, open_store
from storyline.store.export import FORMATS, codebook, export
from storyline.store.ingest import count_inputs, ingest
from storyline.store.queries import CODED_FILTERS, QUOTE_ACTS, Answer, EventFilter, actors, articles, events, quotes
from storyline.store.schema import migrate

__all__ = ["COMMANDS"]

F = TypeVar("F", bound=Callable[..., Any])  # Any: a decorator keeps any command's signature


def _output_options(command: F) -> F:
    command = click.option(
        "--output",
        "output",
        type=click.Choice(["table", "csv", "json"]),
        default="table",
        show_default=True,
        help="A table for reading, CSV or JSON (one object per line) for other tools.",
    )(command)
    command = click.option("--offset", type=click.IntRange(min=0), default=0, help="Skip this many rows first.")(
        command
    )
    return click.option(
        "--limit",
        type=_Limit(),
        default=DEFAULT_LIMIT,
        show_default=True,
        help="At most this many rows, or all. Where rows are left out, stderr says how many matched.",
    )(command)


DEFAULT_LIMIT = 100  # the HTTP API's default page too


class _Limit(click.ParamType):
    """A number of rows (1 or more), or ``all`` (None: every row)."""

    name = "N|all"

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> int | None:
        if value is None or (isinstance(value, int) and value >= 1):
            return value
        if str(value).strip().lower() == "all":
            return None
        try:
            number = int(str(value))
        except ValueError:
            self.fail(f"{value!r} is neither a number of rows nor 'all'", param, ctx)
        if number < 1:
            self.fail(f"{number} is not 1 or more (all: every row)", param, ctx)
        return number


def _store(db: str, create: bool = False) -> Store:
    store = open_store(db, create=create)
    migrate(store)
    return store


@click.command("ingest")
@click.argument("inputs", nargs=-1, metavar="INPUT...")
@new_db_option
@click.option(
    "--format", "fmt", type=click.Choice(INPUT_FORMATS), default="auto", show_default=True, help="Input format."
)
@skips_option
@click.option(
    "--workers", type=click.IntRange(min=1), default=1, show_default=True, help="Processes to run the pipeline in."
)
@batch_option
@click.option("--model", default=None, help="spaCy model package.")
@coding_options
@click.option("--any-language", is_flag=True, help="Do not skip texts that look non-English.")
@click.option(
    "--progress-every",
    type=click.FloatRange(min=0),
    default=PROGRESS_EVERY,
    show_default=True,
    metavar="SECONDS",
    help="Off a terminal (a log file, nohup), a progress line this often; on one, a bar.",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress (skips and the closing summary still print).")
@click.option(
    "--follow",
    "follow_dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=None,
    help="Instead of INPUT...: keep ingesting the files that land in this folder until stopped (Ctrl-C, SIGTERM).",
)
@click.option(
    "--link-every",
    type=click.FloatRange(min=0),
    default=5.0,
    show_default=True,
    metavar="MINUTES",
    help="With --follow: link events into corpus events this often, while there is anything new.",
)
@click.option(
    "--poll",
    type=click.FloatRange(min=0.05),
    default=2.0,
    show_default=True,
    metavar="SECONDS",
    help="With --follow: look at the folder this often (a file is taken once unchanged this long).",
)
@engine_options
def ingest_command(
    inputs: tuple[str, ...],
    db: str,
    fmt: str,
    skips_path: Path | None,
    workers: int,
    batch: int,
    model: str | None,
    actor_files: tuple[str, ...],
    lexicon_files: tuple[str, ...],
    quote_method: str,
    event_coder: str,
    time_budget: float,
    any_language: bool,
    progress_every: float,
    quiet: bool,
    follow_dir: Path | None,
    link_every: float,
    poll: float,
    engine: str,
    scheduler: str | None,
    out: Path | None,
    partition: int,
) -> None:
    """Process articles and store them in a corpus (the same article again replaces itself).

    INPUT is what `storyline process` reads: text or HTML files (gzipped too), JSON Lines, WARC,
    folders, or -. Each input that cannot be used is reported as for `storyline process` and
    kept in the store's skipped table. Each batch of articles is committed together: an ingest
    killed at any point can be run again and the store holds every article once; an article read
    as the store holds it is not processed again. Then the corpus pass marks near-duplicate
    articles and links events reported by several articles into corpus events.

    With --follow DIR it keeps going: the files that land in DIR are ingested as they settle, and
    their events linked every --link-every minutes, until stopped; a restart (after a kill -9
    too) goes on where it stopped, losing and doubling nothing.

    With --engine dask the articles are processed on a Dask cluster (a local one of --workers
    processes, or --scheduler ADDRESS), whose workers read the inputs and write Parquet
    document and event tables into --out; these are then loaded into the store, as `storyline
    load OUT` loads them. The documents are the local run's, byte for byte.

    Exit codes: 0 the store holds what was read (every article unchanged included), 3 nothing
    usable was read, 2 a bad argument or path, 1 any other error.

    \b
    Examples:
      storyline ingest corpus.jsonl                       # into ./storyline.duckdb
      storyline ingest pages/ --db news.duckdb --workers 2 --skips skipped.jsonl
      nohup storyline ingest crawl.warc.gz --db news.duckdb > ingest.log 2>&1 &
      storyline ingest feed.jsonl --db postgresql://user@host/news
      storyline ingest --follow incoming/ --db news.duckdb --link-every 10
      storyline ingest archive/ --engine dask --scheduler tcp://head:8786 --out /shared/run1
    """
    if bool(inputs) == bool(follow_dir):
        raise click.UsageError("give INPUT... or --follow DIR (one of the two)")
    choice = engine_choice(engine, scheduler, out, partition, workers)
    options = pipeline_options(
        model=model,
        any_language=any_language,
        actor_files=actor_files,
        lexicon_files=lexicon_files,
        quote_method=quote_method,
        event_coder=event_coder,
        time_budget=time_budget,
    )
    if follow_dir:
        follow_folder(
            db, follow_dir, link_every * 60, poll, quiet, skips_path, choice, workers=workers, batch=batch, **options
        )
        return
    store = _store(db, create=True)
    total = None if quiet else count_inputs(inputs)
    try:
        with told("storyline ingest", total, quiet=quiet, every=progress_every, skips_path=skips_path) as (_, tell):
            if choice is None:
                summary = ingest(store, inputs, fmt=fmt, workers=workers, batch=batch, **tell, **options)
            else:
                summary = ingest_with_engine(store, inputs, choice, fmt=fmt, batch=batch, **tell, **options)
    finally:
        store.close()
    click.echo(summary.line(), err=True)
    if not summary.read:
        raise NothingToProcess("nothing to ingest: no articles found in the inputs")
    if not summary.usable:
        raise NothingToProcess(f"nothing stored: every input ({summary.skipped}) was skipped; see the skipped table")


@click.command("events")
@db_option
@click.option("--actor", help="An actor code prefix (USA, RUSMIL) or country, as source or target.")
@click.option("--source", help="The source's code prefix or country.")
@click.option("--target", help="The target's code prefix or country.")
@click.option("--code", help="A CAMEO code or prefix (19, 173, 0231); --root is the same for two digits.")
@click.option("--root", help="A CAMEO root (two digits).")
@click.option("--plover", help="A PLOVER type (ASSAULT, PROTEST, ...).")
@click.option(
    "--quad-class", type=click.IntRange(1, 4), help="1 verbal / 2 material cooperation, 3 verbal / 4 material conflict."
)
@click.option("--modality", type=click.Choice(["asserted", "negated", "hypothetical", "future"]))
@click.option("--since", help="From this day (YYYY-MM-DD).")
@click.option("--until", help="To this day (YYYY-MM-DD).")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=0.0, help="Keep events at least this sure.")
@click.option(
    "--min-sources", type=click.IntRange(min=0), default=0, help="Keep events reported by this many publishers."
)
@click.option("--text", help="Words in the evidence sentence.")
@click.option(
    "--coded",
    type=click.Choice(list(CODED_FILTERS)),
    default="any",
    show_default=True,
    help="Which actors must be coded (none: the events with neither coded).",
)
@_output_options
def events_command(db: str, root: str | None, code: str | None, output: str, **filters: Any) -> None:
    """Events: who did what to whom, when and where, with the sentence that says so."""
    with _opened(db) as store:
        answer = events(store, EventFilter(code=code or root, **filters))
    _print(answer, output, "events", filters["offset"], _EVENT_COLUMNS)


@click.command("quotes")
@db_option
@click.option("--speaker", help="The speaker's name (any part) or actor code prefix.")
@click.option("--text", help="Words in what was said.")
@click.option(
    "--act",
    type=click.Choice(QUOTE_ACTS),
    default="speech",
    show_default=True,
    help="What was said, or the beliefs or perceptions the text reports, or all.",
)
@_output_options
def quotes_command(
    db: str, speaker: str | None, text: str | None, act: str, limit: int | None, offset: int, output: str
) -> None:
    """Quotes: who said what."""
    with _opened(db) as store:
        answer = quotes(store, speaker=speaker, text=text, limit=limit, offset=offset, act=act)
    _print(answer, output, "quotes", offset)


@click.command("actors")
@db_option
@click.option("--actor", help="An actor code prefix or country.")
@_output_options
def actors_command(db: str, actor: str | None, limit: int | None, offset: int, output: str) -> None:
    """Actors by how many events they are the source or target of."""
    with _opened(db) as store:
        answer = actors(store, actor=actor, limit=limit, offset=offset)
    _print(answer, output, "actors", offset)


@click.command("articles")
@db_option
@click.option("--text", help="Words in the title or the text.")
@click.option("--source", help="The publisher or feed.")
@click.option("--since", help="Published from this day (YYYY-MM-DD).")
@click.option("--until", help="Published to this day (YYYY-MM-DD).")
@_output_options
def articles_command(
    db: str,
    text: str | None,
    source: str | None,
    since: str | None,
    until: str | None,
    limit: int | None,
    offset: int,
    output: str,
) -> None:
    """Articles, newest first, with their counts of events and quotes."""
    with _opened(db) as store:
        answer = articles(store, text=text, source=source, since=since, until=until, limit=limit, offset=offset)
    _print(answer, output, "articles", offset)


@click.command("export")
@db_option
@click.option("--format", "fmt", type=click.Choice(list(FORMATS)), default="csv", show_default=True)
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), help="The folder to write into.")
@click.option("--all-events", is_flag=True, help="Every event, not only those with a coded source (the dataset grade).")
@click.option("--codebook", "print_codebook", is_flag=True, help="Print the codebook (docs/codebook.md) and stop.")
def export_command(db: str, fmt: str, out: Path | None, all_events: bool, print_codebook: bool) -> None:
    """Export the store: a GDELT 2.0-style events table and mentions table, plus articles,
    quotes and entities. Every column is in docs/codebook.md.

    \b
    Examples:
      storyline export --format csv --out export/
      storyline export --db postgresql://user@host/news --format parquet --out export/
    """
    if print_codebook:
        click.echo(codebook(), nl=False)
        return
    if out is None:
        raise click.UsageError("--out is needed (or --codebook)")
    with _opened(db) as store:
        written = export(store, fmt, out, all_events=all_events)
    click.echo(
        "storyline: exported " + ", ".join(f"{name} {n:,} rows" for name, n in written.items()) + f" to {out}/",
        err=True,
    )


@click.command("serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="The address to listen on (0.0.0.0: every one).")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
def serve_command(db: str, host: str, port: int) -> None:
    """Serve the store over HTTP: the queries (GET /events, /quotes, /actors, /articles), one
    article's document (GET /articles/ID), POST /documents and GET /stats; the OpenAPI
    description at /openapi.json, its pages at /docs (Swagger UI) and /redoc (ReDoc), offline.

    DuckDB lets one process at a time use a file: while serve runs, other storyline commands on
    the same DuckDB store are refused (ask the server over HTTP instead); a PostgreSQL store has
    no such limit.
    """
    import uvicorn

    from storyline.api.app import create_app

    open_store(db, create=False).close()  # a mistyped --db, or a file another process holds: said here
    click.echo(f"storyline: serving {db} at http://{host}:{port}/ (API pages at /docs and /redoc)", err=True)
    uvicorn.run(create_app(db), host=host, port=port, log_level="warning")


class _opened:
    def __init__(self, db: str) -> None:
        self.store = _store(db)

    def __enter__(self) -> Store:
        return self.store

    def __exit__(self, *exc: object) -> None:
        self.store.close()


# The columns a terminal table of events shows (CSV and JSON give them all).
_EVENT_COLUMNS = (
    "day",
    "cameo",
    "source_name",
    "source_code",
    "target_name",
    "target_code",
    "modality",
    "num_sources",
    "sentence",
)


def _print(answer: Answer, output: str, kind: str, offset: int, shown: Sequence[str] = ()) -> None:
    """The rows on stdout; on stderr, why there are none, or how many matched where some are left out."""
    if not answer.rows:
        click.echo(f"storyline: no rows: {answer.note}", err=True)
        if output == "json":
            return
    columns = list(answer.rows[0]) if answer.rows else []
    if output == "table" and shown:
        columns = [c for c in columns if c in shown]
    if output == "json":
        for row in answer.rows:
            click.echo(json.dumps(row, ensure_ascii=False))
    elif output == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([row[c] for c in columns] for row in answer.rows)
    elif answer.rows:
        click.echo(_table(columns, [[row[c] for c in columns] for row in answer.rows]))
    _say_what_is_left_out(answer, kind, offset)


def _say_what_is_left_out(answer: Answer, kind: str, offset: int) -> None:
    shown = len(answer.rows)
    if shown and shown < answer.total:
        rows = f"rows {offset + 1:,}-{offset + shown:,}" if shown > 1 else f"row {offset + 1:,}"
        click.echo(
            f"storyline: {answer.total:,} {kind} matched, {shown:,} shown ({rows}); --limit all shows every one",
            err=True,
        )


_WIDEST = 48  # characters a table cell shows (the sentence and titles are cut)


def _table(columns: Sequence[str], rows: Sequence[Sequence[Value]]) -> str:
    cells = [[_cell(v) for v in row] for row in rows]
    widths = [max(len(c), *(len(r[i]) for r in cells)) for i, c in enumerate(columns)]
    line = "  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True))
    body = ["  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    return "\n".join([line.rstrip(), "  ".join("-" * w for w in widths), *body])


def _cell(value: Value) -> str:
    text = "" if value is None else f"{value:.2f}" if isinstance(value, float) else " ".join(str(value).split())
    return text if len(text) <= _WIDEST else text[: _WIDEST - 1] + "…"


COMMANDS = (
    ingest_command,
    load_command,
    events_command,
    quotes_command,
    actors_command,
    articles_command,
    export_command,
    serve_command,
)
