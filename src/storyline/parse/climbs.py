"""Climbing the dependency parse, always to an end.

spaCy makes a new ``Token`` object on every access, so ``token.head is token`` is never true,
not even at the root: a loop that climbs "until the head is the token itself" never stops on a
sentence whose root is not what it looks for ("kanshi ram parried questions ...", lower-cased,
has the noun "ram" as its root). Every stage that climbs the parse does it through these
helpers, which compare positions and stop after a bound whatever the parse looks like.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

__all__ = ["MAX_CLIMB", "heads", "is_root", "lineage"]

# More than any sentence a reader would call one nests; a bound for parses of odd text
# (a token repeated ten thousand times), where every climb would otherwise cost its depth.
MAX_CLIMB = 32


def is_root(token: Token) -> bool:
    """True for the root of its sentence (the token that is its own head)."""
    return bool(token.head.i == token.i)


def heads(token: Token, limit: int = MAX_CLIMB) -> Iterator[Token]:
    """The token's head, that head's head, and so on, nearest first: up to the root (included)
    and at most ``limit`` of them."""
    for _ in range(limit):
        if is_root(token):
            return
        token = token.head
        yield token


def lineage(token: Token, limit: int = MAX_CLIMB) -> Iterator[Token]:
    """The token itself, then its :func:`heads`."""
    yield token
    yield from heads(token, limit)
