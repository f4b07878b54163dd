"""``storyline eval events`` on IndiaPoliceEvents: did the police arrest, use force, act at all?

IndiaPoliceEvents (Halterman et al. 2021) labels every sentence of Times of India articles
from March 2002 with the answers to "did police kill / arrest / use force / fail to intervene /
do anything?". Three of those questions map onto storyline's events; an event counts in the
sentence that holds its trigger, and only asserted events count:

- ARREST: a CAMEO 173 event (arrest, detain, charge) whose source is the police (an actor of
  sector ``COP``) or is not known;
- FORCE: an 18x, 19x or 175 event (assault, fight, violent repression) with a police source;
- KILL: an 18x, 19x or 20x event with a police source in a sentence that tells a death
  ("killed", "shot dead", "died");
- ANY_ACTION: any event with a police source.

The keyword baseline is the paper's: a sentence is positive when it holds a police word and a
word of the category (for ANY_ACTION, a police word alone). The lists are storyline's own,
short, written from the paper's description. A document is positive when one of its
sentences is, for the system and for the gold alike.

The figures come for the whole set and for its two halves by date (``fit``: the articles of
2002-03-01..06, ``check``: 03-07..10): rules are written looking at the first half, and the
second says whether they carry over.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from storyline.budget import MEASURING
from storyline.document.article import Article
from storyline.document.encode import JSONObject
from storyline.document.records import Event, EventMention
from storyline.document.skips import Skipped
from storyline.errors import InvalidArgument
from storyline.evaluation.prf import Counts
from storyline.pipeline import process_many

__all__ = ["LABELS", "evaluate_police", "is_police_events", "keyword_labels", "system_labels"]

LABELS = ("ARREST", "FORCE", "KILL", "ANY_ACTION")
_FIT_UNTIL = "2002-03-06"  # the articles up to this date are the half rules may be written on

_POLICE = re.compile(r"\b(?:police(?:m[ae]n)?|cops?|constables?|constabulary|sub-inspectors?|inspectors?)\b", re.I)
_KEYWORDS = {
    "ARREST": re.compile(r"\b(?:arrest(?:s|ed|ing)?|detain(?:s|ed|ing)?|custody|nabbed|apprehended)\b", re.I),
    "FORCE": re.compile(
        r"\b(?:fir(?:e|ed|ing)|shot|lathi[- ]?charg(?:e|ed|ing)|tear[- ]?gas|baton|beat(?:en)?|force)\b", re.I
    ),
    "KILL": re.compile(r"\b(?:kill(?:s|ed|ing)?|shot dead|dead|died|deaths?|murder(?:s|ed)?|lynch(?:ed)?)\b", re.I),
}


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    labels: frozenset[str]


@dataclass(frozen=True)
class PoliceDocument:
    doc_id: str
    date: str
    text: str
    sentences: tuple[Sentence, ...]


def is_police_events(path: Path) -> bool:
    """Whether ``path`` is an IndiaPoliceEvents JSON Lines file (its first record has sentences)."""
    if not (path.is_file() and path.suffix.lower() == ".jsonl"):
        return False
    with path.open(encoding="utf-8") as lines:
        first = next(lines, "")
    try:
        record = json.loads(first)
    except json.JSONDecodeError:
        return False
    return isinstance(record, dict) and "sentences" in record and "doc_id" in record


def read_police(path: Path) -> list[PoliceDocument]:
    documents = []
    with path.open(encoding="utf-8") as lines:
        for n, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                sentences = tuple(
                    Sentence(s["start"], s["end"], frozenset(s["labels"]))
                    for s in record["sentences"]
                    if s.get("start") is not None
                )
                documents.append(PoliceDocument(str(record["doc_id"]), record["date"], record["text"], sentences))
            except (json.JSONDecodeError, KeyError, TypeError) as err:
                raise InvalidArgument(f"{path}:{n}: not an IndiaPoliceEvents record ({err})") from err
    return documents


def _police(event: Event) -> bool:
    return event.source_actor is not None and event.source_actor.sector == "COP"


def _event_labels(event: Event, sentence: str) -> set[str]:
    """The labels an event gives the sentence of one of its tellings."""
    if event.modality != "asserted":
        return set()
    labels = set()
    if event.cameo.startswith("173") and (event.source_actor is None or _police(event)):
        labels.add("ARREST")
    if _police(event):
        labels.add("ANY_ACTION")
        if event.root in ("18", "19") or event.cameo.startswith("175"):
            labels.add("FORCE")
        if event.root in ("18", "19", "20") and _KEYWORDS["KILL"].search(sentence):
            labels.add("KILL")
    return labels


def system_labels(document: PoliceDocument, events: Iterable[Event]) -> list[set[str]]:
    """The labels storyline's events give each sentence of ``document``."""
    found: list[set[str]] = [set() for _ in document.sentences]
    for event in events:
        for mention in event.mentions or [EventMention(event.trigger, event.evidence)]:
            for n, sentence in enumerate(document.sentences):
                if sentence.start <= mention.trigger.start < sentence.end:
                    told = document.text[mention.evidence.start : mention.evidence.end]
                    found[n] |= _event_labels(event, told)
                    break
    return found


def keyword_labels(document: PoliceDocument) -> list[set[str]]:
    """The keyword baseline's labels for each sentence: a police word and a category word."""
    out = []
    for sentence in document.sentences:
        words = document.text[sentence.start : sentence.end]
        labels = set()
        if _POLICE.search(words):
            labels.add("ANY_ACTION")
            labels |= {label for label, keyword in _KEYWORDS.items() if keyword.search(words)}
        out.append(labels)
    return out


def _figures(counts: Counts) -> dict[str, float]:
    p, r, f1 = counts.rates()
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f1, 4), "gold": counts.gold}


def _score(
    documents: Sequence[PoliceDocument], labelled: Callable[[int, PoliceDocument], list[set[str]]]
) -> JSONObject:
    sentences = {label: Counts() for label in LABELS}
    docs = {label: Counts() for label in LABELS}
    for i, document in enumerate(documents):
        predicted = labelled(i, document)
        for label in LABELS:
            for sentence, found in zip(document.sentences, predicted, strict=True):
                sentences[label].add_one(label in found, label in sentence.labels)
            docs[label].add_one(
                any(label in found for found in predicted), any(label in s.labels for s in document.sentences)
            )
    return {label: {"sentence": _figures(sentences[label]), "document": _figures(docs[label])} for label in LABELS}


def _by_events(events: list[list[Event]]) -> Callable[[int, PoliceDocument], list[set[str]]]:
    """The system's labels of the n-th document, from its events."""

    def labelled(n: int, document: PoliceDocument) -> list[set[str]]:
        return system_labels(document, events[n])

    return labelled


def evaluate_police(path: Path, limit: int | None = None, event_coder: str = "learned") -> JSONObject:
    """Sentence- and document-level figures for ARREST, FORCE, KILL and ANY_ACTION, storyline's and
    the keyword baseline's, on the whole set and on its two halves by date."""
    documents = read_police(Path(path))[:limit]
    articles = [Article.create(d.text, published=d.date, where=f"{path}#{d.doc_id}") for d in documents]
    results = process_many(articles, check_language=False, clean_text=False, time_budget=MEASURING, events=event_coder)
    events = [[] if isinstance(r, Skipped) else list(r.events) for r in results]
    halves = {
        "all": list(range(len(documents))),
        "fit": [i for i, d in enumerate(documents) if d.date <= _FIT_UNTIL],
        "check": [i for i, d in enumerate(documents) if d.date > _FIT_UNTIL],
    }
    figures: JSONObject = {"documents": len(documents), "sentences": sum(len(d.sentences) for d in documents)}
    for half, chosen in halves.items():
        picked = [documents[i] for i in chosen]
        figures[half] = {
            "storyline": _score(picked, _by_events([events[i] for i in chosen])),
            "keywords": _score(picked, lambda _, d: keyword_labels(d)),
            "documents": len(picked),
        }
    return figures


def format_police(figures: JSONObject) -> str:
    """The figures as a table: sentence F1 (P / R) per label and half, storyline vs keywords."""
    lines = [f"IndiaPoliceEvents: {figures['documents']} documents, {figures['sentences']:,} sentences"]
    for half in ("all", "fit", "check"):
        block = figures[half]
        lines.append(f"\n{half} ({block['documents']} documents)  sentence F1 (P / R); document F1")
        for label in LABELS:
            row = [f"  {label:<11}"]
            for who in ("storyline", "keywords"):
                s, d = block[who][label]["sentence"], block[who][label]["document"]
                row.append(f"{who} {s['f1']:.3f} ({s['precision']:.2f} / {s['recall']:.2f}); {d['f1']:.3f}")
            lines.append("   ".join(row))
    return "\n".join(lines)
