"""``storyline process --workers N`` against one process, in one session: wall time, the
speed-up, each process's memory (PSS, sampled), and whether the documents are byte-identical.

    python bench/workers.py STORIES.jsonl --workers 1 2 --rounds 2
    python bench/workers.py STORIES.jsonl --workers 1 --threads 1 2 0   # the encoder's threads, one process

Each setting runs as its own ``storyline process`` (start-up included, as a user sees it), the
settings interleaved over the rounds, the best of each reported. ``--threads`` sets
``STORYLINE_ENCODER_THREADS`` for one process (0: ONNX Runtime's own choice, the cores); the
workers of ``--workers N`` > 1 always take ``cores // N`` each. The speed-up is against the
first setting. PSS (proportional set size: shared pages split among the processes sharing
them) is read from ``/proc/PID/smaps_rollup`` every 0.2 s, for the main process and each of its
children; the figure is the largest seen for one process. Linux only.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

_SAMPLE_SECONDS = 0.2


def _pss_kb(pid: int) -> int:
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:  # the process ended between the listing and the read
        return 0
    return next((int(line.split()[1]) for line in text.splitlines() if line.startswith("Pss:")), 0)


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return found + [g for c in found for g in _children(c)]


def run(stories: Path, workers: int, threads: int | None) -> dict[str, object]:
    """One ``storyline process`` run: seconds, the largest PSS of the main process and of any
    worker (MB), and the digest of its output."""
    env = dict(os.environ)
    if threads is not None:
        env["STORYLINE_ENCODER_THREADS"] = str(threads)
    with tempfile.TemporaryFile() as out:
        command = [sys.executable, "-m", "storyline", "process", str(stories), "--workers", str(workers)]
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.DEVNULL, env=env)
        main_pss = worker_pss = 0
        while process.poll() is None:
            main_pss = max(main_pss, _pss_kb(process.pid))
            worker_pss = max([worker_pss, *(_pss_kb(c) for c in _children(process.pid))])
            time.sleep(_SAMPLE_SECONDS)
        seconds = time.perf_counter() - started
        if process.returncode != 0:
            raise SystemExit(f"storyline process --workers {workers} failed ({process.returncode})")
        out.seek(0)
        digest = hashlib.sha256(out.read()).hexdigest()[:16]
    return {"seconds": seconds, "main_pss_mb": main_pss / 1024, "worker_pss_mb": worker_pss / 1024, "digest": digest}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("stories", type=Path, help="a JSON Lines file of articles")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--threads", type=int, nargs="*", default=None, help="encoder threads of one process")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    settings = [(w, t) for w in args.workers for t in (args.threads if args.threads and w == 1 else [None])]
    best: dict[tuple[int, int | None], dict[str, object]] = {}
    for _ in range(args.rounds):
        for setting in settings:
            figures = run(args.stories, *setting)
            kept = best.get(setting)
            if kept is None or figures["seconds"] < kept["seconds"]:  # type: ignore[operator]
                best[setting] = figures
    base = best[settings[0]]["seconds"]
    for (workers, threads), figures in best.items():
        label = f"--workers {workers}" + (f", {threads} encoder thread(s)" if threads is not None else "")
        print(
            f"{label:<36} {figures['seconds']:6.1f} s  x{base / figures['seconds']:.2f}"  # type: ignore[operator]
            f"  PSS main {figures['main_pss_mb']:.0f} MB, worker {figures['worker_pss_mb']:.0f} MB"
            f"  output {figures['digest']}"
        )


if __name__ == "__main__":
    main()
