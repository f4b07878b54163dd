"""Before and after a change: run storyline on fixed inputs, save what it made, and say what changed.

    python bench/before_after.py save [--runs DIR]       # the reference run, before a change
    python bench/before_after.py compare [--runs DIR]    # a new run, compared with the saved one
    python bench/before_after.py diff OLD NEW            # compare two runs already made
    python bench/before_after.py floors [RUN]            # the quality gate's floors raised to a run's figures

(``make before`` and ``make after`` call the first two.) A run holds, under ``DIR/<name>/``:
- ``documents/``: the documents of the seed article, of ``samples/articles``, of the modern news
  pages in ``../shared/data/corpora/fundus-dev/html`` (unzipped) and of the first 200 Reuters-21578 stories
  (``storyline process``, one JSON Lines file each);
- ``figures/``: every ``storyline eval --json`` task of the quality gate
  (``tests/quality_floors.toml``) and the seed's score (``score_seed.py --json``);
- ``store/``: the CSV export of a DuckDB store that ingested the samples and the modern pages.

``compare`` prints each document that changed with the JSON paths that differ, each figure that
moved (timings left out: they differ from run to run), each export file that differs, and ends
with one line: ``unchanged`` (exit 0) or how many things changed (exit 1). The evals run two at a
time, in processes of their own; a whole run takes about 6 minutes on two cores.

``floors`` rewrites ``tests/quality_floors.toml`` from a run's figures (by default the latest):
every figure (:func:`storyline.evaluation.figures.figure_paths`) gets a floor just under it
(:data:`MARGIN` below, rounded down; a figure of 1 keeps 1), a floor is only ever raised, and the
error ceilings are kept as they are.
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from storyline.evaluation.figures import figure_paths

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("STORYLINE_SHARED", ROOT.parent / "shared"))
DATA = SHARED / "data"
SEED = SHARED / "seed" / "article.txt"
SEED_PUBLISHED = "2025-08-23"
REUTERS = DATA / "corpora" / "reuters21578" / "reuters21578.jsonl"
REUTERS_STORIES = 200
FUNDUS_PAGES = DATA / "corpora" / "fundus-dev" / "html"
# Figures that are timings or sizes of the run, not answers: never compared.
VOLATILE = ("seconds", "per_second", "elapsed", "wall")
SHOWN = 12  # at most this many differences printed for one document or one file
FLOORS = ROOT / "tests" / "quality_floors.toml"
MARGIN = 0.003  # how far under today's figure a floor sits


def _storyline() -> str:
    return str(Path(sys.executable).with_name("storyline"))


def _run(command: list[str], out: Path) -> None:
    """Run ``command``, its standard output into ``out``; a failure stops the run with its stderr."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as stream:
        done = subprocess.run(command, stdout=stream, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    if done.returncode != 0:
        raise SystemExit(f"before_after: {' '.join(command)} failed ({done.returncode}):\n{done.stderr[-2000:]}")


def _reuters_slice(folder: Path) -> Path:
    path = folder / "reuters-slice.jsonl"
    with REUTERS.open(encoding="utf-8") as source, path.open("w", encoding="utf-8") as sliced:
        for number, line in enumerate(source):
            if number == REUTERS_STORIES:
                break
            sliced.write(line)
    return path


def _fundus_pages(folder: Path) -> Path:
    """The modern pages, unzipped (storyline reads ``.html``, not ``.html.gz``)."""
    pages = folder / "fundus-dev"
    for page in sorted(FUNDUS_PAGES.rglob("*.html.gz")):
        out = pages / page.relative_to(FUNDUS_PAGES).with_suffix("")
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(gzip.decompress(page.read_bytes()))
    return pages


def _jobs(run: Path, scratch: Path) -> list[tuple[list[str], Path]]:
    """Every command of a run and the file its output goes to."""
    cli = _storyline()
    documents, figures = run / "documents", run / "figures"
    jobs = [
        ([cli, "process", str(SEED), "--published", SEED_PUBLISHED], documents / "seed.json"),
        ([cli, "process", "samples/articles"], documents / "samples.jsonl"),
        ([cli, "process", str(scratch / "fundus-dev")], documents / "fundus-dev.jsonl"),
        ([cli, "process", str(_reuters_slice(scratch))], documents / "reuters-200.jsonl"),
    ]
    for command, _ in jobs:  # the budget of a measurement (storyline.budget.MEASURING): a busy machine skips nothing
        command += ["--time-budget", "60"]
    for name, entry in tomllib.loads(FLOORS.read_text("utf-8")).items():
        if entry["task"] == "seed":
            continue
        command = [cli, "eval", entry["task"], "--data", str(DATA / entry["data"]), "--json"]
        if "split" in entry:
            command += ["--split", entry["split"]]
        jobs.append((command, figures / f"{name}.json"))
    return jobs


def _store(run: Path, scratch: Path) -> None:
    """Ingest the samples and the modern pages into a new DuckDB store and export it as CSV."""
    db = scratch / "store.duckdb"
    cli = _storyline()
    inputs = ["samples/articles", str(scratch / "fundus-dev")]
    _run([cli, "ingest", *inputs, "--db", str(db), "-q"], scratch / "ingest.log")
    _run([cli, "export", "--db", str(db), "--format", "csv", "--out", str(run / "store")], scratch / "export.log")


def _seed_score(run: Path) -> None:
    score = SHARED / "tools" / "score_seed.py"
    seed = run / "documents" / "seed.json"
    _run([sys.executable, str(score), str(seed), "--json"], run / "figures" / "seed.json")


def make_run(run: Path, workers: int = 2) -> None:
    if run.exists():
        shutil.rmtree(run)
    run.mkdir(parents=True)
    with tempfile.TemporaryDirectory() as folder:
        scratch = Path(folder)
        _fundus_pages(scratch)
        jobs = _jobs(run, scratch)
        # the longest first, so that two workers finish together
        jobs.sort(key=lambda job: job[1].parent.name == "figures", reverse=True)
        with ThreadPoolExecutor(workers) as pool:
            done = [pool.submit(_run, command, out) for command, out in jobs]
            done.append(pool.submit(_store, run, scratch))
            for future in done:
                future.result()
                print(".", end="", file=sys.stderr, flush=True)
        _seed_score(run)
    print(f"\nbefore_after: run saved in {run}", file=sys.stderr)


# --- comparing two runs -------------------------------------------------------------------------


def _paths(old: Any, new: Any, where: str = "") -> Iterator[str]:
    """The JSON paths at which two values differ."""
    if isinstance(old, dict) and isinstance(new, dict):
        for key in sorted(old.keys() | new.keys()):
            if key not in old or key not in new:
                yield f"{where}.{key} ({'added' if key in new else 'removed'})"
            else:
                yield from _paths(old[key], new[key], f"{where}.{key}")
    elif isinstance(old, list) and isinstance(new, list):
        if len(old) != len(new):
            yield f"{where} (length {len(old)} -> {len(new)})"
        for index, (a, b) in enumerate(zip(old, new, strict=False)):
            yield from _paths(a, b, f"{where}[{index}]")
    elif old != new:
        yield f"{where}: {json.dumps(old)[:80]} -> {json.dumps(new)[:80]}"


def _volatile(path: str) -> bool:
    return any(word in path.rsplit(".", 1)[-1] for word in VOLATILE)


def _documents(path: Path) -> dict[str, Any]:
    """A run's documents by article id: one indented document, or JSON Lines."""
    text = path.read_text("utf-8")
    documents = [json.loads(text)] if path.suffix == ".json" else [json.loads(line) for line in text.splitlines()]
    found: dict[str, Any] = {}
    for number, document in enumerate(documents):
        key = document.get("article", {}).get("id") or str(number)
        found[key if key not in found else f"{key}#{number}"] = document
    return found


def _compare_documents(old: Path, new: Path) -> int:
    changed = 0
    old_docs, new_docs = _documents(old), _documents(new)
    for key in sorted(old_docs.keys() | new_docs.keys()):
        if key not in old_docs or key not in new_docs:
            print(f"  {new.name} {key}: {'new' if key in new_docs else 'gone'}")
            changed += 1
            continue
        paths = list(_paths(old_docs[key], new_docs[key]))
        if paths:
            changed += 1
            print(f"  {new.name} {key}: {len(paths)} difference(s)")
            for path in paths[:SHOWN]:
                print(f"    {path}")
    return changed


def _compare_figures(old: Path, new: Path) -> int:
    found = _paths(json.loads(old.read_text("utf-8")), json.loads(new.read_text("utf-8")))
    paths = [p for p in found if not _volatile(p.split(":")[0])]
    for path in paths:
        print(f"  {new.stem}{path}")
    return len(paths)


def _compare_text(old: Path, new: Path, name: str) -> int:
    if old.read_bytes() == new.read_bytes():
        return 0
    old_lines, new_lines = old.read_text("utf-8").splitlines(), new.read_text("utf-8").splitlines()
    print(f"  {name}: {len(old_lines)} -> {len(new_lines)} lines")
    shown = 0
    for number, (a, b) in enumerate(zip(old_lines, new_lines, strict=False)):
        if a != b and shown < SHOWN:
            print(f"    line {number + 1}: {a[:100]!r} -> {b[:100]!r}")
            shown += 1
    return 1


def _files(run: Path) -> set[Path]:
    return {p.relative_to(run) for p in run.rglob("*") if p.is_file()}


def compare_runs(old: Path, new: Path) -> int:
    """Print what differs between two runs; return the number of things that changed."""
    changed = 0
    old_files, new_files = _files(old), _files(new)
    for missing in sorted(old_files ^ new_files):
        print(f"  {missing}: only in {'the new run' if missing in new_files else 'the saved run'}")
        changed += 1
    for relative in sorted(old_files & new_files):
        a, b = old / relative, new / relative
        if relative.parts[0] == "documents":
            changed += _compare_documents(a, b)
        elif relative.parts[0] == "figures":
            changed += _compare_figures(a, b)
        else:
            changed += _compare_text(a, b, str(relative))
    return changed


def _summary(old: Path, new: Path) -> int:
    print(f"before_after: {new} against {old}")
    changed = compare_runs(old, new)
    documents = sum(len(_documents(p)) for p in (new / "documents").glob("*.json*"))
    figures = len(list((new / "figures").glob("*.json")))
    print(
        f"before_after: {'unchanged' if not changed else f'{changed} change(s)'} "
        f"({documents} documents, {figures} figure files, {len(list((new / 'store').glob('*')))} export files)"
    )
    return 1 if changed else 0


# --- the quality gate's floors -------------------------------------------------------------------


def _floor(value: float) -> float:
    return 1.0 if value >= 1.0 else max(0.0, math.floor((value - MARGIN) * 1000) / 1000)


def _comments(text: str) -> dict[str, str]:
    """The comment after each table header ("[ner]  # storyline eval ner ...")."""
    found = {}
    for line in text.splitlines():
        match = re.match(r"\[([\w.]+)\]\s*#\s*(.*)", line)
        if match:
            found[match.group(1)] = match.group(2)
    return found


def _notes(text: str) -> dict[tuple[str, str], str]:
    """The note after a floor's figure ("... # 0.7465 (lowered by issue 26: see CHANGELOG)"), by
    its table and figure path: kept while that floor stays where it is."""
    found, table = {}, ""
    for line in text.splitlines():
        header = re.match(r"\[([\w.]+)\]", line)
        if header:
            table = header.group(1)
        note = re.match(r'"([^"]+)" = [\d.]+\s*#\s*[\d.]+\s+(\(.*\))\s*$', line)
        if note:
            found[(table, note.group(1))] = note.group(2)
    return found


def raise_floors(run: Path) -> int:
    """Rewrite the floors file with each figure's floor raised to just under ``run``'s figure;
    returns how many figures are under their floor (printed, and left as they are). A floor left
    where it was keeps its note."""
    text = FLOORS.read_text("utf-8")
    header = text[: text.index("\n[")].rstrip("\n")
    comments = _comments(text)
    notes = _notes(text)
    under = 0
    out = [header, ""]
    for name, entry in tomllib.loads(text).items():
        found = json.loads((run / "figures" / f"{name}.json").read_text("utf-8"))
        old = entry.get("floors", {})
        out.append(f"[{name}]" + (f"  # {comments[name]}" if name in comments else ""))
        out += [f"{key} = {json.dumps(value)}" for key, value in entry.items() if key not in ("floors", "ceilings")]
        out.append(f"[{name}.floors]" + (f"  # {comments[name + '.floors']}" if name + ".floors" in comments else ""))
        for path, value in figure_paths(found):
            floor = max(_floor(value), old.get(path, 0.0))
            if value < old.get(path, 0.0):
                print(f"  {name} {path}: {value:.4f} is under its floor {old[path]}")
                under += 1
            note = notes.get((f"{name}.floors", path)) if floor == old.get(path) else None
            out.append(f'"{path}" = {floor:.3f}  # {value:.4f}' + (f" {note}" if note else ""))
        if "ceilings" in entry:
            out.append(f"[{name}.ceilings]")
            out += [f'"{path}" = {limit}' for path, limit in entry["ceilings"].items()]
        out.append("")
    FLOORS.write_text("\n".join(out), "utf-8")
    print(f"before_after: floors from {run} written to {FLOORS}")
    return under


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("action", choices=["save", "compare", "diff", "floors"])
    parser.add_argument("runs", nargs="*", type=Path, help="diff: the two runs to compare; floors: the run")
    parser.add_argument("--runs-dir", type=Path, default=ROOT / ".before-after", help="where runs are kept")
    args = parser.parse_args()
    if not DATA.is_dir():
        raise SystemExit(f"before_after: the development data is missing at {DATA} (set STORYLINE_SHARED)")
    saved, latest = args.runs_dir / "saved", args.runs_dir / "latest"
    if args.action == "save":
        make_run(saved)
        return 0
    if args.action == "compare":
        if not saved.is_dir():
            raise SystemExit(f"before_after: no saved run in {saved}: run 'save' first, before the change")
        make_run(latest)
        return _summary(saved, latest)
    if args.action == "floors":
        return 1 if raise_floors(args.runs[0] if args.runs else latest) else 0
    if len(args.runs) != 2:
        raise SystemExit("before_after: diff takes two runs: OLD NEW")
    return _summary(*args.runs)


if __name__ == "__main__":
    sys.exit(main())
