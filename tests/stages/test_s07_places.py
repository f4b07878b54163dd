"""Places: gazetteer look-ups and disambiguation on sentences written here."""

from __future__ import annotations

import pytest

from storyline import process
from storyline.document.records import WITHIN, Entity, Mention
from storyline.evaluation.geo import great_circle_km
from storyline.knowledge.gazetteer import gazetteer, name_key
from storyline.stages.s07_places import resolve_places
from storyline.stages.stage import Config


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


def test_the_stage_places_the_entities_it_is_given_by_their_context(config: Config) -> None:
    from storyline.stages import s07_places

    from .conftest import entity, parsed

    text = "Floods hit Paris, Texas, on Monday."
    given = [entity(text, "Paris", "GPE", 1), entity(text, "Texas", "GPE", 2)]
    work = parsed(config, text, entities=list(given))
    s07_places.STAGE.run(work, config)
    paris, texas = (e.place for e in work.entities[:2])
    assert paris is not None and texas is not None
    assert (paris.country, texas.country, texas.kind) == ("USA", "USA", "region")
    assert len(work.entities) == 2  # both names were the model's: nothing found within


def _within(text: str) -> dict[str, tuple[str, str, str]]:
    """The places found inside longer names or outside any: mention text -> (place, kind, country)."""
    doc = process(text, check_language=False)
    return {
        m.text: (e.place.name, e.place.kind, e.place.country)
        for e in doc.entities
        if e.place is not None
        for m in e.mentions
        if m.label == WITHIN
    }


def test_a_place_inside_an_organisation_name_is_found_and_the_organisation_keeps_its_words() -> None:
    text = "The Toronto Police Services Board said on Monday that it would review the case."
    assert _within(text)["Toronto"][1:] == ("city", "CAN")
    doc = process(text, check_language=False)
    board = next(e for e in doc.entities if e.name.startswith("Toronto Police"))
    assert [q.speaker for q in doc.quotes] == [board.id]  # the board speaks, not the city


def test_country_names_and_adjectives_outside_any_name() -> None:
    found = _within("Jets of the U.S.-led coalition struck targets near the Syrian-Turkish border.")
    assert found["U.S."][2] == "USA"
    assert found["Turkish"][2] == "TUR"  # "Syrian" is the model's own NORP name


def test_a_town_placed_by_its_state() -> None:
    found = _within("Master Sgt Johnathan J. Dunbar of Austin, Texas, died. PLEASANTON, Calif. - DeltaTrak said.")
    assert found["Austin"][:3] == ("Austin", "city", "USA")
    assert found["Calif."] == ("California", "region", "USA")
    assert found["PLEASANTON"][1:] == ("city", "USA")


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("The Independence Party won two seats.", "Independence"),  # a small city's name inside a name
        ("The debris was found in the Indian Ocean.", "Indian"),  # a feature named after a country
        ("Latin American wages have stagnated.", "American"),  # a region we have no entry for
        ("They tried to bring in that Southern influence in the design.", "Southern"),  # a direction
        ("The Rural Electrification Act of 1936 was amended.", "Act"),  # a territory's code
    ],
)
def test_words_that_only_look_like_places_stay_unplaced(text: str, word: str) -> None:
    assert word not in _within(text)


@pytest.mark.parametrize(
    ("url", "country"),
    [(None, "USA"), ("https://www.bbc.co.uk/news/1", "GBR"), ("https://www.abc.net.au/news/1", "AUS")],
)
def test_a_lone_namesake_follows_the_publisher_country(url: str | None, country: str) -> None:
    from storyline.document.article import Article
    from storyline.pipeline import process_many

    (doc,) = process_many([Article.create("Police in Richmond said the road was closed.", url=url)])
    assert {e.name: e.place.country for e in doc.entities if e.place} == {"Richmond": country}


def test_country_domains() -> None:
    from storyline.knowledge.countries import domain_country

    assert domain_country("https://www.cbc.ca/news") == "CAN"
    assert domain_country("https://www.thehindu.co.in/x") == "IND"
    assert [domain_country(u) for u in ("https://nytimes.com/x", "https://news.tv/x", "localhost", None)] == [None] * 4


def _placed(text: str) -> dict[str, str | None]:
    """Each named place's country, through the whole pipeline."""
    return {e.name: e.place.country if e.place else None for e in process(text, check_language=False).entities}


def test_a_place_followed_by_the_place_it_lies_in_is_inside_it() -> None:
    # Camden in New Jersey is the biggest namesake; "north London" says which one
    assert _placed("Police in Camden, north London, arrested two men after a stabbing.")["Camden"] == "GBR"
    # a list of towns is no such thing: London stays in England
    assert _placed("Flights from London, Paris and Rome were cancelled.")["London"] == "GBR"


def test_a_ship_or_a_newspaper_named_after_a_place_is_no_place() -> None:
    found = _placed("The Chinese carrier Liaoning sailed through the strait on Sunday.")
    assert found.get("Liaoning") is None
    assert _placed("A spokesman told the Metro newspaper that the firm would appeal.").get("Metro") is None
    assert _placed("Protesters gathered in Liaoning province on Sunday.")["Liaoning province"] == "CHN"
