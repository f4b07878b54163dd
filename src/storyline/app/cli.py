"""The ``storyline`` command: thin calls into the library.

Errors are one line on stderr (``storyline: error: ...``) and a non-zero exit:
2 bad arguments or missing input, 3 nothing usable, 1 anything else storyline knows of.
"""

from __future__ import annotations

import importlib
import json
import logging
import os
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from storyline._version import __version__
from storyline.app.options import (
    coding_options,
    events_option,
    pipeline_options,
    quotes_option,
    skips_option,
)
from storyline.app.reporting import SkipsFile
from storyline.app.store_cli import COMMANDS as STORE_COMMANDS
from storyline.document.article import Article, parse_published
from storyline.document.encode import JSONObject
from storyline.document.records import Document
from storyline.document.schema import document_schema, validate_document
from storyline.document.skips import Skipped
from storyline.document.subset import CODED_CHOICES, EventSubset
from storyline.errors import InvalidArgument, NothingToProcess, StorylineError
from storyline.pipeline import STAGES, process_many
from storyline.readers import FORMATS, detect_format, read_inputs
from storyline.settings import BATCH_SIZE, model_name
from storyline.stages.stage import check_order

__all__ = ["cli", "main"]


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    try:
        return parse_published(value)
    except InvalidArgument as err:
        raise click.BadParameter(str(err)) from None


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "-V", "--version", prog_name="storyline")
@click.option("-v", "--verbose", count=True, help="Log what each stage does (-vv for debug detail).")
def cli(verbose: int) -> None:
    """storyline turns news articles into sourced, structured event data: who did what to
    whom, when and where, and who said what, every field tied to the text that supports it.

    \b
    Start with:
      storyline process article.txt --published 2025-08-23     one article -> document JSON
      storyline process news/ > docs.jsonl                     a folder -> JSON Lines
      storyline process --help                                 every option

    Everything runs offline; the spaCy model is a Python package (STORYLINE_MODEL picks another).
    """
    _configure_logging(verbose)


def _configure_logging(verbose: int) -> None:
    """storyline's own messages at -v; the libraries' (trafilatura, htmldate) only at -vv."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(name)s: %(message)s"))
    logging.basicConfig(level=logging.DEBUG if verbose >= 2 else logging.ERROR, handlers=[handler])
    logging.getLogger("storyline").setLevel(
        logging.INFO if verbose == 1 else logging.DEBUG if verbose else logging.WARNING
    )


@cli.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option(
    "--published",
    callback=_date,
    metavar="YYYY-MM-DD",
    help="Publication date: the anchor for relative dates. Overrides the article's own.",
)
@click.option("--title", help="Article title (overrides what the input says).")
@click.option("--url", help="Article URL; also makes the article id (overrides what the input says).")
@click.option("--source", help="Publisher or feed name (overrides what the input says).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="auto",
    show_default=True,
    help="How to read the inputs; auto goes by extension, then by content.",
)
@click.option(
    "--output",
    type=click.Choice(["auto", "json", "jsonl"]),
    default="auto",
    show_default=True,
    help="json: one indented document; jsonl: one document per line. auto: json for a "
    "single text or HTML file, jsonl for anything that holds many articles.",
)
@skips_option
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Processes running the whole pipeline (each loads the models once; the encoder's threads are shared out).",
)
@click.option(
    "--batch-size", type=click.IntRange(min=1), default=BATCH_SIZE, show_default=True, help="Texts per nlp.pipe batch."
)
@click.option("--model", default=None, help=f"spaCy model package [default: {model_name()}].")
@coding_options
@click.option(
    "--min-confidence",
    type=click.FloatRange(0, 1),
    default=0.0,
    show_default=True,
    help="Keep only events at least this likely to have their code root and source right (a calibrated "
    "probability; the document keeps every event by default).",
)
@click.option(
    "--coded",
    type=click.Choice(list(CODED_CHOICES)),
    default="any",
    show_default=True,
    help="Keep only events whose source ('source'), target ('target') or both are coded actors; "
    "'source' gives the dataset-grade subset that exports count.",
)
@click.option("--any-language", is_flag=True, help="Do not skip texts that look non-English.")
@click.option("--validate", is_flag=True, help="Check every document against the JSON Schema.")
@click.option("-q", "--quiet", is_flag=True, help="No progress or summary on stderr (skips still print).")
def process(
    inputs: tuple[str, ...],
    published: str | None,
    title: str | None,
    url: str | None,
    source: str | None,
    fmt: str,
    output: str,
    skips_path: Path | None,
    workers: int,
    batch_size: int,
    model: str | None,
    actor_files: tuple[str, ...],
    lexicon_files: tuple[str, ...],
    quote_method: str,
    event_coder: str,
    time_budget: float,
    min_confidence: float,
    coded: str,
    any_language: bool,
    validate: bool,
    quiet: bool,
) -> None:
    """Turn news articles into documents (JSON, schema storyline.document/1) on stdout.

    INPUT is a text or HTML file, a JSON Lines file (one article per line: "text" and
    optional "url", "title", "published", "source"), a WARC file, a folder of any of these
    (read recursively), or - for standard input. Inputs that cannot be used (empty, binary,
    not UTF-8, not English, too large, broken lines, or over the time budget) are reported on
    stderr with a reason and the rest go on.

    \b
    Examples:
      storyline process article.txt --published 2025-08-23 > doc.json
      storyline process page.html
      storyline process corpus.jsonl --skips skipped.jsonl > docs.jsonl
      cat article.txt | storyline process - --published 2025-08-23
      storyline process corpus.jsonl --coded source   # the dataset-grade events only
    """
    subset = EventSubset(min_confidence=min_confidence, coded=coded)
    as_lines = _wants_lines(inputs, fmt) if output == "auto" else output == "jsonl"
    overrides = {"published": published, "title": title, "url": url, "source": source}
    articles = _with_overrides(read_inputs(inputs, fmt), overrides)
    results = process_many(
        articles,
        batch_size=batch_size,
        workers=workers,
        **pipeline_options(
            model=model,
            any_language=any_language,
            actor_files=actor_files,
            lexicon_files=lexicon_files,
            quote_method=quote_method,
            event_coder=event_coder,
            time_budget=time_budget,
        ),
    )
    show_progress = as_lines and not quiet and sys.stderr.isatty()
    counts: Counter[str] = Counter()
    started = time.perf_counter()
    words = 0
    with SkipsFile(skips_path) as skips_out:
        for result in _progress(results, show_progress):
            if isinstance(result, Skipped):
                counts["skipped:" + result.reason.value] += 1
                click.echo(f"storyline: {result}", err=True)
                skips_out.write(result)
                continue
            counts["documents"] += 1
            words += len(result.text.split())
            _emit(subset.of(result), as_lines, validate)
    skipped = sum(n for k, n in counts.items() if k.startswith("skipped:"))
    if as_lines and not quiet:
        elapsed = time.perf_counter() - started
        reasons = ", ".join(f"{n} {k[8:]}" for k, n in sorted(counts.items()) if k.startswith("skipped:"))
        click.echo(
            f"storyline: {counts['documents']} documents, {skipped} skipped{f' ({reasons})' if reasons else ''}; "
            f"{words:,} words in {elapsed:.1f} s ({words / max(elapsed, 1e-9):,.0f} words/s)",
            err=True,
        )
    if not counts["documents"]:
        if skipped:
            raise NothingToProcess(f"nothing to process: every input ({skipped}) was skipped")
        raise NothingToProcess("nothing to process: no articles found in the inputs")


def _wants_lines(inputs: tuple[str, ...], fmt: str) -> bool:
    """JSON Lines unless the input is one text or HTML article."""
    if len(inputs) != 1:
        return True
    if fmt in ("jsonl", "warc"):
        return True
    if inputs[0] == "-" or fmt in ("text", "html"):
        return False
    path = Path(inputs[0])
    return path.is_dir() or detect_format(path) in ("jsonl", "warc")


def _with_overrides(items: Iterator[Article | Skipped], fields: dict[str, str | None]) -> Iterator[Article | Skipped]:
    given = any(v is not None for v in fields.values())
    for item in items:
        yield item.with_metadata(**fields) if given and isinstance(item, Article) else item


def _emit(document: Document, as_lines: bool, validate: bool) -> None:
    data = document.to_dict()
    if validate:
        validate_document(data)
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=None if as_lines else 2) + "\n")


def _progress(results: Iterator[Document | Skipped], show: bool) -> Iterator[Document | Skipped]:
    if not show:
        yield from results
        return
    from tqdm import tqdm

    yield from tqdm(results, desc="storyline", unit=" articles", file=sys.stderr, leave=False)


@cli.command()
@click.argument("documents", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path))
def show(documents: Path) -> None:
    """Summarise documents (the output of 'storyline process') for reading in a terminal:
    who did what to whom, each event with its sentence, and who said what.

    DOCUMENTS is a JSON or JSON Lines file, or - for standard input:

    \b
      storyline process article.txt | storyline show -
    """
    from storyline.app.show import load_documents, summarise

    for doc in load_documents(documents):
        click.echo(summarise(doc))


@cli.command("sample-events")
@click.argument("inputs", nargs=-1, required=True)
@click.option("-n", "count", type=click.IntRange(min=1), default=200, show_default=True, help="Events to draw.")
@click.option("--seed", type=int, default=15, show_default=True, help="The draw's seed: the same seed draws the same.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True, help="The sheet to write (CSV).")
@click.option("--coded", type=click.Choice(list(CODED_CHOICES)), default="any", show_default=True,
              help="Draw only from events whose source / target / both are coded.")  # fmt: skip
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True, help="Processes to run.")
@click.option("-q", "--quiet", is_flag=True, help="No progress on stderr.")
def sample_events(
    inputs: tuple[str, ...], count: int, seed: int, out: Path, coded: str, workers: int, quiet: bool
) -> None:
    """Draw events at random, with their sentences, into a sheet to read by hand.

    INPUT as for 'storyline process'. The sheet (CSV) has one row per event: its code and name,
    source and target, modality, trigger and sentence, and empty columns code_ok, source_ok,
    target_ok, modality_ok (y, n or -) for the reader. 'storyline audit SHEET' gives the figures.

    \b
    Example:
      storyline sample-events stories.jsonl -n 200 --seed 15 --out bench/audit.csv
    """
    from storyline.app.sample import draw_events, write_sheet

    subset = EventSubset(coded=coded)
    results = _progress(process_many(read_inputs(inputs, "auto"), workers=workers), not quiet and sys.stderr.isatty())
    documents = [subset.of(r) for r in results if not isinstance(r, Skipped)]
    drawn = draw_events(documents, count, seed)
    write_sheet(drawn, out)
    events = sum(len(d.events) for d in documents)
    click.echo(f"storyline: {len(drawn)} of {events} events from {len(documents)} documents -> {out}", err=True)


@cli.command()
@click.argument("sheet", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def audit(sheet: Path) -> None:
    """The figures of a filled 'sample-events' sheet: the share right of each verdict."""
    from storyline.app.sample import audit_figures, read_sheet

    rows = read_sheet(sheet)
    for name, (right, judged) in audit_figures(rows).items():
        share = f"{right / judged:.1%}" if judged else "-"
        click.echo(f"{name:<36} {share:>6}  ({right} of {judged})")


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="One JSON object per stage.")
def stages(as_json: bool) -> None:
    """The pipeline's stages in order: when each runs, what it requires and what it sets."""
    check_order(STAGES)
    for stage in STAGES:
        if as_json:
            record = {"name": stage.name, "step": stage.step, "requires": stage.requires, "sets": stage.assigns}
            click.echo(json.dumps({**record, "on_captions": stage.on_captions, "about": stage.about}))
            continue
        click.echo(f"{stage.name:<11} {stage.step:<9} {stage.about}")
        click.echo(f"{'':<21} requires {', '.join(stage.requires) or '-'}; sets {', '.join(stage.assigns) or '-'}")


@cli.command()
def schema() -> None:
    """Print the JSON Schema of the document (storyline.document/1)."""
    click.echo(json.dumps(document_schema(), indent=2))


@cli.command()
@click.option(
    "--data",
    "data",
    multiple=True,
    required=True,
    metavar="PATH",
    help="Articles to time (any input storyline reads); repeatable.",
)
@click.option("--limit", type=click.IntRange(min=1), default=500, show_default=True, help="At most this many articles.")
@click.option(
    "--repeat",
    type=click.IntRange(min=1),
    default=3,
    show_default=True,
    help="Timed runs of each side; the best is reported.",
)
@click.option("--model", default=None, help="spaCy model package.")
@quotes_option
@events_option
@click.option("--json", "as_json", is_flag=True, help="Print the figures as one JSON object.")
def bench(
    data: tuple[str, ...],
    limit: int,
    repeat: int,
    model: str | None,
    quote_method: str,
    event_coder: str,
    as_json: bool,
) -> None:
    """Throughput of the whole pipeline against the bare spaCy model on the same texts.

    The ratio (pipeline words/s over model words/s) is what to compare across changes;
    absolute figures depend on the machine.
    """
    from storyline.app.bench import run_bench

    figures = run_bench(list(data), limit=limit, repeat=repeat, model=model, quotes=quote_method, events=event_coder)
    if as_json:
        click.echo(json.dumps(figures))
    else:
        for key, value in figures.items():
            click.echo(f"{key:>16}: {value:,.2f}" if isinstance(value, float) else f"{key:>16}: {value}")


@cli.group(name="eval")
def eval_group() -> None:
    """Score storyline against a gold set (the development parts in ../shared/data, or any
    folder or file of the same format). --json prints one JSON object of figures."""


def _print_figures(figures: JSONObject, as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps(figures, ensure_ascii=False))
        return
    for key, value in figures.items():
        if isinstance(value, dict):
            click.echo(f"{key}:")
            for sub, val in value.items():
                click.echo(f"  {sub:<14} {json.dumps(val, ensure_ascii=False)}")
        else:
            click.echo(f"{key:<16} {value:.4f}" if isinstance(value, float) else f"{key:<16} {value}")


def _evaluator(
    task: str, data_help: str, summary: str, split: bool = False, quotes: bool = False, events: bool = False
) -> None:
    """Register ``storyline eval TASK``: ``storyline.evaluation.TASK.evaluate_TASK(data, limit=...)``.

    ``split`` adds ``--split`` (passed on as ``split=``), ``quotes`` the ``--quotes`` choice
    (``method=``), ``events`` the ``--events`` choice (``event_coder=``). A module's ``format_TASK(figures)``,
    where there is one, writes the human output in place of the plain listing."""

    def command(data: Path, limit: int | None, as_json: bool, **extra: Any) -> None:  # Any: a task's own options
        module = importlib.import_module(f"storyline.evaluation.{task}")
        figures = getattr(module, f"evaluate_{task}")(data, limit=limit, **extra)
        formatter = getattr(module, f"format_{task}", None)
        if formatter is not None and not as_json:
            click.echo(formatter(figures))
        else:
            _print_figures(figures, as_json)

    options = [
        click.option("--data", "data", required=True, type=click.Path(exists=True, path_type=Path), help=data_help),
        click.option("--limit", type=click.IntRange(min=1), default=None, help="At most this many documents."),
        click.option("--json", "as_json", is_flag=True, help="Print the figures as one JSON object."),
    ]
    if split:
        options.append(click.option("--split", default="dev", show_default=True, help="Sub-folder of --data to score."))
    if quotes:
        options.append(quotes_option)
    if events:
        options.append(events_option)
    for option in reversed(options):  # as if stacked as decorators, in this order
        command = option(command)
    eval_group.command(task, help=summary)(command)


_evaluator(
    "ner",
    "CoNLL-2003 file (token POS chunk NER per line), or a folder of them.",
    "Named entities, entity-level P/R/F1 per type, with the bare model's score beside it.",
)
_evaluator(
    "time",
    "TimeML .tml file, or a folder of them (TempEval-3 layout).",
    "Temporal expressions, TempEval-3 rules: relaxed/strict F1, value accuracy and F1, per type.",
)
_evaluator(
    "quotes",
    "PolNeAR folder (its splits hold text/ and attributions/), or one split folder.",
    "Quotations against PolNeAR: exact and token-overlap P/R/F1 of source, cue and content, "
    "whole attributions, the direct quotes alone; the bare rules beside the chosen finder (--quotes).",
    split=True,
    quotes=True,
)
_evaluator(
    "geo",
    "GeoWebNews folder (GWN.xml), or an LGL / TR-News style XML file or folder.",
    "Toponyms: recall, accuracy within 161 km and exact GeoNames id over those found.",
)
_evaluator(
    "events",
    "PLOVER gold records (.json), the PETRARCH2 unit-test folder (PETR.UnitTest.records.xml), IndiaPoliceEvents "
    "(.jsonl), or a folder of MEANTIME CAT or TimeML .tml files.",
    "Events: PLOVER type accuracy and actor F1, PETRARCH2 (source, target, CAMEO) F1, IndiaPoliceEvents "
    "sentence F1, or event dates and modality (MEANTIME, TimeML TLINKs); of the coder --events names.",
    events=True,
)


for _command in STORE_COMMANDS:  # ingest, events, quotes, actors, articles, export
    cli.add_command(_command)


def main() -> None:
    """Entry point: run the CLI, turning storyline's errors into one line and an exit code."""
    try:
        code = cli.main(prog_name="storyline", standalone_mode=False)
        if isinstance(code, int) and code:
            sys.exit(code)
    except click.exceptions.Abort:
        click.echo("storyline: interrupted", err=True)
        sys.exit(130)
    except click.UsageError as err:
        where = f" (see '{err.ctx.command_path} --help')" if err.ctx else ""
        click.echo(f"storyline: error: {err.format_message()}{where}", err=True)
        sys.exit(err.exit_code)
    except click.ClickException as err:
        click.echo(f"storyline: error: {err.format_message()}", err=True)
        sys.exit(err.exit_code)
    except StorylineError as err:
        click.echo(f"storyline: error: {err}", err=True)
        sys.exit(err.exit_code)
    except BrokenPipeError:
        # stdout closed early (storyline process ... | head): not an error
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(0)
    except KeyboardInterrupt:
        click.echo("storyline: interrupted", err=True)
        sys.exit(130)
