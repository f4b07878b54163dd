"""Word patterns around an event verb, as dictionary-based coders (TABARI, PETRARCH) write them.

A pattern is a line of words with ``*`` for the verb: ``* diplomatic ties`` matches "restore
full diplomatic ties", ``failed_to_ *`` matches "failed to agree". Between two elements a space
allows any words in between, ``_`` asks for the next word straight after. An element is:

- a word, matched against a token's lower-cased text or its lemma;
- ``(a|b_c|d)``: any one of these words or glued phrases (a synonym set spelt out);
- ``$`` / ``+``: where the source / the target stands (the first actor from there on, or for a
  slot before the verb the nearest actor before it); ``%`` marks where a compound actor
  stands, ``^`` any phrase: neither matches anything by itself.

Words after the verb are looked for, in order, in the rest of its sentence; words before it, in
reverse order, in the sentence before it. Of the patterns that match, the one with the most
words wins (the earliest written on a tie), so ``* diplomatic ties`` beats ``* ties`` beats
``*``. A code written ``A:B`` also codes the reverse event B, from the target to the source.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from spacy.tokens import Token

from storyline.errors import InvalidArgument

__all__ = ["Match", "Pattern", "best_match", "parse_pattern"]

_SLOTS = ("$", "+", "%", "^")
_At = Callable[[int, tuple[str, ...]], bool]  # does this phrase start at this position?
_ELEMENT = re.compile(r"\([^)]*\)|[^\s_()]+|_")


@dataclass(frozen=True)
class _Element:
    phrases: tuple[tuple[str, ...], ...]  # alternatives, each a run of glued words; () for a slot
    slot: str | None = None  # "$", "+", "%", "^" or "*" (the verb)
    glued: bool = False  # straight after the element on its left


@dataclass(frozen=True)
class Pattern:
    text: str
    before: tuple[_Element, ...]  # in reading order, the last one nearest the verb
    after: tuple[_Element, ...]
    code: str
    reverse: str | None = None  # "030:033": the target does 033 to the source
    verb_glued: bool = False  # "failed_to_ *"... the verb straight after the last word before it

    @property
    def words(self) -> int:
        return sum(len(e.phrases[0]) for e in (*self.before, *self.after) if e.slot is None)


@dataclass(frozen=True)
class Match:
    pattern: Pattern
    source: int | None  # token index where the pattern's ``$`` points, if it has one
    target: int | None


def parse_pattern(text: str, code: str, where: str) -> Pattern:
    """A pattern line (``* diplomatic ties``) and its code (``"901"`` or ``"032:033"``)."""
    elements: list[_Element] = []
    glue = False
    for raw in _ELEMENT.findall(text.lower()):
        if raw == "_":
            glue = True
            continue
        if raw == "*" or raw in _SLOTS:
            elements.append(_Element((), raw, glue))
        elif raw.startswith("("):
            options = tuple(tuple(w for w in alt.split("_") if w) for alt in raw[1:-1].split("|"))
            elements.append(_Element(tuple(o for o in options if o), None, glue))
        else:
            elements.append(_Element(((raw,),), None, glue))
        glue = False
    verbs = [i for i, e in enumerate(elements) if e.slot == "*"]
    if len(verbs) != 1 or any(e.slot is None and not e.phrases for e in elements):
        raise InvalidArgument(f"{where}: the pattern {text!r} must have one * (the verb) and no empty ( )")
    at = verbs[0]
    codes = code.split(":")
    return Pattern(
        text=text,
        before=tuple(elements[:at]),
        after=tuple(elements[at + 1 :]),
        code=codes[0],
        reverse=codes[1] if len(codes) > 1 and codes[1] else None,
        verb_glued=elements[at].glued,
    )


def best_match(verb: Token, patterns: Sequence[Pattern], is_actor: set[int]) -> Match | None:
    """The pattern with the most words that matches around ``verb``; ``is_actor`` holds the
    indices of tokens inside an actor's mention (for the ``$`` and ``+`` slots)."""
    sentence = verb.sent
    words = [t.lower_ for t in sentence]  # read once for all the verb's patterns
    lemmas = [t.lemma_.lower() for t in sentence]

    def at(position: int, phrase: tuple[str, ...]) -> bool:
        if position < 0 or position + len(phrase) > len(words):
            return False
        return all(w in (words[position + k], lemmas[position + k]) for k, w in enumerate(phrase))

    best: Match | None = None
    for pattern in patterns:
        if best is not None and pattern.words <= best.pattern.words:
            continue
        found = _match(verb, pattern, is_actor, at)
        if found is not None:
            best = found
    return best


def _match(verb: Token, pattern: Pattern, is_actor: set[int], at: _At) -> Match | None:
    sentence = verb.sent
    offset = sentence.start
    roles: dict[str, int | None] = {}

    # after the verb, left to right: each element at the earliest place it fits
    cursor = verb.i - offset + 1
    for element in pattern.after:
        if element.slot is not None:
            if element.slot in "$+":
                roles[element.slot] = _actor_at(range(cursor + offset, sentence.end), is_actor)
            continue
        place = _first_fit(element, cursor, len(sentence), at, exact=element.glued)
        if place is None:
            return None
        cursor = place
    # before the verb, right to left, nearest first
    cursor = verb.i - offset  # the element must end before here
    glued = pattern.verb_glued
    for element in reversed(pattern.before):
        if element.slot is not None:
            if element.slot in "$+":
                roles[element.slot] = _actor_at(range(cursor + offset - 1, offset - 1, -1), is_actor)
            glued = element.glued
            continue
        start = _last_fit(element, cursor, at, exact=glued)
        if start is None:
            return None
        cursor, glued = start, element.glued
    return Match(pattern, roles.get("$"), roles.get("+"))


def _actor_at(indices: range, is_actor: set[int]) -> int | None:
    return next((i for i in indices if i in is_actor), None)


def _first_fit(element: _Element, cursor: int, end: int, at: _At, exact: bool) -> int | None:
    """Where the element's match ends, starting at ``cursor`` (only there when ``exact``)."""
    for position in [cursor] if exact else range(cursor, end):
        for phrase in element.phrases:
            if at(position, phrase):
                return position + len(phrase)
    return None


def _last_fit(element: _Element, cursor: int, at: _At, exact: bool) -> int | None:
    """Where the element's match starts, ending at ``cursor`` (only there when ``exact``)."""
    for end in [cursor] if exact else range(cursor, 0, -1):
        for phrase in element.phrases:
            if at(end - len(phrase), phrase):
                return end - len(phrase)
    return None
