"""Unnamed actors: a group word owned by a country ("Ukraine's military", "Russian troops",
"Vietnamese-led forces", "Doctors from two American aid groups", "students in Lagos"), read
off the dependency parse.

The group word gives the sector (the actor dictionary's ``[[agent]]`` words, then
:data:`~storyline.knowledge.sectors.AGENTS`, CAMEO-style sector codes); the country comes from
a modifier of it (adjective, compound, possessive, or the word a hyphenated modifier hangs on)
or from what follows "of", "from" or "in" (a country, a capital, a nationality word, or a place
the gazetteer put in a country). Each distinct country, sector and group word is one entity; its mentions are the
phrases, from the owner to the group word.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from storyline.document.records import Actor, Entity, Mention
from storyline.knowledge.actor_dictionary import ActorDictionary
from storyline.knowledge.countries import lookup
from storyline.knowledge.sectors import AGENTS
from storyline.stages.s04_entities import token_owners
from storyline.stages.stage import Config, Stage, Work

__all__ = ["STAGE", "nominal_actors"]

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
            covering.actor = Actor(country + sector, country=country, sector=sector or None)
            continue
        key = f"{country}{sector}:{token.lemma_.lower()}"
        mention = Mention(span.start_char, span.end_char, span.text, "NOMINAL")
        if key in found:
            found[key].mentions.append(mention)
        else:
            found[key] = Entity(
                id="",
                name=span.text,
                type="ORG" if sector not in ("", "CVL") else "NORP",
                mentions=[mention],
                actor=Actor(country + sector, country=country, sector=sector or None),
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
        return found.country if not found.org or found.code == found.country else None
    if len(entity.mentions[0].text) > len(token.text):  # inside a longer, uncoded name: the word itself
        country = lookup(token.text)
        org = dictionary.org(token.text)
        if country is not None and country.kind != "capital":  # "McDonnell Douglas jets" are no Manx force
            return country.code
        return org.country if org is not None and org.code == org.country else None
    return entity.place.country if entity.place else None


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


def _agents(work: Work, config: Config) -> None:
    work.entities += nominal_actors(work.parsed, work.entities, config.dictionary)


STAGE = Stage(
    "agents",
    _agents,
    requires=("doc", "entities.actor", "entities.place"),
    assigns=("entities", "entities.actor"),
    about='unnamed actors: group words a country owns ("Russian troops"); an uncoded name that is one gets its actor',
)
