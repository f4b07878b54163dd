"""A store of the test stories, and the API over it, for the API and UI tests."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from storyline.api.app import create_app
from storyline.store.connection import open_store
from storyline.store.ingest import ingest

from ..store.test_store import STORIES


def stored(folder: Path, stories: list[dict[str, str]] = STORIES) -> str:
    """A DuckDB store in ``folder`` holding ``stories`` (ingested); returns its path."""
    corpus = folder / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(s) + "\n" for s in stories), encoding="utf-8")
    db = str(folder / "store.duckdb")
    store = open_store(db)
    ingest(store, [str(corpus)], check_language=False)
    store.close()
    return db


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    with TestClient(create_app(stored(tmp_path_factory.mktemp("api")))) as test_client:
        yield test_client
