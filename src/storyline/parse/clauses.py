"""A word's own clause in the dependency parse (its subtree without the clauses embedded in it),
and the nouns a clause names after its prepositions."""

from __future__ import annotations

from spacy.tokens import Token

__all__ = ["CLAUSES", "agent", "clause_tokens", "object_after", "object_of"]

CLAUSES = ("ccomp", "xcomp", "advcl", "relcl", "conj", "parataxis", "acl", "pcomp")  # arcs that open a clause


def clause_tokens(word: Token) -> list[Token]:
    """The word's own clause: its subtree without the clauses embedded in it (a noun's clause
    takes the place and time its verb is told with: "an attack was launched on Monday")."""
    out = []
    stack = [word]
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(c for c in t.children if c.dep_ not in CLAUSES or c.pos_ not in ("VERB", "AUX"))
    if word.pos_ == "NOUN" and word.head.pos_ == "VERB":
        out.extend(c for c in word.head.children if c.i != word.i and c.dep_ in ("prep", "npadvmod"))
    return out


def agent(verb: Token) -> Token | None:
    """The doer a passive names after "by" ("was picked up by [police]")."""
    return next((o for c in verb.children if c.dep_ == "agent" and (o := object_of(c)) is not None), None)


def object_of(preposition: Token) -> Token | None:
    """The noun a preposition takes ("on [the agency]")."""
    return next((g for g in preposition.children if g.dep_ == "pobj"), None)


def object_after(word: Token, preposition: str) -> Token | None:
    """The object of the word's own ``preposition`` ("attacks by [Netanyahu]", "charged with [fraud]")."""
    return next(
        (o for c in word.children if c.dep_ == "prep" and c.lower_ == preposition and (o := object_of(c)) is not None),
        None,
    )
