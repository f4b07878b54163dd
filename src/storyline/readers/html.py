"""HTML pages: main text, title, date and url extracted with trafilatura; figure captions kept.

What the page's markup tells and its text does not is written into the text as labelled
lines, for the cleaning stage to act on and record (its rules, not this reader, decide what
leaves the body): a photo's caption with its credit (``figure caption: ... Credit: ...``), a
figure that is a link to another story or shows no photo, and a line of the text that is
wholly a link (a teaser for another story).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import islice

import htmldate
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
    tree = _tree(data)
    if tree is not None:
        text = _mark_link_lines(text, _link_lines(tree), page.get("title"))
        captions = _figcaptions(tree)
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
        modified=_modified(tree, published),
        source=page.get("sitename"),
        byline=page.get("author"),
        where=where,
    )


def _modified(tree: lxml.html.HtmlElement | None, published: str | None) -> str | None:
    """The day the page says it was last changed (its metadata: ``article:modified_time``,
    ``dateModified``, ...), where that is after ``published``; else None."""
    if tree is None or published is None:
        return None
    try:
        found = htmldate.find_date(tree, original_date=False, extensive_search=False, outputformat="%Y-%m-%d")
        day = parse_published(found) if found else None
    except (InvalidArgument, ValueError):
        return None  # a hint, as the publication date is
    return day if day is not None and day > published else None


def _as_dict(doc: object) -> JSONObject:
    """trafilatura returns a Document, a dict or None depending on version and options."""
    if doc is None:
        return {}
    if isinstance(doc, dict):
        return doc
    as_dict: JSONObject = doc.as_dict()  # type: ignore[attr-defined]
    return as_dict


def _tree(data: bytes) -> lxml.html.HtmlElement | None:
    try:
        return lxml.html.fromstring(data)
    except (ValueError, etree.LxmlError):
        return None


# The labels of the lines this reader writes; the cleaning stage's rules read them
# (storyline.stages.s01_clean.boilerplate).
_CAPTION = "figure caption: "
_FIGURE_LINK = "figure link: "  # a figure that is a link to another page: a teaser for another story
_NO_PHOTO = "figure without a photo: "  # "Powered by" under a sponsor's logo
_LINK_LINE = "link line: "  # a heading, paragraph or list item that is wholly a link
_CREDIT = "Credit: "  # between a caption and the photo credit its markup sets apart

# What a figure shows when it is a photo or a video.
_MEDIA = ("img", "picture", "video", "amp-img", "amp-video", "iframe")
_FIGURE_DEPTH = 4  # how far above its caption a <figure> is looked for
# The markup of a photo credit inside a caption: <cite>, or a class that says so
# ("credit", "caption-credit", "distributor" for the agency, "copyright", "photographer").
_CREDIT_CLASS = re.compile(r"credit|copyright|distributor|photographer", re.IGNORECASE)
_CREDIT_LEAD = re.compile(
    r"^[(\[]?\s*(?:(?:photo(?:graph)?|picture|image)s?\s*(?:by|:|credit:)|credits?\s*:)?\s*", re.IGNORECASE
)
_CREDIT_LABEL = re.compile(r"(?:(?:photo|image|picture)s?\s*)?(?:credits?|by)?", re.IGNORECASE)  # "Credit" alone
# Elements whose text is never read as text.
_UNREAD = frozenset({"script", "style", "svg", "noscript", "template"})
# Blocks that are a line of trafilatura's text (h1 is the headline, which the title rule reads).
_LINES = ("p", "li", "h2", "h3", "h4", "h5", "h6", "dt", "dd")
_WORD = re.compile(r"\w")
_NOT_WORD = re.compile(r"[^\w\s]")


def _figcaptions(tree: lxml.html.HtmlElement) -> list[str]:
    return [line for node in tree.iter("figcaption") if (line := _figure_line(node))]


def _figure_line(node: lxml.html.HtmlElement) -> str | None:
    """A ``<figcaption>`` as a line of the text: a photo's caption (with its credit where the
    markup sets one apart), or a figure that is no photo's: a teaser, a logo's label."""
    text, credits = _text_and(node, _is_credit)
    if not text and not credits:
        return None
    whole = " ".join(p for p in (text, *credits) if p)
    if not _shows_media(node):
        return _NO_PHOTO + whole
    outside, links = _text_and(node, _is_link)
    if any(a.tag == "a" for a in node.iterancestors()) or len(" ".join(links)) > len(outside):
        return _FIGURE_LINK + whole
    pieces = (_CREDIT_LEAD.sub("", p).strip(" ()[]:;,/|-") for p in credits)
    credit = " / ".join(c for c in pieces if _WORD.search(c) and not _CREDIT_LABEL.fullmatch(c))
    text = text.rstrip(" /|-–—,;:")
    return _CAPTION + (f"{text} {_CREDIT}{credit}" if credit else text)


def _shows_media(figcaption: lxml.html.HtmlElement) -> bool:
    """Whether the figure a caption belongs to holds a photo or a video: its ``<figure>``, or
    without one the block two levels up (a caption's wrapper and the image's)."""
    around = list(islice(figcaption.iterancestors(), _FIGURE_DEPTH))
    figure = next((a for a in around if a.tag == "figure"), around[min(2, len(around) - 1)] if around else None)
    return figure is not None and any(True for _ in figure.iter(*_MEDIA))


def _link_lines(tree: lxml.html.HtmlElement) -> set[str]:
    """The text of every heading, paragraph and list item that is wholly a link: a teaser for
    another story ("- India shoots missiles into Pakistani territory ..." in a "Read more"
    list, a headline under "Read more"), never a sentence of the story."""
    found = set()
    for node in tree.iter(*_LINES):
        outside, links = _text_and(node, _is_link)
        if links and not _WORD.search(outside):
            found.add(" ".join(links))
    return found


def _mark_link_lines(text: str, links: set[str], title: str | None) -> str:
    """``text`` with each line that is one of ``links`` labelled (trafilatura writes a list
    item as "- item"); not the headline, a link to the page itself, which the title rule reads."""
    headline = _fold(title or "")
    if not links:
        return text
    lines = text.split("\n")
    for i, line in enumerate(lines):
        bare = " ".join(line.removeprefix("- ").split())
        if bare in links and _fold(bare) != headline:
            lines[i] = _LINK_LINE + bare
    return "\n".join(lines)


def _fold(text: str) -> str:
    return " ".join(_NOT_WORD.sub("", text.lower()).split())


def _is_credit(node: lxml.html.HtmlElement) -> bool:
    return node.tag == "cite" or bool(_CREDIT_CLASS.search(node.get("class") or ""))


def _is_link(node: lxml.html.HtmlElement) -> bool:
    return node.tag == "a" and bool(node.get("href"))


def _text_and(node: lxml.html.HtmlElement, special: Callable[[lxml.html.HtmlElement], bool]) -> tuple[str, list[str]]:
    """The words of ``node`` outside its ``special`` descendants, and those descendants' words
    (the outermost of each), in order."""
    outside: list[str] = []
    inside: list[str] = []

    def walk(element: lxml.html.HtmlElement, into: list[str]) -> None:
        if isinstance(element.tag, str) and element.tag not in _UNREAD:  # not a comment, not a script
            into.append(element.text or "")
            for child in element:
                if isinstance(child.tag, str) and special(child):
                    texts: list[str] = []
                    walk(child, texts)
                    inside.append(" ".join("".join(texts).split()))
                else:
                    walk(child, into)
                into.append(child.tail or "")

    walk(node, outside)
    return " ".join("".join(outside).split()), [t for t in inside if t]
