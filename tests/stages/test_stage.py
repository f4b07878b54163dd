"""The stage list: one order, checked at start-up; a list in the wrong order is refused."""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Iterator

import pytest
from click.testing import CliRunner

from storyline.app.cli import cli
from storyline.document.article import Article
from storyline.document.encode import encode
from storyline.errors import StageOrderError
from storyline.pipeline import STAGES, process_many
from storyline.stages.s12_captions import caption_stages
from storyline.stages.stage import Config, Stage, Work, check_order

from ..conftest import SEED, need


def _named(*names: str) -> list[Stage]:
    by_name = {s.name: s for s in STAGES}
    return [by_name[n] for n in names]


def _swapped(first: str, second: str) -> list[Stage]:
    names = [s.name for s in STAGES]
    i, j = names.index(first), names.index(second)
    names[i], names[j] = names[j], names[i]
    return _named(*names)


def test_the_shipped_order_is_accepted_and_every_stage_sets_what_a_later_one_reads() -> None:
    check_order(STAGES)
    read = {r for s in STAGES for r in s.requires}
    set_ = {a for s in STAGES for a in s.assigns}
    assert read - set_ == {"article"}  # the one given: the article itself
    assert [s.step for s in STAGES] == sorted((s.step for s in STAGES), key=("text", "model", "document").index)


def test_a_stage_before_what_it_requires_is_refused_with_what_is_missing() -> None:
    with pytest.raises(StageOrderError, match=r"stage 'actors' requires entities, which no earlier stage sets"):
        check_order(_swapped("entities", "actors"))
    with pytest.raises(StageOrderError, match=r"stage 'events' requires .*timexes"):
        check_order(_swapped("time", "events"))


def test_a_model_stage_after_a_document_stage_and_a_stage_listed_twice_are_refused() -> None:
    late_model = [*_named("clean", "screen", "annotate", "entities"), *_named("quote_tags")]
    with pytest.raises(StageOrderError, match="runs on the model step, after a stage of the document step"):
        check_order(late_model)
    with pytest.raises(StageOrderError, match="listed twice"):
        check_order([*STAGES, STAGES[-1]])


def test_a_wrong_order_is_refused_before_any_input_is_read() -> None:
    read: list[str] = []

    def inputs() -> Iterator[str]:
        read.append("one")
        yield "Russia attacked Ukraine on Friday."

    with pytest.raises(StageOrderError):
        next(process_many(inputs(), stages=_swapped("entities", "actors")))
    assert read == []


def test_captions_run_the_same_list_without_what_a_caption_lacks() -> None:
    names = [s.name for s in caption_stages(STAGES)]
    assert names == [s.name for s in STAGES if s.name not in ("clean", "screen", "quote_tags", "quotes", "captions")]
    no_time = [dataclasses.replace(s, on_captions=False) if s.name == "time" else s for s in STAGES]
    with pytest.raises(StageOrderError, match="'events' requires timexes"):
        caption_stages(tuple(no_time))


def test_storyline_stages_prints_the_list_in_order() -> None:
    result = CliRunner().invoke(cli, ["stages"])
    assert result.exit_code == 0, result.output
    named = [line.split()[0] for line in result.output.splitlines() if not line.startswith(" ")]
    assert named == [s.name for s in STAGES]
    assert "requires doc, entities.actor, entities.place, timexes, reference, quotes; sets events" in result.output


def test_storyline_stages_json_is_one_object_per_stage() -> None:
    import json

    result = CliRunner().invoke(cli, ["stages", "--json"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [(r["name"], r["requires"], r["sets"]) for r in rows] == [
        (s.name, list(s.requires), list(s.assigns)) for s in STAGES
    ]
    assert {r["name"] for r in rows if not r["on_captions"]} == {"clean", "screen", "quote_tags", "quotes", "captions"}


def _snapshot(work: Work) -> dict[str, object]:
    """What each field a stage may set holds (the entities' parts for the entities made so far)."""
    return {
        "text": work.text,
        "captions": encode(work.captions),
        "removed": encode(work.removed),
        "doc": id(work.doc) if work.doc is not None else None,
        "quote_tags": copy.deepcopy(work.quote_tags),
        "entities": [(e.id, e.name, e.type) for e in work.entities],
        "entities.actor": {e.id: encode(e.actor) for e in work.entities},
        "entities.place": {e.id: encode(e.place) for e in work.entities},
        "entities.mentions": {e.id: encode(e.mentions) for e in work.entities},
        "timexes": encode(work.timexes),
        "quotes": encode(work.quotes),
        "events": encode(work.events),
    }


def _changed(before: dict[str, object], after: dict[str, object]) -> set[str]:
    changed = {key for key in before if before[key] != after[key]}
    for part in ("entities.actor", "entities.place", "entities.mentions"):
        old, new = before[part], after[part]
        assert isinstance(old, dict) and isinstance(new, dict)
        if part in changed and all(new[k] == v for k, v in old.items()):
            changed.discard(part)  # only new entities' parts: the stage that added them declares "entities"
    return changed


def test_each_stage_sets_only_what_it_declares(config: Config) -> None:
    """The seed article (captions, quotes, events) through the list one stage at a time: what
    changed after each stage is among what it declares it sets."""
    work = Work(Article.create(need(SEED).read_text("utf-8"), published="2025-08-23"))
    for stage in STAGES:
        before = _snapshot(work)
        stage.run(work, config)
        changed = _changed(before, _snapshot(work))
        assert changed <= set(stage.assigns), f"{stage.name} changed {sorted(changed - set(stage.assigns))}"
        assert changed or not stage.assigns, f"{stage.name} set nothing on the seed"
