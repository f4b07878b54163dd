"""``storyline eval time``: TempEval-3 scoring of the time stage on TimeML files.

Only the TIMEX3 tags inside ``<TEXT>`` count. The tags are stripped to give the raw text and
the gold offsets; each text goes through the pipeline uncleaned, with the document creation
time (``<DCT><TIMEX3 functionInDocument="CREATION_TIME" value=...>``) as its publication date.
Relaxed match: the spans overlap; strict: identical extent; value accuracy: relaxed matches
with an identical value; value F1 = value accuracy x relaxed F1. Micro-averaged over documents.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from storyline.budget import MEASURING
from storyline.document.article import Article
from storyline.document.encode import JSONObject
from storyline.document.records import Timex
from storyline.document.skips import Skipped
from storyline.errors import InvalidArgument
from storyline.pipeline import process_many
from storyline.stages.s09_time.timexes import parse_dct

__all__ = ["GoldTimex", "TimeMLDocument", "evaluate_time", "read_timeml"]

_TEXT = re.compile(r"<TEXT>(.*?)</TEXT>", re.S)
_TAG = re.compile(r"<(/?)(\w+)([^>]*)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_DCT = re.compile(r"<DCT>.*?<TIMEX3([^>]*)>", re.S)


@dataclass(frozen=True)
class GoldTimex:
    start: int
    end: int
    type: str
    value: str
    tid: str = ""  # its id in the file ("t3"), which temporal links name


@dataclass(frozen=True)
class TimeMLDocument:
    name: str
    text: str
    dct: str | None  # YYYY-MM-DD
    timexes: tuple[GoldTimex, ...]
    events: dict[str, tuple[int, int]] = field(default_factory=dict)  # EVENT eid -> its characters
    reporting: frozenset[str] = frozenset()  # the eids of class REPORTING: statements ("said")


def parse_timeml(name: str, markup: str) -> TimeMLDocument:
    """The raw text inside ``<TEXT>`` with its TIMEX3 and EVENT tags as offsets into that text."""
    body = _TEXT.search(markup)
    if body is None:
        raise InvalidArgument(f"{name}: no <TEXT> element; is it a TimeML file?")
    pieces: list[str] = []
    length = 0
    open_at: list[tuple[int, dict[str, str]]] = []
    gold = []
    events: dict[str, tuple[int, int]] = {}
    reporting: set[str] = set()
    cursor = 0
    inner = body.group(1)
    for tag in _TAG.finditer(inner):
        pieces.append(inner[cursor : tag.start()])
        length += tag.start() - cursor
        cursor = tag.end()
        if tag.group(2) not in ("TIMEX3", "EVENT"):
            continue
        if not tag.group(1):
            open_at.append((length, dict(_ATTR.findall(tag.group(3)))))
            continue
        start, attrs = open_at.pop()
        if tag.group(2) == "EVENT":
            events[attrs.get("eid", "")] = (start, length)
            if attrs.get("class") == "REPORTING":
                reporting.add(attrs.get("eid", ""))
        else:
            gold.append(GoldTimex(start, length, attrs.get("type", ""), attrs.get("value", ""), attrs.get("tid", "")))
    pieces.append(inner[cursor:])
    dct = _DCT.search(markup)
    date = parse_dct(dict(_ATTR.findall(dct.group(1))).get("value")) if dct else None
    dated = date.isoformat() if date else None
    return TimeMLDocument(name, "".join(pieces), dated, tuple(gold), events, frozenset(reporting))


def timeml_files(path: Path) -> list[Path]:
    """The ``.tml`` files at ``path`` (a file or a folder, read recursively, sorted)."""
    return sorted(path.rglob("*.tml")) if path.is_dir() else [path] if path.suffix == ".tml" else []


def read_timeml(path: Path, limit: int | None = None) -> list[TimeMLDocument]:
    """The ``.tml`` files at ``path`` (a file or a folder, read recursively, sorted)."""
    files = timeml_files(path) if path.is_dir() else [path]  # a file named is read whatever its suffix
    if not files:
        raise InvalidArgument(f"no .tml files in {path}")
    return [parse_timeml(f.name, f.read_text(encoding="utf-8")) for f in files[:limit]]


@dataclass
class _Counts:
    gold: int = 0
    predicted: int = 0
    relaxed: int = 0
    strict: int = 0
    value: int = 0
    type: int = 0

    def figures(self) -> JSONObject:
        relaxed_f1 = _f1(self.relaxed, self.predicted, self.gold)
        accuracy = self.value / self.relaxed if self.relaxed else 0.0
        return {
            "relaxed_f1": relaxed_f1,
            "strict_f1": _f1(self.strict, self.predicted, self.gold),
            "relaxed_precision": self.relaxed / self.predicted if self.predicted else 0.0,
            "relaxed_recall": self.relaxed / self.gold if self.gold else 0.0,
            "value_accuracy": accuracy,
            "value_f1": accuracy * relaxed_f1,
            "type_accuracy": self.type / self.relaxed if self.relaxed else 0.0,
            "n": self.gold,
            "predicted": self.predicted,
        }


def _f1(correct: int, predicted: int, gold: int) -> float:
    return 2 * correct / (predicted + gold) if predicted + gold else 0.0


def score_document(gold: tuple[GoldTimex, ...], predicted: list[Timex], counts: dict[str, _Counts]) -> None:
    """Adds one document's matches to ``counts`` (key "" for all, else the gold type). Each
    gold timex matches at most one prediction (the first overlapping one, in text order)."""
    overall = counts.setdefault("", _Counts())
    overall.predicted += len(predicted)
    used: set[int] = set()
    for g in gold:
        kind = counts.setdefault(g.type, _Counts())
        for c in (overall, kind):
            c.gold += 1
        for i, p in enumerate(predicted):
            if i in used or not (p.start < g.end and g.start < p.end):
                continue
            used.add(i)
            kind.predicted += 1
            for c in (overall, kind):
                c.relaxed += 1
                c.strict += p.start == g.start and p.end == g.end
                c.value += p.value == g.value
                c.type += p.type == g.type
            break


def evaluate_time(path: Path, limit: int | None = None) -> JSONObject:
    """TempEval-3 figures of the pipeline on the TimeML data at ``path``, overall and per type
    (per type, ``predicted`` counts only predictions matched to gold of that type)."""
    documents = read_timeml(Path(path), limit)
    articles = [Article.create(d.text, published=d.dct) for d in documents]
    counts: dict[str, _Counts] = {}
    for document, result in zip(
        documents, process_many(articles, check_language=False, clean_text=False, time_budget=MEASURING), strict=True
    ):
        predicted = [] if isinstance(result, Skipped) else result.timexes
        score_document(document.timexes, predicted, counts)
    figures = counts.get("", _Counts()).figures()
    per_type = {kind: c.figures() for kind, c in sorted(counts.items()) if kind}
    return {**figures, "documents": len(documents), "per_type": per_type}


def time_errors(path: Path, limit: int | None = None) -> Counter[str]:
    """Error kinds for analysis: missed / spurious / wrong value, by gold or predicted type."""
    documents = read_timeml(Path(path), limit)
    articles = [Article.create(d.text, published=d.dct) for d in documents]
    errors: Counter[str] = Counter()
    for document, result in zip(
        documents, process_many(articles, check_language=False, clean_text=False, time_budget=MEASURING), strict=True
    ):
        predicted = [] if isinstance(result, Skipped) else result.timexes
        for g in document.timexes:
            near = [p for p in predicted if p.start < g.end and g.start < p.end]
            if not near:
                errors[f"missed {g.type}"] += 1
            elif near[0].value != g.value:
                errors[f"wrong value {g.type}"] += 1
        for p in predicted:
            if not any(p.start < g.end and g.start < p.end for g in document.timexes):
                errors[f"spurious {p.type}"] += 1
    return errors
