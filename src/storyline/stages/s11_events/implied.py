"""Sources read off the context, where the sentence names none.

"Fifteen workers were arrested" names no one who arrested them; in news such an arrest is the
police's. :func:`arrested_by_police` gives it the police the sentence names, else the police
of the country where it happened, else the police the text named last before it, and marks
the event ``source_inferred``, with less confidence than a named source. Only for an act whose
sentence names no doer at all (:func:`names_no_doer`): "a court charged him" names one, if
one storyline cannot code.

"Iraqi jets attacked a convoy ... The attack killed 12": a definite event noun with no one
named points back to the act of its kind told before it; :func:`told_before` gives it that
act's actors, marked ``source_inferred`` too.
"""

from __future__ import annotations

from spacy.tokens import Token

from storyline.document.records import Actor, Entity, Event

__all__ = ["arrested_by_police", "names_no_doer", "told_before"]


def names_no_doer(word: Token | None) -> bool:
    """Whether the sentence gives an act no doer at all: a passive with no "by", a noun with
    no possessor or "by" ("a court charged him" names one, if one we cannot code)."""
    if word is None:
        return False
    if word.pos_ == "VERB":
        return not any(c.dep_ in ("nsubj", "agent", "csubj") for c in word.children)
    return not any(c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ == "by") for c in word.children)


def arrested_by_police(events: list[Event], entities: list[Entity], places: dict[str, Entity]) -> None:
    """ "Fifteen workers were arrested": an arrest whose doer the sentence does not name was
    made by the police: those the sentence names, else the police of the country where it
    happened ("arrested in Lebanon"), else those the text named last before it; the event says
    so with ``source_inferred``."""
    mentions = sorted(
        (
            (m.start, e)
            for e in entities
            if e.actor and e.actor.sector == "COP" and e.type != "PERSON"
            for m in e.mentions
        ),
        key=lambda pair: pair[0],
    )
    for event in events:
        if event.source is not None or not event.cameo.startswith("173"):
            continue
        before = [(start, e) for start, e in mentions if start < event.evidence.end]
        place = places[event.location].place if event.location else None
        if before and before[-1][0] >= event.evidence.start:
            source, actor = before[-1][1], before[-1][1].actor
        elif place is not None and place.country and event.location:
            source, actor = places[event.location], Actor(f"{place.country}COP", country=place.country, sector="COP")
        elif before:
            source, actor = before[-1][1], before[-1][1].actor
        else:
            continue
        event.source, event.source_actor, event.source_inferred = source.id, actor, True
        event.confidence = round(min(1.0, event.confidence * 2 * _INFERRED), 2)  # no longer "unknown"


_INFERRED = 0.7  # a source read off the context is less sure than one the sentence names


_DEFINITE = frozenset({"the", "this", "that", "these", "those"})


def told_before(events: list[tuple[Event, Token | None]]) -> dict[int, Event]:
    """ "The attack", "the talks", "these clashes" with no one named: the actors of the latest
    act told before it with the same word ("attacked" ... "the attack"), the same code and a
    source the text names, on a date that does not differ. (A word of its kind alone is not
    enough: a riot story tells of many killings, by many hands.) Returns, by ``id()`` of each
    such event, the event it names again."""
    named_again: dict[int, Event] = {}
    told: dict[tuple[str, str], Event] = {}  # (lemma, code) -> its latest telling with a named source
    for event, word in sorted(events, key=lambda pair: pair[0].evidence.start):
        if word is None:
            continue
        key = (word.lemma_.lower(), event.cameo)
        if event.source is not None and not event.source_inferred:
            told[key] = event
            continue
        earlier = told.get(key)
        if earlier is None or event.source is not None or event.target is not None:
            continue
        if event.date and event.date.timex and earlier.date and event.date.value != earlier.date.value:
            continue  # "the attack on Tuesday" after Monday's: another one
        if (
            word.pos_ == "NOUN"
            and names_no_doer(word)
            and any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in word.children)
        ):
            event.source, event.source_actor = earlier.source, earlier.source_actor
            event.target, event.target_actor = earlier.target, earlier.target_actor
            event.date = event.date if event.date and event.date.timex else earlier.date
            event.source_inferred = True
            event.confidence = round(min(1.0, event.confidence * 2 * _INFERRED), 2)
            named_again[id(event)] = earlier
    return named_again
