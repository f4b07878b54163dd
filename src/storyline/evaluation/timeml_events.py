"""``storyline eval events`` on TimeML (TempEval-3 train: TimeBank and AQUAINT): when each event
happened, scored as on MEANTIME (:mod:`storyline.evaluation.meantime`).

TimeML marks every event (``<EVENT eid>``, made an instance by ``<MAKEINSTANCE eventID eiid>``)
and the temporal links between event instances and time expressions (``<TLINK>``). The same
figures as MEANTIME's come for each folder and for all, with their counts, over storyline events
whose trigger overlaps a gold event (each instance of it):

- **date**: an event a TLINK anchors to a DATE timex with a resolved value, or to the document
  creation time (IS_INCLUDED, INCLUDES, SIMULTANEOUS, DURING, BEGINS, ENDS and inverses):
  storyline's date starts with that day (or equals a coarser value);
- **past, unanchored**: an event BEFORE the creation time with no such anchor: storyline's date is
  not the publication day.

Modality and source are not scored. TimeML names no doers, and its instances' attributes are no
gold for storyline's modality: AQUAINT's mark half of its events NEG ("the communist leadership
warned"), and none marks an infinitive ("pledged to ask Congress") as not yet done.

TempEval-3 train's links are many more than MEANTIME's (about 500 of storyline's events are
anchored there, against 32), but its events are every verb and many nouns, of which storyline
codes only acts.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

from storyline.document.encode import JSONObject
from storyline.errors import InvalidArgument
from storyline.evaluation.meantime import INVERSE, GoldEvent, MeantimeArticle, code_and_score, timing
from storyline.evaluation.time import parse_timeml, timeml_files

__all__ = ["evaluate_timeml_events", "is_timeml", "read_timeml_events"]

_ELEMENT = re.compile(r"<(MAKEINSTANCE|TLINK)\b([^>]*)/?>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_DCT = re.compile(r"<DCT>\s*<TIMEX3([^>]*)>", re.S)


def is_timeml(path: Path) -> bool:
    """A ``.tml`` file, or a folder holding some (at any depth)."""
    return bool(timeml_files(path))


def read_timeml_events(path: Path, limit: int | None = None) -> list[MeantimeArticle]:
    """The gold events of the TimeML files at ``path``, each file an article whose part is its
    folder's name (``TimeBank``, ``AQUAINT``)."""
    files = timeml_files(path)
    if not files:
        raise InvalidArgument(f"no .tml files in {path}")
    return [_article(file, file.parent.name) for file in files[:limit]]


def _article(file: Path, part: str) -> MeantimeArticle:
    markup = file.read_text(encoding="utf-8")
    document = parse_timeml(file.name, markup)
    dct = _DCT.search(markup)
    if document.dct is None or dct is None:
        raise InvalidArgument(f"{file}: no document creation time (<DCT><TIMEX3 ...>)")
    creation = dict(_ATTR.findall(dct.group(1)))
    creation_id = creation.get("tid", "t0")
    timexes = {t.tid: {"type": t.type, "value": t.value} for t in document.timexes}
    timexes[creation_id] = {"type": "DATE", "value": document.dct}
    instances: dict[str, dict[str, str]] = {}  # eiid -> the instance's attributes
    links: dict[str, list[tuple[str, str]]] = defaultdict(list)  # eiid -> (reltype, tid), the event first
    for element in _ELEMENT.finditer(markup):
        attributes: dict[str, str] = dict(_ATTR.findall(element.group(2)))
        if element.group(1) == "MAKEINSTANCE":
            instances[attributes.get("eiid", "")] = attributes
            continue
        kind: str = attributes.get("relType", "")
        if "eventInstanceID" in attributes and "relatedToTime" in attributes:
            links[attributes["eventInstanceID"]].append((kind, attributes["relatedToTime"]))
        elif "timeID" in attributes and "relatedToEventInstance" in attributes:
            links[attributes["relatedToEventInstance"]].append((INVERSE.get(kind, kind), attributes["timeID"]))
    article = MeantimeArticle(file.stem, part, document.text, document.dct)
    for eiid, attributes in instances.items():
        span = document.events.get(attributes.get("eventID", ""))
        if span is None:
            continue
        anchor, past_unanchored = timing(links[eiid], timexes, creation_id)
        statement = attributes.get("eventID", "") in document.reporting
        article.events.append(GoldEvent(span, anchor, past_unanchored, frozenset(), None, statement))
    return article


def evaluate_timeml_events(path: Path, limit: int | None = None, event_coder: str = "learned") -> JSONObject:
    return code_and_score(read_timeml_events(Path(path), limit), Path(path), event_coder)
