"""Where an event happened, as its text tells it, apart from the places the article merely names.

- ``clause``: a place its own clause puts it in ("struck a station in the Bryansk region",
  "talks at Geneva");
- ``dateline``: else, where its sentence names no place at all, the place of the story's
  dateline ("KYIV, March 3 - ..."): where the story was filed;
- none otherwise: a place named in another clause of the sentence is that clause's.

``precision`` is the place's kind: continent, country, region (first-level), district
(second-level) or city.
"""

from __future__ import annotations

from spacy.tokens import Token

from storyline.document.records import Entity
from storyline.parse.clauses import clause_tokens
from storyline.parse.datelines import dateline_spans
from storyline.parse.text import text_of

__all__ = ["LOCATIVE", "clause_place", "event_place"]

LOCATIVE = frozenset({"in", "at", "near", "outside", "inside"})


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
