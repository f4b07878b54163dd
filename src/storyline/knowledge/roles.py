"""Roles read from the text: "Russia's foreign minister Sergei Lavrov", "Mark Rutte, Nato's secretary
general", "the Ukrainian President". A role phrase names an office, its sector, and whose it is."""

from __future__ import annotations

import re
from dataclasses import dataclass

from storyline.knowledge.actor_dictionary import ActorDictionary
from storyline.knowledge.countries import leading_country, lookup, near, owner_before
from storyline.knowledge.sectors import body_sector

__all__ = ["Role", "an_office", "role_after", "role_before", "title_mentions"]

# Office words and their CAMEO-style sector. Longer phrases first: the regex takes the first that fits.
_ROLES: dict[str, str] = {
    "chief of the general staff": "MIL",
    "director general of police": "COP",
    "director-general of police": "COP",
    "inspector general of police": "COP",
    "inspector-general of police": "COP",
    "commissioner of police": "COP",
    "superintendent of police": "COP",
    "police commissioner": "COP",
    "police superintendent": "COP",
    "police inspector": "COP",
    "police officer": "COP",
    "police chief": "COP",
    "sub-inspector": "COP",
    "inspector": "COP",
    "sheriff": "COP",
    "commander-in-chief": "MIL",
    "secretary of state": "GOV",
    "secretary general": "GOV",
    "secretary-general": "GOV",
    "prime minister": "GOV",
    "foreign minister": "GOV",
    "defence minister": "GOV",
    "defense minister": "GOV",
    "defence secretary": "GOV",
    "defense secretary": "GOV",
    "foreign secretary": "GOV",
    "interior minister": "GOV",
    "trade representative": "GOV",
    "chancellor of the exchequer": "GOV",
    "undersecretary": "GOV",
    "under secretary": "GOV",
    "congressman": "LEG",
    "congresswoman": "LEG",
    "finance minister": "GOV",
    "vice president": "GOV",
    "vice-president": "GOV",
    "crown prince": "GOV",
    "emir": "GOV",
    "sultan": "GOV",
    "supreme leader": "GOV",
    "high representative": "GOV",
    "opposition leader": "OPP",
    "rebel leader": "REB",
    "chief executive": "BUS",
    "army chief": "MIL",
    "military chief": "MIL",
    "president": "GOV",
    "chancellor": "GOV",
    "premier": "GOV",
    "minister": "GOV",
    "king": "GOV",
    "queen": "GOV",
    "secretary": "GOV",  # "Treasury Secretary", "Agriculture Secretary": a cabinet office
    "spokesman": "GOV",
    "spokeswoman": "GOV",
    "spokesperson": "GOV",
    "ambassador": "GOV",
    "negotiator": "GOV",
    "envoy": "GOV",
    "governor": "GOV",
    "mayor": "GOV",
    "senator": "LEG",
    "lawmaker": "LEG",
    "general": "MIL",
    "commander": "MIL",
    "leader": "GOV",
    "ceo": "BUS",
    "judge": "JUD",
    "prosecutor": "JUD",
}
# "Deputy Foreign Minister", "former President": the office holds with or without the modifier
_MODIFIERS = "first deputy|deputy|vice|acting|former|interim|assistant|chief|lead|junior|senior|outgoing|caretaker"
_SPACED_MODIFIERS = _MODIFIERS.replace(" ", r"\s+")
_ROLE = rf"(?:(?:{_SPACED_MODIFIERS})\s+)?(?:" + "|".join(re.escape(r).replace(r"\ ", r"\s+") for r in _ROLES) + ")"
_OWNER = r"[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,4}?"  # lazy: "Kyrgyz" + "Deputy Foreign Minister"
# Words that name a government department before an office ("Treasury Secretary", "Economy
# Minister", "Foreign Affairs Minister"): part of the office, not another owner.
_DEPARTMENTS = frozenset(
    """treasury defense defence state agriculture commerce energy interior justice labor labour finance foreign
    affairs trade economy economic home health education transport transportation industry planning budget
    environment information culture public works development international fiscal monetary security
    communications housing tourism economics agrarian reform land lands mines mining oil petroleum power water
    resources natural revenue customs employment welfare social science technology youth sport sports women
    immigration fisheries forestry aviation railways telecommunications investment cooperation relations
    government and of the""".split()
)
# "Argentine finance secretary", "Philippines Trade and Industry Secretary": the department
# between the owner and the office
_DEPARTMENT = "|".join(sorted(_DEPARTMENTS - {"and", "of", "the"}))
# "emir, Sheikh Hamad", "Foreign Secretary Sir Alan Duncan": a courtesy title between role and name
_HONORIFIC = r"(?:(?:Sheikh|Sir|Dame|Dr\.?|Mr\.?|Mrs\.?|Ms\.?|Prince|Princess)\s+)?"
# "Chancellor of the Exchequer Nigel Lawson": an office named after its department
_OF_OFFICE = r"(?:\s+of\s+the\s+[A-Z][\w-]*)?"
_BEFORE = re.compile(
    rf"(?:(?P<owner>{_OWNER})(?:['’]s)?\s+)?(?:(?i:{_DEPARTMENT})\s+(?:and\s+)?){{0,3}}?(?P<role>(?i:{_ROLE})){_OF_OFFICE},?\s+{_HONORIFIC}$"
)
_AFTER = re.compile(
    rf"^,\s+(?:(?:the|a|an)\s+)?(?:(?P<owner>{_OWNER})(?:['’]s)?\s+)?(?P<role>(?i:{_ROLE}))"
    rf"(?:\s+of\s+(?:the\s+)?(?P<owner2>{_OWNER}))?\b"
)
_WINDOW = 80
_MODIFIER = re.compile(rf"^(?:{_MODIFIERS}) ")


@dataclass(frozen=True)
class Role:
    role: str
    sector: str
    country: str | None = None
    org: str | None = None
    start: int = 0  # where the phrase starts in the text (for title mentions)
    end: int = 0
    unknown_owner: bool = False  # "Commission President": whose office it is, the text says, but not to us


# The first words of the longer titles ("Prime"), and the modifiers of any; not a body's word
# ("Army spokesman" is the army's)
_TITLE_WORDS = frozenset(
    w for title in _ROLES for w in title.split()[:-1] if body_sector(w) is None and w not in ("opposition", "rebel")
) | frozenset(_MODIFIERS.split("|"))


_OFFICES = frozenset(role for role in _ROLES if " " not in role)


def an_office(word: str) -> bool:
    """Whether a word names an office on its own ("minister", "senator", "ceo")."""
    return word.lower() in _OFFICES


def _a_department(owner: str) -> bool:
    """Whether the words before an office are the office's own: a department ("Treasury"), or
    the first word of a longer title the pattern split ("Prime" of "Prime Minister")."""
    words = owner.lower().replace("-", " ").split()
    return bool(words) and all(w in _DEPARTMENTS or w in _TITLE_WORDS for w in words)


_MODIFIER_WORDS = frozenset(_MODIFIERS.split("|"))


def _owner_core(owner: str | None) -> str | None:
    """The owner named before an office, without the office's own words around it: "Assistant
    U.S. Treasury" (Secretary) is the United States'; "Treasury" alone, or "Prime", names none."""
    if not owner or _a_department(owner):
        return None
    words = owner.split()
    while words and (words[0].lower() in _MODIFIER_WORDS or words[0].lower() in _TITLE_WORDS):
        words.pop(0)
    while words and words[-1].lower() in _DEPARTMENTS:
        words.pop()
    return " ".join(words) or None


def _role(match: re.Match[str], dictionary: ActorDictionary, offset: int, *owners: str | None) -> Role:
    role = " ".join(match.group("role").lower().replace("-", " ").split())
    base = _MODIFIER.sub("", role)
    sector = _ROLES.get(base) or _ROLES.get(match.group("role").lower(), "GOV")
    country = org = None
    unknown = False
    for named in owners:
        owner = _owner_core(named)
        if not owner:
            continue  # "Treasury Secretary", "Foreign Minister": the office's own department
        org_match = dictionary.org(owner)
        # "Bundesbank President", "White House spokesman": the state's own body, or its seat
        body = dictionary.institution(owner, None) or dictionary.seat(owner)
        found = lookup(owner) or leading_country(owner) or near(owner)
        if org_match:
            org = org_match.name
        elif body is not None and body.country:
            country = body.country
        elif found:
            country = found.code
        else:
            unknown = True
    unknown = unknown and not (country or org)
    if unknown:  # "Union president", "Army spokesman": the body's sector, not the office's
        sector = next((body_sector(o) for o in owners if o and body_sector(o)), sector) or sector
    return Role(role, sector, country, org, offset + match.start(), offset + match.end(), unknown)


def role_before(text: str, start: int, dictionary: ActorDictionary) -> Role | None:
    """The role phrase right before a name: "Nato secretary general [Mark Rutte]"."""
    window = text[max(0, start - _WINDOW) : start]
    m = _BEFORE.search(window)
    return _role(m, dictionary, start - len(window), m.group("owner")) if m else None


def role_after(text: str, end: int, dictionary: ActorDictionary) -> Role | None:
    """The apposition right after a name: "[Mark Rutte], Nato's secretary general"."""
    m = _AFTER.match(text[end : end + _WINDOW])
    return _role(m, dictionary, end, m.group("owner"), m.group("owner2")) if m else None


# A role word not followed by a name ("the Ukrainian President said", not "President Trump").
_TITLE_ROLE = re.compile(rf"\b(?P<role>(?i:{_ROLE}))\b(?!\s+(?:[A-Z]|of\b))")


def title_mentions(text: str, dictionary: ActorDictionary) -> list[Role]:
    """Every "the Ukrainian President"-style phrase: an owner we know, then a role, then no name."""
    titles = []
    for role in _TITLE_ROLE.finditer(text):
        window = text[max(0, role.start() - _WINDOW) : role.start()]
        owner = owner_before().search(window)
        if owner:
            start = role.start() - len(window) + owner.start()
            found = _role(role, dictionary, 0, owner.group("owner"))
            titles.append(Role(found.role, found.sector, found.country, found.org, start, role.end()))
    return titles
