"""The PETRARCH2 unit-test suite: its records, its fictional dictionaries, and their conversion
into a storyline ``--actors`` TOML file.

Records (``PETR.UnitTest.records.xml``): each ``<Sentence>`` has a date, an id, a category,
its text and ``<EventCoding sourcecode targetcode eventcode>`` elements (``noevents="True"``
or none at all: no event expected). A record is kept for scoring only where PETRARCH itself
would score it; otherwise it carries the reason in ``skip``:
- its category is not in the suite's ``<Include>`` list (``COMPOUNDx``, ``AGENTS``);
- it is marked ``sentence="false"`` while ``<Include>`` asks for ``valid`` records only;
- it expects an ``error=...`` instead of codings (a dateline, a broken parse tree, or a
  story / sentence discarded by PETRARCH's discard list): these test PETRARCH's input checks.

Actors (``PETR.Validate.actors.txt``): ``NAME [CODE]`` lines, ``+SYNONYM`` lines below a name,
code blocks possibly on later lines and dated (``[HOB < 950601]``, ``[HOBGOV 19950601 -
19990815]``, ``[HOBREB > 990816]``; ``<`` is before the day, ``>`` after it, a range includes
both ends; six-digit dates are YYMMDD). ``_`` joins words; a trailing ``_`` (PETRARCH's "no
suffixes" mark) is dropped, as storyline matches whole names only. Null codes (``---``,
``+++``) are dropped. Agents (``PETR.Validate.agents.txt``): ``NOUN {PLURALS} [~SUFFIX]`` or
``[PREFIX~]``, with ``!MACRO! = A, B`` substitutions; regular plurals are added unless ``{}``.

Conversion (:func:`actors_toml`): an actor whose codes carry dates becomes a ``[[person]]``
(the only entry with dated offices; each code is split into ``country`` = its first three
letters and ``sector`` = the rest, so that storyline rebuilds the code exactly); any other
becomes a ``[[group]]`` (a state or its body: ``country`` and ``sector`` from the code) or an
``[[igo]]`` (IGO and NGO codes). Agents become ``[[agent]]`` tables, group words with their
``sector`` ("cleric" -> REL); prefix agents (``prefix``) are written but not read.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from storyline.errors import InvalidArgument

__all__ = [
    "RECORDS_FILE",
    "CodeSpan",
    "Coding",
    "PetrarchActor",
    "PetrarchAgent",
    "PetrarchRecord",
    "actors_toml",
    "parse_actors",
    "parse_agents",
    "read_records",
    "suite_files",
]

RECORDS_FILE = "PETR.UnitTest.records.xml"
_COMMENT = re.compile(r"<!\s*--.*?-->", re.S)
_CODE_BLOCK = re.compile(r"\[([^\]]*)\]")
_DATED = re.compile(r"^(?P<code>\S+?)\s*(?:(?P<op>[<>])\s*(?P<day>\d+)|(?P<a>\d+)\s*-\s*(?P<b>\d+))?$")
_USABLE = re.compile(r"[A-Z0-9]+(?:/[A-Z0-9]+)*")
_MACRO = re.compile(r"^(!\w+!)\s*=\s*(.+)$")
_AGENT = re.compile(r"^(?P<name>[^{\[]+?)\s*(?:\{(?P<plurals>[^}]*)\})?\s*\[\s*(?P<code>[^\]]*?)\s*\]")


@dataclass(frozen=True)
class Coding:
    source: str
    target: str
    cameo: str


@dataclass(frozen=True)
class PetrarchRecord:
    id: str
    category: str
    date: str | None  # YYYY-MM-DD
    text: str
    codings: tuple[Coding, ...]
    skip: str | None = None  # why the record is not scored


@dataclass(frozen=True)
class CodeSpan:
    code: str
    start: dt.date | None = None
    end: dt.date | None = None  # exclusive


@dataclass(frozen=True)
class PetrarchActor:
    names: tuple[str, ...]  # the first is the entry's own name, the others its synonyms
    codes: tuple[CodeSpan, ...]


@dataclass(frozen=True)
class PetrarchAgent:
    names: tuple[str, ...]
    code: str
    prefix: bool  # "NGO~": the code goes before the actor's, "~COP" after it


def suite_files(folder: Path) -> tuple[Path, Path, Path, Path]:
    """The records file and the actor, agent and verb dictionaries it names in ``<Environment>``."""
    records = folder / RECORDS_FILE
    if not records.is_file():
        raise InvalidArgument(f"{folder}: no {RECORDS_FILE}; give the PETRARCH2 unit-test folder")
    env = etree.parse(str(records)).getroot().find("Environment")
    actors = env.findtext("Actorfile") if env is not None else None
    agents = env.findtext("Agentfile") if env is not None else None
    verbs = env.findtext("Verbfile") if env is not None else None
    return (
        records,
        folder / (actors or "PETR.Validate.actors.txt").strip(),
        folder / (agents or "").strip(),
        folder / (verbs or "").strip(),
    )


def read_records(path: Path) -> list[PetrarchRecord]:
    """Every ``<Sentence>`` of the records file, in file order, with ``skip`` set as above."""
    root = etree.parse(str(path)).getroot()
    include = (root.findtext("Environment/Include") or "").split()
    records = []
    for node in root.iter("Sentence"):
        codings, errors = [], []
        for coding in node.findall("EventCoding"):
            if coding.get("error"):
                errors.append(coding.get("error"))
            elif coding.get("eventcode"):
                codings.append(
                    Coding(coding.get("sourcecode", "---"), coding.get("targetcode", "---"), coding.get("eventcode"))
                )
        category = node.get("category", "")
        skip = None
        if include and category not in include:
            skip = f"category {category} is not in the suite's <Include> list"
        elif "valid" in include and node.get("sentence", "true").lower() != "true":
            skip = 'marked sentence="false", which the suite does not run'
        elif errors:
            skip = f"tests PETRARCH's input checks ({', '.join(errors)})"
        day = node.get("date", "").strip()
        date = f"{day[:4]}-{day[4:6]}-{day[6:8]}" if re.fullmatch(r"\d{8}", day) else None
        text = " ".join((node.findtext("Text") or "").split())
        records.append(PetrarchRecord(node.get("id", ""), category, date, text, tuple(codings), skip))
    if not records:
        raise InvalidArgument(f"{path}: no <Sentence> records")
    return records


def _day(digits: str) -> dt.date:
    if len(digits) == 6:  # YYMMDD, as TABARI wrote them: 91 is 1991, 08 is 2008
        year = int(digits[:2])
        digits = f"{2000 + year if year < 30 else 1900 + year}{digits[2:]}"
    return dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))


def _code_span(block: str) -> CodeSpan | None:
    match = _DATED.match(block.strip())
    if match is None or not _USABLE.fullmatch(code := match.group("code").upper()):
        return None  # a null code (---, +++) or an unreadable block
    one_day = dt.timedelta(days=1)
    if match.group("op") == "<":
        return CodeSpan(code, end=_day(match.group("day")))
    if match.group("op") == ">":
        return CodeSpan(code, start=_day(match.group("day")) + one_day)
    if match.group("a"):
        return CodeSpan(code, _day(match.group("a")), _day(match.group("b")) + one_day)
    return CodeSpan(code)


def _name(raw: str) -> str:
    return " ".join(raw.replace("_", " ").split())


def parse_actors(text: str) -> list[PetrarchActor]:
    """The entries of a PETRARCH actor dictionary that have at least one usable code."""
    entries: list[tuple[list[str], list[CodeSpan]]] = []
    for line in _COMMENT.sub("", text).splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        blocks = _CODE_BLOCK.findall(line)
        head = _CODE_BLOCK.sub("", line).strip()
        if head.startswith("+") and entries:
            entries[-1][0].append(_name(head[1:]))
        elif head:
            entries.append(([_name(head)], []))
        if entries:
            entries[-1][1].extend(span for b in blocks if (span := _code_span(b)) is not None)
    return [PetrarchActor(tuple(n for n in names if n), tuple(codes)) for names, codes in entries if codes and names[0]]


def _plural(noun: str) -> str:
    if noun.endswith("Y") and noun[-2:-1] not in "AEIOU":
        return noun[:-1] + "IES"
    return noun + ("ES" if noun.endswith(("S", "X", "CH", "SH")) else "S")


def parse_agents(text: str) -> list[PetrarchAgent]:
    """The entries of a PETRARCH agent dictionary, with plural and macro forms spelt out."""
    macros: dict[str, list[str]] = {}
    agents = []
    for line in _COMMENT.sub("", text).splitlines():
        line = line.split("#", 1)[0].strip()
        if macro := _MACRO.match(line):
            macros[macro.group(1)] = [w.strip() for w in macro.group(2).split(",") if w.strip()]
            continue
        match = _AGENT.match(line)
        if match is None or "~" not in match.group("code"):
            continue
        raw, code = match.group("name"), match.group("code").replace(" ", "")
        used = [m for m in macros if m in raw]
        if used:  # the macro's words already hold their plurals
            forms = [raw.replace(used[0], word) for word in macros[used[0]]]
        elif match.group("plurals") is None:
            forms = [raw, _plural(raw)]
        else:
            forms = [raw, *(p for p in match.group("plurals").split() if p)]
        agents.append(PetrarchAgent(tuple(_name(f) for f in forms), code.strip("~"), code.endswith("~")))
    return agents


def _string(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid TOML basic string


def _strings(values: tuple[str, ...]) -> str:
    return "[" + ", ".join(_string(v) for v in values) + "]"


def actors_toml(actors: Sequence[PetrarchActor], agents: Sequence[PetrarchAgent] = ()) -> str:
    """A storyline actor dictionary (TOML) holding the PETRARCH actors and agents."""
    lines = ["# Converted at run time from a PETRARCH actor and agent dictionary by storyline eval events."]
    for entry in actors:
        name, aliases = entry.names[0], entry.names[1:]
        if all(c.start is None and c.end is None for c in entry.codes):
            code = entry.codes[0].code
            if code.startswith(("IGO", "NGO")) or len(code) < 3:
                lines += ["", "[[igo]]", f"name = {_string(name)}", f"code = {_string(code)}"]
                lines += [f"aliases = {_strings(aliases)}", f'kind = "{code[:3]}"']
            else:  # a state ("CAL") or one of its bodies ("CALGOV")
                lines += ["", "[[group]]", f"name = {_string(name)}", f"code = {_string(code)}"]
                lines += [f"country = {_string(code[:3])}", f"sector = {_string(code[3:])}"]
                lines += [f"aliases = {_strings(aliases)}"]
            continue
        lines += ["", "[[person]]", f"name = {_string(name)}", f"aliases = {_strings(aliases)}"]
        # dated codes first: storyline takes the first office held on the day, an undated one always is
        for span in sorted(entry.codes, key=lambda c: c.start is None and c.end is None):
            lines += ["[[person.offices]]", 'role = ""', f"country = {_string(span.code[:3])}"]
            lines += [f"sector = {_string(span.code[3:])}"] if span.code[3:] else []
            lines += [f"start = {span.start.isoformat()}"] if span.start else []
            lines += [f"end = {span.end.isoformat()}"] if span.end else []
    for agent in agents:
        field = "prefix" if agent.prefix else "sector"
        lines += ["", "[[agent]]", f"name = {_string(agent.names[0])}", f"aliases = {_strings(agent.names[1:])}"]
        lines += [f"{field} = {_string(agent.code)}"]
    return "\n".join(lines) + "\n"
