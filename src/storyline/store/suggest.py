"""What the filters' autocomplete offers as a user types: actor codes the store holds (matched by
the code's start or by words of a name the events give the actor), and CAMEO codes (by the code's
start or words of its name in the codebook), the commonest first."""

from __future__ import annotations

from storyline.knowledge.cameo import codebook
from storyline.store.connection import Store, Value
from storyline.store.filters import LIKE, holds_words, starts_with

__all__ = ["SUGGESTED", "suggest_actors", "suggest_codes"]

SUGGESTED = 10  # suggestions offered at once


def suggest_actors(store: Store, typed: str, limit: int = SUGGESTED) -> list[dict[str, Value]]:
    """Actor codes whose code starts with ``typed`` or whose name holds it, by their events:
    each with its commonest name and how many events it is the source or target of."""
    named, words = holds_words(store.backend, "name", typed.strip())
    return store.query_dicts(
        "SELECT code, MODE() WITHIN GROUP (ORDER BY name) AS name, COUNT(*) AS events FROM ("
        "SELECT source_code AS code, source_name AS name FROM events WHERE source_code IS NOT NULL UNION ALL "
        "SELECT target_code, target_name FROM events WHERE target_code IS NOT NULL) x "
        f"WHERE code {LIKE} OR {named} GROUP BY code ORDER BY events DESC, code LIMIT ?",
        (starts_with(typed.strip().upper()), words, limit),
    )


def suggest_codes(typed: str, limit: int = SUGGESTED) -> list[dict[str, Value]]:
    """CAMEO codes that start with ``typed`` (digits) or whose name holds its words, in
    codebook order, each with its name."""
    typed = typed.strip()
    words = typed.lower().split()
    found: list[dict[str, Value]] = [
        {"code": c.code, "name": c.name}
        for c in codebook().values()
        if (typed.isdigit() and c.code.startswith(typed)) or (words and all(w in c.name.lower() for w in words))
    ]
    return found[:limit]
