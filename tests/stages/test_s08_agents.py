"""Unnamed actors read off the parse: a group word and the country that owns it; "they" joined
to such a group."""

from __future__ import annotations

from pathlib import Path

import pytest

import storyline
from storyline import Document
from storyline.document.records import Actor
from storyline.knowledge.sectors import AGENTS
from storyline.stages import s08_agents
from storyline.stages.stage import Config

from .conftest import entity, parsed


def _nominal(doc: Document) -> dict[str, dict]:  # type: ignore[type-arg]
    return {e.name: e.actor for e in doc.entities if e.actor and any(m.label == "NOMINAL" for m in e.mentions)}


@pytest.mark.parametrize(
    ("text", "name", "code"),
    [
        ("Valdorian troops crossed into Moldova on Tuesday.", None, None),  # no such country: nothing
        ("Danish fishermen and Norwegian police met in Bergen on Monday.", "Norwegian police", "NORCOP"),
        ("Serb forces shelled the village at dawn.", "Serb forces", "SRBMIL"),  # a people's word for its state
        ("Chilean-backed militias seized the pass.", "Chilean-backed militias", "CHLMIL"),  # the hyphen's head
        (
            "Doctors from three Canadian charities treated the wounded.",
            "Doctors from three Canadian charities",
            "CANHLH",
        ),
        ("Thousands of students in Lagos marched on Friday.", "students in Lagos", "NGAEDU"),  # a place's country
    ],
)
def test_a_group_word_takes_its_owners_country(text: str, name: str | None, code: str | None) -> None:
    found = _nominal(storyline.process(text, check_language=False))
    if name is None:
        assert not found
    else:
        assert found[name].code == code and found[name].country == code[:3]  # type: ignore[index]


def test_an_organisation_keeps_its_own_members() -> None:
    # "Hezbollah fighters" are Hezbollah's: the group, not Lebanon in general
    doc = storyline.process("Hezbollah fighters fired rockets at the border town.", check_language=False)
    assert not _nominal(doc)
    (attack,) = [e for e in doc.events if e.root == "19"]
    assert attack.source_actor.code == "LBNREB" and attack.source_actor.org == "Hezbollah"


def test_repeated_group_words_are_one_entity() -> None:
    doc = storyline.process(
        "Estonian soldiers guarded the bridge. Later, Estonian soldiers withdrew to the base.", check_language=False
    )
    (soldiers,) = [e for e in doc.entities if e.name == "Estonian soldiers"]
    assert len(soldiers.mentions) == 2 and soldiers.actor.code == "ESTMIL"  # type: ignore[index]


def test_the_sector_table_uses_cameo_style_codes() -> None:
    assert all(sector == "" or (len(sector) == 3 and sector.isupper()) for sector in AGENTS.values())
    assert AGENTS["troop"] == "MIL" and AGENTS["police"] == "COP" and AGENTS["side"] == ""


def test_a_users_agent_words_come_first(tmp_path: Path) -> None:
    actors = tmp_path / "actors.toml"
    actors.write_text(
        '[[agent]]\nname = "cleric"\naliases = ["clerics"]\nsector = "REL"\n\n'
        '[[agent]]\nname = "main opposition group"\nsector = "MOP"\n\n'
        '[[agent]]\nname = "MSF"\nprefix = "NGO"\n'  # a prefix agent: not read, and no error
    )
    doc = storyline.process(
        "Iranian clerics met the Iraqi main opposition group in Najaf.", actors=[str(actors)], check_language=False
    )
    found = _nominal(doc)
    assert found["Iranian clerics"].code == "IRNREL"
    assert found["Iraqi main opposition group"].code == "IRQMOP"  # a phrase of three words


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Police arrested 12 people on Friday.", "Police"),
        ("A senior police official said that the situation was calm.", "official"),
        ("vadodara police imposed a curfew early in the morning.", "police"),
    ],
)
def test_the_police_named_bare_or_by_an_unknown_place_are_the_police(text: str, name: str) -> None:
    doc = storyline.process(text, published="2002-03-01", check_language=False)
    actors = {e.name: e.actor for e in doc.entities}
    assert actors[name] is not None and actors[name].sector == "COP"


def test_an_army_named_bare_takes_the_home_country_and_says_it_is_inferred() -> None:
    doc = storyline.process(
        "Israel said on Monday that talks would resume. Israel sent aid. The army withdrew from the town.",
        check_language=False,
    )
    army = next(e.actor for e in doc.entities if e.name == "army")
    assert army is not None and (army.code, army.country_inferred) == ("ISRMIL", True)


def _police(config: Config, text: str) -> list[str]:
    """The mentions "they" and the like add to the police entity in ``text`` (its first "police")."""
    police = entity(text, "police", "ORG", 1, actor=Actor("COP", None, None, "COP", None))
    work = parsed(config, text, entities=[police])
    s08_agents.link_group_pronouns(work.entities, work.parsed)
    return [m.text for m in police.mentions[1:]]


def test_they_joins_the_group_that_was_the_last_main_subject(config: Config) -> None:
    assert _police(config, "The police reached the village at noon. They opened fire on the crowd.") == ["They"]
    assert _police(config, "The police said on Monday that they had arrested twelve men.") == ["they"]


def test_they_stays_alone_when_the_last_main_subject_is_someone_else(config: Config) -> None:
    assert _police(config, "Residents said the police arrived late. They said they were afraid.") == []
    assert _police(config, "The police came at noon. The villagers fled. They hid in the fields.") == []
