"""``storyline eval quotes``: attribution spans against PolNeAR (brat standoff).

Gold: ``<split>/text/<name>.txt`` and ``<split>/attributions/<name>_<annotator>.ann``. Where
an article has several annotators, the first file in sorted order is used. Each ``E`` line is
one attribution; its ``Source``, ``Cue`` and ``Content`` arguments are ``T`` spans (a role may
be missing; an ``E`` line without a Content is not a quote and is left out). PolNeAR's
``Content2`` (a second quotation of the same source and cue) counts as one more gold content
span; the attribution-level match uses the first Content.

Spans, on both sides, are first stripped of surrounding whitespace. A discontinuous span
(``;`` in brat) keeps its pieces, but every comparison uses its extent: the smallest start
and the largest end of its pieces (PolNeAR's pieces are not always in text order).

What is scored, micro-averaged over articles, for the chosen quote finder and for the bare
rules (``baseline``), and for each on the direct quotes alone (``direct``):
- predicted: a quote's ``content`` span (the whole content, quote marks included, as PolNeAR
  marks it) where it has one, else its ``start``/``end``, with its cue and source; records
  with the same three spans (the quoted pieces of one mixed quote) are one attribution.
- exact: a predicted source / cue / content span matches a gold span of the same role with
  the same extent, one to one; a quote without a source (cue) predicts no source (cue) span.
- overlap: token level (tokens: ``\\w+|[^\\w\\s]``); precision is the share of tokens inside
  predicted spans of a role that also lie inside a gold span of that role, recall the other
  way round; each token position counts once per role.
- attribution exact: content, cue and source all exact (a role missing on both sides agrees).
- direct: gold contents that, stripped of trailing punctuation, open and close with a
  quotation mark; predicted quotes of kind "direct".
The bare rules run first so that the model load is not timed in ``articles_per_second``.
"""

from __future__ import annotations

import re
import time
from bisect import bisect_left
from collections import Counter
from collections.abc import Hashable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from storyline.budget import MEASURING
from storyline.document.article import Article
from storyline.document.encode import JSONObject
from storyline.document.records import Quote, TextSpan
from storyline.document.skips import Skipped
from storyline.errors import InvalidArgument, OffsetsChanged
from storyline.knowledge.quote_cues import DEFAULT_METHOD
from storyline.pipeline import process_many

__all__ = [
    "GoldAttribution",
    "PolnearArticle",
    "Span",
    "error_patterns",
    "evaluate_quotes",
    "exact_counts",
    "format_quotes",
    "is_direct",
    "overlap_counts",
    "parse_brat",
    "predicted_keys",
    "read_polnear",
    "score_article",
    "strip_span",
]

Extent = tuple[int, int]
H = TypeVar("H", bound=Hashable)
Key = tuple[Extent, Extent | None, Extent | None]  # content, cue, source
ROLES = ("content", "cue", "source")  # the order of a Key

_NAMES = [f"{r}_{k}" for k in ("exact", "overlap") for r in ("source", "cue", "content")] + ["attribution_exact"]
_TOKEN = re.compile(r"\w+|[^\w\s]")
_ID = re.compile(r"[TE]\d+")
_DATE = re.compile(r"_(\d{4}-\d{2}-\d{2})_")
_OPENING = ('"', "“", "`", "'", "‘")  # ``...'' is PTB-style quoting
_CLOSING = ('"', "”", "'", "’")
_TRAILING = ".,;:!?…-–—)] \t\r\n"  # not quote marks: they decide what is direct
_MARKS = set("\"“”‘’'`«»")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    pieces: tuple[Extent, ...]

    @property
    def extent(self) -> Extent:
        return self.start, self.end


@dataclass(frozen=True)
class GoldAttribution:
    content: Span
    cue: Span | None
    source: Span | None
    more_content: tuple[Span, ...] = ()  # PolNeAR's Content2

    @property
    def key(self) -> Key:
        return self.content.extent, _extent(self.cue), _extent(self.source)


@dataclass(frozen=True)
class PolnearArticle:
    name: str
    annotator: str
    text: str
    attributions: tuple[GoldAttribution, ...]


def _extent(span: Span | None) -> Extent | None:
    return None if span is None else span.extent


def strip_span(text: str, start: int, end: int) -> Extent:
    """The span without the whitespace at either end."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def parse_brat(text: str, ann: str) -> tuple[GoldAttribution, ...]:
    """The attributions of one brat ``.ann`` file over ``text``, in file order."""
    spans: dict[str, Span] = {}
    events: list[dict[str, str]] = []
    for line in ann.split("\n"):
        fields = line.rstrip("\r").split("\t")
        if len(fields) < 2 or not _ID.fullmatch(fields[0]):
            continue  # a comment, a note, or the rest of a span text that held a newline
        if fields[0][0] == "T":
            offsets = fields[1].partition(" ")[2]
            pieces = [strip_span(text, *map(int, p.split())) for p in offsets.split(";")]
            kept = tuple(p for p in pieces if p[0] < p[1])
            if kept:
                spans[fields[0]] = Span(min(p[0] for p in kept), max(p[1] for p in kept), kept)
        else:
            events.append({role: ref for role, _, ref in (a.partition(":") for a in fields[1].split()) if ref})
    attributions = []
    for args in events:
        role: dict[str, list[Span]] = {}
        for name, ref in sorted(args.items()):  # Content before Content2
            if ref in spans:
                role.setdefault(name.rstrip("0123456789"), []).append(spans[ref])
        contents = role.get("Content", [])
        if contents:
            cue, source = role.get("Cue", [None])[0], role.get("Source", [None])[0]
            attributions.append(GoldAttribution(contents[0], cue, source, tuple(contents[1:])))
    return tuple(attributions)


def read_polnear(path: Path, split: str = "dev", limit: int | None = None) -> list[PolnearArticle]:
    """The annotated articles of a PolNeAR split: ``path`` is the PolNeAR folder (``split``
    picks the sub-folder) or a split folder itself (one holding ``text/`` and ``attributions/``)."""
    folder = path if (path / "text").is_dir() and (path / "attributions").is_dir() else path / split
    if not (folder / "text").is_dir() or not (folder / "attributions").is_dir():
        raise InvalidArgument(
            f"{path}: no text/ and attributions/ folders in it or in {split}/; "
            "give the PolNeAR folder (with --split) or one split folder"
        )
    first: dict[str, tuple[str, Path]] = {}
    for ann in sorted((folder / "attributions").glob("*.ann")):
        name, _, annotator = ann.stem.rpartition("_")
        first.setdefault(name, (annotator, ann))
    articles: list[PolnearArticle] = []
    for file in sorted((folder / "text").glob("*.txt")):
        if file.stem not in first or (limit is not None and len(articles) >= limit):
            continue  # an article without annotations cannot be scored
        annotator, ann = first[file.stem]
        text = file.read_bytes().decode("utf-8")  # no newline translation: brat counts \r
        gold = parse_brat(text, ann.read_bytes().decode("utf-8"))
        articles.append(PolnearArticle(file.stem, annotator, text, gold))
    if not articles:
        raise InvalidArgument(f"{folder}: no article has both a text and an .ann file")
    return articles


def is_direct(text: str, span: Extent) -> bool:
    """Whether a content span is one quotation: it opens and closes with a quotation mark."""
    quoted = text[span[0] : span[1]].strip().rstrip(_TRAILING)
    return len(quoted) > 1 and quoted.startswith(_OPENING) and quoted.endswith(_CLOSING)


def predicted_keys(text: str, quotes: Sequence[Quote]) -> list[Key]:
    """(content, cue, source) of each predicted attribution, stripped, without repeats. The
    content is a quote's ``content`` span where it has one, else its ``start``/``end``."""

    def part(role: TextSpan | Quote | None) -> Extent | None:
        return None if role is None else strip_span(text, role.start, role.end)

    keys = [(part(q.content or q), part(q.cue), part(q.source)) for q in quotes]
    return list(dict.fromkeys((c, cue, source) for c, cue, source in keys if c is not None))


def exact_counts(gold: Sequence[H], predicted: Sequence[H]) -> tuple[int, int, int]:
    """(matched, predicted, gold) under one-to-one identical-extent matching."""
    return sum((Counter(gold) & Counter(predicted)).values()), len(predicted), len(gold)


def _tokens_inside(starts: list[int], tokens: list[Extent], spans: Sequence[Extent]) -> set[int]:
    inside = set()
    for start, end in spans:
        i = bisect_left(starts, start)
        while i < len(tokens) and tokens[i][0] < end:
            if tokens[i][1] <= end:
                inside.add(i)
            i += 1
    return inside


def overlap_counts(text: str, gold: Sequence[Extent], predicted: Sequence[Extent]) -> tuple[int, int, int]:
    """(shared, predicted, gold) token counts: the token positions inside spans of each side."""
    tokens = [m.span() for m in _TOKEN.finditer(text)]
    starts = [t[0] for t in tokens]
    g, p = _tokens_inside(starts, tokens, gold), _tokens_inside(starts, tokens, predicted)
    return len(g & p), len(p), len(g)


def _roles(
    gold: Sequence[GoldAttribution], predicted: Sequence[Key]
) -> Iterator[tuple[str, list[Extent], list[Extent]]]:
    """(role, gold spans, predicted spans) for source, cue and content."""
    for i, role in enumerate(ROLES):
        g = [e for a in gold if (e := a.key[i]) is not None]
        if role == "content":
            g += [s.extent for a in gold for s in a.more_content]
        yield role, g, [e for k in predicted if (e := k[i]) is not None]


def score_article(text: str, gold: Sequence[GoldAttribution], quotes: Sequence[Quote]) -> Counter[str]:
    """Counts (``<role>_<exact|overlap>_<correct|predicted|gold>``, ``attribution_*``) of one article."""
    predicted = predicted_keys(text, quotes)
    counts: Counter[str] = Counter()
    for role, g, p in _roles(gold, predicted):
        for kind, found in (("exact", exact_counts(g, p)), ("overlap", overlap_counts(text, g, p))):
            for side, n in zip(("correct", "predicted", "gold"), found, strict=True):
                counts[f"{role}_{kind}_{side}"] += n
    for side, n in zip(("correct", "predicted", "gold"), exact_counts([a.key for a in gold], predicted), strict=True):
        counts[f"attribution_exact_{side}"] += n
    return counts


def _figures(counts: Counter[str]) -> JSONObject:
    figures: JSONObject = {}
    for name in _NAMES:
        correct, predicted, gold = (counts[f"{name}_{side}"] for side in ("correct", "predicted", "gold"))
        figures[f"{name}_precision"] = correct / predicted if predicted else 0.0
        figures[f"{name}_recall"] = correct / gold if gold else 0.0
        figures[f"{name}_f1"] = 2 * correct / (predicted + gold) if predicted + gold else 0.0
    return {**figures, "n": counts["attribution_exact_gold"], "predicted": counts["attribution_exact_predicted"]}


def _boundary(text: str, gold: Extent, guess: Extent) -> str:
    if guess[0] <= gold[0] and gold[1] <= guess[1]:
        extra, what = text[guess[0] : gold[0]] + text[gold[1] : guess[1]], "too long"
    elif gold[0] <= guess[0] and guess[1] <= gold[1]:
        extra, what = text[gold[0] : guess[0]] + text[guess[1] : gold[1]], "too short"
    else:
        return "crossing"
    extra = extra.strip()
    if not extra or set(extra) - _MARKS - set(_TRAILING):
        return what
    return f"{what} by quote marks" if set(extra) & _MARKS else f"{what} by punctuation"


def error_patterns(text: str, gold: Sequence[GoldAttribution], quotes: Sequence[Quote]) -> Counter[str]:
    """Per role: unmatched gold spans (missed, or the extent of the first overlapping guess),
    and predicted spans that touch no gold span of their role (spurious)."""
    errors: Counter[str] = Counter()
    for role, g, p in _roles(gold, predicted_keys(text, quotes)):
        for span in (Counter(g) - Counter(p)).elements():
            near = [q for q in p if q[0] < span[1] and span[0] < q[1]]
            errors[f"{role} {_boundary(text, span, near[0]) if near else 'missed'}"] += 1
        for span in (Counter(p) - Counter(g)).elements():
            if not any(s[0] < span[1] and span[0] < s[1] for s in g):
                errors[f"{role} spurious"] += 1
    return +errors


def _run(articles: Sequence[PolnearArticle], method: str) -> tuple[JSONObject, float]:
    inputs = [Article.create(a.text, published=(m.group(1) if (m := _DATE.search(a.name)) else None)) for a in articles]
    started = time.perf_counter()
    results = list(process_many(inputs, check_language=False, clean_text=False, time_budget=MEASURING, quotes=method))
    seconds = time.perf_counter() - started
    counts: Counter[str] = Counter()
    direct: Counter[str] = Counter()
    errors: Counter[str] = Counter()
    for article, result in zip(articles, results, strict=True):
        quotes = [] if isinstance(result, Skipped) else result.quotes  # a skipped article misses all
        if not isinstance(result, Skipped) and result.text != article.text:
            raise OffsetsChanged(f"the pipeline changed {article.name}'s text: offsets would not match")
        gold = article.attributions
        counts += score_article(article.text, gold, quotes)
        direct += score_article(
            article.text,
            [a for a in gold if is_direct(article.text, a.content.extent)],
            [q for q in quotes if q.kind == "direct"],
        )
        errors += error_patterns(article.text, gold, quotes)
    figures = {**_figures(counts), "direct": _figures(direct), "errors": dict(errors.most_common(10))}
    return figures, seconds


def evaluate_quotes(
    path: Path, limit: int | None = None, split: str = "dev", quote_method: str = DEFAULT_METHOD
) -> JSONObject:
    """PolNeAR figures of a quote finder (the default one unless ``quote_method`` says), with the
    bare rules under ``baseline``."""
    articles = read_polnear(Path(path), split, limit)
    baseline, _ = _run(articles, "rules")
    found, seconds = _run(articles, quote_method)
    speed = len(articles) / seconds if seconds else 0.0
    return {
        **found,
        "method": quote_method,
        "articles": len(articles),
        "articles_per_second": speed,
        "baseline": baseline,
    }


def format_quotes(figures: JSONObject) -> str:
    """The figures as a table, the finder beside the bare rules, then the commonest errors."""
    method = figures["method"]
    lines = [
        f"PolNeAR: {figures['articles']} articles, {figures['n']} gold attributions "
        f"({figures['direct']['n']} direct); --quotes {method} at {figures['articles_per_second']:.1f} articles/s",
    ]
    for title, mine, rules in (
        ("all", figures, figures["baseline"]),
        ("direct", figures["direct"], figures["baseline"]["direct"]),
    ):
        lines += ["", f"{title:<20}{method + '  P / R / F1':>22}{'rules  P / R / F1':>24}"]
        for name in _NAMES:
            cells = [" ".join(f"{s[f'{name}_{m}']:.3f}" for m in ("precision", "recall", "f1")) for s in (mine, rules)]
            lines.append(f"{name:<20}{cells[0]:>22}{cells[1]:>24}")
    lines += ["", f"commonest errors ({method}):"] + [f"{n:>7}  {kind}" for kind, n in figures["errors"].items()]
    return "\n".join(lines)
