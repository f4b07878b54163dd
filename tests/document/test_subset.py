"""The dataset-grade subset: events kept by confidence and by which actors are coded."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

import storyline
from storyline.app.cli import cli
from storyline.document.subset import DATASET_GRADE, EventSubset

TEXT = "Estonian soldiers attacked Latvian troops near the border on Monday. Fifteen men were arrested on Tuesday."


def test_every_event_says_which_actors_are_coded() -> None:
    doc = storyline.process(TEXT, published="2025-03-04", check_language=False)
    by_trigger = {e.trigger.text: e for e in doc.events}
    assert by_trigger["attacked"].coded == "both"
    assert by_trigger["arrested"].coded == "none"  # no doer named, and no police in the text


def test_the_dataset_grade_subset_drops_events_with_no_coded_source() -> None:
    doc = storyline.process(TEXT, published="2025-03-04", check_language=False)
    kept = DATASET_GRADE.of(doc)
    assert [e.trigger.text for e in kept.events] == ["attacked"]
    assert len(doc.events) == 2  # the document itself keeps every event


def test_a_confidence_threshold_keeps_the_surer_events() -> None:
    doc = storyline.process(TEXT, published="2025-03-04", check_language=False)
    threshold = max(e.confidence for e in doc.events)
    kept = EventSubset(min_confidence=threshold).of(doc).events
    assert kept and all(e.confidence >= threshold for e in kept)
    assert len(kept) < len(doc.events)


@pytest.mark.parametrize(("coded", "confidence"), [("some", 0.0), ("any", 1.5)])
def test_a_subset_refuses_what_it_cannot_mean(coded: str, confidence: float) -> None:
    with pytest.raises(ValueError):
        EventSubset(min_confidence=confidence, coded=coded)


def test_process_gives_the_subset_on_request(tmp_path) -> None:  # type: ignore[no-untyped-def]
    article = tmp_path / "a.txt"
    article.write_text(TEXT, encoding="utf-8")
    runner = CliRunner()
    every = runner.invoke(cli, ["process", str(article), "--published", "2025-03-04", "--any-language"])
    graded = runner.invoke(
        cli, ["process", str(article), "--published", "2025-03-04", "--any-language", "--coded", "source"]
    )
    assert every.exit_code == 0 and graded.exit_code == 0, graded.output
    assert len(json.loads(every.stdout)["events"]) == 2
    assert [e["coded"] for e in json.loads(graded.stdout)["events"]] == ["both"]
