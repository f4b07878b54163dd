"""Actors: codes from roles in the text, the dictionary (dated), metonyms, nationality words."""

from __future__ import annotations

from pathlib import Path

import pytest

import storyline
from storyline import Document
from storyline.document.article import Article
from storyline.document.encode import encode
from storyline.errors import InvalidArgument
from storyline.stages import s05_actors
from storyline.stages.stage import Config, Work

from .conftest import entity


def _actor(doc: Document, name: str) -> dict:  # type: ignore[type-arg]
    entity = next(e for e in doc.entities if e.name == name)
    assert entity.actor is not None, name
    return entity.actor


def test_role_before_the_name() -> None:
    doc = storyline.process("Austria's foreign minister Anna Keller arrived in Vienna on Monday.")
    assert encode(_actor(doc, "Anna Keller")) == {
        "code": "AUTGOV",
        "country": "AUT",
        "org": None,
        "sector": "GOV",
        "role": "foreign minister",
    }


def test_role_in_an_apposition_and_an_organisation() -> None:
    doc = storyline.process("Jonas Berg, Nato's secretary general, said the alliance was united.")
    berg = _actor(doc, "Jonas Berg")
    assert berg.org == "NATO" and berg.role == "secretary general" and berg.country is None


def test_metonyms_and_nationality_words() -> None:
    doc = storyline.process(
        "Moscow rejected the plan on Friday, while Washington said it would wait. Many Ukrainians fled west, "
        "and Russian officials declined to comment."
    )
    assert _actor(doc, "Moscow").code == "RUSGOV"
    assert encode(_actor(doc, "Washington")) == {
        "code": "USAGOV",
        "country": "USA",
        "org": None,
        "sector": "GOV",
        "role": None,
    }
    assert _actor(doc, "Ukrainians").country == "UKR"
    assert _actor(doc, "Russian officials").code == "RUSGOV"


def test_nominal_military_actor() -> None:
    doc = storyline.process("On Friday, Ukraine's military struck an oil pumping station in the Bryansk region.")
    assert encode(_actor(doc, "Ukraine's military")) == {
        "code": "UKRMIL",
        "country": "UKR",
        "org": None,
        "sector": "MIL",
        "role": None,
    }


def test_dictionary_offices_follow_the_publication_date(tmp_path: Path) -> None:
    actors = tmp_path / "actors.toml"
    actors.write_text(
        '[[person]]\nname = "Lena Voss"\noffices = [\n'
        '  { country = "DEU", sector = "GOV", role = "finance minister", start = 2019-01-01, end = 2023-01-01 },\n'
        '  { country = "DEU", sector = "GOV", role = "chancellor", start = 2023-01-01 },\n]\n'
    )
    text = "Lena Voss spoke in Berlin on Monday. Voss said the budget was balanced."
    early = storyline.process(text, published="2020-05-01", actors=[actors])
    late = storyline.process(text, published="2024-05-01", actors=[actors])
    assert _actor(early, "Lena Voss").role == "finance minister"
    assert _actor(late, "Lena Voss").role == "chancellor"
    assert _actor(late, "Lena Voss").code == "DEUGOV"


def test_text_beats_the_dictionary(tmp_path: Path) -> None:
    actors = tmp_path / "actors.toml"
    actors.write_text(
        '[[person]]\nname = "Lena Voss"\noffices = [{ country = "DEU", sector = "GOV", role = "chancellor" }]\n'
    )
    doc = storyline.process("Austria's ambassador Lena Voss met officials in Rome.", actors=[actors])
    assert _actor(doc, "Lena Voss").country == "AUT" and _actor(doc, "Lena Voss").role == "ambassador"


def test_a_broken_actor_file_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[[person]]\nname = \n")
    with pytest.raises(InvalidArgument, match="not valid TOML"):
        storyline.process("Anna Keller spoke.", actors=[bad])
    missing = tmp_path / "missing.toml"
    missing.write_text("[[person]]\noffices = []\n")
    with pytest.raises(InvalidArgument, match="lacks a field"):
        storyline.process("Anna Keller spoke.", actors=[missing])


def test_seed_actors() -> None:
    from ..conftest import SEED, need

    doc = storyline.process(need(SEED).read_text("utf-8"), published="2025-08-23")
    assert _actor(doc, "Sergei Lavrov").country == "RUS" and _actor(doc, "Sergei Lavrov").role == "foreign minister"
    assert _actor(doc, "Mark Rutte").org == "NATO"
    assert _actor(doc, "Volodymyr Zelensky").country == "UKR"
    assert _actor(doc, "Donald Trump").country == "USA"
    assert _actor(doc, "Vladimir Putin").country == "RUS"
    assert _actor(doc, "Kyiv").code == "UKRGOV"


def test_role_with_a_modifier_and_a_comma_before_the_name() -> None:
    doc = storyline.process(
        "Kyrgyz Deputy Foreign Minister Talant Osmonov met Tajikistan's lead negotiator, Rustam Nazarov, in Geneva."
    )
    assert encode(_actor(doc, "Talant Osmonov")) == {
        "code": "KGZGOV",
        "country": "KGZ",
        "org": None,
        "sector": "GOV",
        "role": "deputy foreign minister",
    }
    assert _actor(doc, "Rustam Nazarov").country == "TJK"


def test_an_organisation_named_after_its_country() -> None:
    from storyline.stages.s05_actors import _national_body

    assert encode(_national_body("the Latvian Constitutional Court")) == {
        "code": "LVAJUD",
        "country": "LVA",
        "org": None,
        "sector": "JUD",
        "role": None,
    }
    assert _national_body("Nigerian Union of Teachers").code == "NGALAB"  # type: ignore[index]
    assert _national_body("Sri Lankan army").code == "LKAMIL"  # type: ignore[index]
    assert _national_body("Acme Holdings") is None  # no country in the name
    assert _national_body("Paris Saint-Germain") is None  # a capital names a club, not a government


@pytest.mark.parametrize(
    ("text", "name", "code"),
    [
        ("Ethopia reopened its border with Kenya on Monday.", "Ethopia", "ETH"),  # untagged by the model
        ("Quatar's emir, Sheikh Omar bin Tariq, arrived in Paris.", "Omar bin Tariq", "QATGOV"),  # role owner
    ],
)
def test_a_country_name_misspelt_by_one_letter(text: str, name: str, code: str) -> None:
    assert _actor(storyline.process(text, check_language=False), name).code == code


def test_near_guesses_only_long_unambiguous_names() -> None:
    from storyline.knowledge.countries import near

    assert near("Phillippines").code == "PHL"  # type: ignore[union-attr]
    assert near("Irak") is None  # too short to guess: Iran and Iraq are one letter apart
    assert near("Nigeri") is None  # Niger and Nigeria are both one letter away
    assert near("Austria") is None  # exact names are lookup's


def test_parties_and_armed_groups_carry_their_country() -> None:
    doc = storyline.process("The Taliban and Boko Haram were named in the report.", check_language=False)
    assert encode(_actor(doc, "Taliban")) == {
        "code": "AFGREB",
        "country": "AFG",
        "org": "Taliban",
        "sector": "REB",
        "role": None,
    }
    assert _actor(doc, "Boko Haram").country == "NGA"


def test_a_users_group_entry(tmp_path: Path) -> None:
    actors = tmp_path / "actors.toml"
    actors.write_text('[[group]]\nname = "Free Valdor Front"\ncode = "VLDREB"\ncountry = "VLD"\nsector = "REB"\n')
    doc = storyline.process("The Free Valdor Front ambushed a convoy.", actors=[str(actors)], check_language=False)
    assert _actor(doc, "Free Valdor Front").country == "VLD"


def test_an_official_with_no_country_takes_the_documents_country() -> None:
    doc = storyline.process(
        "President Tomas Arvelo toured Ecuador's coast on Monday. Ecuador has suffered floods, and "
        "officials in Quito asked for aid.",
        check_language=False,
    )
    arvelo = _actor(doc, "Tomas Arvelo")
    assert arvelo.code == "ECUGOV" and arvelo.country_inferred is True


def test_no_home_country_when_two_countries_tie() -> None:
    doc = storyline.process("President Tomas Arvelo spoke about Peru and Chile.", check_language=False)
    arvelo = _actor(doc, "Tomas Arvelo")
    assert arvelo.country is None and arvelo.country_inferred is None


@pytest.mark.parametrize(
    ("text", "name", "code"),
    [
        ("On Tuesday, Nigerian junior foreign minister Ada Obi summoned the envoy.", "Ada Obi", "NGAGOV"),
        ("French National Assembly president Paul Merle met the delegates.", "Paul Merle", "FRAGOV"),
    ],
)
def test_a_role_with_a_rank_or_an_institution_before_it(text: str, name: str, code: str) -> None:
    assert _actor(storyline.process(text, check_language=False), name).code == code


def test_an_office_of_a_body_we_do_not_know_takes_no_home_country() -> None:
    doc = storyline.process(
        "Ghana rejected the plan. Ghana's parliament met on Monday, and Commission President Kofi Addo "
        "said Ghana had a week. Union president Ama Mensah called a strike in Ghana.",
        check_language=False,
    )
    addo, mensah = _actor(doc, "Kofi Addo"), _actor(doc, "Ama Mensah")
    assert addo.country is None and addo.country_inferred is None  # the Commission's, not Ghana's
    assert mensah.sector == "LAB" and mensah.country is None  # a union's president, not the state's


def test_a_surname_several_office_holders_share() -> None:
    import datetime as dt

    from storyline.knowledge.actor_dictionary import load_dictionary

    dictionary = load_dictionary()
    first, second = dictionary.office("Bush", dt.date(1990, 5, 1)), dictionary.office("Bush", dt.date(2005, 5, 1))
    assert first and second and first.start == dt.date(1989, 1, 20) and second.start == dt.date(2001, 1, 20)
    undated = dictionary.office("Bush", None)  # either Bush: both were last president of the USA
    assert undated is not None and (undated.country, undated.role) == ("USA", "president")
    assert dictionary.office("Clinton", dt.date(1995, 1, 1)).role == "president"  # type: ignore[union-attr]
    assert dictionary.office("Clinton", None) is None  # a president and a secretary of state: no guess
    doc = storyline.process("President Bush threatened further action against Russia.", check_language=False)
    assert _actor(doc, "Bush").code == "USAGOV"  # not the country the sentence names


def test_no_home_country_without_a_clear_lead() -> None:
    # Peru 3, Chile 2: Peru leads, but not with twice Chile's mentions (a guess of the leading
    # country codes foreign leaders in stories about a summit as the host's: no guess)
    doc = storyline.process(
        "President Tomas Arvelo spoke about Peru. Peru and Chile signed a deal; Peru's rivals in Chile objected.",
        check_language=False,
    )
    assert _actor(doc, "Tomas Arvelo").country is None


def test_an_office_named_after_its_department() -> None:
    doc = storyline.process("British Chancellor of the Exchequer Nigel Crane met the bankers.", check_language=False)
    assert _actor(doc, "Nigel Crane").code == "GBRGOV"


def test_the_stage_codes_the_entities_it_is_given(config: Config) -> None:
    text = "Austria's foreign minister Anna Keller arrived."
    work = Work(Article.create(text), text=text)
    work.entities = [entity(text, "Austria", "GPE", 1), entity(text, "Anna Keller", "PERSON", 2)]
    s05_actors.STAGE.run(work, config)
    austria, keller = (e.actor for e in work.entities)
    assert austria is not None and austria.code == "AUT"
    assert keller is not None and (keller.code, keller.role) == ("AUTGOV", "foreign minister")


def test_a_title_the_model_kept_inside_the_name_is_a_role() -> None:
    doc = storyline.process("Saudi Arabia will not cut prices, King Fahd told the Saudi cabinet on Monday.")
    assert _actor(doc, "King Fahd").code == "SAUGOV"


@pytest.mark.parametrize(
    ("text", "published", "name", "code", "inferred"),
    [
        (  # an official named by title alone is of the dateline's country
            "BONN, March 22 - Economics Minister Martin Bangemann said the state could not pour more "
            "money into the steel industry.",
            "1987-03-22",
            "Martin Bangemann",
            "DEUGOV",
            True,
        ),
        (  # but only where the text names it most: a story datelined OSAKA about the Philippines
            "OSAKA, April 27 - The Philippines asked Japan for loans. The Philippines needs money, and "
            "President Corazon Aquino will meet Japan's bankers.",
            "1987-04-27",
            "Corazon Aquino",
            "GOV",
            None,
        ),
        (  # an office of "the country" is the country named last before it, not the story's USA
            "WASHINGTON - U.S. officials are worried. The United States wants talks over Brazil's debt "
            "moratorium and the country's finance minister, Dilson Funaro, met U.S. bankers.",
            "1987-03-18",
            "Dilson Funaro",
            "BRAGOV",
            True,
        ),
    ],
)
def test_the_country_an_official_is_given_from_the_story(
    text: str, published: str, name: str, code: str, inferred: bool | None
) -> None:
    actor = _actor(storyline.process(text, published=published), name)
    assert (actor.code, actor.country_inferred) == (code, inferred)


def test_no_home_country_for_an_office_the_dictionary_has_another_person_hold() -> None:
    doc = storyline.process(
        "The United States raised tariffs. The U.S. Treasury said the United States would not wait, "
        "and President Xi called the move unfair.",
        published="2025-08-23",
        check_language=False,
    )
    xi = _actor(doc, "Xi")
    assert xi.role == "president" and xi.country is None  # the USA's president that day was Trump
    assert _actor(doc, "United States").country == "USA"


@pytest.mark.parametrize(
    ("text", "name", "code"),
    [
        (
            "U.S. officials and U.S. banks met Argentine finance secretary Mario Brodersohn in Washington.",
            "Mario Brodersohn",
            "ARGGOV",
        ),
        ("Assistant U.S. Treasury Secretary David Mulford met the banks.", "David Mulford", "USAGOV"),
        ("Bundesbank President Karl Otto Poehl met the banks.", "Karl Otto Poehl", "DEUGOV"),
        (
            "ABUJA, April 22 - Guinea's government spokesman, Mamadou Camara, called the decision unjust.",
            "Mamadou Camara",
            "GINGOV",
        ),
        (
            "NEW YORK - Philippines Trade and Industry Secretary Jose Concepcion met the banks.",
            "Jose Concepcion",
            "PHLGOV",
        ),
        ("New York Federal Reserve Bank President Gerald Corrigan met the banks.", "Gerald Corrigan", "USAGOV"),
    ],
)
def test_the_owner_of_an_office_read_past_its_title_words(text: str, name: str, code: str) -> None:
    assert _actor(storyline.process(text, published="1987-04-07"), name).code == code
