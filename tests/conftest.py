from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from .pg_cluster import PostgresCluster

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


@pytest.fixture(scope="session")
def postgres_cluster() -> Iterator[PostgresCluster]:
    """A throw-away PostgreSQL server for the session, started when a test first asks for it.

    Skips, with the reason, where PostgreSQL is not installed (.ci/run installs it).
    """
    from .pg_cluster import PostgresCluster, PostgresUnavailable

    try:
        cluster = PostgresCluster()
    except PostgresUnavailable as unavailable:
        pytest.skip(str(unavailable))
    with cluster:
        yield cluster


@pytest.fixture(params=["duckdb", "postgres"], ids=["duckdb", "postgres"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """Where a store test keeps its store, once per backend: a fresh DuckDB file path in tmp_path, or the
    URL of a fresh, empty database on the session's PostgreSQL cluster (dropped after the test)."""
    if request.param == "duckdb":
        yield str(tmp_path / "store.duckdb")
        return
    cluster: PostgresCluster = request.getfixturevalue("postgres_cluster")
    url = cluster.create_database()
    try:
        yield url
    finally:
        cluster.drop_database(url)
