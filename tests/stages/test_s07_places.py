"""Places: gazetteer look-ups and disambiguation on sentences written here."""

from __future__ import annotations

import pytest

from storyline import process
from storyline.document.records import Entity, Mention
from storyline.evaluation.geo import great_circle_km
from storyline.knowledge.gazetteer import gazetteer, name_key
from storyline.stages.s07_places import resolve_places


def _entity(name: str, type_: str = "GPE", n: int = 1) -> Entity:
    return Entity(id=f"E{n}", name=name, type=type_, mentions=[Mention(0, len(name), name)])


def _resolve(*names: str) -> dict[str, dict[str, object]]:
    """Resolve the names as the place entities of one article; name -> place."""
    entities = [_entity(name, n=i) for i, name in enumerate(names, start=1)]
    resolve_places(entities, " ".join(names))
    return {e.name: e.place for e in entities if e.place is not None}


def _km(place: dict[str, object], lat: float, lon: float) -> float:
    assert isinstance(place.lat, float) and isinstance(place.lon, float)
    return great_circle_km(place.lat, place.lon, lat, lon)


def test_name_key_ignores_case_diacritics_and_dots() -> None:
    assert name_key("the U.S.") == "us"
    assert name_key("Tamil Nādu") == name_key("TAMIL NADU") == "tamil nadu"
    assert name_key("Bryanskaya oblast'") == "bryanskaya oblast"


@pytest.mark.parametrize("name", ["Kyiv", "Kiev"])
def test_kyiv_under_either_spelling(name: str) -> None:
    place = _resolve(name)[name]
    assert place.country == "UKR" and place.kind == "city"
    assert place.geonameid == 703448
    assert _km(place, 50.45, 30.52) < 5


@pytest.mark.parametrize("name", ["the Bryansk region", "Bryansk Oblast", "Bryansk province"])
def test_bryansk_region_forms(name: str) -> None:
    place = _resolve(name)[name]
    assert place.kind == "region" and place.country == "RUS"
    assert place.geonameid == 571473
    assert _km(place, 53.0, 33.5) < 161


def test_country_and_its_short_forms() -> None:
    places = _resolve("Ukraine", "U.S.", "America", "Britain")
    assert places["Ukraine"].kind == "country" and places["Ukraine"].geonameid == 690791
    assert [places[n].country for n in ("U.S.", "America", "Britain")] == ["USA", "USA", "GBR"]


def test_alaska_is_a_us_state_not_the_town_in_the_philippines() -> None:
    place = _resolve("Alaska")["Alaska"]
    assert (place.country, place.kind, place.geonameid) == ("USA", "region", 5879092)


def test_paris_follows_texas_in_context() -> None:
    assert _resolve("Paris")["Paris"].country == "FRA"
    texas = _resolve("Paris", "Texas")["Paris"]
    assert texas.country == "USA" and _km(texas, 33.66, -95.56) < 20


def test_georgia_follows_its_neighbours() -> None:
    assert _resolve("Georgia", "Tbilisi")["Georgia"].country == "GEO"
    state = _resolve("Georgia", "Atlanta")["Georgia"]
    assert (state.country, state.kind) == ("USA", "region")


def test_a_city_name_alone_does_not_make_an_org_a_place() -> None:
    entities = [_entity("Reading", "ORG"), _entity("Ukraine", "ORG", 2)]
    resolve_places(entities, "Reading Ukraine")
    assert entities[0].place is None
    assert entities[1].place is not None and entities[1].place.country == "UKR"


def test_unknown_names_get_no_place() -> None:
    assert _resolve("Xqzzyville") == {}


def test_gazetteer_is_built_once() -> None:
    assert gazetteer() is gazetteer()


def test_pipeline_sets_places_on_a_written_sentence() -> None:
    doc = process("Russian drones struck Kyiv overnight, officials in Ukraine said on Sunday.", check_language=False)
    placed = {e.name: e.place for e in doc.entities if e.place}
    assert "Kyiv" in placed and placed["Kyiv"].country == "UKR"
    assert doc.to_dict()["entities"][0].keys() >= {"place"}


def test_the_stage_places_the_entities_it_is_given_by_their_context() -> None:
    from storyline.document.article import Article
    from storyline.stages import s07_places
    from storyline.stages.stage import Work

    from .conftest import entity

    text = "Floods hit Paris, Texas, on Monday."
    work = Work(Article.create(text), text=text)
    work.entities = [entity(text, "Paris", "GPE", 1), entity(text, "Texas", "GPE", 2)]
    s07_places.STAGE.run(work, None)  # type: ignore[arg-type]  # places reads no configuration
    paris, texas = (e.place for e in work.entities)
    assert paris is not None and texas is not None
    assert (paris.country, texas.country, texas.kind) == ("USA", "USA", "region")
