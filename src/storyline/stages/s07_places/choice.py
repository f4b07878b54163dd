"""The place entities resolved to a GeoNames gazetteer entry, offline.

Each place entity gets ``{"geonameid", "lat", "lon", "country", "kind"}``. A name usually has
several candidates ("Paris": France, Texas, Ontario, ...). The choice is made in two passes:
first by a prior alone (countries and continents over first-level regions over cities, cities by
population), then again with the article's other places as context, so that "Paris" next to
"Texas" is Paris, Texas and "Georgia" next to "Atlanta" is the US state. Metonymic uses ("Kyiv
said ...") still get the place: who acts for the place is the actors stage's business.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from storyline.document.records import Entity, Place
from storyline.knowledge.countries import lookup
from storyline.knowledge.gazetteer import gazetteer

__all__ = ["PLACE_TYPES", "candidates", "choose", "context", "resolve_places"]

PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
# The model sometimes tags a country as ORG or NORP ("Ukraine" in a sports line), or a region as
# PERSON ("Tamil Nadu"): such an entity counts as a place only when its name is a country or
# region (for PERSON, a name of several words: "Georgia" or "Victoria" may well be a person).
_OTHER_TYPES = frozenset({"ORG", "NORP", "PERSON"})
_AREAS = frozenset({"country", "region", "continent"})
# A LOC or FAC name that is also a town's ("Atlantic", "Heathrow", "Broadway") is rarely that
# town: for them only a big city counts.
_LOC_CITY_POPULATION = 100_000

# Prior scores. A country or a continent name is nearly always meant as such; a first-level
# region beats a city of the same name unless the city is big (log10 population / 2 > 2.7, about
# 250,000 people: Washington, D.C. over Washington state, but Ontario the province over
# Ontario, California); second-level districts (counties) are weak. A tenfold population is
# worth half a point, more than the country context: Washington, D.C. stays itself in an article
# that also names London.
_KIND_PRIOR = {"continent": 4.2, "country": 4.0, "region": 2.7, "district": 1.5}
# Context: a candidate in a country the article names elsewhere, and one inside (or containing)
# a first-level region where another of the article's places lies.
_SAME_COUNTRY = 0.6
_SAME_REGION = 1.2  # together less than a country's lead over a town: "Mexico" near Missouri


def candidates(entity: Entity) -> list[Place]:
    """Gazetteer entries the entity's names may refer to (its canonical name first)."""
    gaz = gazetteer()
    if entity.type == "NORP":  # "Irish", "Russians": the country, as news geoparsers count them
        country = lookup(entity.name)
        home = gaz.countries.get(country.code) if country and country.kind == "demonym" else None
        return [home] if home else []
    for name in [entity.name, *dict.fromkeys(m.text for m in entity.mentions)]:
        found = gaz.lookup(name)
        if entity.type in ("LOC", "FAC"):
            found = [p for p in found if p.kind != "city" or p.population >= _LOC_CITY_POPULATION]
        elif entity.type == "PERSON":
            found = [p for p in found if p.kind in _AREAS and " " in name.strip()]
        elif entity.type not in PLACE_TYPES:
            found = [p for p in found if p.kind in _AREAS]
        if found:
            return found
    return []


def prior(place: Place) -> float:
    if place.kind == "city":
        return math.log10(place.population + 1) / 2
    return _KIND_PRIOR.get(place.kind, 0.0)


def choose(options: list[Place], countries: set[str] | None = None, regions: set[str] | None = None) -> Place:
    """The best candidate, given the countries and first-level regions of the article's other places."""
    countries = countries or set()
    regions = regions or set()

    def score(place: Place) -> tuple[float, int]:
        value = prior(place)
        if place.country in countries:
            value += _SAME_COUNTRY
        if place.admin1 and place.admin1 in regions:
            value += _SAME_REGION
        return value, place.population

    return max(options, key=score)


def resolve_places(entities: list[Entity], text: str, publisher: str | None = None) -> None:
    """Set ``entity.place`` for the place entities that the gazetteer knows. ``publisher``: the
    country of the site that published the article, where its address says (a ".co.uk" page's
    "Richmond" is the one in London), counted like one more place of the article's."""
    found = {
        n: options
        for n, entity in enumerate(entities)
        if entity.type in PLACE_TYPES | _OTHER_TYPES and (options := candidates(entity))
    }
    first = {n: choose(options) for n, options in found.items()}
    for n, options in found.items():
        # Context: where the article's other places are, as first chosen. A place's own first
        # choice is left out, so that a name cannot confirm itself.
        countries, regions = context(place for m, place in first.items() if m != n)
        entities[n].place = choose(options, countries | {publisher} if publisher else countries, regions)


def context(places: Iterable[Place]) -> tuple[set[str], set[str]]:
    """The countries and first-level regions the places lie in."""
    places = list(places)
    return {p.country for p in places if p.country}, {p.admin1 for p in places if p.admin1}
