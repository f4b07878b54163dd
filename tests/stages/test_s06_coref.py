"""Coreference alone: titles and pronouns joined to the people the records it is given name."""

from __future__ import annotations

from storyline.document.records import Actor
from storyline.stages import s06_coref
from storyline.stages.stage import Config

from .conftest import entity, parsed


def test_a_pronoun_and_a_title_join_the_person_they_stand_for(config: Config) -> None:
    text = "Anna Keller arrived in Vienna. The Austrian foreign minister said she would stay a week."
    keller = entity(text, "Anna Keller", "PERSON", 1, actor=Actor("AUTGOV", "AUT", None, "GOV", "foreign minister"))
    work = parsed(config, text, entities=[keller])
    s06_coref.STAGE.run(work, config)
    added = {(m.text, m.label) for m in keller.mentions[1:]}
    assert ("she", "PRON") in added
    assert any(label == "TITLE" and "foreign minister" in words for words, label in added)


def test_a_pronoun_with_no_person_given_stays_alone(config: Config) -> None:
    text = "Vienna was quiet. She said the talks would go on."
    work = parsed(config, text, entities=[entity(text, "Vienna", "GPE", 1)])
    s06_coref.STAGE.run(work, config)
    assert [m.text for m in work.entities[0].mentions] == ["Vienna"]
