"""What the fuzz tests generate, and what they hold every result to.

Texts are built from the kinds of input that break text pipelines: random unicode, control
characters, news with its case removed or all in capitals, quotation-mark soup, unbalanced
brackets, punctuation alone, one token repeated thousands of times, real sentences with junk
thrown in. The real sentences are the shipped sample articles (written for this project), and
Reuters-21578 stories when ../shared is checked out beside the repo.

``STORYLINE_FUZZ_EXAMPLES`` sets how many examples each property test tries (a short run by
default; `make fuzz`, the long run, sets it high). ``INPUTS`` counts the inputs tried, and
the test session prints the count (conftest.py).
"""

from __future__ import annotations

import gzip
import io
import json
import os
import re
import string
from collections import Counter
from collections.abc import Sequence

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from storyline import Article, Document, Skipped
from storyline.document.schema import validate_document
from storyline.document.skips import SkipReason

from .conftest import REUTERS, SAMPLES

__all__ = [
    "EXAMPLES",
    "INPUTS",
    "check",
    "html_pages",
    "jsonl_files",
    "news_texts",
    "repeated_tokens",
    "run_settings",
    "warc_files",
]

EXAMPLES = int(os.environ.get("STORYLINE_FUZZ_EXAMPLES", "20"))

# inputs tried, by target ("pipeline", "readers"): printed at the end of the session
INPUTS: Counter[str] = Counter()

# What a generated text may be skipped for. A timeout is a failure: it is a hang caught.
ALLOWED_SKIPS = frozenset({SkipReason.EMPTY, SkipReason.NOT_ENGLISH, SkipReason.TOO_LARGE})


def run_settings(share: float = 1.0) -> settings:
    """Settings for a property test that tries ``share`` of ``EXAMPLES`` examples. No
    per-example deadline: the pipeline's own time budget is what a slow example meets."""
    return settings(
        max_examples=max(1, int(EXAMPLES * share)),
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
    )


def check(
    items: Sequence[Article | Skipped],
    results: Sequence[Document | Skipped],
    allowed: frozenset[SkipReason] = ALLOWED_SKIPS,
) -> None:
    """Every result is a document that keeps the contract (shape, every offset in range and
    slicing the text it claims, every id it refers to present, JSON that encodes as UTF-8), or
    a skip for a reason that input may have: an article that holds a lone surrogate (only a
    str made in Python can) is not Unicode text."""
    assert len(results) == len(items), f"{len(items)} inputs gave {len(results)} results"
    for item, result in zip(items, results, strict=True):
        if isinstance(result, Skipped):
            unicode = isinstance(item, Skipped) or not item.not_unicode()
            assert result.reason in allowed or (result.reason == SkipReason.NOT_UTF8 and not unicode), str(result)
            continue
        data = result.to_dict()
        validate_document(data)
        json.dumps(data, ensure_ascii=False).encode("utf-8")


def _sentences() -> list[str]:
    texts = [p.read_text("utf-8") for p in sorted(SAMPLES.rglob("*.txt"))]
    texts += [json.loads(line)["text"] for line in (SAMPLES / "briefs.jsonl").read_text("utf-8").splitlines() if line]
    if REUTERS.exists():
        with REUTERS.open(encoding="utf-8") as lines:
            texts += [json.loads(next(lines))["text"] for _ in range(200)]
    sentences = (s.strip() for text in texts for s in re.split(r"(?<=[.!?])\s+", text))
    return sorted({" ".join(s.split()) for s in sentences if len(s.split()) >= 4})


SENTENCES = _sentences()


def _sentence(index: int) -> str:
    return SENTENCES[index]


_QUOTES = "\"'“”‘’«»„‚‹›`´″"
_BRACKETS = "()[]{}<>"
_PUNCTUATION = string.punctuation + "…—–·•§¶†‡¡¿،。、「」"
_CONTROLS = st.characters(categories=["Cc", "Cf", "Zl", "Zp", "Zs", "Co", "Cs"])
_WORDY = st.characters(codec="ascii", categories=["L", "N"]) | st.sampled_from(" \n.,")

_case = st.sampled_from([str, str.lower, str.upper, str.title, str.swapcase, str.casefold])
_news = st.lists(st.integers(0, len(SENTENCES) - 1).map(_sentence), min_size=1, max_size=8).map(" ".join)
_paragraphs = st.lists(_news, min_size=1, max_size=4).map("\n\n".join)


@st.composite
def _junk_in(draw: st.DrawFn, text: st.SearchStrategy[str], junk: st.SearchStrategy[str]) -> str:
    """A text with pieces of junk put in at random places."""
    out = draw(text)
    for _ in range(draw(st.integers(0, 12))):
        at = draw(st.integers(0, len(out)))
        out = out[:at] + draw(junk) + out[at:]
    return out


def _soup(alphabet: str, max_size: int = 400) -> st.SearchStrategy[str]:
    return st.text(alphabet=st.sampled_from(alphabet) | _WORDY, max_size=max_size)


# Every kind of text the pipeline is fed.
news_texts = st.one_of(
    st.text(max_size=400),  # random unicode
    st.text(alphabet=_CONTROLS | _WORDY, max_size=400),  # control, format, private-use, surrogate characters
    st.builds(lambda case, text: case(text), _case, _paragraphs),  # news lower-cased, in capitals, ...
    _soup(_QUOTES),  # quotation-mark soup
    _soup(_BRACKETS),  # unbalanced brackets
    st.text(alphabet=_PUNCTUATION + " \n\t", min_size=1, max_size=400),  # punctuation alone
    _junk_in(_paragraphs, st.text(alphabet=_QUOTES + _BRACKETS + _PUNCTUATION + "\n", min_size=1, max_size=3)),
    _junk_in(_paragraphs.map(str.lower), st.text(max_size=4) | _CONTROLS),  # caseless news with noise
)

# One token (a word, a mark, a name) over and over: 10,000 times in one text.
repeated_tokens = st.sampled_from(
    ["the", "said", "police", "Obama", "“", '"', "(", ".", "-", "on Monday", "Russia attacked", "kanshi ram"]
).map(lambda token: " ".join([token] * 10_000))


def _html_piece() -> st.SearchStrategy[str]:
    tags = [
        "<html>",
        "</html>",
        "<head>",
        "<title>",
        "</title>",
        "<body>",
        "<p>",
        "</p>",
        "<div class='article'>",
        "</div>",
        "<article>",
        "<figure><img src=x onerror=alert(1)><figcaption>",
        "</figcaption></figure>",
        "<script>var a = '</p>';",
        "</script>",
        "<!--",
        "-->",
        "<![CDATA[",
        "]]>",
        "&amp;",
        "&#0;",
        "&#xD800;",
        "&nbsp;",
        "<meta charset='latin-1'>",
        '<meta property="article:published_time" content="2025-13-45">',
        "<time datetime='1999-02-30'>",
        "<br>",
        "<table><tr><td>",
        "<?xml version='1.0'?>",
        "<!DOCTYPE html>",
    ]
    return st.sampled_from(tags) | _news | st.text(max_size=30)


html_pages = st.builds(
    lambda parts, encoding: "".join(parts).encode(encoding, errors="replace"),
    st.lists(_html_piece(), max_size=40),
    st.sampled_from(["utf-8", "latin-1", "utf-16", "cp1252"]),
)

_json_values = st.recursive(
    st.none() | st.booleans() | st.floats() | st.integers() | st.text(max_size=40) | _news,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=10,
)
_records = st.fixed_dictionaries(
    {"text": news_texts | _json_values},
    optional={
        "url": _json_values,
        "title": _json_values,
        "published": st.dates().map(str) | _json_values,
        "source": _json_values,
        "id": _json_values,
    },
)
_jsonl_lines = st.one_of(
    _records.map(lambda r: json.dumps(r).encode()),
    _records.map(lambda r: json.dumps(r, ensure_ascii=False).encode("utf-8", errors="surrogatepass")),
    _json_values.map(lambda v: json.dumps(v).encode()),
    st.binary(max_size=200),
)


@st.composite
def jsonl_files(draw: st.DrawFn) -> tuple[bytes, bool]:
    """The bytes of a JSON Lines file (records, other JSON, junk lines, cut anywhere), and
    whether it is gzipped."""
    data = b"\n".join(draw(st.lists(_jsonl_lines, max_size=8)))
    data = data[: draw(st.integers(0, len(data)))] if draw(st.booleans()) else data
    zipped = draw(st.booleans())
    return (gzip.compress(data) if zipped else data), zipped


@st.composite
def warc_files(draw: st.DrawFn) -> bytes:
    """A WARC file written by warcio (HTML, other types, no URL), then perhaps cut short or
    with bytes changed."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=draw(st.booleans()))
    for n in range(draw(st.integers(0, 4))):
        page = draw(html_pages | st.binary(max_size=200))
        ctype = draw(st.sampled_from(["text/html; charset=utf-8", "text/html", "application/pdf", "", "TEXT/HTML"]))
        headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)] if ctype else [], protocol="HTTP/1.0")
        uri = draw(st.sampled_from(["https://news.example.com/a", "", "not a url"]))
        kind = draw(st.sampled_from(["response", "response", "request", "resource"]))
        # a fixed date and id: the same draws must make the same bytes
        fixed = {"WARC-Date": "2025-01-06T09:00:00Z", "WARC-Record-ID": f"<urn:uuid:00000000-0000-0000-0000-{n:012d}>"}
        record = writer.create_warc_record(
            uri, kind, payload=io.BytesIO(page), http_headers=headers, warc_headers_dict=fixed
        )
        writer.write_record(record)
    data = bytearray(out.getvalue())
    for _ in range(draw(st.integers(0, 3))):
        if data:
            data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
    if draw(st.booleans()):
        data = data[: draw(st.integers(0, len(data)))]
    return bytes(data)
