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
import re
from collections.abc import Iterable

from storyline.document.records import Entity, Place
from storyline.knowledge.countries import lookup
from storyline.knowledge.gazetteer import gazetteer

__all__ = ["PLACE_TYPES", "candidates", "choose", "context", "names_a_vessel_or_paper", "resolve_places"]

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
    "Richmond" is the one in London), counted like one more place of the article's. A name the
    text gives to a ship or a newspaper ("the carrier Liaoning", "the Metro newspaper") is no
    place; a place followed by the place it lies in ("Camden, north London") is one inside it."""
    found = {
        n: options
        for n, entity in enumerate(entities)
        if entity.type in PLACE_TYPES | _OTHER_TYPES
        and not any(names_a_vessel_or_paper(text, m.start, m.end) for m in entity.mentions)
        and (options := candidates(entity))
    }
    first = {n: choose(options) for n, options in found.items()}
    starts = {m.start: n for n in first for m in entities[n].mentions}
    for n, options in found.items():
        # Context: where the article's other places are, as first chosen. A place's own first
        # choice is left out, so that a name cannot confirm itself.
        countries, regions = context(place for m, place in first.items() if m != n)
        within, compass = _lies_in(entities[n], text, starts)
        holder = first.get(within) if within is not None and within != n else None
        if holder is not None and first[n].kind not in _AREAS:
            inside = [p for p in options if p.country == holder.country]
            if compass:
                # "Camden, north London": one in the holder's country, else the holder itself (the
                # gazetteer may lack a borough), never a namesake abroad
                options = inside or [holder]
            elif holder.kind in _AREAS and inside:
                options = inside  # "Paris, Texas"; not a list of towns ("London, Paris and Rome")
        entities[n].place = choose(options, countries | {publisher} if publisher else countries, regions)


# "the carrier Liaoning", "the destroyer Kolkata"; "the Metro newspaper"
_VESSEL_BEFORE = re.compile(
    r"(?i)\b(?:carrier|warship|ship|vessel|destroyer|frigate|submarine|tanker|cruiser|ferry|yacht)\s+$"
)
_PAPER_AFTER = re.compile(r"(?i)^\s+(?:newspaper|tabloid|magazine)\b")  # not "daily", "weekly": adverbs too
# "Camden, north London": a comma, a compass word or none, and the place it lies in
_LIES_IN = re.compile(r"(?i)^,\s+(?:((?:north|south|east|west|central)(?:[- ]?(?:east|west))?(?:ern)?)\s+)?")


def names_a_vessel_or_paper(text: str, start: int, end: int) -> bool:
    """Whether the name at ``start:end`` is a ship's or a newspaper's, by the word before or after."""
    return bool(_VESSEL_BEFORE.search(text[max(0, start - 20) : start]) or _PAPER_AFTER.match(text[end : end + 20]))


def _lies_in(entity: Entity, text: str, starts: dict[int, int]) -> tuple[int | None, bool]:
    """The place entity (its index) named right after one of the entity's mentions, past a comma
    and perhaps a compass word: the place it lies in; and whether a compass word stood between."""
    for m in entity.mentions:
        after = _LIES_IN.match(text[m.end : m.end + 30])
        if after is not None and (n := starts.get(m.end + after.end())) is not None:
            return n, bool(after.group(1))
    return None, False


def context(places: Iterable[Place]) -> tuple[set[str], set[str]]:
    """The countries and first-level regions the places lie in."""
    places = list(places)
    return {p.country for p in places if p.country}, {p.admin1 for p in places if p.admin1}
