"""A state's institutions by their own names: the shipped list, its dates, shared names, and
a user's own entries."""

from __future__ import annotations

import datetime as dt
import tomllib
from importlib import resources
from pathlib import Path

import storyline
from storyline.knowledge.actor_dictionary import load_dictionary
from storyline.knowledge.countries import centre

SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG", "PTY"}


def _shipped() -> list[dict]:  # type: ignore[type-arg]
    text = resources.files("storyline.knowledge").joinpath("data/institutions.toml").read_text("utf-8")
    return tomllib.loads(text)["institution"]  # type: ignore[no-any-return]


def test_every_shipped_institution_has_a_known_country_and_a_state_sector() -> None:
    entries = _shipped()
    assert len(entries) >= 80
    for entry in entries:
        assert centre(entry["country"]) is not None, entry["name"]  # an ISO 3166 alpha-3 code we know
        assert entry["sector"] in SECTORS, entry["name"]
        assert set(entry) <= {"name", "country", "sector", "aliases", "home_aliases", "start", "end"}, entry["name"]


def test_the_g20_and_the_seed_countries_each_have_institutions() -> None:
    countries = {e["country"] for e in _shipped()}
    g20 = "ARG AUS BRA CAN CHN FRA DEU IND IDN ITA JPN KOR MEX RUS SAU ZAF TUR GBR USA".split()
    seed = "UKR HUN SVK KAZ".split()
    assert set(g20 + seed) <= countries


def test_an_institution_is_not_named_before_it_existed() -> None:
    dictionary = load_dictionary()
    assert dictionary.institution("DHS", dt.date(2010, 1, 1)) is not None
    assert dictionary.institution("DHS", dt.date(1999, 1, 1)) is None  # founded in 2002


def test_a_shared_name_is_the_home_countrys_body_only() -> None:
    dictionary = load_dictionary()
    assert dictionary.institution("Congress", None) is None
    assert dictionary.institution("Congress", None, home="USA").country == "USA"  # type: ignore[union-attr]
    assert dictionary.institution("Congress", None, home="IND") is None  # India's Congress is a party


def test_institutions_code_the_events_they_do() -> None:
    doc = storyline.process(
        "The FBI arrested two men in Ohio on Monday. The Justice Department charged them with fraud in Washington.",
        published="2024-05-06",
        check_language=False,
    )
    sources = {e.trigger.text: e.source_actor.code for e in doc.events if e.source_actor}
    assert sources == {"arrested": "USACOP", "charged": "USAJUD"}


def test_a_state_body_named_for_another_owner_is_not_the_home_countrys() -> None:
    doc = storyline.process(
        "The United States and Washington sent aid. The Interior Ministry of Valdoria refused it in Ohio.",
        published="2024-05-06",
        check_language=False,
    )
    (ministry,) = [e for e in doc.entities if "Valdoria" in e.name]
    assert ministry.actor is None


def test_a_users_file_adds_institutions(tmp_path: Path) -> None:
    mine = tmp_path / "mine.toml"
    mine.write_text('[[institution]]\nname = "the Valdorian Guard"\ncountry = "EST"\nsector = "MIL"\n', "utf-8")
    dictionary = load_dictionary(str(mine))
    assert dictionary.institution("Valdorian Guard", dt.date(2024, 1, 1)).country == "EST"  # type: ignore[union-attr]
