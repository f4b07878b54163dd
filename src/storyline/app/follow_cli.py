"""``storyline ingest --follow DIR``'s command-line side: the store opened, Ctrl-C and SIGTERM
turned into a clean stop (the files already settled are finished and linked), a line a cycle,
skips as ``ingest`` reports them, and the closing summary (:mod:`storyline.store.follow`).
With ``--engine dask`` one cluster serves every cycle, each cycle's tables in a folder of its
own under ``--out``."""

from __future__ import annotations

import datetime as dt
import signal
import threading
from contextlib import ExitStack
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING

import click

from storyline.app.reporting import SkipsFile
from storyline.document.skips import Skipped
from storyline.store.connection import open_store
from storyline.store.follow import FollowSummary, follow
from storyline.store.ingest import IngestSummary

if TYPE_CHECKING:
    from storyline.app.engine_cli import EngineChoice

__all__ = ["follow_folder"]


def follow_folder(
    db: str,
    folder: Path,
    link_every: float,
    poll: float,
    quiet: bool,
    skips_path: Path | None,
    engine: EngineChoice | None = None,
    **options: object,
) -> FollowSummary:
    """Follow ``folder`` into the store at ``db`` until a signal stops it; ``link_every`` and
    ``poll`` in seconds; ``options`` go to ingest (on ``engine``, where one is chosen)."""
    stop = threading.Event()

    def stopped(signum: int, _: FrameType | None) -> None:
        if not quiet:
            click.echo(
                f"storyline: follow: {signal.Signals(signum).name}: finishing the settled files, then stopping",
                err=True,
            )
        stop.set()

    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, stopped)

    def cycle(so_far: FollowSummary, done: IngestSummary | None) -> None:
        if quiet:
            return
        if done is None:
            click.echo(f"storyline: follow: corpus pass: {so_far.corpus_events:,} corpus events", err=True)
        else:
            click.echo(
                f"storyline: follow: {done.read} articles read, {done.stored} stored, {done.unchanged} unchanged, "
                f"{done.skipped} skipped ({so_far.stored:,} stored from {so_far.files:,} files so far)",
                err=True,
            )

    store = open_store(db)
    try:
        with ExitStack() as stack:
            skips = stack.enter_context(SkipsFile(skips_path))

            def skipped(skip: Skipped) -> None:
                click.echo(f"storyline: {skip}", err=True)
                skips.write(skip)

            take = None
            if engine is not None:
                from storyline.engine.run import ingest_on_engine

                cluster = stack.enter_context(engine.start())
                options.pop("workers", None)

                def take(files: list[str]) -> IngestSummary:
                    cycle_out = engine.out / dt.datetime.now(dt.UTC).strftime("cycle-%Y%m%dT%H%M%S%f")
                    return ingest_on_engine(
                        store,
                        files,
                        cluster,
                        cycle_out,
                        size=engine.size,
                        link=False,
                        on_skip=skipped,
                        **options,  # type: ignore[arg-type]  # (the pipeline's options)
                    )

            if not quiet:
                click.echo(f"storyline: follow: watching {folder} (Ctrl-C or SIGTERM stops)", err=True)
            summary = follow(
                store,
                folder,
                stop=stop,
                poll=poll,
                link_every=link_every,
                on_cycle=cycle,
                on_skip=skipped,
                take=take,
                **options,
            )
    finally:
        store.close()
    click.echo(summary.line(), err=True)
    return summary
