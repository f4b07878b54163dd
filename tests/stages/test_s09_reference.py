"""A page's reference day: relative dates are read against the day it was published, or the day
it was last modified where its text was written again then."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline import process_many
from storyline.document.article import Article
from storyline.document.schema import validate_document
from storyline.readers import read_path
from storyline.stages.s09_time.reference import reference_day


@pytest.mark.parametrize(
    ("published", "modified", "text", "expected"),
    [
        # a text that names a year after its first one, up to the change's: written again then
        ("2012-05-02", "2026-04-24", "Strikes resumed in late February 2026.", ("2026-04-24", "modified")),
        ("2012-05-02", "2026-04-24", "The dam, built in 2019, failed on Tuesday.", ("2026-04-24", "modified")),
        # a change that left the text as it was: its years are all of its first day or before
        ("2019-04-24", "2024-07-04", "Lights were installed in 2017 and 2018.", ("2019-04-24", "published")),
        # a year after the change is a plan, not evidence of a rewrite
        ("2019-04-24", "2024-07-04", "The plan runs to 2030.", ("2019-04-24", "published")),
        # no later change, or none at all
        ("2024-05-02", "2024-05-02", "In 2025, the talks resume.", ("2024-05-02", "published")),
        ("2024-05-02", "2023-01-01", "In 2024, the talks resumed.", ("2024-05-02", "published")),
        ("2024-05-02", None, "In 2024, the talks resumed.", ("2024-05-02", "published")),
        (None, "2026-04-24", "In 2026, the talks resumed.", (None, "published")),
        # figures are no years
        ("2012-05-02", "2026-04-24", "It cost 2,020 dollars, 2020% more, on page 2021.5.", ("2012-05-02", "published")),
    ],
)
def test_the_reference_day(published: str | None, modified: str | None, text: str, expected: tuple) -> None:
    assert reference_day(published, modified, text) == expected


_PAGE = """<!doctype html><html><head><title>Why the dam strikes go on</title>
<meta property="article:published_time" content="2012-05-02T08:00:00Z">
<meta property="article:modified_time" content="{modified}">
</head><body><article><h1>Why the dam strikes go on</h1>
<p>Workers at the Tamsin dam first walked out in 2011, and the strikes have come back every spring.</p>
<p>{middle}</p>
<p>The union said on Tuesday that it would meet the owners again, and the owners agreed to talks.</p>
</article></body></html>"""


def _document(tmp_path: Path, modified: str, middle: str) -> tuple[Article, object]:
    path = tmp_path / "page.html"
    path.write_text(_PAGE.format(modified=modified, middle=middle), encoding="utf-8")
    (article,) = list(read_path(path))
    assert isinstance(article, Article)
    (document,) = list(process_many([article]))
    return article, document


def test_a_page_written_again_reads_its_dates_from_the_day_it_changed(tmp_path: Path) -> None:
    middle = "In 2026 the workers stayed out for six weeks, the longest walkout yet."
    article, document = _document(tmp_path, "2026-04-24T10:00:00Z", middle)
    assert article.published == "2012-05-02" and article.modified == "2026-04-24"
    assert document.reference == "2026-04-24"  # type: ignore[attr-defined]
    tuesday = next(t for t in document.timexes if t.text == "Tuesday")  # type: ignore[attr-defined]
    assert tuesday.value == "2026-04-21"  # the Tuesday before that Friday, not one of May 2012
    assert '"reference": "2026-04-24"' in document.to_json()  # type: ignore[attr-defined]
    validate_document(document.to_dict())  # type: ignore[attr-defined]  # the contract's schema knows both fields


def test_a_page_changed_but_not_rewritten_keeps_its_publication_day(tmp_path: Path) -> None:
    middle = "The workers stayed out for six weeks, the longest walkout yet."
    article, document = _document(tmp_path, "2026-04-24T10:00:00Z", middle)
    assert article.modified == "2026-04-24"
    assert document.reference is None  # type: ignore[attr-defined]
    tuesday = next(t for t in document.timexes if t.text == "Tuesday")  # type: ignore[attr-defined]
    assert tuesday.value == "2012-05-01"
    assert '"reference"' not in document.to_json()  # type: ignore[attr-defined]


def test_a_json_line_may_give_the_modified_day(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(
        '{"text": "In 2026 the strike ended on Monday.", "published": "2012-05-02", "modified": "2026-04-24"}\n'
        '{"text": "The strike ended on Monday.", "published": "2012-05-02", "modified": "not a day"}\n',
        encoding="utf-8",
    )
    rewritten, unreadable = list(read_path(path))
    assert isinstance(rewritten, Article) and isinstance(unreadable, Article)
    assert rewritten.modified == "2026-04-24"
    assert unreadable.modified is None and unreadable.published == "2012-05-02"  # a hint: dropped, not fatal
