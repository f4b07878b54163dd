"""Sources read off the context, where the sentence names none.

"Fifteen workers were arrested" names no one who arrested them; in news such an arrest is the
police's. :func:`arrested_by_police` gives it the police the sentence names, else the police
of the country where it happened, else the police the text named last before it, and marks
the event ``source_inferred``, with less confidence than a named source. Only for an act whose
sentence names no doer at all (:func:`names_no_doer`): "a court charged him" names one, if
one storyline cannot code.
"""

from __future__ import annotations

from spacy.tokens import Token

from storyline.document.records import Actor, Entity, Event

__all__ = ["arrested_by_police", "names_no_doer"]


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
