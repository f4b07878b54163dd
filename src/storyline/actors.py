"""Actors: who each entity is, as a CAMEO-style code with country, organisation, sector and role.

Evidence, strongest first: the text's own role phrases ("Russia's foreign minister Sergei
Lavrov"), then the actor dictionary (offices dated against the publication date), then what
the name itself is (a country, a capital or seat of government used as a metonym, a
nationality word, an international organisation).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from .actor_dictionary import ActorDictionary
from .countries import fold, lookup, owner_before
from .entities import Entity, Mention
from .roles import Role, role_after, role_before

__all__ = ["assign_actors", "nominal_actors"]

# "Ukraine's military", "Russian troops", "the Hungarian government": a country and a body of it.
_BODIES = {
    "armed forces": "MIL",
    "military": "MIL",
    "army": "MIL",
    "troops": "MIL",
    "forces": "MIL",
    "navy": "MIL",
    "air force": "MIL",
    "soldiers": "MIL",
    "government": "GOV",
    "authorities": "GOV",
    "officials": "GOV",
    "diplomats": "GOV",
    "foreign ministry": "GOV",
    "defence ministry": "MIL",
    "defense ministry": "MIL",
    "police": "COP",
    "parliament": "LEG",
    "lawmakers": "LEG",
    "rebels": "REB",
    "separatists": "REB",
    "opposition": "OPP",
    "media": "MED",
    "businesses": "BUS",
    "companies": "BUS",
    "civilians": "CVL",
    "residents": "CVL",
    "rescuers": "CVL",
}


def actor(
    code: str, country: str | None = None, org: str | None = None, sector: str | None = None, role: str | None = None
) -> dict[str, Any]:
    return {"code": code, "country": country, "org": org, "sector": sector, "role": role}


def assign_actors(entities: list[Entity], text: str, dictionary: ActorDictionary, published: str | None) -> None:
    """Set ``entity.actor`` for every PERSON / ORG / GPE / NORP / FAC entity storyline can code."""
    day = dt.date.fromisoformat(published) if published else None
    for entity in entities:
        if entity.actor is None:
            entity.actor = _actor(entity, text, dictionary, day)


def _actor(entity: Entity, text: str, dictionary: ActorDictionary, day: dt.date | None) -> dict[str, Any] | None:
    if entity.type == "PERSON":
        return _person(entity, text, dictionary, day)
    org = dictionary.org(entity.name)
    if org:
        return actor(org.code, org=org.name, sector=org.kind if org.kind == "NGO" else None)
    seat = dictionary.seat(entity.name)
    if seat:
        return actor(f"{seat.country}{seat.sector or ''}", country=seat.country, sector=seat.sector)
    country = lookup(entity.name)
    if country and entity.type in ("GPE", "NORP", "FAC", "ORG", "LOC"):
        if country.kind == "capital":  # Kyiv, Moscow, Washington: the government seated there
            return actor(f"{country.code}GOV", country=country.code, sector="GOV")
        return actor(country.code, country=country.code)
    if entity.type == "ORG":
        return _national_body(entity.name)
    return None


# The body an organisation's name says it is ("the Latvian Constitutional Court" -> JUD): the
# bodies of "Ukraine's military"-style phrases, and the institutions only names carry
_NAMED_BODIES = {
    **_BODIES,
    "court": "JUD", "tribunal": "JUD", "judiciary": "JUD",
    "assembly": "LEG", "congress": "LEG", "senate": "LEG", "duma": "LEG",
    "ministry": "GOV", "cabinet": "GOV",
    "party": "PTY", "union": "LAB", "news agency": "MED", "television": "MED", "radio": "MED",
}  # fmt: skip


def _national_body(name: str) -> dict[str, Any] | None:
    """An organisation named after its country ("the Nigerian Union of Teachers", "the Serbian
    parliament"): that country, with the sector its name gives."""
    words = re.sub(r"^the\s+", "", name.strip(), flags=re.IGNORECASE).split()
    country = next((c for n in (2, 1) if len(words) > n and (c := lookup(" ".join(words[:n])))), None)
    if country is None or country.kind == "capital":
        return None
    folded = f" {fold(name)} "
    sector = next((code for word, code in _NAMED_BODIES.items() if f" {word} " in folded), None)
    return actor(f"{country.code}{sector or ''}", country=country.code, sector=sector)


def _person(entity: Entity, text: str, dictionary: ActorDictionary, day: dt.date | None) -> dict[str, Any] | None:
    roles = [r for m in entity.mentions if m.label not in ("PRON", "TITLE") for r in _roles_at(m, text, dictionary)]
    office = dictionary.office(entity.name, day)
    country = next((r.country for r in roles if r.country), None) or (office.country if office else None)
    org = next((r.org for r in roles if r.org), None) or (office.org if office and not country else None)
    told = next((r for r in roles if r.country or r.org), roles[0] if roles else None)
    role = told.role if told else office.role if office else None
    sector = told.sector if told else office.sector if office else None
    if not (country or org or role):
        return None
    if org and not country:
        org_entry = dictionary.org(org)
        return actor(org_entry.code if org_entry else org, org=org, sector=sector, role=role)
    return actor(f"{country or ''}{sector or ''}", country=country, org=org, sector=sector, role=role)


def _roles_at(mention: Mention, text: str, dictionary: ActorDictionary) -> list[Role]:
    found = [role_before(text, mention.start, dictionary), role_after(text, mention.end, dictionary)]
    return [r for r in found if r]


_BODY = re.compile(
    r"\b(?P<body>"
    + "|".join(re.escape(b).replace(r"\ ", r"\s+") for b in sorted(_BODIES, key=len, reverse=True))
    + r")\b"
)


def nominal_actors(text: str, entities: list[Entity]) -> list[Entity]:
    """Entities for "Ukraine's military"-style actors, one per distinct country and body."""
    found: dict[str, Entity] = {}
    for body in _BODY.finditer(text):
        window = text[max(0, body.start() - 60) : body.start()]
        owner = owner_before().search(window)
        country = lookup(owner.group("owner")) if owner else None
        if not owner or not country:
            continue
        start = body.start() - len(window) + owner.start("owner")
        phrase = text[start : body.end()]
        sector = _BODIES[" ".join(body.group("body").lower().split())]
        mention = Mention(start, body.end(), phrase, "NOMINAL")
        key = f"{country.code}{sector}:{fold(body.group('body'))}"
        if key in found:
            found[key].mentions.append(mention)
            continue
        found[key] = Entity(
            "",
            phrase,
            "ORG" if sector != "CVL" else "NORP",
            [mention],
            actor=actor(f"{country.code}{sector}", country=country.code, sector=sector),
        )
    start = len(entities)
    for n, entity in enumerate(found.values(), start=start + 1):
        entity.id = f"E{n}"
    return list(found.values())
