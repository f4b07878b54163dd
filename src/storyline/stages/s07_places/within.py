"""Places the entity model leaves inside longer names or outside any name.

News names most places in passing, inside the names of other things or as modifiers:

    "the Toronto Police Services Board", "Derry's Altnagelvin Hospital"   (inside an ORG / FAC)
    "north west London", "Torkula village"                                 (inside a GPE the gazetteer lacks)
    "the Ukrainian government", "a U.S.-led coalition", "Syrian-Turkish"    (a country's name or adjective)
    "Master Sgt Dunbar of Austin, Texas", "Walker County (Ga.)"            (a town placed by its state)

Each such name becomes a place entity of its own, whose mentions carry the label ``WITHIN``: the
stages after this one read entities through :func:`storyline.parse.owners.own_mentions`, which
leaves them out, so that "Toronto" inside the police board's name never stands for the board.

How much a name must prove depends on where it stands. Inside a name the model tagged as a place
(GPE, LOC, FAC) any gazetteer entry may do. Inside another name (an organisation, an event) only
a continent, country, first-level region, county ("Walker County") or big city: "Independence"
in a party's name is no town in Missouri. Outside every name only a country, a nationality word,
a continent, a first-level region or a county. Anywhere, a word followed by ", <state>" that the
gazetteer knows as a town of that state is that town.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise

from spacy.tokens import Doc, Token

from storyline.document.records import WITHIN, Entity, Mention, Place
from storyline.knowledge.countries import lookup
from storyline.knowledge.gazetteer import gazetteer
from storyline.stages.s07_places.choice import PLACE_TYPES, choose, context, names_a_vessel_or_paper

__all__ = ["places_within"]

# Names of other kinds that may hold a place's name ("the Lagos Chamber of Commerce", "the 2015
# American League Division Series"); a PERSON's never does ("Jordan Peterson", "Chad Smith").
_NAMED = frozenset({"ORG", "NORP", "EVENT", "WORK_OF_ART", "LAW", "PRODUCT"})
_AREAS = frozenset({"continent", "country", "region"})
_BIG_CITY = 250_000  # a city's name inside another name: "Toronto" yes, "Police" (Poland) no
_BIG_REGION = 500_000  # a region's likewise: "Manitoba" yes, "Paul" (Cape Verde) no
_MOST_WORDS = 4
_COUNTY = re.compile(r"\s(?:County|Parish|Borough)$")
# Words that name a kind of place, a direction, a month or a day: never a place on their own,
# whatever town or region of some country bears them ("Southern" in Rwanda, "Centre" in
# Burkina Faso, "Cathedral City" in California).
_GENERIC = frozenset(
    """
    north south east west northern southern eastern western central upper lower middle greater inner
    outer new old great international national federal royal united union commonwealth republic
    kingdom empire city town village county state province district region territory
    street avenue road lane drive way square place park garden gardens centre center hall house
    hospital school college academy university church cathedral station airport port harbour harbor
    bridge estate tower market beach island islands peninsula coast bay gulf sea ocean river lake
    valley delta basin mountain mountains hills desert strait channel canal star
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday
    """.split()
)
# Words after a name that make it part of a natural feature's name ("the Indian Ocean", "the
# Niger Delta", "the Korean Peninsula"), whose place is the feature's, not the country's; and of
# a mission abroad ("the Russian Embassy" in Washington).
_FEATURE_AFTER = re.compile(
    r"\s+(?:Ocean|Sea|Delta|Peninsula|River|Gulf|Bay|Lake|Mountains|Islands?|Coast|Valley|Basin|Strait|"
    r"Channel|Desert|Plains?|Highlands|Sound|Street|Avenue|Road|Square|Boulevard|Embassy|Consulate)\b"
)
# Regions the gazetteer has no entry for, whose last word would otherwise be read as a country's
# adjective: "Latin American", "Central America" are not the United States.
_UNPLACED = re.compile(r"Latin Americ|Middle East")
# Continents and their parts that GeoNames names otherwise, and their nationality words (facts).
_CONTINENT_WORDS = {
    "european": ("Europe", True),
    "african": ("Africa", True),
    "asian": ("Asia", True),
    "north america": ("Northern America", False),
    "north american": ("Northern America", True),
    "south american": ("South America", True),
    "central american": ("Central America", True),
    "caribbean": ("Caribbean", True),
}
# The Associated Press's abbreviations of US states, as written after a town ("Pleasanton,
# Calif.") or in brackets ("Walker County (Ga.)"): only there, with their dot ("Miss." alone is a
# title, "Wash." a verb).
_STATES = {
    "Ala.": "Alabama", "Ariz.": "Arizona", "Ark.": "Arkansas", "Calif.": "California", "Colo.": "Colorado",
    "Conn.": "Connecticut", "Del.": "Delaware", "Fla.": "Florida", "Ga.": "Georgia", "Ill.": "Illinois",
    "Ind.": "Indiana", "Kan.": "Kansas", "Ky.": "Kentucky", "La.": "Louisiana", "Md.": "Maryland",
    "Mass.": "Massachusetts", "Mich.": "Michigan", "Minn.": "Minnesota", "Miss.": "Mississippi",
    "Mo.": "Missouri", "Mont.": "Montana", "Neb.": "Nebraska", "Nev.": "Nevada", "N.H.": "New Hampshire",
    "N.J.": "New Jersey", "N.M.": "New Mexico", "N.Y.": "New York", "N.C.": "North Carolina",
    "N.D.": "North Dakota", "Okla.": "Oklahoma", "Ore.": "Oregon", "Pa.": "Pennsylvania",
    "R.I.": "Rhode Island", "S.C.": "South Carolina", "S.D.": "South Dakota", "Tenn.": "Tennessee",
    "Vt.": "Vermont", "Va.": "Virginia", "Wash.": "Washington", "W.Va.": "West Virginia",
    "Wis.": "Wisconsin", "Wyo.": "Wyoming",
}  # fmt: skip
_STATE_AFTER = re.compile(r"(?:,\s*|\()(" + "|".join(re.escape(s) for s in _STATES) + r")(?=[\s),;:\-—]|$)")
_WORD = re.compile(r"[^\s\-‐–—/(),;:\"“”]+")
_POSSESSIVE = re.compile(r"['’]s?$")
_COMMA_NAME = re.compile(r",\s*([A-Z][\w.]*(?: [A-Z][\w.]*)?)")


@dataclass(frozen=True)
class _Found:
    start: int
    end: int
    place: Place
    nationality: bool  # "Ukrainian", "European": an adjective of the place, not its name


def places_within(doc: Doc, entities: list[Entity], publisher: str | None = None) -> list[Entity]:
    """New place entities for the places named inside other names or outside any, one per place
    (``publisher``: as for :func:`~.choice.resolve_places`)."""
    text = doc.text
    countries, regions = context(e.place for e in entities if e.place is not None)
    if publisher:
        countries.add(publisher)
    taken = {i for e in entities if e.place is not None for m in e.mentions for i in range(m.start, m.end)}
    found: list[_Found] = list(_states(text, taken))
    taken |= {i for f in found for i in range(f.start, f.end)}
    for start, end, where in _stretches(doc, entities, taken):
        found.extend(_names(text, start, end, where, countries, regions, taken))
    by_place: dict[tuple[int | None, str, bool], Entity] = {}
    for f in sorted(found, key=lambda f: f.start):
        if names_a_vessel_or_paper(text, f.start, f.end):
            continue  # "the carrier Liaoning"
        key = (f.place.geonameid, f.place.name, f.nationality)
        mention = Mention(f.start, f.end, text[f.start : f.end], WITHIN)
        if key in by_place:
            by_place[key].mentions.append(mention)
            continue
        kind = "NORP" if f.nationality else "LOC" if f.place.kind == "continent" else "GPE"
        n = len(entities) + len(by_place) + 1
        by_place[key] = Entity(id=f"E{n}", name=mention.text, type=kind, place=f.place, mentions=[mention])
    return list(by_place.values())


def _states(text: str, taken: set[int]) -> Iterator[_Found]:
    """ "Pleasanton, Calif.", "(Ga.)": a US state by its abbreviation."""
    for m in _STATE_AFTER.finditer(text):
        if m.start(1) in taken:
            continue
        state = [p for p in gazetteer().lookup(_STATES[m.group(1)]) if p.kind == "region" and p.country == "USA"]
        if state:
            yield _Found(m.start(1), m.end(1), state[0], False)


def _stretches(doc: Doc, entities: list[Entity], taken: set[int]) -> Iterator[tuple[int, int, str]]:
    """Character stretches to look in, and what stands there: "place" (a name the model tagged as
    a place but the gazetteer lacks), "name" (another kind of name), "town" (a one-word PERSON
    name followed by ", <state>": "Austin, Texas") or "free" (no name)."""
    named: set[int] = set()
    for entity in entities:
        if entity.place is not None:
            continue
        where = "place" if entity.type == "GPE" else "name" if entity.type in _NAMED | PLACE_TYPES else None
        for m in entity.mentions:
            named.update(range(m.start, m.end))
            if entity.type == "PERSON" and " " not in m.text and _state_after(doc.text, m.end) is not None:
                yield m.start, m.end, "town"
            elif where is not None and m.label != WITHIN:
                yield m.start, m.end, where
    run: list[Token] = []
    for token in [*doc, None]:
        if token is not None and token.idx not in taken and token.idx not in named and _free_name(token):
            if run and token.i != run[-1].i + 1:
                yield run[0].idx, run[-1].idx + len(run[-1]), "free"
                run = []
            run.append(token)
        elif run:
            yield run[0].idx, run[-1].idx + len(run[-1]), "free"
            run = []


def _free_name(token: Token) -> bool:
    """A capitalised word that may be a name: not a heading's all-capitals word ("KOBE IN THE
    HOUSE"), nor a sentence's first word unless the parser takes it for a name ("Reading the
    report, ...")."""
    if not token.text[:1].isupper() or (token.text.isupper() and len(token.text.replace(".", "")) > 3):
        return False
    return not token.is_sent_start or token.pos_ in ("PROPN", "ADJ")


def _names(
    text: str, start: int, end: int, where: str, countries: set[str], regions: set[str], taken: set[int]
) -> Iterator[_Found]:
    """The places named in ``text[start:end]``, longest names first, left to right."""
    words = [m.span() for m in _WORD.finditer(text, start, end)]
    words = [(s, e) for s, e in words if text[s].isupper() and s not in taken]
    i = 0
    while i < len(words):
        for n in range(min(_MOST_WORDS, len(words) - i), 0, -1):
            span = words[i : i + n]
            if any(not text[a[1] : b[0]].isspace() for a, b in pairwise(span)):
                continue  # "Syrian-Turkish": two names, not one
            first, last = span[0][0], span[-1][1]
            name = _POSSESSIVE.sub("", text[first:last])
            if _UNPLACED.match(name) and n > 1:
                i += n  # "Latin America": no place of ours, and not America's
                break
            found = None
            if not _FEATURE_AFTER.match(text, first + len(name)):
                found = _place(name, _state_after(text, last), where, countries, regions)
            if found is not None:
                place, nationality = found
                yield _Found(first, first + len(name), place, nationality)
                i += n
                break
        else:
            i += 1


def _place(
    name: str, state: Place | None, where: str, countries: set[str], regions: set[str]
) -> tuple[Place, bool] | None:
    """The place a name stands for here (``state``: the region named right after it, if any), and
    whether it is a nationality word; None if it needs more proof than its place gives."""
    gaz = gazetteer()
    if where == "town":
        return _town(name, state)
    if name.isupper() and len(name.replace(".", "")) <= 3:
        country = lookup(name)  # "US", "UK": no other acronym ("IN", "ME")
        return (gaz.countries[country.code], False) if country and country.code in gaz.countries else None
    if " " not in name and (name.casefold() in _GENERIC or len(name) <= 3 or name.count(".") == 1):
        return None  # "Southern", "Act", "Car" (a territory's and a republic's codes), "Jos. A. Bank"
    if name.casefold() in _CONTINENT_WORDS:
        continent, nationality = _CONTINENT_WORDS[name.casefold()]
        options = [p for p in gaz.lookup(continent) if p.kind == "continent"]
        return (options[0], nationality) if options else None
    options = gaz.lookup(name)
    areas = [p for p in options if p.kind in ("continent", "country")]
    if areas:
        return choose(areas, countries, regions), False
    country = lookup(name)  # a nationality word, or a country's other name
    if country is not None and country.kind in ("country", "demonym") and country.code in gaz.countries:
        own = [p for p in options if p.kind == "region" and p.country == country.code]  # "Wales", not Britain
        return (own[0], False) if own else (gaz.countries[country.code], country.kind == "demonym")
    town = _town(name, state)
    if town is not None:
        return town
    if where == "place":
        return (choose(options, countries, regions), False) if options else None
    county = _COUNTY.search(name) is not None
    big_city = _BIG_CITY if where == "name" else None
    options = [
        p
        for p in options
        if (p.kind in _AREAS and p.population >= _BIG_REGION)
        or (p.kind == "district" and county)
        or (p.kind == "city" and big_city is not None and p.population >= big_city)
    ]
    return (choose(options, countries, regions), False) if options else None


def _town(name: str, state: Place | None) -> tuple[Place, bool] | None:
    """ "Austin, Texas": a town of the state named after the comma, whatever the name stood in."""
    if state is None:
        return None
    towns = [p for p in gazetteer().lookup(name) if p.kind == "city" and p.admin1 == state.admin1]
    return (choose(towns), False) if towns else None


def _state_after(text: str, at: int) -> Place | None:
    """The first-level region named right after a comma at ``at`` ("…, Texas", "…, Calif.")."""
    m = _COMMA_NAME.match(text, at)
    if m is None:
        return None
    for name in (m.group(1), m.group(1).split()[0]):
        name = _STATES.get(name, name)
        regions = [p for p in gazetteer().lookup(name) if p.kind == "region"]
        if regions:
            return regions[0]
    return None
