"""``storyline sample-events``: events drawn at random, with their sentences, to read by hand.

An audit of the event coder is a sheet: one row per event drawn (seeded, so the same inputs and
seed draw the same events), its code, actors, modality and sentence, and empty columns for the
reader's verdicts. The figures an audit gives (:func:`audit_figures`) are read back from the
filled sheet.
"""

from __future__ import annotations

import csv
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from storyline.document.records import Actor, Document, Event
from storyline.errors import InvalidArgument
from storyline.knowledge.cameo import lexicon

__all__ = ["COLUMNS", "VERDICTS", "audit_figures", "draw_events", "read_sheet", "write_sheet"]

# The sheet's columns: what the event is, then the reader's verdicts.
COLUMNS = (
    "n", "article", "event", "cameo", "name", "source", "target", "modality", "coded", "trigger", "sentence",
    "code_ok", "source_ok", "target_ok", "modality_ok", "note",
)  # fmt: skip
# A verdict: "y" right, "n" wrong, "-" not applicable (no source given, say).
VERDICTS = ("y", "n", "-")


@dataclass(frozen=True)
class Drawn:
    article: str
    event: Event
    sentence: str
    names: dict[str, str]  # entity id -> name


def draw_events(documents: Iterable[Document], n: int, seed: int) -> list[Drawn]:
    """``n`` events drawn uniformly from every event of ``documents`` (fewer if there are
    fewer), in a seeded order."""
    pool = []
    for doc in documents:
        names = {e.id: e.name for e in doc.entities}
        for event in doc.events:
            sentence = doc.text[event.evidence.start : event.evidence.end]
            pool.append(Drawn(doc.article.id or "", event, " ".join(sentence.split()), names))
    rng = random.Random(seed)
    return rng.sample(pool, min(n, len(pool)))


def _actor(actor: Actor | None, entity: str | None, names: dict[str, str]) -> str:
    if actor is None:
        return ""
    return f"{actor.code} ({names.get(entity or '', '?')})"


def write_sheet(drawn: Sequence[Drawn], out: Path) -> None:
    """The sheet as CSV, verdict columns empty."""
    codes = lexicon()
    with out.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(COLUMNS)
        for n, d in enumerate(drawn, 1):
            e = d.event
            writer.writerow(
                [
                    n, d.article, e.id, e.cameo, codes.code(e.cameo).name,
                    _actor(e.source_actor, e.source, d.names), _actor(e.target_actor, e.target, d.names),
                    e.modality, e.coded, e.trigger.text, d.sentence, "", "", "", "", "",
                ]
            )  # fmt: skip


def read_sheet(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    for row in rows:
        for column in ("code_ok", "source_ok", "target_ok", "modality_ok"):
            if row.get(column, "") not in (*VERDICTS, ""):
                raise InvalidArgument(f"{path}: row {row.get('n')}: {column} must be one of y, n, - or empty")
    return rows


def _share(rows: list[dict[str, str]], column: str) -> tuple[int, int]:
    judged = [r for r in rows if r[column] in ("y", "n")]
    return sum(r[column] == "y" for r in judged), len(judged)


def audit_figures(rows: list[dict[str, str]]) -> dict[str, tuple[int, int]]:
    """(right, judged) for each verdict, for the violent codes alone and for the dataset-grade
    events (a coded source), and the events with a coded source among all drawn."""
    violent = [r for r in rows if r["cameo"][:2] in ("18", "19")]
    coded_source = [r for r in rows if r["coded"] in ("both", "source")]
    coded_target = [r for r in rows if r["coded"] in ("both", "target")]
    return {
        "code": _share(rows, "code_ok"),
        "code (events with a coded source)": _share(coded_source, "code_ok"),
        "source (events with a coded one)": _share(coded_source, "source_ok"),
        "target (events with a coded one)": _share(coded_target, "target_ok"),
        "source (any, sector alone too)": _share([r for r in rows if r["source"]], "source_ok"),
        "modality": _share(rows, "modality_ok"),
        "violent codes (18x, 19x)": _share(violent, "code_ok"),
        "coded source": (len(coded_source), len(rows)),
    }
