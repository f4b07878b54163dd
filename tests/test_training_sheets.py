"""The hand-read sheets the event head learns from still point at the words that were read.

``train/events/read/fundus-first-half.csv`` keeps a page's file and a word's offset, not the
page's text, and ``reuters-stories.csv`` a Reuters-21578 story's id and a word's offset: if the
way storyline reads a page or a story changed (extraction, cleaning), the offsets would label
other words without a sound. The test reads them as training does and checks that every row's
word is still there.
"""

from __future__ import annotations

import csv
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from storyline.document.article import Article
from storyline.document.skips import Skipped
from storyline.pipeline import process_many
from storyline.readers import read_inputs
from storyline.stages.s11_events.learned import LABELS

from .conftest import REUTERS, ROOT, SHARED, need

READ = ROOT / "train" / "events" / "read"
PAGES = SHARED / "data" / "corpora" / "fundus-dev" / "html"
SHEETS = {"fundus-first-half.csv": 500, "reuters-stories.csv": 250}  # each sheet, and the rows it has at least


def _rows(sheet: str) -> dict[str, list[dict[str, str]]]:
    by_page: dict[str, list[dict[str, str]]] = defaultdict(list)
    with (READ / sheet).open(encoding="utf-8") as rows:
        for row in csv.DictReader(rows):
            by_page[row["page"]].append(row)
    return by_page


@pytest.mark.parametrize("sheet", SHEETS)
def test_every_verdict_is_a_root_or_none(sheet: str) -> None:
    rows = [row for page in _rows(sheet).values() for row in page]
    assert len(rows) >= SHEETS[sheet]
    assert {row["root"] for row in rows} <= set(LABELS)
    assert any(row["root"] == "none" for row in rows) and any(row["root"] != "none" for row in rows)


def _articles(sheet: str, pages: list[str], tmp_path: Path) -> list[Article]:
    """The pages or stories a sheet read, in the sheet's order of names, read as training does."""
    if sheet == "fundus-first-half.csv":
        return [a for a in read_inputs([str(need(PAGES / page)) for page in pages]) if isinstance(a, Article)]
    stories = tmp_path / "audit-stories.jsonl"  # bench/audit_stories.py's output, as train/README.md makes it
    with stories.open("w", encoding="utf-8") as out:
        command = [sys.executable, str(ROOT / "bench" / "audit_stories.py"), "--corpus", str(need(REUTERS))]
        subprocess.run(command, stdout=out, check=True)
    by_id = {a.input_id: a for a in read_inputs([str(stories)]) if isinstance(a, Article)}
    return [by_id[page] for page in pages if page in by_id]


@pytest.mark.parametrize("sheet", SHEETS)
def test_every_read_word_is_where_the_sheet_says(sheet: str, tmp_path: Path) -> None:
    by_page = _rows(sheet)
    articles = _articles(sheet, sorted(by_page), tmp_path)
    assert len(articles) == len(by_page)
    documents = list(process_many(articles, events="rules"))
    for page, document in zip(sorted(by_page), documents, strict=True):
        assert not isinstance(document, Skipped), page
        for row in by_page[page]:
            start = int(row["start"])
            assert document.text[start : start + len(row["trigger"])] == row["trigger"], (page, row)
