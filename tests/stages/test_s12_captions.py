"""Captions: each caption through the same stages, its events in the body's terms."""

from __future__ import annotations

from storyline.document.records import Actor, Caption
from storyline.stages import s12_captions
from storyline.stages.stage import Config

from .conftest import entity, parsed


def test_a_captions_event_points_at_the_bodys_entity_and_keeps_its_own_offsets(config: Config) -> None:
    body = "Volodymyr Zelensky spoke in Kyiv on Friday."
    zelensky = entity(body, "Volodymyr Zelensky", "PERSON", 1, actor=Actor("UKRGOV", "UKR", None, "GOV", "president"))
    caption = "Volodymyr Zelensky visits Washington on Friday."
    work = parsed(config, body, entities=[zelensky], captions=[Caption("", None), Caption(caption, "AP")])
    s12_captions.STAGE.run(work, config)
    (visit,) = work.events
    assert (visit.id, visit.caption, visit.cameo[:2]) == ("V1", 1, "04")
    assert visit.source == "E1" and visit.source_actor is zelensky.actor  # the body's record of who he is
    assert visit.target is None and visit.target_actor is not None  # a name the body lacks keeps its actor
    assert visit.target_actor.code == "USAGOV"
    assert caption[visit.trigger.start : visit.trigger.end] == visit.trigger.text == "visits"
    assert visit.date is not None and visit.date.timex is None  # the caption's times are not the body's
    assert visit.modality == "asserted"  # a caption tells what happened in the present tense
