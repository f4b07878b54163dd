"""Countries by name, demonym and capital, from the countryinfo package, plus the forms news uses.

``lookup(text)`` answers "which country does this name, adjective or capital stand for?" —
the knowledge behind metonyms (Kyiv, Moscow, Washington -> that state's government) and
nationality words (Ukrainian, Russians -> the country).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlsplit

from countryinfo import all_countries
from rapidfuzz import process
from rapidfuzz.distance import OSA

__all__ = ["CountryMatch", "codes", "domain_country", "fold", "leading_country", "lookup", "names_pattern", "near"]

Kind = Literal["country", "demonym", "capital"]

# Forms that news writes and countryinfo lacks (facts: names, adjectives, seats of government).
_EXTRA_NAMES = {
    "USA": ["America", "the United States", "United States of America"],
    "GBR": ["Britain", "the United Kingdom", "England", "Scotland"],
    "NLD": ["the Netherlands"],
    "COG": ["Congo-Brazzaville"],
    "TUR": ["Türkiye"],
    "CZE": ["Czechia"],
    "MKD": ["North Macedonia"],
    "ARE": ["the Emirates"],
    "PSE": ["Gaza", "the West Bank", "the Palestinian territories"],
    "VAT": ["the Vatican", "Holy See"],
    "KOR": ["Korea"],
    "KHM": ["Kampuchea"],
    "COD": ["Congo-Kinshasa", "Zaire"],
    # former states, coded as their successor (the convention of the PLOVER and ICEWS data):
    # "West Germany" in a 1987 story is Germany's, "the Soviet Union" Russia's, Yugoslavia Serbia's
    "DEU": ["West Germany", "the Federal Republic of Germany"],
    "RUS": ["the Soviet Union", "USSR", "U.S.S.R."],
    "SRB": ["Yugoslavia"],
}
_EXTRA_DEMONYMS = {
    "USA": ["American", "Americans"],
    "GBR": ["British", "Briton", "Britons", "English", "Scottish"],
    "FRA": ["Frenchman", "Frenchmen"],
    "NLD": ["Dutchman"],
    "CHN": ["Beijing's"],
    "ISR": ["Israeli", "Israelis"],
    "PSE": ["Palestinian", "Palestinians"],
    "PHL": ["Filipino", "Filipinos", "Philippine"],
    "NZL": ["New Zealander", "New Zealanders"],
    "UKR": ["Ukrainian", "Ukrainians"],
    "RUS": ["Russian", "Russians", "Kremlin-backed", "Chechen", "Chechens", "Soviet", "Soviets"],
    "DEU": ["West German", "West Germans"],
    # countryinfo spells these the older way (Kirghiz, Tadzhik, ...) or not at all
    "KGZ": ["Kyrgyz"],
    "TJK": ["Tajik", "Tajiks"],
    "UZB": ["Uzbek", "Uzbeks"],
    "KAZ": ["Kazakh", "Kazakhs"],
    "SAU": ["Saudi", "Saudis"],
    "ARG": ["Argentine", "Argentinian", "Argentines", "Argentinians"],
    "KOR": ["South Korean", "South Koreans"],
    "PRK": ["North Korean", "North Koreans"],
    "NPL": ["Nepali", "Nepalese"],
    "LKA": ["Sri Lankan", "Sri Lankans"],
    "AZE": ["Azeri", "Azeris"],
    "BIH": [
        "Bosnian",
        "Bosnians",
        "Bosnian Serb",
        "Bosnian Serbs",
        "Bosnian Croat",
        "Bosnian Croats",
        "Bosniak",
        "Bosniaks",
    ],
    "XKX": ["Kosovar", "Kosovars"],
    "SVN": ["Slovenian", "Slovene", "Slovenians"],
    "ISL": ["Icelandic", "Icelander", "Icelanders"],
    # peoples whose state news names after them
    "SRB": ["Serb", "Serbs", "Yugoslav", "Yugoslavs"],
    "HRV": ["Croat", "Croats"],
    "TUR": ["Turk", "Turks"],
    "CYP": ["Greek Cypriot", "Greek Cypriots", "Turkish Cypriot", "Turkish Cypriots"],
    "KHM": ["Kampuchean", "Kampucheans"],
    "COD": ["Zairean", "Zaireans", "Zairian", "Zairians"],
}
_EXTRA_CAPITALS = {
    "USA": ["Washington", "Washington, D.C.", "Washington DC"],
    "UKR": ["Kiev", "Kyiv"],
    "NLD": ["The Hague"],
    "ISR": ["Jerusalem"],
    "CHE": ["Bern", "Berne"],
    "BOL": ["La Paz"],
    "CIV": ["Abidjan"],
    "MMR": ["Naypyidaw", "Naypyitaw"],
}
# All-caps codes that are country names in running text; other 2-3 letter codes (UA, GB) are not.
_CODES = {
    "US": "USA",
    "U.S.": "USA",
    "USA": "USA",
    "UK": "GBR",
    "U.K.": "GBR",
    "UAE": "ARE",
    "DRC": "COD",
    "PRC": "CHN",
    "ROK": "KOR",
    "DPRK": "PRK",
}


_FOLDED_CODES = {code.replace(".", "").casefold() for code in _CODES}  # "us" is a pronoun, not a country


@dataclass(frozen=True)
class CountryMatch:
    code: str  # ISO 3166-1 alpha-3
    kind: Kind


@functools.lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Case, accents, "the" and possessive folded away: the key names are compared by."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = re.sub(r"[’`]", "'", text)
    text = re.sub(r"^the\s+", "", text.strip())
    text = re.sub(r"'s?$", "", text)
    return " ".join(text.replace(".", "").split())


@functools.cache
def _index() -> dict[str, CountryMatch]:
    index: dict[str, CountryMatch] = {}

    def add(name: object, code: str, kind: Kind) -> None:
        if isinstance(name, list):  # countryinfo gives several capitals for a few countries
            for one in name:
                add(one, code, kind)
        elif isinstance(name, str) and fold(name) and fold(name) not in index and fold(name) not in _FOLDED_CODES:
            index[fold(name)] = CountryMatch(code, kind)

    infos = [c.info() for c in all_countries()]
    for code, names in _EXTRA_NAMES.items():
        for name in names:
            add(name, code, "country")
    for info in infos:  # names first: a name never loses to a capital of the same spelling
        code = info["ISO"]["alpha3"]
        add(info.get("name"), code, "country")
        for alt in info.get("altSpellings") or []:
            if not (alt.isupper() and len(alt) <= 4):  # "UA", "GBR": codes, not names
                add(alt, code, "country")
    for code, names in _EXTRA_DEMONYMS.items():
        for name in names:
            add(name, code, "demonym")
    # a demonym two countries share is the most populous one's: "Indian" is India's, not the
    # British Indian Ocean Territory's; "Dominican" the Dominican Republic's
    for info in sorted(infos, key=lambda i: -(i.get("population") or 0)):
        demonym = info.get("demonym")
        if demonym:
            code = info["ISO"]["alpha3"]
            add(demonym, code, "demonym")
            if not demonym.endswith(("ese", "ish", "ch", "ss", "s")):
                add(demonym + "s", code, "demonym")  # Ukrainians, Russians; not "Chineses"
    for code, names in _EXTRA_CAPITALS.items():
        for name in names:
            add(name, code, "capital")
    for info in infos:
        add(info.get("capital"), info["ISO"]["alpha3"], "capital")
    return index


def lookup(text: str) -> CountryMatch | None:
    """The country a name, demonym or capital stands for, if any."""
    bare = re.sub(r"^the\s+", "", text.strip())
    bare = re.sub(r"['’]s$", "", bare)
    if bare in _CODES:
        return CountryMatch(_CODES[bare], "country")
    if bare.isupper() and len(bare) <= 4:
        return None  # an unknown acronym is not a country because its letters spell one
    return _index().get(fold(text))


def leading_country(name: str) -> CountryMatch | None:
    """The country a longer name opens with: "French National Assembly", "the Nigerian Union of
    Teachers" -> that country (never a capital: "Moscow State University" is no government's)."""
    words = re.sub(r"^the\s+", "", name.strip(), flags=re.IGNORECASE).split()
    found = next((c for n in (2, 1) if len(words) > n and (c := lookup(" ".join(words[:n])))), None)
    return found if found is not None and found.kind != "capital" else None


# "Iran" and "Iraq" are one letter apart: a misspelling is guessed only for a word of six
# letters or more, and only into a name of five or more ("Quatar" -> Qatar)
_NEAR_MIN_LENGTH = 6


@functools.cache
def _spellings() -> dict[str, str]:
    """Folded country names and demonyms long enough to be recognised misspelt, by country code."""
    return {
        name: match.code
        for name, match in _index().items()
        if match.kind != "capital" and len(name) >= _NEAR_MIN_LENGTH - 1
    }


@functools.lru_cache(maxsize=1 << 14)
def near(text: str) -> CountryMatch | None:
    """The country a name misspelt by one letter stands for ("Ethopia", "Quatar", "Phillippines"):
    one deletion, insertion, substitution or swap of neighbours away from exactly one country's
    name or demonym, for a word of six letters or more. Exact names are :func:`lookup`'s."""
    key = fold(text)
    if len(key) < _NEAR_MIN_LENGTH or key in _index():
        return None
    spellings = _spellings()
    found = process.extract(key, spellings.keys(), scorer=OSA.distance, score_cutoff=1, limit=4)
    codes = {spellings[name] for name, _, _ in found}
    if len(codes) != 1:
        return None
    kind = _index()[found[0][0]].kind
    return CountryMatch(codes.pop(), kind)


@functools.cache
def _centres() -> dict[str, tuple[float, float]]:
    centres: dict[str, tuple[float, float]] = {}
    for info in (c.info() for c in all_countries()):
        latlng = info.get("latlng")
        if isinstance(latlng, list) and len(latlng) == 2:
            centres.setdefault(info["ISO"]["alpha3"], (float(latlng[0]), float(latlng[1])))
    return centres


def centre(code: str) -> tuple[float, float] | None:
    """The conventional centre point of a country (countryinfo's, in whole or half degrees)."""
    return _centres().get(code)


# Country-code domains that sites of every country use for what the letters spell (.tv, .io).
_GENERIC_DOMAINS = frozenset({"tv", "io", "me", "co", "fm", "ai", "ly", "cc", "ws", "to", "gg", "im", "la", "am"})


def domain_country(url: str | None) -> str | None:
    """The country of a web address's country-code domain: "bbc.co.uk" -> GBR, "abc.net.au" ->
    AUS; None for .com, .org and the like, and for the country codes used for their spelling."""
    host = urlsplit(url).hostname if url else None
    if not host or "." not in host:
        return None
    suffix = host.rsplit(".", 1)[1].lower()
    if suffix in _GENERIC_DOMAINS:
        return None
    return _alpha2().get("gb" if suffix == "uk" else suffix)


@functools.cache
def _alpha2() -> dict[str, str]:
    return {
        info["ISO"]["alpha2"].lower(): info["ISO"]["alpha3"]
        for info in (c.info() for c in all_countries())
        if info.get("ISO", {}).get("alpha2")
    }


@functools.cache
def codes() -> frozenset[str]:
    """Every country code :func:`lookup` can answer: ISO 3166-1 alpha-3 (and Kosovo's XKX)."""
    return frozenset(match.code for match in _index().values() if match.code) | frozenset(_CODES.values())


@functools.cache
def owner_before() -> re.Pattern[str]:
    """A country name or demonym (possessive allowed) that ends where the searched text ends.

    Callers find a cheap anchor first (a role word, "military") and search only the few dozen
    characters before it: a 700-name alternation run over whole articles costs more than the
    rest of the entity stage together.
    """
    return re.compile(rf"\b(?:the\s+)?(?P<owner>{names_pattern()}|Nato|NATO|UN|EU)(?:['’]s)?\s+$")


@functools.cache
def names_pattern() -> str:
    """A regular-expression alternation of every country name and demonym (longest first)."""
    forms: set[str] = set(_CODES)
    for info in (c.info() for c in all_countries()):
        forms.update(n for n in [info.get("name"), info.get("demonym")] if n)
        forms.update(a for a in info.get("altSpellings") or [] if not (a.isupper() and len(a) <= 4))
    for extra in (_EXTRA_NAMES, _EXTRA_DEMONYMS):
        for names in extra.values():
            forms.update(n.removeprefix("the ") for n in names)
    return "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True) if f[:1].isupper())
