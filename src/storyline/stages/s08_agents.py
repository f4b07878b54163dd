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
from storyline.knowledge.gazetteer import gazetteer
from storyline.knowledge.sectors import AGENTS, STATE_BODIES
from storyline.parse.datelines import in_dateline
from storyline.parse.owners import token_owners
from storyline.parse.pronouns import free_pronouns, last_main_subject, speaker_subject
from storyline.stages.stage import Config, Stage, Work

__all__ = ["STAGE", "link_group_pronouns", "nominal_actors"]

_MODIFIERS = ("amod", "compound", "poss", "nmod", "npadvmod")
_OWNING_PREPS = ("of", "from", "in")


def nominal_actors(doc: Doc, entities: list[Entity], dictionary: ActorDictionary, home: str | None) -> list[Entity]:
    """Entities for country-owned group words the named entities do not already cover; a named
    entity the earlier stages could not code that is such a phrase gets its actor instead. A
    state's own body named bare ("police arrested ...") is the ``home`` country's (the one the
    document names most: the actors stage's ``home_country``), or its sector's alone where the
    text has no home country (:func:`_bare_state_body`)."""
    owner = token_owners(doc, entities)
    found: dict[str, Entity] = {}
    for token in doc:
        sector = _sector(token, dictionary)
        covering = owner.get(token.i)
        if sector is None or (covering is not None and (covering.actor or _a_person(covering, token))):
            continue
        owning = _owning(token, owner, dictionary)
        # a bare state body is the home country's; the police of a place we cannot place, or of
        # a text with no home country, are coded by their sector alone (armies and governments
        # are too often another country's to guess)
        bare = _bare_state_body(token) if owning is None and (covering is None or covering.type == "PERSON") else None
        country_of_bare = home if bare == "bare" else _named_country(token, home) if bare == "named" else None
        inferred = bare is not None and (country_of_bare is not None or sector == "COP")
        if inferred:
            owning = (country_of_bare or "", token.doc[token.i : token.i + 1])
        if owning is None:
            continue
        country, span = owning
        actor = Actor(
            country + sector,
            country=country or None,
            sector=sector or None,
            country_inferred=True if inferred and country else None,
        )
        if covering is not None:  # "Osgiliath soldiers", tagged by the model and left uncoded
            covering.actor = actor
            continue
        key = f"{country}{sector}:{token.lemma_.lower()}"
        mention = Mention(span.start_char, span.end_char, span.text, "NOMINAL")
        if key in found:
            found[key].mentions.append(mention)
        else:
            kind = "ORG" if sector not in ("", "CVL") else "NORP"
            found[key] = Entity(id="", name=span.text, type=kind, mentions=[mention], actor=actor)
        for t in span:
            owner.setdefault(t.i, found[key])  # "Chilean government officials": the body owns the next word
    for n, entity in enumerate(found.values(), start=len(entities) + 1):
        entity.id = f"E{n}"
    return list(found.values())


# What may stand before a bare state body's word and leave it bare: "the police", "local police",
# "riot police", "the state government".
_BARE_MODIFIERS = frozenset({"det", "amod", "nummod", "compound"})
_PLACES = frozenset({"GPE", "LOC"})  # "Gujarat police": a place's own, if not a country we know
_ARGUMENTS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos", "ROOT", "compound"})


def _a_person(entity: Entity, token: Token) -> bool:
    """Whether a person's name covers a group word: not where the word ends the name, which no
    person's name does ("malda police" tagged a person in a lower-case story)."""
    return entity.type == "PERSON" and not any(m.end == token.idx + len(token) for m in entity.mentions)


def _place_name(token: Token) -> bool:
    """A word the model took for a people's name that is a place's and no nationality's
    ("gujarat" tagged NORP in a lower-case story)."""
    return token.ent_type_ == "NORP" and lookup(token.text) is None and bool(gazetteer().lookup(token.text))


def _named_country(token: Token, home: str | None) -> str | None:
    """The country of the place named before a state body's word ("vadodara police"): the
    home country where the place may be in it, else the one country the gazetteer gives."""
    names = [c for c in token.children if c.i < token.i and (c.pos_ == "PROPN" or c.ent_type_)]
    countries = set().union(*(gazetteer().countries_of(c.text) for c in names))
    if home in countries:
        return home
    return countries.pop() if len(countries) == 1 else None


def _bare_state_body(token: Token) -> str | None:
    """Whether a group word names a state's own body alone: "bare" ("police", "the troops",
    "riot police"), "named" (after a place name we could not place: "Gujarat police"), or None
    (no state body's word, no argument, or another owner named: a possessive, "of X", an
    organisation, a nationality, a person)."""
    lemma = token.lemma_.lower()
    before = token.nbor(-1).lower_ if token.i > 0 else ""
    if lemma not in STATE_BODIES and f"{before} {lemma}" not in STATE_BODIES and token.lower_ not in STATE_BODIES:
        return None
    if token.dep_ not in _ARGUMENTS:
        return None
    found = "bare"
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in _OWNING_PREPS:
            return None
        if child.i > token.i:
            continue
        named = child.pos_ == "PROPN" or bool(child.ent_type_)
        # a proper name the model gave no type ("vadodara police" in a lower-case story) is
        # taken for a place, as an untyped name before a state body's word nearly always is
        foreign = named and child.ent_type_ and child.ent_type_ not in _PLACES and not _place_name(child)
        if child.dep_ not in _BARE_MODIFIERS or foreign:
            return None  # "Hamas fighters", "Valdorian troops": someone else's, whom we could not code
        if named:
            found = "named"
    return found


def _sector(token: Token, dictionary: ActorDictionary) -> str | None:
    """The sector of a group word ("" for one with the country alone), None for no group word;
    the dictionary's ``[[agent]]`` words first, longest first ("main opposition group")."""
    if token.pos_ not in ("NOUN", "PROPN") or (token.dep_ == "compound" and not _doer_modifier(token)):
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


def _doer_modifier(token: Token) -> bool:
    """ "police firing", "police action": a state body's word before a word naming no group
    (not "police commissioner", where the group word is the title's)."""
    head = token.head
    lemma = token.lemma_.lower()
    return (
        lemma in STATE_BODIES
        and head.i == token.i + 1
        and head.pos_ in ("NOUN", "VERB")
        and f"{lemma} {head.lemma_.lower()}" not in AGENTS
        and head.lemma_.lower() not in AGENTS
    )


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
        if child.dep_ in _MODIFIERS and child.i < token.i and not in_dateline(child):
            for t in (child, *(g for g in child.children if g.dep_ in _MODIFIERS and not in_dateline(g))):
                country = _country(t, owner, dictionary)
                if country:
                    start = min(t.left_edge.i, child.left_edge.i)
                    while start < token.i and (doc[start].is_punct or in_dateline(doc[start])):
                        start += 1  # "SIDON, Lebanon, March 23 - Israeli jets": from "Israeli"
                    return country, doc[start : token.i + 1]
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


def link_group_pronouns(entities: list[Entity], doc: Doc) -> None:
    """Add "they"/"them" mentions to the group the last main-clause subject before them names
    ("the police reached the spot. They opened fire"), in their sentence or the one before, or
    to the speaker's group in "X said they ...": only a plural group with an actor code (police,
    troops, rebels). Any other last subject ("residents") leaves the pronoun alone. Not "their":
    "presented their credentials to X" is no act on them."""
    groups = [e for e in entities if e.type != "PERSON" and e.actor is not None and e.actor.sector]
    owner = token_owners(doc, groups)
    for token, quoted in free_pronouns(doc, _GROUP_PRONOUNS, owner):
        subject = speaker_subject(token) or last_main_subject(token, quoted, 1, _GROUP_PRONOUNS)
        if subject is not None and subject.i in owner and _plural(subject):
            owner[subject.i].mentions.append(Mention(token.idx, token.idx + len(token), token.text, "PRON"))


_GROUP_PRONOUNS = frozenset({"they", "them"})
_COLLECTIVES = frozenset({"police", "army", "military", "militia", "navy"})  # singular in form, "they" in news


def _plural(word: Token) -> bool:
    return word.tag_ in ("NNS", "NNPS") or word.lower_ in _COLLECTIVES


def _agents(work: Work, config: Config) -> None:
    work.entities += nominal_actors(work.parsed, work.entities, config.dictionary, work.home_country)
    link_group_pronouns(work.entities, work.parsed)  # "the police ... They": groups are all known now


STAGE = Stage(
    "agents",
    _agents,
    requires=("doc", "entities.actor", "entities.place", "home_country"),
    assigns=("entities", "entities.actor", "entities.mentions"),
    about='unnamed actors: group words a country owns ("Russian troops"); an uncoded name that is one gets its '
    'actor; "they" joined to the group it names',
)
