"""The engine's overhead: ``storyline ingest --engine dask`` against ``storyline ingest --workers 2``,
the same stories into a new store each, in one session (issue 32).

    python bench/engine.py STORIES.jsonl --limit 1000 --rounds 2

Each run is its own command, as a user runs it: start-up (the local Dask cluster, each worker's
model), reading, the pipeline, writing (the store; for the engine also its Parquet tables and
their load) and the corpus pass. The two are interleaved over the rounds, the order swapped each
round, and the best of each is reported with the ratio engine / local (1.00: no overhead).
"""

from __future__ import annotations

import argparse
import itertools
import subprocess
import sys
import tempfile
import time
from pathlib import Path

COMMANDS = {
    "local --workers 2": ["--workers", "2"],
    "--engine dask (local cluster, 2 processes)": ["--engine", "dask", "--workers", "2", "--out", "{out}"],
}


def run(stories: Path, flags: list[str], scratch: Path, tag: str) -> float:
    """Seconds for one ingest of ``stories`` into a new store."""
    db, out = scratch / f"{tag}.duckdb", scratch / f"{tag}-tables"
    command = [sys.executable, "-m", "storyline", "ingest", str(stories), "--db", str(db), "-q"]
    command += [f.format(out=out) for f in flags]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{done.stderr}")
    print(f"  {tag}: {seconds:.1f} s; {done.stderr.strip().splitlines()[-1]}", flush=True)
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("stories", type=Path, help="A JSON Lines corpus (Reuters-21578).")
    parser.add_argument("--limit", type=int, default=1000, help="The first N stories.")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        scratch = Path(folder)
        stories = scratch / "stories.jsonl"
        with args.stories.open(encoding="utf-8") as lines:
            stories.write_text("".join(itertools.islice(lines, args.limit)), encoding="utf-8")
        best: dict[str, float] = {}
        for round_ in range(args.rounds):
            names = list(COMMANDS) if round_ % 2 == 0 else list(reversed(COMMANDS))
            for name in names:
                tag = f"r{round_}-{'engine' if 'engine' in name else 'local'}"
                seconds = run(stories, COMMANDS[name], scratch, tag)
                best[name] = min(best.get(name, seconds), seconds)
    local, engine = best.values()
    for name, seconds in best.items():
        print(f"{name}: {seconds:.1f} s, {args.limit / seconds:.1f} stories/s (best of {args.rounds})")
    print(f"ratio engine / local: {engine / local:.2f} ({args.limit} stories)")


if __name__ == "__main__":
    main()
