"""A word's own clause in the dependency parse: its subtree without the clauses embedded in it."""

from __future__ import annotations

from spacy.tokens import Token

__all__ = ["CLAUSES", "clause_tokens"]

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
