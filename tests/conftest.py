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
