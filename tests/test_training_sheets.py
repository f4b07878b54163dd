"""The hand-read sheets the event head learns from still point at the words that were read.

``train/events/read/fundus-first-half.csv`` keeps a page's file and a word's offset, not the
page's text: if the way storyline reads a page changed (extraction, cleaning), the offsets would
label other words without a sound. The test reads the pages as training does and checks that
every row's word is still there.
"""

from __future__ import annotations

import csv
from collections import defaultdict

from storyline.document.article import Article
from storyline.document.skips import Skipped
from storyline.pipeline import process_many
from storyline.readers import read_inputs
from storyline.stages.s11_events.learned import LABELS

from .conftest import ROOT, SHARED, need

SHEET = ROOT / "train" / "events" / "read" / "fundus-first-half.csv"
PAGES = SHARED / "data" / "corpora" / "fundus-dev" / "html"


def _rows() -> dict[str, list[dict[str, str]]]:
    by_page: dict[str, list[dict[str, str]]] = defaultdict(list)
    with SHEET.open(encoding="utf-8") as rows:
        for row in csv.DictReader(rows):
            by_page[row["page"]].append(row)
    return by_page


def test_every_verdict_is_a_root_or_none() -> None:
    rows = [row for page in _rows().values() for row in page]
    assert len(rows) >= 500
    assert {row["root"] for row in rows} <= set(LABELS)
    assert any(row["root"] == "none" for row in rows) and any(row["root"] != "none" for row in rows)


def test_every_read_word_is_where_the_sheet_says() -> None:
    by_page = _rows()
    paths = [str(need(PAGES / page)) for page in sorted(by_page)]
    articles = [a for a in read_inputs(paths) if isinstance(a, Article)]
    assert len(articles) == len(by_page)
    documents = list(process_many(articles, events="rules"))
    for page, document in zip(sorted(by_page), documents, strict=True):
        assert not isinstance(document, Skipped), page
        for row in by_page[page]:
            start = int(row["start"])
            assert document.text[start : start + len(row["trigger"])] == row["trigger"], (page, row)
