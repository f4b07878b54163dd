"""Actors: who each entity is, as a CAMEO-style code with country, organisation, sector and role.

Evidence, strongest first: the text's own role phrases ("Russia's foreign minister Sergei
Lavrov"), then the actor dictionary (offices dated against the publication date), then what
the name itself is (a country, a capital or seat of government used as a metonym, a
nationality word, an international organisation).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from storyline.document.records import Actor, Entity, Mention
from storyline.knowledge.actor_dictionary import ActorDictionary
from storyline.knowledge.countries import CountryMatch, fold, leading_country, lookup
from storyline.knowledge.gazetteer import gazetteer, misspelt_country
from storyline.knowledge.roles import Role, an_office, role_after, role_before
from storyline.knowledge.sectors import body_sector
from storyline.parse.datelines import dateline_spans
from storyline.stages.stage import Config, Stage, Work

__all__ = ["STAGE", "assign_actors", "home_country"]


def assign_actors(entities: list[Entity], text: str, dictionary: ActorDictionary, published: str | None) -> None:
    """Set ``entity.actor`` for every PERSON / ORG / GPE / NORP / FAC entity storyline can code."""
    day = dt.date.fromisoformat(published) if published else None
    owned_elsewhere = set()  # "Commission President Ibrahim Sesay": an office of a body we do not know
    for entity in entities:
        if entity.type != "PERSON":
            entity.actor = entity.actor or _actor(entity, dictionary, day)
            continue
        roles = [r for m in entity.mentions if m.label not in ("PRON", "TITLE") for r in _roles_at(m, text, dictionary)]
        entity.actor = entity.actor or _person(entity, roles, dictionary, day)
        if any(r.unknown_owner for r in roles):
            owned_elsewhere.add(entity.id)
        _the_countrys(entity, entities, text)
    _home_country([e for e in entities if e.id not in owned_elsewhere], text, dictionary, day)


# "... and the country's finance minister, Dilson Funaro": an office, then the name
_THE_COUNTRYS = re.compile(
    r"\b(?:the|this) (?:country|nation)['’]s (?:[\w-]+ ){0,3}(?P<office>[\w-]+),? $", re.IGNORECASE
)


def _the_countrys(person: Entity, entities: list[Entity], text: str) -> None:
    """An official whose office the text gives to "the country" ("Brazil's moratorium and the
    country's finance minister, Dilson Funaro") is of the country named last before it (marked
    ``country_inferred``): what the text says of the person, before any guess from the story."""
    found = person.actor
    if found is None or not found.sector or found.country or found.org:
        return
    for mention in person.mentions:
        phrase = _THE_COUNTRYS.search(text[max(0, mention.start - 80) : mention.start])
        if mention.label in ("PRON", "TITLE") or phrase is None or not an_office(phrase.group("office")):
            continue
        named = [
            (m.start, e.actor.country)
            for e in entities
            if e.type == "GPE" and e.actor and e.actor.country and not e.actor.sector
            for m in e.mentions
            if m.start < mention.start
        ]
        if named:
            country = max(named)[1]
            found.code, found.country, found.country_inferred = country + found.sector, country, True
            return


def home_country(entities: list[Entity]) -> str | None:
    """The country the document names most, where it leads clearly (twice the mentions of the
    next), counting the countries of entities that are no people."""
    ranked = _country_counts(entities).most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] < 2 * ranked[1][1]):
        return None
    return ranked[0][0]


def _country_counts(entities: list[Entity]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for entity in entities:
        if entity.type != "PERSON" and entity.actor and entity.actor.country:
            # a place at the very start is the dateline's, where the story is told from: twice
            counts[entity.actor.country] += len(entity.mentions) + sum(m.start == 0 for m in entity.mentions)
    return counts


def _dateline_home(entities: list[Entity], text: str) -> str | None:
    """The country of the story's dateline, where the text names no country or names that one
    more than any other ("LIMA - ..." in a story about Peru and Mexico). Not where another leads
    or ties: a story datelined OSAKA about the Philippines' debt."""
    dateline = _dateline_country(entities, text)
    ranked = _country_counts(entities).most_common(2)
    if not ranked:
        return dateline
    if len(ranked) == 2 and ranked[0][1] == ranked[1][1]:
        return None
    return dateline if ranked[0][0] == dateline else None


def _held_by_another(
    name: str, role: str | None, country: str, dictionary: ActorDictionary, day: dt.date | None
) -> bool:
    """Whether the dictionary has someone else in ``country``'s office ``role`` on ``day``, and
    never had one of this surname ("President Carter" in 1987 is a former president)."""
    if not (role and day and dictionary.holders(country, role, day)):
        return False  # an office the dictionary does not cover then, or an undated story
    surname = fold(name).split()[-1:]
    return not any(fold(h).split()[-1:] == surname for h in dictionary.holders(country, role))


def _home_country(entities: list[Entity], text: str, dictionary: ActorDictionary, day: dt.date | None) -> None:
    """An official the text gives no country ("President Abdelaziz Bouteflika said ...") is taken
    to be of the country the document names most (:func:`home_country`), or, where that one
    leads by less, of the country the story's dateline is in if it is that one: a wire story
    names the nationality of a foreign official and leaves the local one's to the dateline
    ("TOKYO - Finance Minister Kiichi Miyazawa said"). The actor says so with
    ``country_inferred``. Not one whose office the text gives to an unknown body, nor one whose
    office the dictionary has someone else hold in that country that day ("President Xi" in a
    story about the USA). So is a state body named by a name other countries' bodies share
    ("Congress", "the Interior Ministry", "the State Reserve Police")."""
    home = home_country(entities) or _dateline_home(entities, text)
    for entity in entities:
        found = entity.actor
        if home is None:
            # a guess at a country is worse than none: a state body keeps its sector alone
            sector = _state_body(entity.name, None) if entity.type == "ORG" and found is None else None
            entity.actor = Actor(sector, sector=sector) if sector else found
        elif entity.type == "PERSON" and found and found.sector and not (found.country or found.org):
            if not _held_by_another(entity.name, found.role, home, dictionary, day):
                found.code, found.country, found.country_inferred = home + found.sector, home, True
        elif entity.type == "ORG" and found is None:
            body = dictionary.institution(entity.name, day, home)
            sector = body.sector if body else _state_body(entity.name, home)
            if sector:
                entity.actor = Actor(home + sector, country=home, sector=sector, country_inferred=True)


def _dateline_country(entities: list[Entity], text: str) -> str | None:
    """The country of the story's first dateline place, where the place lies in one country."""
    spans = dateline_spans(text)
    if not spans:
        return None
    start = spans[0][0]
    for entity in entities:
        if any(m.start == start for m in entity.mentions):
            if entity.actor and entity.actor.country:
                return entity.actor.country
            countries = gazetteer().countries_of(entity.name)
            return countries.pop() if len(countries) == 1 else None
    return None


_STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG"})


# The words state bodies' names are made of; a name with any other word ("the Interior Ministry
# of Valdoria", "Hamas Police") may be another country's or a group's.
_BODY_WORDS = frozenset(
    """ministry department office agency bureau service services court police force forces army navy guard
    guards reserve rapid action armed border security special national federal state central supreme high
    constitutional interior foreign home defence defense justice finance affairs internal public of the and
    for commission council directorate command military air paramilitary district city provincial regional
    metropolitan parliament assembly senate congress legislature judiciary tribunal prosecutor prosecutors
    prosecution general attorney attorney's cabinet government administration intelligence investigation
    criminal crime branch unit task""".split()
)


def _state_body(name: str, home: str | None) -> str | None:
    """The sector of an organisation whose name says it is a state body ("the Interior Ministry",
    "the State Reserve Police", "Gujarat Police") and names no other owner: its words are those
    of such names, or a place the gazetteer puts in the home country (where there is one)."""
    sector = body_sector(name)
    if sector not in _STATE_SECTORS:
        return None
    for word in name.replace("’s", "").replace("'s", "").split():
        if word.lower() not in _BODY_WORDS and (home is None or home not in gazetteer().countries_of(word)):
            return None
    return sector


def _actor(entity: Entity, dictionary: ActorDictionary, day: dt.date | None) -> Actor | None:
    """What a name that is no person's stands for: an organisation, a state's institution, a
    seat of government, a country, its capital or its people, or a body named after its country."""
    org = dictionary.org(entity.name)
    if org:
        sector = org.sector or (org.kind if org.kind == "NGO" else None)
        return Actor(org.code, country=org.country, org=org.name, sector=sector)
    body = dictionary.institution(entity.name, day)
    if body is not None and body.country:
        return Actor(f"{body.country}{body.sector or ''}", country=body.country, sector=body.sector)
    seat = dictionary.seat(entity.name)
    if seat:
        return Actor(f"{seat.country}{seat.sector or ''}", country=seat.country, sector=seat.sector)
    country = lookup(entity.name) or _misspelt(entity)
    if country and entity.type in ("GPE", "NORP", "FAC", "ORG", "LOC"):
        if country.kind == "capital":  # Kyiv, Moscow, Washington: the government seated there
            return Actor(f"{country.code}GOV", country=country.code, sector="GOV")
        return Actor(country.code, country=country.code)
    if entity.type == "ORG":
        return _national_body(entity.name)
    return None


def _misspelt(entity: Entity) -> CountryMatch | None:
    """ "Quatar", "Ethopia": a place or group name that is a misspelt country's."""
    return misspelt_country(entity.name) if entity.type in ("GPE", "NORP", "ORG", "LOC") else None


def _national_body(name: str) -> Actor | None:
    """An organisation named after its country ("the Nigerian Union of Teachers", "the Serbian
    parliament"): that country, with the sector its name gives."""
    country = leading_country(name)
    if country is None:
        return None
    sector = body_sector(name)
    return Actor(f"{country.code}{sector or ''}", country=country.code, sector=sector)


def _person(entity: Entity, roles: list[Role], dictionary: ActorDictionary, day: dt.date | None) -> Actor | None:
    """A person's actor: the roles the text gives them first, then the dictionary's office."""
    office = dictionary.office(entity.name, day)
    country = next((r.country for r in roles if r.country), None) or (office.country if office else None)
    org = next((r.org for r in roles if r.org), None) or (office.org if office and not country else None)
    told = next((r for r in roles if r.country or r.org), roles[0] if roles else None)
    role = told.role if told else office.role if office else None
    sector = told.sector if told else office.sector if office else None
    if not (country or org or role):
        return None
    if org and not country:
        entry = dictionary.org(org)
        if entry is None:
            return Actor(org, org=org, sector=sector, role=role)
        return Actor(entry.code, country=entry.country, org=org, sector=entry.sector or sector, role=role)
    return Actor(f"{country or ''}{sector or ''}", country=country, org=org, sector=sector, role=role)


def _roles_at(mention: Mention, text: str, dictionary: ActorDictionary) -> list[Role]:
    before = role_before(text, mention.start, dictionary)
    first, _, rest = mention.text.partition(" ")
    if before is None and rest:  # "[King Fahd]", "[Governor Smith]": the model kept the title in the name
        before = role_before(text, mention.start + len(first) + 1, dictionary)
    found = [before, role_after(text, mention.end, dictionary)]
    return [r for r in found if r]


def _actors(work: Work, config: Config) -> None:
    assign_actors(work.entities, work.text, config.dictionary, work.published)
    work.home_country = home_country(work.entities)


STAGE = Stage(
    "actors",
    _actors,
    requires=("entities",),
    assigns=("entities.actor", "home_country"),
    about="each entity's actor: role phrases, then the actor dictionary, then what the name is; the home country",
)
