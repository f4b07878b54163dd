"""The actor dictionary: international organisations, office holders, seats of government and a
state's institutions by their own names.

Shipped as ``data/actors.toml`` and ``data/institutions.toml``; users add their own with
``--actors my.toml`` (same schema, their entries win). Offices carry dates, so that "the
president" of an article from 2019 is not the president of today.
"""

from __future__ import annotations

import datetime as dt
import functools
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from storyline.document.encode import JSONObject
from storyline.errors import InvalidArgument
from storyline.knowledge.countries import fold

__all__ = ["ActorDictionary", "Office", "Org", "load_dictionary"]


@dataclass(frozen=True)
class Office:
    role: str
    sector: str | None
    country: str | None = None
    org: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None  # exclusive; None: still held

    def held_on(self, day: dt.date | None) -> bool:
        if day is None:
            return self.end is None
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass(frozen=True)
class Org:
    name: str
    code: str
    kind: str  # IGO, NGO, or GROUP (a party or armed group of one country, or IMG)
    country: str | None = None
    sector: str | None = None


@dataclass
class ActorDictionary:
    people: dict[str, tuple[str, list[Office]]] = field(default_factory=dict)  # folded name -> (name, offices)
    surnames: dict[str, set[str]] = field(default_factory=dict)  # folded surname -> folded full names
    orgs: dict[str, Org] = field(default_factory=dict)  # folded alias -> organisation
    acronyms: dict[str, Org] = field(default_factory=dict)  # all-caps aliases, matched case-sensitively
    seats: dict[str, Office] = field(default_factory=dict)  # folded alias -> the government it stands for
    names: dict[str, str] = field(default_factory=dict)  # every alias as written -> ORG, PERSON or GPE
    agents: dict[str, str] = field(default_factory=dict)  # group words, lower case ("cleric") -> sector
    institutions: dict[str, list[Office]] = field(default_factory=dict)  # folded alias -> dated bodies
    home_institutions: dict[str, list[Office]] = field(default_factory=dict)  # "Congress": the home country's

    def person(self, name: str) -> tuple[str, list[Office]] | None:
        """A person by full name or alias; by surname only when one person has it."""
        key = fold(name)
        if key in self.people:
            return self.people[key]
        full = self.surnames.get(key, set())
        return self.people[next(iter(full))] if len(full) == 1 else None

    def org(self, name: str) -> Org | None:
        bare = name.strip()
        if bare.isupper():
            return self.acronyms.get(bare) or self.orgs.get(fold(bare))
        return self.orgs.get(fold(bare))

    def seat(self, name: str) -> Office | None:
        return self.seats.get(fold(name))

    def institution(self, name: str, day: dt.date | None, home: str | None = None) -> Office | None:
        """The state body a name stands for on ``day``: one named by its own name ("the FBI"),
        or, with ``home``, the home country's body a shared name means ("Congress")."""
        key = fold(name)
        bodies = self.institutions.get(key, [])
        if home is not None:
            bodies = bodies + [b for b in self.home_institutions.get(key, []) if b.country == home]
        return next((b for b in bodies if b.held_on(day) or (day is None and b.end is None)), None)

    def office(self, name: str, day: dt.date | None) -> Office | None:
        """The office a person held on ``day`` (the latest one they held, if none then). A
        surname several people share ("Bush") names the one in office that day, or, with no
        day, the office they all last held, if it is the same one ("president" of the USA)."""
        found = self.person(name)
        if not found:
            namesakes = [self.people[full][1] for full in self.surnames.get(fold(name), ())]
            held = [o for offices in namesakes for o in offices if day and o.held_on(day)]
            if len(held) == 1:
                return held[0]
            last = [_latest(offices) for offices in namesakes if offices]
            posts = {(o.role, o.sector, o.country, o.org) for o in last}
            return last[0] if day is None and len(namesakes) > 1 and len(posts) == 1 else None
        offices = found[1]
        current = [o for o in offices if o.held_on(day)]
        if current:
            return current[0]
        return _latest(offices) if offices else None

    def holders(self, country: str, role: str, day: dt.date | None = None) -> set[str]:
        """The people the dictionary has in ``country``'s office ``role`` on ``day`` ("USA",
        "president"), or at any time where ``day`` is None: empty where it lists no one."""
        return {
            name
            for name, offices in self.people.values()
            if any(o.country == country and o.role == role and (day is None or o.held_on(day)) for o in offices)
        }

    def add(self, data: JSONObject, where: str) -> None:
        try:
            for entry in data.get("igo", []):
                self._add_org(Org(entry["name"], entry["code"], entry.get("kind", "IGO")), entry)
            for entry in data.get("group", []):
                group = Org(entry["name"], entry["code"], "GROUP", entry.get("country"), entry.get("sector"))
                self._add_org(group, entry)
            for entry in data.get("person", []):
                offices = [_office(o) for o in entry.get("offices", [])]
                for alias in [entry["name"], *entry.get("aliases", [])]:
                    self.people[fold(alias)] = (entry["name"], offices)
                    self.names[alias] = "PERSON"
                    # "Sergey Lavrov" and "Sergei Lavrov" are one person: index the surname once
                    self.surnames.setdefault(fold(alias).split()[-1], set()).add(fold(entry["name"]))
            for entry in data.get("seat", []):
                office = Office(role="government", sector=entry.get("sector", "GOV"), country=entry["country"])
                for alias in [entry["name"], *entry.get("aliases", [])]:
                    self.seats[fold(alias)] = office
                    self.names[alias] = "GPE"
            for entry in data.get("institution", []):
                body = Office(
                    "institution", entry["sector"], entry["country"], None, entry.get("start"), entry.get("end")
                )
                for alias in [entry["name"], *entry.get("aliases", [])]:
                    self.institutions.setdefault(fold(alias), []).insert(0, body)  # a later file's first
                    self.names[alias] = "ORG"
                for alias in entry.get("home_aliases", []):
                    self.home_institutions.setdefault(fold(alias), []).insert(0, body)
            for entry in data.get("agent", []):
                if "sector" not in entry:
                    continue  # a prefix agent ("MSF Arnor"): not read
                for alias in [entry["name"], *entry.get("aliases", [])]:
                    self.agents[" ".join(alias.lower().split())] = str(entry["sector"])
        except (KeyError, TypeError, AttributeError) as err:
            raise InvalidArgument(f"{where}: an actor entry lacks a field or has a wrong type ({err})") from err

    def _add_org(self, org: Org, entry: JSONObject) -> None:
        for alias in [entry["name"], *entry.get("aliases", [])]:
            if alias.isupper():
                self.acronyms[alias] = org
            self.orgs[fold(alias)] = org
            self.names[alias] = "ORG"


def _latest(offices: list[Office]) -> Office:
    """The office taken last."""
    return max(offices, key=lambda o: o.start or dt.date.min)


def _office(entry: JSONObject) -> Office:
    return Office(
        role=entry["role"],
        sector=entry.get("sector"),
        country=entry.get("country"),
        org=entry.get("org"),
        start=entry.get("start"),
        end=entry.get("end"),
    )


@functools.cache
def load_dictionary(*extra: str) -> ActorDictionary:
    """The shipped dictionary, extended by the TOML files ``extra`` (later files win)."""
    dictionary = ActorDictionary()
    shipped = resources.files("storyline.knowledge").joinpath("data/actors.toml").read_text("utf-8")
    dictionary.add(tomllib.loads(shipped), "storyline/data/actors.toml")
    bodies = resources.files("storyline.knowledge").joinpath("data/institutions.toml").read_text("utf-8")
    dictionary.add(tomllib.loads(bodies), "storyline/data/institutions.toml")
    for path in extra:
        try:
            data = tomllib.loads(Path(path).read_text("utf-8"))
        except OSError as err:
            raise InvalidArgument(f"{path}: cannot read the actor dictionary ({err.strerror or err})") from err
        except tomllib.TOMLDecodeError as err:
            raise InvalidArgument(f"{path}: not valid TOML ({err})") from err
        dictionary.add(data, path)
    return dictionary
