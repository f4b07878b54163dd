"""Readers through the library: text, HTML, JSON Lines, WARC, folders, and their errors."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest

from storyline.document.article import Article
from storyline.document.skips import Skipped, SkipReason
from storyline.errors import InputNotFound, InvalidArgument
from storyline.readers import detect_format, read_inputs, read_path, read_stream

STORY = (
    "The city council voted on Tuesday to expand the harbour ferry service.\n"
    "Mayor Ana Ruiz said the new route would open in June.\n"
)

PARAGRAPHS = [
    "The regional water board approved a plan on Monday to rebuild the old river dam, "
    "which has stood above the town of Hollowford since the early years of the last century.",
    "Engineers told the board that the concrete had cracked in several places during the winter "
    "floods and that repairs could no longer wait for another season.",
    "Residents who spoke at the meeting asked for the footpath across the dam to stay open "
    "while the work goes on, and the board agreed to consider a temporary bridge.",
]

PAGE = f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Water board approves dam rebuild</title>
  <meta property="article:published_time" content="2024-05-01T10:00:00Z">
  <link rel="canonical" href="https://example.org/x">
</head>
<body>
  <nav><ul><li><a href="/">Home</a></li><li><a href="/news">Navigation news index</a></li></ul></nav>
  <article>
    <h1>Water board approves dam rebuild</h1>
    <p>{PARAGRAPHS[0]}</p>
    <p>{PARAGRAPHS[1]}</p>
    <figure><img src="dam.jpg" alt="The dam"><figcaption>Caption. Photo: A. Person/Agency</figcaption></figure>
    <p>{PARAGRAPHS[2]}</p>
  </article>
  <footer><p>Copyright Footer Media Group, all rights reserved.</p></footer>
</body>
</html>
"""


def _articles(items: list[Article | Skipped]) -> list[Article]:
    return [i for i in items if isinstance(i, Article)]


def _skips(items: list[Article | Skipped]) -> list[Skipped]:
    return [i for i in items if isinstance(i, Skipped)]


# ---------------------------------------------------------------- plain text


def test_text_file_is_one_article(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    items = list(read_path(path))
    assert len(items) == 1
    article = items[0]
    assert isinstance(article, Article)
    assert article.text == STORY
    assert article.url is None
    assert article.where == str(path)
    assert len(article.id) == 16


def test_text_ids_are_stable(tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text(STORY, encoding="utf-8")
    b.write_text("  " + STORY.upper().replace(" ", "   \t").replace("\n", "\n\n") + "\n", encoding="utf-8")
    first = next(read_path(a))
    again = next(read_path(a))
    spaced = next(read_path(b))
    assert isinstance(first, Article) and isinstance(again, Article) and isinstance(spaced, Article)
    assert first.id == again.id
    assert spaced.id == first.id
    other = Article.create(STORY + " One more sentence.")
    assert other.id != first.id


def test_id_follows_url() -> None:
    one = Article.create(STORY, url="https://example.org/story")
    two = Article.create("A different text entirely.", url="https://example.org/story")
    no_url = Article.create(STORY)
    assert one.id == two.id
    assert one.id != no_url.id
    assert one.with_metadata(url="https://example.org/other").id != one.id


def test_text_with_bom_is_read(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + STORY.encode("utf-8"))
    article = next(read_path(path))
    assert isinstance(article, Article)
    assert article.text == STORY


def test_read_stream_text() -> None:
    items = list(read_stream(io.BytesIO(STORY.encode("utf-8")), "<stdin>"))
    assert len(items) == 1
    assert isinstance(items[0], Article)
    assert items[0].text == STORY
    assert items[0].where == "<stdin>"


def test_read_stream_html_by_content() -> None:
    item = next(read_stream(io.BytesIO(PAGE.encode("utf-8")), "<stdin>"))
    assert isinstance(item, Article)
    assert item.title == "Water board approves dam rebuild"
    assert "<p>" not in item.text


# ---------------------------------------------------------------- HTML


def test_html_page(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    items = list(read_path(path))
    assert len(items) == 1
    article = items[0]
    assert isinstance(article, Article), article
    assert article.title == "Water board approves dam rebuild"
    assert article.url == "https://example.org/x"
    assert article.published == "2024-05-01"
    for paragraph in PARAGRAPHS:
        assert paragraph in article.text
    assert "Navigation news index" not in article.text
    assert "Footer Media Group" not in article.text
    lines = article.text.splitlines()
    assert lines[-1] == "figure caption: Caption. Photo: A. Person/Agency"
    assert article.id == Article.create("anything", url="https://example.org/x").id


def test_html_detected_by_content_without_extension(tmp_path: Path) -> None:
    path = tmp_path / "page"
    path.write_text(PAGE, encoding="utf-8")
    article = next(read_path(path))
    assert isinstance(article, Article)
    assert article.url == "https://example.org/x"
    assert "<html" not in article.text


def test_html_without_text_is_bad_html(tmp_path: Path) -> None:
    path = tmp_path / "blank.html"
    path.write_text("<html><head><title>x</title></head><body></body></html>", encoding="utf-8")
    items = list(read_path(path))
    assert len(items) == 1
    assert isinstance(items[0], Skipped)
    assert items[0].reason is SkipReason.BAD_HTML
    assert items[0].where == str(path)


# ---------------------------------------------------------------- gzipped pages and texts


def test_gzipped_html_page_is_read_as_the_page(tmp_path: Path) -> None:
    """A crawler's ``page.html.gz`` (issue 26: all 84 were skipped as binary)."""
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "page.html.gz").write_bytes(gzip.compress(PAGE.encode("utf-8")))
    (folder / "story.txt.gz").write_bytes(gzip.compress(STORY.encode("utf-8")))
    page, story = list(read_path(folder))
    assert isinstance(page, Article), page
    assert page.title == "Water board approves dam rebuild" and page.url == "https://example.org/x"
    assert PARAGRAPHS[1] in page.text and "<p>" not in page.text
    assert page.where == str(folder / "page.html.gz")
    assert isinstance(story, Article) and story.text == STORY


def test_gzipped_input_is_known_by_its_content() -> None:
    item = next(read_stream(io.BytesIO(gzip.compress(PAGE.encode("utf-8"))), "<stdin>"))
    assert isinstance(item, Article) and item.title == "Water board approves dam rebuild"


def test_a_gzipped_page_cut_short_is_skipped_with_the_reason(tmp_path: Path) -> None:
    path = tmp_path / "cut.html.gz"
    path.write_bytes(gzip.compress(PAGE.encode("utf-8"))[:-30])
    _assert_one_skip(path, SkipReason.BINARY)
    skip = next(read_path(path))
    assert isinstance(skip, Skipped) and "cannot be unpacked" in skip.detail


def test_a_gzipped_page_that_unpacks_too_large_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "bomb.html.gz"
    path.write_bytes(gzip.compress(b"<html><body><p>" + b"a" * 12_000_000))  # about 12 kB on disk
    _assert_one_skip(path, SkipReason.TOO_LARGE)


# ---------------------------------------------------------------- JSON Lines

RECORDS = [
    {
        "text": "The first story is about a bridge.",
        "url": "https://example.org/1",
        "title": "Bridge",
        "published": "2024-03-05T08:30:00+02:00",
        "source": "Example Times",
    },
    {"text": "The second story is about a school.", "published": "2024-03-06"},
]


def _jsonl_bytes(records: list[dict[str, str]]) -> bytes:
    lines = [json.dumps(r) for r in records]
    return ("\n".join([lines[0], "", "   ", lines[1]]) + "\n\n").encode("utf-8")


def _check_records(items: list[Article | Skipped], name: str) -> None:
    assert len(items) == 2, items  # blank lines are not records and not skips
    first, second = items
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.text == RECORDS[0]["text"]
    assert first.url == "https://example.org/1"
    assert first.title == "Bridge"
    assert first.published == "2024-03-05"
    assert first.source == "Example Times"
    assert first.where == f"{name}:1"
    assert second.text == RECORDS[1]["text"]
    assert second.url is None and second.title is None and second.source is None
    assert second.published == "2024-03-06"
    assert second.where == f"{name}:4"  # line numbers count the blank lines


def test_jsonl_fields(tmp_path: Path) -> None:
    path = tmp_path / "corpus.jsonl"
    path.write_bytes(_jsonl_bytes(RECORDS))
    _check_records(list(read_path(path)), str(path))


def test_jsonl_gz(tmp_path: Path) -> None:
    path = tmp_path / "corpus.jsonl.gz"
    path.write_bytes(gzip.compress(_jsonl_bytes(RECORDS)))
    assert detect_format(path) == "jsonl"
    _check_records(list(read_path(path)), str(path))


def test_jsonl_gz_not_gzipped_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "plain.jsonl.gz"
    path.write_bytes(_jsonl_bytes(RECORDS))  # not compressed despite the name
    _assert_one_skip(path, SkipReason.BAD_JSON)


def test_jsonl_gz_truncated_keeps_lines_read_and_reports_rest(tmp_path: Path) -> None:
    path = tmp_path / "cut.jsonl.gz"
    line = json.dumps({"text": "A story about the harbour ferry."}) + "\n"
    data = gzip.compress((line * 2000).encode("utf-8"))
    path.write_bytes(data[:-20])
    items = list(read_path(path))
    assert len(_articles(items)) > 100
    assert all(a.text == "A story about the harbour ferry." for a in _articles(items))
    assert len(_skips(items)) == 1
    assert items[-1] == _skips(items)[0]
    assert _skips(items)[0].reason is SkipReason.BAD_JSON
    assert "decompress" in _skips(items)[0].detail


def test_jsonl_bad_lines_are_skipped_not_fatal(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_text(
        "\n".join(
            [
                json.dumps({"text": "Good line one."}),
                '{"text": "broken',
                json.dumps(["a", "list"]),
                json.dumps({"title": "no text"}),
                json.dumps({"text": "   "}),
                json.dumps({"text": "Good line two.", "published": "not a date"}),
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    items = list(read_path(path))
    assert [i.text for i in _articles(items)] == ["Good line one.", "Good line two."]
    assert _articles(items)[1].published is None  # an unreadable date is dropped, the text kept
    skips = {s.where: s.reason for s in _skips(items)}
    assert skips == {
        f"{path}:2": SkipReason.BAD_JSON,
        f"{path}:3": SkipReason.BAD_JSON,
        f"{path}:4": SkipReason.NO_TEXT,
        f"{path}:5": SkipReason.NO_TEXT,
    }


def test_jsonl_from_stream() -> None:
    items = list(read_stream(io.BytesIO(_jsonl_bytes(RECORDS)), "<stdin>", "jsonl"))
    _check_records(items, "<stdin>")


# ---------------------------------------------------------------- WARC


def _write_warc(path: Path, page: bytes) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        request = writer.create_warc_record(
            "https://news.example.com/dam",
            "request",
            payload=io.BytesIO(b"GET /dam HTTP/1.1\r\nHost: news.example.com\r\n\r\n"),
            http_headers=StatusAndHeaders("GET /dam HTTP/1.1", [("Host", "news.example.com")], is_http_request=True),
        )
        writer.write_record(request)
        html = writer.create_warc_record(
            "https://news.example.com/dam",
            "response",
            payload=io.BytesIO(page),
            http_headers=StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            ),
        )
        writer.write_record(html)
        png = writer.create_warc_record(
            "https://news.example.com/dam.png",
            "response",
            payload=io.BytesIO(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64),
            http_headers=StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1"),
        )
        writer.write_record(png)


def test_warc(tmp_path: Path) -> None:
    page = PAGE.replace('<link rel="canonical" href="https://example.org/x">', "").encode("utf-8")
    path = tmp_path / "crawl.warc.gz"
    _write_warc(path, page)
    assert detect_format(path) == "warc"
    items = list(read_path(path))
    assert len(items) == 2, items  # the request record is not an article
    article, skip = items
    assert isinstance(article, Article), article
    assert article.url == "https://news.example.com/dam"
    assert article.title == "Water board approves dam rebuild"
    assert PARAGRAPHS[1] in article.text
    assert article.where == f"{path}#1 (https://news.example.com/dam)"
    assert isinstance(skip, Skipped)
    assert skip.reason is SkipReason.UNSUPPORTED
    assert "image/png" in skip.detail
    assert skip.where == f"{path}#2 (https://news.example.com/dam.png)"


def test_warc_canonical_url_wins(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    _write_warc(path, PAGE.encode("utf-8"))
    article = next(read_path(path))
    assert isinstance(article, Article)
    assert article.url == "https://example.org/x"


@pytest.mark.parametrize(
    "content",
    [
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n",  # a PDF saved under the wrong name
        b"<html><head><title>A page</title></head><body><p>Saved as .warc.</p></body></html>",  # warcio reads this as ARC
    ],
)
def test_broken_warc_is_skipped(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "broken.warc"
    path.write_bytes(content)
    _assert_one_skip(path, SkipReason.BAD_WARC)


def test_warc_record_without_target_uri_is_skipped(tmp_path: Path) -> None:
    # warcio fails with AttributeError on such a record; the reader must report it, not crash.
    path = tmp_path / "no_uri.warc"
    body = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><p>Hi.</p></body></html>"
    head = b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: %d\r\n\r\n" % len(body)
    path.write_bytes(head + body + b"\r\n\r\n")
    items = list(read_path(path))
    assert len(items) == 1
    assert isinstance(items[0], Skipped)
    assert items[0].reason is SkipReason.BAD_WARC


# ---------------------------------------------------------------- folders


def test_folder_recursive_sorted_hidden_skipped(tmp_path: Path) -> None:
    root = tmp_path / "news"
    (root / "b_sub").mkdir(parents=True)
    (root / ".hidden_dir").mkdir()
    (root / "c.txt").write_text("Story C is about a fire.", encoding="utf-8")
    (root / "a.txt").write_text("Story A is about a flood.", encoding="utf-8")
    (root / "b_sub" / "inner.txt").write_text("Story B is about a storm.", encoding="utf-8")
    (root / ".secret.txt").write_text("Hidden story one.", encoding="utf-8")
    (root / ".hidden_dir" / "x.txt").write_text("Hidden story two.", encoding="utf-8")
    (root / "notes.pdf").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")

    items = list(read_path(root))
    articles = _articles(items)
    texts = [a.text for a in articles]
    assert not any("Hidden" in t for t in texts)
    # os.walk gives the folder's files first (sorted), then its sub-folders (sorted).
    assert texts == ["Story A is about a flood.", "Story C is about a fire.", "Story B is about a storm."]
    assert [a.where for a in articles] == [str(root / "a.txt"), str(root / "c.txt"), str(root / "b_sub" / "inner.txt")]
    skips = _skips(items)
    assert len(skips) == 1
    assert skips[0].where == str(root / "notes.pdf")
    assert skips[0].reason is SkipReason.UNSUPPORTED
    assert ".pdf" in skips[0].detail
    # same order when read again
    assert [str(i) for i in read_path(root)] == [str(i) for i in items]


def test_read_inputs_keeps_order(tmp_path: Path) -> None:
    one = tmp_path / "one.txt"
    two = tmp_path / "two.txt"
    one.write_text("First input.", encoding="utf-8")
    two.write_text("Second input.", encoding="utf-8")
    items = list(read_inputs([two, str(one)]))
    assert [i.text for i in _articles(items)] == ["Second input.", "First input."]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("a.txt", "text"),
        ("a.TXT", "text"),
        ("a.htm", "html"),
        ("a.html", "html"),
        ("a.ndjson", "jsonl"),
        ("a.jsonl.gz", "jsonl"),
        ("a.warc.gz", "warc"),
        ("a.warc", "warc"),
        ("a.pdf", None),
        ("report.2025", None),
        ("noext", None),
    ],
)
def test_detect_format(name: str, expected: str | None) -> None:
    assert detect_format(Path(name)) == expected


def test_format_forced(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_text(PAGE, encoding="utf-8")
    as_text = next(read_path(path))
    as_html = next(read_path(path, "html"))
    assert isinstance(as_text, Article) and isinstance(as_html, Article)
    assert "<article>" in as_text.text
    assert "<article>" not in as_html.text
    assert as_html.url == "https://example.org/x"


# ---------------------------------------------------------------- errors


def test_missing_path(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    with pytest.raises(InputNotFound, match=r"nope\.txt"):
        list(read_path(missing))
    with pytest.raises(InputNotFound):
        list(read_inputs([str(missing)]))


def test_unknown_format(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    with pytest.raises(InvalidArgument, match="pdf"):
        list(read_path(path, "pdf"))
    with pytest.raises(InvalidArgument):
        list(read_inputs([path], "docx"))


def test_error_classes() -> None:
    assert issubclass(InputNotFound, FileNotFoundError)
    assert InputNotFound.exit_code == 2
    assert InvalidArgument.exit_code == 2


def _assert_one_skip(path: Path, reason: SkipReason) -> None:
    """Reading ``path`` gives exactly one skip, with ``reason``, naming the file."""
    items = list(read_path(path))
    assert len(items) == 1
    assert isinstance(items[0], Skipped)
    assert items[0].reason is reason
    assert items[0].where == str(path)


# ---------------------------------------------------------------- HTML: captions, credits, teasers

FURNISHED_PAGE = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Water board approves dam rebuild</title></head>
<body><article>
  <h1>Water board approves dam rebuild</h1>
  <figure><figcaption>Powered by</figcaption><svg role="img" aria-label="Example logo"></svg></figure>
  <figure><img src="dam.jpg" alt="">
    <figcaption><p>Engineers inspect the cracked wall of the dam. <cite>AP Photo/Jane Roe</cite></p></figcaption>
  </figure>
  <p>{PARAGRAPHS[0]}</p>
  <section class="more-topic"><div>Read More</div><ol>
    <li><a href="/news/ferry-fares">Ferry fares to rise in June as fuel costs climb</a></li>
    <li><a href="/news/bridge">Old bridge closed for a month of repairs</a></li>
    <li>Advertisement embed-more-topicStory continues below</li>
  </ol></section>
  <p>{PARAGRAPHS[1]}</p>
  <h3><a href="/news/flood">Flood warning issued for the lower valley</a></h3>
  <figure><img src="river.jpg" alt="">
    <figcaption><span class="caption">The river below the dam in spring.</span>
    <span class="credit">Photo by Sam Doe</span> /<span class="distributor">Example Wire</span></figcaption>
  </figure>
  <p>{PARAGRAPHS[2]}</p>
  <a href="/news/lake"><figure><img src="lake.jpg" alt="">
    <figcaption>Lake levels fall to a record low as the drought goes on</figcaption></figure></a>
</article></body></html>
"""


def test_teasers_and_furniture_leave_the_body_and_credits_leave_the_captions() -> None:
    from storyline.stages.s01_clean.clean import clean

    article = read_stream(io.BytesIO(FURNISHED_PAGE.encode("utf-8")), "page.html").__next__()
    assert isinstance(article, Article)
    cleaned = clean(article.text, title=article.title)
    assert cleaned.text == "\n\n".join(PARAGRAPHS)
    assert [(c.text, c.credit) for c in cleaned.captions] == [
        ("Engineers inspect the cracked wall of the dam.", "AP Photo/Jane Roe"),
        ("The river below the dam in spring.", "Sam Doe / Example Wire"),
    ]
    removed = {(r.rule, r.text.split(": ", 1)[-1].removeprefix("- ")) for r in cleaned.removed}
    assert removed >= {
        ("figure-without-photo", "Powered by"),
        ("teaser-link", "Ferry fares to rise in June as fuel costs climb"),
        ("teaser-link", "Old bridge closed for a month of repairs"),
        ("advert", "Advertisement embed-more-topicStory continues below"),
        ("teaser-link", "Flood warning issued for the lower valley"),
        ("teaser-figure", "Lake levels fall to a record low as the drought goes on"),
    }
