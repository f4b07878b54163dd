"""Sectors: the CAMEO-style code of the kind of body a word names ("troops" -> MIL, "court" -> JUD).

Read by the actors stage (the body a name says it is) and by the unnamed actors' stage (the
group words).
"""

from __future__ import annotations

import re

from storyline.knowledge.countries import fold

__all__ = ["AGENTS", "STATE_BODIES", "body_sector"]

# Group words (lemmas; two-word ones with their modifier) and their sector ("": the country alone).
AGENTS: dict[str, str] = {
    "armed force": "MIL", "air force": "MIL", "military": "MIL", "army": "MIL", "troop": "MIL",
    "force": "MIL", "navy": "MIL", "soldier": "MIL", "militia": "MIL", "defence ministry": "MIL",
    "defense ministry": "MIL", "warplane": "MIL", "jet": "MIL", "helicopter": "MIL", "peacekeeper": "MIL",
    "government": "GOV", "authority": "GOV", "official": "GOV", "diplomat": "GOV", "administration": "GOV",
    "foreign ministry": "GOV", "ministry": "GOV", "negotiator": "GOV", "delegation": "GOV",
    "regime": "GOV", "leadership": "GOV", "leader": "GOV",
    "police": "COP", "policeman": "COP", "security force": "COP", "cop": "COP", "constable": "COP",
    "police official": "COP", "police force": "COP", "police officer": "COP", "police commissioner": "COP",
    "police chief": "COP",
    "police spokesman": "COP", "police spokeswoman": "COP", "police superintendent": "COP",
    "parliament": "LEG", "lawmaker": "LEG", "legislator": "LEG", "legislature": "LEG",
    "rebel": "REB", "separatist": "REB", "guerrilla": "REB", "insurgent": "REB", "militant": "REB",
    "gunman": "REB", "fighter": "REB",
    "opposition": "OPP", "dissident": "OPP",
    "court": "JUD", "judge": "JUD", "prosecutor": "JUD",
    "media": "MED", "newspaper": "MED", "journalist": "MED", "reporter": "MED",
    "business": "BUS", "company": "BUS", "firm": "BUS", "businessman": "BUS",
    "civilian": "CVL", "resident": "CVL", "people": "CVL", "villager": "CVL", "citizen": "CVL",
    "protester": "CVL", "demonstrator": "CVL", "crowd": "CVL", "youth": "CVL", "activist": "CVL",
    "rescuer": "CVL", "student": "EDU", "teacher": "EDU", "worker": "LAB", "union": "LAB",
    "farmer": "AGR", "doctor": "HLH", "refugee": "REF",
    "side": "",
}  # fmt: skip

# The body a name says it is ("the Latvian Constitutional Court" -> JUD, "Union president" ->
# LAB): the group words, and the institutions only names carry
_BODIES = {
    **{word: sector for word, sector in AGENTS.items() if sector},
    "tribunal": "JUD", "judiciary": "JUD",
    "assembly": "LEG", "congress": "LEG", "senate": "LEG", "duma": "LEG",
    "cabinet": "GOV", "party": "PTY", "news agency": "MED", "television": "MED", "radio": "MED",
}  # fmt: skip


def body_sector(name: str) -> str | None:
    """The sector of the body named first in a name: "Nigerian Union of Teachers" is a union."""
    folded = f" {fold(name)} "
    found = [(m.start(), code) for word, code in _BODIES.items() if (m := re.search(rf" {word}s? ", folded))]
    return min(found)[1] if found else None


# Group words that name a state's own body even with no country before them: "police arrested
# 12 people", "troops fired", "the government denied it". The text's home country is theirs
# (where it leads clearly); without one they keep their sector alone. Words that as often name
# a company's or a party's people ("officials", "leaders", "forces") are not among them.
STATE_BODIES = frozenset(
    {
        "police", "policeman", "cop", "constable", "security force", "police official", "police officer",
        "police commissioner", "police chief", "police spokesman", "police spokeswoman", "police superintendent",
        "troop", "soldier", "army", "military", "navy", "air force", "armed force", "peacekeeper",
        "prosecutor", "court", "judge",
        "government", "ministry", "administration", "authority",
    }
)  # fmt: skip
