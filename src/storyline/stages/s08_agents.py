"""Unnamed actors: a group word owned by a country ("Ukraine's military", "Russian troops",
"Vietnamese-led forces", "Doctors from two American aid groups", "students in Lagos"), read
off the dependency parse.

The group word gives the sector (the actor dictionary's ``[[agent]]`` words, then
:data:`AGENTS`, CAMEO-style sector codes); the country comes from a modifier of it (adjective,
compound, possessive, or the word a hyphenated modifier hangs on) or from what follows "of",
"from" or "in" (a country, a capital, a nationality word, or a place the gazetteer put in a
country). Each distinct country, sector and group word is one entity; its mentions are the
phrases, from the owner to the group word.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from storyline.knowledge.actor_dictionary import ActorDictionary
from storyline.knowledge.countries import fold, lookup
from storyline.stages.s04_entities import Entity, Mention, actor, token_owners

__all__ = ["AGENTS", "body_sector", "nominal_actors"]

# Group words (lemmas; two-word ones with their modifier) and their sector ("": the country alone).
AGENTS: dict[str, str] = {
    "armed force": "MIL", "air force": "MIL", "military": "MIL", "army": "MIL", "troop": "MIL",
    "force": "MIL", "navy": "MIL", "soldier": "MIL", "militia": "MIL", "defence ministry": "MIL",
    "defense ministry": "MIL", "warplane": "MIL", "jet": "MIL", "helicopter": "MIL", "peacekeeper": "MIL",
    "government": "GOV", "authority": "GOV", "official": "GOV", "diplomat": "GOV", "administration": "GOV",
    "foreign ministry": "GOV", "ministry": "GOV", "negotiator": "GOV", "delegation": "GOV",
    "regime": "GOV", "leadership": "GOV", "leader": "GOV",
    "police": "COP", "policeman": "COP", "security force": "COP",
    "parliament": "LEG", "lawmaker": "LEG", "legislator": "LEG", "legislature": "LEG",
    "rebel": "REB", "separatist": "REB", "guerrilla": "REB", "insurgent": "REB", "militant": "REB",
    "gunman": "REB", "fighter": "REB",
    "opposition": "OPP", "dissident": "OPP",
    "court": "JUD", "judge": "JUD", "prosecutor": "JUD",
    "media": "MED", "newspaper": "MED", "journalist": "MED", "reporter": "MED",
    "business": "BUS", "company": "BUS", "firm": "BUS", "businessman": "BUS",
    "civilian": "CVL", "resident": "CVL", "people": "CVL", "villager": "CVL", "citizen": "CVL",
    "protester": "CVL", "demonstrator": "CVL", "crowd": "CVL", "youth": "CVL", "activist": "CVL",
    "rescuer": "CVL", "student": "EDU", "teacher": "EDU", "worker": "LAB", "union": "LAB",
    "farmer": "AGR", "doctor": "HLH", "refugee": "REF",
    "side": "",
}  # fmt: skip

# The body a name says it is ("the Latvian Constitutional Court" -> JUD, "Union president" ->
# LAB): the group words, and the institutions only names carry
_BODIES = {
    **{word: sector for word, sector in AGENTS.items() if sector},
    "tribunal": "JUD", "judiciary": "JUD",
    "assembly": "LEG", "congress": "LEG", "senate": "LEG", "duma": "LEG",
    "cabinet": "GOV", "party": "PTY", "news agency": "MED", "television": "MED", "radio": "MED",
}  # fmt: skip


def body_sector(name: str) -> str | None:
    """The sector of the body named first in a name: "Nigerian Union of Teachers" is a union."""
    folded = f" {fold(name)} "
    found = [(m.start(), code) for word, code in _BODIES.items() if (m := re.search(rf" {word}s? ", folded))]
    return min(found)[1] if found else None


_MODIFIERS = ("amod", "compound", "poss", "nmod", "npadvmod")
_OWNING_PREPS = ("of", "from", "in")


def nominal_actors(doc: Doc, entities: list[Entity], dictionary: ActorDictionary) -> list[Entity]:
    """Entities for country-owned group words the named entities do not already cover; a named
    entity the earlier stages could not code that is such a phrase gets its actor instead."""
    owner = token_owners(doc, entities)
    found: dict[str, Entity] = {}
    for token in doc:
        sector = _sector(token, dictionary)
        covering = owner.get(token.i)
        if sector is None or (covering is not None and (covering.actor or covering.type == "PERSON")):
            continue
        owning = _owning(token, owner, dictionary)
        if owning is None:
            continue
        country, span = owning
        if covering is not None:  # "Osgiliath soldiers", tagged by the model and left uncoded
            covering.actor = actor(country + sector, country=country, sector=sector or None)
            continue
        key = f"{country}{sector}:{token.lemma_.lower()}"
        mention = Mention(span.start_char, span.end_char, span.text, "NOMINAL")
        if key in found:
            found[key].mentions.append(mention)
        else:
            found[key] = Entity(
                "",
                span.text,
                "ORG" if sector not in ("", "CVL") else "NORP",
                [mention],
                actor=actor(country + sector, country=country, sector=sector or None),
            )
        for t in span:
            owner.setdefault(t.i, found[key])  # "Chilean government officials": the body owns the next word
    for n, entity in enumerate(found.values(), start=len(entities) + 1):
        entity.id = f"E{n}"
    return list(found.values())


def _sector(token: Token, dictionary: ActorDictionary) -> str | None:
    """The sector of a group word ("" for one with the country alone), None for no group word;
    the dictionary's ``[[agent]]`` words first, longest first ("main opposition group")."""
    if token.pos_ not in ("NOUN", "PROPN") or token.dep_ == "compound":
        return None
    if dictionary.agents:
        words = [t.lower_ for t in token.doc[max(0, token.i - 3) : token.i + 1]]
        for n in range(len(words), 0, -1):
            sector = dictionary.agents.get(" ".join(words[-n:]))
            if sector is not None:
                return sector
    lemma = token.lemma_.lower()
    before = token.nbor(-1).lower_ if token.i > 0 else ""
    for key in (f"{before} {lemma}", f"{before} {token.lower_}", lemma, token.lower_):
        if key in AGENTS:
            return AGENTS[key]
    return None


def _country(token: Token, owner: dict[int, Entity], dictionary: ActorDictionary) -> str | None:
    """The country of the entity at ``token``: a country, capital or nationality word (a
    dictionary entry coded as a bare country included), or a place the gazetteer put in a
    country; not a person or an organisation ("Hezbollah guerrillas" are Hezbollah's)."""
    entity = owner.get(token.i)
    if entity is None or entity.type == "PERSON":
        return None
    if entity.actor:
        found = entity.actor
        return found["country"] if not found.get("org") or found["code"] == found["country"] else None
    if len(entity.mentions[0].text) > len(token.text):  # inside a longer, uncoded name: the word itself
        country = lookup(token.text)
        org = dictionary.org(token.text)
        if country is not None and country.kind != "capital":  # "McDonnell Douglas jets" are no Manx force
            return country.code
        return org.country if org is not None and org.code == org.country else None
    return (entity.place or {}).get("country")


def _owning(token: Token, owner: dict[int, Entity], dictionary: ActorDictionary) -> tuple[str, Span] | None:
    """The country owning a group word and the phrase that says so."""
    doc = token.doc
    for child in token.children:
        if child.dep_ in _MODIFIERS and child.i < token.i:
            for t in (child, *(g for g in child.children if g.dep_ in _MODIFIERS)):
                country = _country(t, owner, dictionary)
                if country:
                    return country, doc[min(t.left_edge.i, child.left_edge.i) : token.i + 1]
    for prep in token.children:
        if prep.dep_ != "prep" or prep.lower_ not in _OWNING_PREPS:
            continue
        for pobj in (g for g in prep.children if g.dep_ == "pobj"):
            for t in (pobj, *(g for g in pobj.children if g.dep_ in _MODIFIERS)):
                country = _country(t, owner, dictionary)
                if country:
                    first = token.left_edge
                    return country, doc[first.i + (first.dep_ == "det") : pobj.i + 1]
    return None
