"""No input hangs or crashes the pipeline or the readers (property tests, hypothesis).

Every generated input ends within its time budget (a ``timeout`` skip fails the test), raises
nothing, and gives documents whose every offset is in range and slices the text it claims
(``fuzzing.check``). A short run by default; the long run: `make fuzz` (docs/pipeline.md, No article stops a run).
"""

from __future__ import annotations

import datetime as dt
import gzip
import io

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from storyline import Article, Document, Skipped, process_many
from storyline.document.skips import SkipReason
from storyline.readers import read_path, read_stream
from storyline.settings import MAX_TEXT_CHARS

from .fuzzing import (
    INPUTS,
    SENTENCES,
    check,
    html_pages,
    jsonl_files,
    news_texts,
    repeated_tokens,
    run_settings,
    warc_files,
)

pytestmark = pytest.mark.fuzz

_dates = st.none() | st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))


def _through_pipeline(items: list[Article | Skipped], **options: object) -> list[Document | Skipped]:
    INPUTS["pipeline"] += len(items)
    return list(process_many(items, **options))  # type: ignore[arg-type]


@given(st.lists(st.tuples(news_texts, _dates, st.none() | st.text(max_size=40)), min_size=1, max_size=4))
@run_settings()
@example([("kanshi ram parried questions at a joint press conference.", dt.date(2002, 3, 10), None)])
def test_any_text_makes_a_document_or_a_reasoned_skip(articles: list[tuple[str, dt.date | None, str | None]]) -> None:
    items: list[Article | Skipped] = [Article.create(t, published=d, title=h) for t, d, h in articles]
    check(items, _through_pipeline(items, check_language=False))


@given(st.lists(news_texts, min_size=1, max_size=4))
@run_settings(0.5)
def test_any_text_kept_as_given(texts: list[str]) -> None:
    """As the evaluators run it: no cleaning, so offsets index the text exactly as given."""
    items: list[Article | Skipped] = [Article.create(t) for t in texts]
    results = _through_pipeline(items, check_language=False, clean_text=False)
    check(items, results)
    for text, result in zip(texts, results, strict=True):
        assert not isinstance(result, Document) or result.text == text


@given(st.lists(news_texts, min_size=1, max_size=4))
@run_settings(0.5)
def test_any_text_through_the_language_check(texts: list[str]) -> None:
    items: list[Article | Skipped] = [Article.create(t) for t in texts]
    check(items, _through_pipeline(items))


@given(repeated_tokens)
@run_settings(0.05)
@example(" ".join(["kanshi ram"] * 10_000))
@example(" ".join(["“Yes,” he said."] * 3_000))  # a transcript of thousands of turns
def test_one_token_ten_thousand_times(text: str) -> None:
    items: list[Article | Skipped] = [Article.create(text)]
    check(items, _through_pipeline(items, check_language=False))


@pytest.mark.parametrize("newlines", [False, True], ids=["one-line", "lines"])
def test_one_megabyte_of_news(newlines: bool) -> None:
    """A megabyte of news is over the limit for one article: skipped as too large, in time."""
    text = ("\n" if newlines else " ").join(SENTENCES * (1_000_000 // sum(map(len, SENTENCES)) + 1))[:1_000_000]
    (result,) = _through_pipeline([Article.create(text)], check_language=False)
    assert isinstance(result, Skipped) and result.reason == SkipReason.TOO_LARGE, result
    assert f"{MAX_TEXT_CHARS:,}" in result.detail


def _read(data: bytes, name: str, fmt: str) -> list[Article | Skipped]:
    items = list(read_stream(io.BytesIO(data), name, fmt))
    assert all(isinstance(item, Article | Skipped) for item in items)
    INPUTS["readers"] += 1
    return items


def _documents_from(items: list[Article | Skipped]) -> None:
    """What a reader gave goes on through the pipeline with the same promises (the input
    counted is the reader's)."""
    allowed = frozenset(SkipReason) - {SkipReason.TIMEOUT}  # a reader's own reasons pass through
    check(items, list(process_many(items)), allowed)


@given(html_pages, st.sampled_from(["html", "auto", "text"]))
@run_settings()
def test_any_html_page(data: bytes, fmt: str) -> None:
    items = _read(data, "page.html", fmt)
    assert len(items) == 1
    _documents_from(items)


@given(jsonl_files())
@run_settings()
def test_any_jsonl_file(tmp_path_factory: pytest.TempPathFactory, file: tuple[bytes, bool]) -> None:
    data, zipped = file
    if zipped:
        path = tmp_path_factory.mktemp("jsonl") / "feed.jsonl.gz"
        path.write_bytes(data)
        items = list(read_path(path))
        INPUTS["readers"] += 1
    else:
        items = _read(data, "feed.jsonl", "jsonl")
        assert len(items) <= data.count(b"\n") + 1
    _documents_from(items)


@given(warc_files())
@run_settings()
def test_any_warc_file(data: bytes) -> None:
    _documents_from(_read(data, "crawl.warc", "warc"))


@given(st.binary(max_size=2_000), st.sampled_from(["auto", "text", "html", "jsonl", "warc"]))
@run_settings()
@example(gzip.compress(b"WARC/1.0\r\n")[:-4], "warc")
def test_any_bytes(data: bytes, fmt: str) -> None:
    _documents_from(_read(data, "input", fmt))
