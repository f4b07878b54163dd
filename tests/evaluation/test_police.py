"""IndiaPoliceEvents scoring: the label mapping, the keyword baseline, the halves by date."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.document.records import Actor, Event, TextSpan
from storyline.errors import InvalidArgument
from storyline.evaluation.events import evaluate_events
from storyline.evaluation.police import (
    PoliceDocument,
    Sentence,
    is_police_events,
    keyword_labels,
    read_police,
    system_labels,
)

from ..builders import event

TEXT = "police arrested 12 men on friday. the mob set fire to shops. police fired in the air."
SENTENCES = (Sentence(0, 33, frozenset({"ARREST", "ANY_ACTION"})), Sentence(34, 60, frozenset()),
             Sentence(61, 86, frozenset({"FORCE", "ANY_ACTION"})))  # fmt: skip
DOCUMENT = PoliceDocument("1", "2002-03-01", TEXT, SENTENCES)


def _event(trigger: str, cameo: str, source: Actor | None, modality: str = "asserted") -> Event:
    start = TEXT.index(trigger)
    return event(cameo, source=source, modality=modality, trigger=TextSpan(trigger, start, start + len(trigger)))


POLICE = Actor("COP", sector="COP")


def test_events_give_their_sentence_the_labels_of_the_mapping() -> None:
    found = system_labels(
        DOCUMENT,
        [
            _event("arrested", "173", POLICE),
            _event("set", "1721", Actor("CVL", sector="CVL")),  # someone else's act: no label
            _event("fired", "193", POLICE),
        ],
    )
    assert found == [{"ARREST", "ANY_ACTION"}, set(), {"FORCE", "ANY_ACTION"}]


def test_an_arrest_by_no_one_known_counts_and_a_hedged_one_does_not() -> None:
    assert system_labels(DOCUMENT, [_event("arrested", "173", None)])[0] == {"ARREST"}
    assert system_labels(DOCUMENT, [_event("arrested", "173", POLICE, "negated")])[0] == set()
    assert system_labels(DOCUMENT, [_event("arrested", "173", Actor("MIL", sector="MIL"))])[0] == set()


def test_the_keyword_baseline_needs_a_police_word_and_a_category_word() -> None:
    assert keyword_labels(DOCUMENT) == [{"ARREST", "ANY_ACTION"}, set(), {"FORCE", "ANY_ACTION"}]


def _write(folder: Path, records: list[dict[str, object]]) -> Path:
    path = folder / "dev.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _record(doc_id: int, date: str) -> dict[str, object]:
    sentences = [{"sent_id": n, "text": TEXT[s.start : s.end], "labels": sorted(s.labels), "start": s.start,
                  "end": s.end} for n, s in enumerate(SENTENCES)]  # fmt: skip
    return {"doc_id": doc_id, "date": date, "url": "", "text": TEXT, "labels": [], "sentences": sentences}


def test_the_file_is_recognised_and_read(tmp_path: Path) -> None:
    path = _write(tmp_path, [_record(1, "2002-03-01")])
    assert is_police_events(path)
    assert read_police(path)[0].sentences == SENTENCES
    assert not is_police_events(tmp_path / "absent.jsonl")
    broken = _write(tmp_path, [{"doc_id": 1, "sentences": [{}]}])
    with pytest.raises(InvalidArgument, match=r"dev\.jsonl:1"):
        read_police(broken)


def test_evaluation_runs_the_pipeline_and_reports_both_halves(tmp_path: Path) -> None:
    path = _write(tmp_path, [_record(1, "2002-03-01"), _record(2, "2002-03-08")])
    figures = evaluate_events(path)
    assert (figures["fit"]["documents"], figures["check"]["documents"]) == (1, 1)
    keywords = figures["all"]["keywords"]["ARREST"]["sentence"]
    assert (keywords["precision"], keywords["recall"], keywords["gold"]) == (1.0, 1.0, 2)
    arrests = figures["all"]["storyline"]["ARREST"]["sentence"]
    assert arrests["gold"] == 2 and arrests["recall"] == 1.0  # "police arrested 12 men"
