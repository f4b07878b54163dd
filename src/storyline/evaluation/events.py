"""``storyline eval events``: event coding against the PLOVER gold records or PETRARCH2's unit tests
(IndiaPoliceEvents: :mod:`storyline.evaluation.police`; MEANTIME: :mod:`storyline.evaluation.meantime`).

``--data`` picks the gold set: a ``.json`` file is read as PLOVER gold-standard records, a
folder holding ``PETR.UnitTest.records.xml`` as the PETRARCH2 suite. Every text goes through
the pipeline uncleaned, one record per document, with the record's date as publication date.

PLOVER (one gold event per sentence):
- Gold types are PLOVER v0.5b1 names; they are renamed to Draft 0.8 (:data:`PLOVER_RENAMES`)
  before comparing with the system's ``plover`` field.
- The system's chosen event of a sentence: among its events with a PLOVER type (PLOVER has no
  category for a bare statement, CAMEO 010-019 "make statement"), the one with the highest
  confidence among the asserted ones, or among all when none is asserted (the first on a tie).
- ``type_accuracy``: sentences whose chosen event has the gold type (no event: wrong).
- Actors are compared as three-letter keys. Gold: the first three letters of each ``code`` of
  the ``source`` / ``target`` list (countries such as "RUS", or "IGO", "NGO", "IMG"); sectors
  are not compared. System: an actor's ``country`` if it has one, else the first three
  letters of its ``code`` ("IGONAT" -> "IGO"). The system's keys of a sentence are those of
  the chosen event and of every other candidate event with the same CAMEO code (a coder may
  code "Hungarian and Romanian officials agreed" as one event per actor).
- ``source_f1`` / ``target_f1``: micro precision / recall / F1 of these key sets per sentence.

PETRARCH2 (records and skips as in :mod:`storyline.evaluation.petrarch`): its fictional
actor dictionary is converted to a temporary ``--actors`` file for the run.
- Every event of the document counts, whatever its modality (PETRARCH codes no modality),
  except storyline's derived expressions of intent (``derived: "intent"``): PETRARCH codes
  "Arnor will abandon ties" as the abandoning alone, which storyline keeps, as future.
- An event is the triple (source, target, CAMEO code). An actor's code is its ``code`` field
  as it stands; no actor is "---"; an actor with neither country nor organisation (a bare
  sector, "GOV") is "---" + code, as PETRARCH writes an agent without an actor. A code with
  "/" (the dictionary's "ELR/GAL") stands for each of its parts, as in PETRARCH.
- ``cameo_f1``: micro P/R/F1 of the triple sets per record; ``source_f1`` / ``target_f1`` the
  same over the sets of source / target codes; ``exact_match``: the share of records whose
  triple set equals the expected one (both empty counts); ``type_accuracy``: the share of
  records whose set of CAMEO roots (first two digits) equals the expected one.
"""

from __future__ import annotations

import json
import tempfile
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from storyline.budget import MEASURING
from storyline.document.article import Article
from storyline.document.encode import JSON, JSONObject
from storyline.document.records import Actor, Event
from storyline.document.skips import Skipped
from storyline.errors import InvalidArgument
from storyline.evaluation.meantime import evaluate_meantime, format_meantime, is_meantime
from storyline.evaluation.petrarch import (
    RECORDS_FILE,
    Coding,
    PetrarchRecord,
    actors_toml,
    parse_actors,
    parse_agents,
    read_records,
    suite_files,
)
from storyline.evaluation.petrarch_verbs import verbs_toml
from storyline.evaluation.police import evaluate_police, format_police, is_police_events
from storyline.evaluation.prf import Counts
from storyline.evaluation.timeml_events import evaluate_timeml_events, is_timeml
from storyline.pipeline import process_many

__all__ = [
    "PLOVER_RENAMES",
    "PloverRecord",
    "actor_key",
    "chosen_event",
    "evaluate_events",
    "petrarch_code",
    "plover_name",
    "read_plover",
    "score_petrarch",
    "score_plover",
]

# PLOVER v0.5b1 names that Draft 0.8 renamed or merged (data README, CAMEO2PLOVER-2021.txt).
PLOVER_RENAMES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
_TOP_CONFUSIONS = 15


@dataclass(frozen=True)
class PloverRecord:
    id: str
    text: str
    date: str | None
    event: str  # the Draft 0.8 name
    sources: frozenset[str]  # three-letter keys
    targets: frozenset[str]


def plover_name(name: str) -> str:
    """The PLOVER Draft 0.8 name of a v0.5b1 type name."""
    upper = name.strip().upper()
    return PLOVER_RENAMES.get(upper, upper)


def _keys(actors: JSON) -> frozenset[str]:
    if not isinstance(actors, list):  # absent, null, "" or a stray string in a few records
        return frozenset()
    return frozenset(str(a["code"]).strip().upper()[:3] for a in actors if isinstance(a, dict) and a.get("code"))


def read_plover(path: Path) -> list[PloverRecord]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as err:
        raise InvalidArgument(f"{path}: cannot read PLOVER records ({err})") from err
    if not isinstance(data, list):
        raise InvalidArgument(f"{path}: expected a JSON list of PLOVER records")
    return [
        PloverRecord(
            str(r.get("id", "")),
            str(r["text"]),
            r.get("date") or None,
            plover_name(str(r["event"])),
            _keys(r.get("source")),
            _keys(r.get("target")),
        )
        for r in data
        if isinstance(r, dict) and r.get("text") and r.get("event")
    ]


def actor_key(actor: Actor | None) -> str | None:
    """An actor's country, else the first three letters of its code; None without either."""
    if not actor:
        return None
    return actor.country or actor.code[:3] or None


def _candidates(events: Sequence[Event]) -> list[Event]:
    typed = [e for e in events if e.plover] or list(events)  # PLOVER has no "statement"
    return [e for e in typed if e.modality == "asserted"] or typed


def chosen_event(events: Sequence[Event]) -> Event | None:
    """The event that stands for the sentence: of those with a PLOVER type (a bare statement,
    CAMEO 010, has none), the most confident asserted one, else the most confident."""
    candidates = _candidates(events)
    return max(candidates, key=lambda e: e.confidence) if candidates else None


def score_plover(records: Sequence[PloverRecord], events: Sequence[Sequence[Event]]) -> JSONObject:
    """PLOVER figures for gold ``records`` and the system's events of each record's text."""
    sources, targets = Counts(), Counts()
    per_type: dict[str, Counter[str]] = {}
    confusion: Counter[str] = Counter()
    for record, found in zip(records, events, strict=True):
        chosen = chosen_event(found)
        predicted = (chosen.plover if chosen else None) or "none"
        same = [e for e in _candidates(found) if chosen and e.cameo == chosen.cameo]
        sources.add({k for e in same if (k := actor_key(e.source_actor))}, record.sources)
        targets.add({k for e in same if (k := actor_key(e.target_actor))}, record.targets)
        counts = per_type.setdefault(record.event, Counter())
        counts["n"] += 1
        counts["correct"] += predicted == record.event
        if predicted != record.event:
            confusion[f"{record.event} -> {predicted}"] += 1
    n = len(records)
    correct = sum(c["correct"] for c in per_type.values())
    return {
        "type_accuracy": correct / n if n else 0.0,
        **sources.figures("source"),
        **targets.figures("target"),
        "n": n,
        "per_type": {t: {"n": c["n"], "accuracy": c["correct"] / c["n"]} for t, c in sorted(per_type.items())},
        "confusion": dict(confusion.most_common(_TOP_CONFUSIONS)),
    }


def petrarch_code(actor: Actor | None) -> str:
    """An actor's code written as PETRARCH writes it (see the module's rules)."""
    if not actor or not actor.code:
        return "---"
    return actor.code if actor.country or actor.org else "---" + actor.code


def predicted_codings(events: Iterable[Event]) -> set[Coding]:
    """The (source, target, CAMEO) triples of the events that have a source actor (PETRARCH
    codes no event without one, where storyline keeps it with no source) and are not derived."""
    return {
        Coding(source, target, e.cameo)
        for e in events
        if e.source_actor and not e.derived
        for source in petrarch_code(e.source_actor).split("/")
        for target in petrarch_code(e.target_actor).split("/")
    }


def score_petrarch(records: Sequence[PetrarchRecord], events: Sequence[Sequence[Event]]) -> JSONObject:
    """PETRARCH2 figures for the expected codings of ``records`` and the system's events."""
    triples, sources, targets, roots = Counts(), Counts(), Counts(), Counts()
    exact = same_roots = 0
    per_category: dict[str, Counter[str]] = {}
    for record, found in zip(records, events, strict=True):
        gold, predicted = set(record.codings), predicted_codings(found)
        triples.add(predicted, gold)
        sources.add({c.source for c in predicted}, {c.source for c in gold})
        targets.add({c.target for c in predicted}, {c.target for c in gold})
        gold_roots, predicted_roots = {c.cameo[:2] for c in gold}, {c.cameo[:2] for c in predicted}
        roots.add(predicted_roots, gold_roots)
        exact += predicted == gold
        same_roots += predicted_roots == gold_roots
        counts = per_category.setdefault(record.category, Counter())
        counts["n"] += 1
        counts["exact"] += predicted == gold
    n = len(records)
    return {
        **triples.figures("cameo"),
        **sources.figures("source"),
        **targets.figures("target"),
        "type_accuracy": same_roots / n if n else 0.0,
        **roots.figures("root"),
        "exact_match": exact / n if n else 0.0,
        "n": n,
        "codings": triples.gold,
        "no_event": sum(not r.codings for r in records),
        "per_category": {k: {"n": c["n"], "exact": c["exact"] / c["n"]} for k, c in sorted(per_category.items())},
    }


def _events(
    articles: list[Article], coder: str, actors: Sequence[str] = (), lexicons: Sequence[str] = ()
) -> list[list[Event]]:
    results = process_many(
        articles,
        check_language=False,
        clean_text=False,
        time_budget=MEASURING,
        actors=actors,
        lexicons=lexicons,
        events=coder,
    )
    return [[] if isinstance(r, Skipped) else list(r.events) for r in results]


def _evaluate_plover(path: Path, limit: int | None, coder: str) -> JSONObject:
    records = read_plover(path)[:limit]
    events = _events([Article.create(r.text, published=r.date) for r in records], coder)
    return score_plover(records, events)


def _evaluate_petrarch(folder: Path, limit: int | None, coder: str) -> JSONObject:
    records_file, actors_file, agents_file, verbs_file = suite_files(folder)
    every = read_records(records_file)
    records = [r for r in every if r.skip is None][:limit]
    actors = parse_actors(actors_file.read_text(encoding="utf-8", errors="replace"))
    agents = parse_agents(agents_file.read_text(encoding="utf-8", errors="replace")) if agents_file.is_file() else []
    with tempfile.TemporaryDirectory(prefix="storyline-petrarch-") as tmp:
        dictionary = Path(tmp) / "actors.toml"
        dictionary.write_text(actors_toml(actors, agents), encoding="utf-8")
        lexicons = []
        if verbs_file.is_file():  # PETRARCH's own verb codes, fictional ones included
            lexicon = Path(tmp) / "verbs.toml"
            lexicon.write_text(verbs_toml(verbs_file.read_text(encoding="utf-8", errors="replace")), encoding="utf-8")
            lexicons.append(str(lexicon))
        articles = [Article.create(r.text, published=r.date) for r in records]
        events = _events(articles, coder, [str(dictionary)], lexicons)
    figures = score_petrarch(records, events)
    figures["skipped"] = dict(Counter(r.skip for r in every if r.skip))
    return figures


def evaluate_events(path: Path, limit: int | None = None, event_coder: str = "learned") -> JSONObject:
    """Event figures on PLOVER records (a ``.json`` file), the PETRARCH2 unit tests (a folder)
    or IndiaPoliceEvents (a ``.jsonl`` file: :mod:`storyline.evaluation.police`), event dates on
    MEANTIME or TimeML (:mod:`storyline.evaluation.meantime`, :mod:`~storyline.evaluation.timeml_events`),
    of the event coder ``event_coder`` names (``s11_events.CODERS``)."""
    path = Path(path)
    if path.is_file() and path.suffix.lower() == ".json":
        return _evaluate_plover(path, limit, event_coder)
    if is_police_events(path):
        return evaluate_police(path, limit, event_coder)
    if path.is_file() and path.name == RECORDS_FILE:
        path = path.parent
    if path.is_dir() and (path / RECORDS_FILE).is_file():
        return _evaluate_petrarch(path, limit, event_coder)
    if is_meantime(path):
        return evaluate_meantime(path, limit, event_coder)
    if is_timeml(path):
        return {"corpus": "TimeML", **evaluate_timeml_events(path, limit, event_coder)}
    raise InvalidArgument(
        f"{path}: not an events gold set; give a PLOVER records .json file, a folder holding {RECORDS_FILE}, "
        "an IndiaPoliceEvents .jsonl file, a folder of MEANTIME CAT files or of TimeML .tml files"
    )


def format_events(figures: JSONObject) -> str:
    """IndiaPoliceEvents and MEANTIME figures as tables; the others as a plain listing."""
    if "check" in figures:
        return format_police(figures)
    if "all" in figures:
        return format_meantime(figures, str(figures.get("corpus", "MEANTIME")))
    return "\n".join(
        f"{k:<16} {v:.4f}" if isinstance(v, float) else f"{k:<16} {json.dumps(v)}" for k, v in figures.items()
    )
