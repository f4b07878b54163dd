"""Where an event happened, as its text tells it, apart from the places the article merely names.

- ``clause``: a place its own clause puts it in ("struck a station in the Bryansk region",
  "talks at Geneva");
- ``dateline``: else, where its sentence names no place at all, the place of the story's
  dateline ("KYIV, March 3 - ..."): where the story was filed;
- none otherwise: a place named in another clause of the sentence is that clause's.

``precision`` is the place's kind: continent, country, region (first-level), district
(second-level) or city.

The places are those the entity model tagged and those the gazetteer found standing alone, where
the model saw no name ("struck a power station in Kharkiv"): :func:`place_tokens`. A place's name
inside another name ("the Toronto Police Services Board") or a nationality word is no place of
an event.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Token

from storyline.document.records import WITHIN, Entity
from storyline.parse.clauses import clause_tokens
from storyline.parse.datelines import dateline_spans
from storyline.parse.text import text_of

__all__ = ["LOCATIVE", "clause_place", "event_place", "place_tokens"]

LOCATIVE = frozenset({"in", "at", "near", "outside", "inside"})


def place_tokens(doc: Doc, places: Iterable[Entity], owner: dict[int, Entity]) -> dict[int, Entity]:
    """Token index -> the place a mention covering it names: the places among the entities each
    token belongs to (``owner``), and the mentions of ``places`` the gazetteer found outside every
    name (``WITHIN`` mentions none of whose tokens another name owns), nationality words aside."""
    where = {i: e for i, e in owner.items() if e.place}
    for entity in places:
        if entity.type == "NORP":
            continue
        for m in entity.mentions:
            span = doc.char_span(m.start, m.end, alignment_mode="expand") if m.label == WITHIN else None
            if span is not None and not any(t.i in owner for t in span):
                for token in span:
                    where.setdefault(token.i, entity)
    return where


def clause_place(word: Token, owner: dict[int, Entity]) -> Entity | None:
    """The place the word's own clause puts the event in."""
    for t in clause_tokens(word):
        entity = owner.get(t.i)
        if entity is not None and entity.place and t.head.lower_ in LOCATIVE:
            return entity
    return None


def event_place(word: Token, owner: dict[int, Entity]) -> tuple[Entity | None, str | None]:
    """The place of the event ``word`` tells, and how it was found (clause, dateline)."""
    place = clause_place(word, owner)
    if place is not None:
        return place, "clause"
    sentence = word.sent
    if any((e := owner.get(t.i)) is not None and e.place for t in sentence):
        return None, None
    filed = _dateline_place(word, owner)
    return (filed, "dateline") if filed is not None else (None, None)


def _dateline_place(word: Token, owner: dict[int, Entity]) -> Entity | None:
    """The place of the last dateline before the word's sentence, where the gazetteer knows it."""
    spans = [s for s in dateline_spans(text_of(word.doc)) if s[0] <= word.sent.start_char]
    if not spans:
        return None
    start, dash, _ = spans[-1]
    place = word.doc.char_span(start, dash, alignment_mode="expand")
    for t in place if place is not None else ():
        if (entity := owner.get(t.i)) is not None and entity.place:
            return entity
    return None
