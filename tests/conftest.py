from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples" / "articles"
SHARED = Path(__import__("os").environ.get("STORYLINE_SHARED", ROOT.parent / "shared"))
SEED = SHARED / "seed" / "article.txt"
REUTERS = SHARED / "data" / "corpora" / "reuters21578" / "reuters21578.jsonl"


def need(path: Path) -> Path:
    """Skip, with the reason shown, when a file from ../shared is absent."""
    if not path.exists():
        pytest.skip(f"{path} is absent (the shared development data is not checked out beside the repo)")
    return path


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """The number of generated inputs the fuzz tests tried, when they ran."""
    from .fuzzing import INPUTS

    if INPUTS:
        counts = ", ".join(f"{n:,} through the {target}" for target, n in sorted(INPUTS.items()))
        terminalreporter.write_line(f"fuzz: {sum(INPUTS.values()):,} generated inputs tried: {counts}")
