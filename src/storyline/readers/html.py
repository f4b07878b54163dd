"""HTML pages: main text, title, date and url extracted with trafilatura; figure captions kept."""

from __future__ import annotations

import lxml.html
import trafilatura
from lxml import etree

from storyline.document.article import Article, parse_published
from storyline.document.encode import JSONObject
from storyline.document.skips import Skipped, SkipReason
from storyline.errors import InvalidArgument
from storyline.readers.guard import looks_binary

__all__ = ["looks_like_html", "read_html"]


def looks_like_html(data: bytes) -> bool:
    head = data[:1024].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<html" in head[:256]


def read_html(data: bytes, where: str, url: str | None = None) -> Article | Skipped:
    """One article from an HTML page, or a skip when it has no main text.

    trafilatura drops ``<figcaption>`` with the images, so captions are read from the page
    and appended as their own lines; the cleaning stage then moves them to ``captions``.
    """
    if looks_binary(data):
        return Skipped(where, SkipReason.BINARY, "not an HTML page (NUL or control bytes)")
    try:
        doc = trafilatura.bare_extraction(
            data, url=url, with_metadata=True, include_comments=False, include_tables=False
        )
    except (ValueError, etree.LxmlError) as err:  # trafilatura re-raises lxml's parse errors
        return Skipped(where, SkipReason.BAD_HTML, f"cannot parse the page: {err}")
    page = _as_dict(doc)
    text = (page.get("text") or "").strip()
    if not text:
        return Skipped(where, SkipReason.BAD_HTML, "no main text found in the page")
    captions = _figcaptions(data)
    if captions:
        text += "\n" + "\n".join(captions)
    try:
        published = parse_published(page.get("date"))
    except InvalidArgument:
        published = None  # trafilatura's date guess is a hint; an odd one is dropped, not fatal
    return Article.create(
        text,
        url=page.get("url") or url,
        title=page.get("title"),
        published=published,
        source=page.get("sitename"),
        byline=page.get("author"),
        where=where,
    )


def _as_dict(doc: object) -> JSONObject:
    """trafilatura returns a Document, a dict or None depending on version and options."""
    if doc is None:
        return {}
    if isinstance(doc, dict):
        return doc
    as_dict: JSONObject = doc.as_dict()  # type: ignore[attr-defined]
    return as_dict


def _figcaptions(data: bytes) -> list[str]:
    try:
        tree = lxml.html.fromstring(data)
    except (ValueError, etree.LxmlError):
        return []
    captions = []
    for node in tree.iter("figcaption"):
        text = " ".join(node.text_content().split())
        if text:
            captions.append("figure caption: " + text)
    return captions
