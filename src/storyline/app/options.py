"""Options that more than one command takes, declared once: what the pipeline is given
(``--actors``, ``--lexicon``, ``--quotes``, ``--events``, ``--time-budget``) and ``--skips``, on ``process``
and ``ingest`` alike (``--quotes`` on ``bench`` and ``eval quotes`` too)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from storyline.knowledge.quote_cues import DEFAULT_METHOD, METHODS
from storyline.settings import TIME_BUDGET_MIN_SECONDS, TIME_BUDGET_PER_1000_WORDS
from storyline.stages.s11_events import CODERS
from storyline.store.ingest import COMMIT_EVERY

__all__ = [
    "DEFAULT_DB",
    "actors_option",
    "batch_option",
    "coding_options",
    "db_option",
    "events_option",
    "lexicon_option",
    "new_db_option",
    "pipeline_options",
    "quotes_option",
    "skips_option",
    "time_budget_option",
]

F = TypeVar("F", bound=Callable[..., Any])  # Any: a decorator keeps any command's signature


def _toml_files(flag: str, dest: str, what: str) -> Callable[[F], F]:
    """A repeatable option naming TOML files that extend a shipped one (their entries win)."""
    return click.option(
        flag,
        dest,
        multiple=True,
        type=click.Path(exists=True, dir_okay=False),
        help=f"A TOML {what} extending the shipped one (its entries win); repeatable.",
    )


actors_option = _toml_files("--actors", "actor_files", "actor dictionary")
lexicon_option = _toml_files("--lexicon", "lexicon_files", "event lexicon (verbs, nouns, patterns, codes)")

quotes_option = click.option(
    "--quotes",
    "quote_method",
    type=click.Choice(METHODS),
    default=DEFAULT_METHOD,
    show_default=True,
    help="Quotation finder: the MiniLM tagger (accurate: best, slower), the small trained heads (fast), "
    "the learned frames alone (frames), or the hand rules.",
)

events_option = click.option(
    "--events",
    "event_coder",
    type=click.Choice(CODERS),
    default=CODERS[0],
    show_default=True,
    help="Event coder: the learned head over the quote encoder with the lexicon (learned; the rules alone "
    "where the encoder does not run, as with --quotes fast), or the lexicon's rules alone (rules).",
)

time_budget_option = click.option(
    "--time-budget",
    type=click.FloatRange(min=0),
    default=TIME_BUDGET_PER_1000_WORDS,
    show_default=True,
    metavar="SECONDS",
    help=f"Seconds per 1,000 words (at least {TIME_BUDGET_MIN_SECONDS:g} s) an article's stages may take; "
    "an article over it is skipped as 'timeout' and the run goes on. 0: no budget.",
)

batch_option = click.option(
    "--batch",
    type=click.IntRange(min=1),
    default=COMMIT_EVERY,
    show_default=True,
    help="Articles committed together (a kill loses at most one batch's work).",
)
skips_option = click.option(
    "--skips",
    "skips_path",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Also write a JSON line per skipped input to this file.",
)


def coding_options(command: F) -> F:
    """``--actors``, ``--lexicon``, ``--quotes``, ``--events`` and ``--time-budget``, in that
    order in the help: what ``process`` and ``ingest`` give the pipeline."""
    for option in (time_budget_option, events_option, quotes_option, lexicon_option, actors_option):
        command = option(command)
    return command


def pipeline_options(
    *,
    model: str | None,
    any_language: bool,
    actor_files: tuple[str, ...],
    lexicon_files: tuple[str, ...],
    quote_method: str,
    event_coder: str,
    time_budget: float,
) -> dict[str, Any]:  # Any: process_many's keyword arguments
    """What ``process`` and ``ingest`` pass on to the pipeline from the options they share."""
    return {
        "model": model,
        "check_language": not any_language,
        "actors": actor_files,
        "lexicons": lexicon_files,
        "quotes": quote_method,
        "events": event_coder,
        "time_budget": time_budget,
    }


DEFAULT_DB = "storyline.duckdb"


def db_option(command: F) -> F:
    """``--db`` of the commands that read a store: it must exist."""
    return _db(command, "one storyline ingest made")


def new_db_option(command: F) -> F:
    """``--db`` of ``ingest``, which makes the store where there is none."""
    return _db(command, "created if missing")


def _db(command: F, which: str) -> F:
    return click.option(
        "--db",
        default=DEFAULT_DB,
        show_default=True,
        envvar="STORYLINE_DB",
        help=f"The store: a DuckDB file ({which}) or a postgresql:// URL [env STORYLINE_DB].",
    )(command)
