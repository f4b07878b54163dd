"""The CAMEO codebook and storyline's own event lexicon.

Two shipped data files, read once and cached:

- ``data/cameo.tsv``: every CAMEO v1.1b3 code (the 20 roots and their 3- and 4-digit
  subcodes) with its name, Goldstein scale value, QuadClass and PLOVER type.
  :func:`codebook` gives them all, :func:`lookup` one.
- ``data/event_lexicon.toml``: English news verbs, verb + particle phrases and event nouns
  mapped to CAMEO codes, some depending on the verb's object ("sign a treaty" is 057,
  "launch a drone" 195). Its header documents the format; :func:`lexicon` loads it and
  :class:`Lexicon` answers the questions a dependency-parse event coder asks.

>>> lookup("195").name
'Employ aerial weapons'
>>> lexicon().verb("launch", None, "drone")
'195'
"""

from __future__ import annotations

import csv
import dataclasses
import functools
import io
import re
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from storyline.document.encode import JSONObject
from storyline.errors import InvalidArgument, UnknownCode
from storyline.knowledge.verb_patterns import Pattern, parse_pattern

__all__ = ["Code", "Lexicon", "UnknownCode", "VerbEntry", "codebook", "lexicon", "load_lexicon", "lookup"]

_CODEBOOK = "data/cameo.tsv"
_LEXICON = "data/event_lexicon.toml"
_COLUMNS = ["code", "name", "goldstein", "quad_class", "plover"]


@dataclass(frozen=True)
class Code:
    """One CAMEO code and the facts that go with it."""

    code: str  # "19", "190", "1951"
    name: str  # the codebook's short name, "Employ aerial weapons"
    goldstein: float  # -10 (most conflictual) .. +10 (most cooperative)
    quad_class: int  # 1 verbal coop., 2 material coop., 3 verbal conflict, 4 material conflict
    plover: str | None  # PLOVER Draft 0.8 event type, None where CAMEO has none (roots 01, 02)
    root: str  # the first two digits, "19"


@functools.cache
def codebook() -> dict[str, Code]:
    """Every CAMEO code, by code, in codebook order. Shared: do not modify it."""
    text = resources.files("storyline.knowledge").joinpath(_CODEBOOK).read_text("utf-8")
    rows = csv.reader(
        io.StringIO("".join(line for line in text.splitlines(keepends=True) if not line.startswith("#"))),
        delimiter="\t",
        quoting=csv.QUOTE_NONE,
    )
    header = next(rows, None)
    if header != _COLUMNS:
        raise InvalidArgument(f"storyline/{_CODEBOOK}: the header must be {'/'.join(_COLUMNS)}, not {header}")
    codes: dict[str, Code] = {}
    for number, row in enumerate(rows, start=2):
        try:
            code, name, goldstein, quad_class, plover = row
            codes[code] = Code(code, name, float(goldstein), int(quad_class), plover or None, code[:2])
        except ValueError as err:
            raise InvalidArgument(f"storyline/{_CODEBOOK}, row {number}: {row} is not a valid codebook row") from err
    return codes


def lookup(code: str) -> Code:
    """The codebook entry for ``code`` ("190"); :class:`UnknownCode` when there is none."""
    found = codebook().get(code)
    if found is None:
        raise UnknownCode(
            f"unknown CAMEO code {code!r}: a code is a root 01..20 or one of its 3- or 4-digit "
            f"subcodes listed in storyline/{_CODEBOOK} (for example '190')"
        )
    return found


def _normal(words: str) -> str:
    return " ".join(words.lower().split())


def _candidates(words: str) -> Iterator[str]:
    """The keys tried for an object or noun: "peace talks" -> itself, "peace talk", "talks", "talk"."""
    full = _normal(words)
    head = full.rsplit(" ", 1)[-1]
    for key in (full, head):
        yield key
        # spaCy's lemma of "talks" or "arms" is not always the singular, and coders may pass text
        if len(key) > 3 and key.endswith("s"):
            yield key[:-1]


@dataclass(frozen=True)
class VerbEntry:
    """What one verb (or verb + particle) codes, perhaps depending on its object.

    Codes are CAMEO codes; ``""`` means "no event".
    """

    code: str = ""  # no object, or an object no other field covers
    any_object: str | None = None  # an object not in ``objects``; None: use ``code``
    objects: Mapping[str, str] = field(default_factory=dict)  # object lemma -> code

    def code_for(self, object_lemma: str | None) -> str | None:
        """The code for this verb with that object (None or "" for none), or None for no event."""
        if object_lemma and object_lemma.strip():
            for key in _candidates(object_lemma):
                if key in self.objects:
                    return self.objects[key] or None
            if self.any_object is not None:
                return self.any_object or None
        return self.code or None

    def codes(self) -> set[str]:
        return {c for c in (self.code, self.any_object or "", *self.objects.values()) if c}


@dataclass(frozen=True)
class Lexicon:
    """storyline's event lexicon: verb and noun lemmas -> CAMEO codes."""

    verbs: Mapping[str, VerbEntry]
    nouns: Mapping[str, str]  # "" = explicitly no event ("press release")
    patterns: Mapping[str, tuple[Pattern, ...]] = field(default_factory=dict)  # verb -> its word patterns
    declared: Mapping[str, Code] = field(default_factory=dict)  # codes a user lexicon adds to the codebook
    users_words: frozenset[str] = frozenset()  # the verbs and nouns user lexicons define (load_lexicon)
    replaced: bool = False  # a user lexicon replaced the shipped one: a coding scheme of the user's own

    def code(self, code: str) -> Code:
        """The facts of a code: the codebook's, or the lexicon's own declaration."""
        return self.declared.get(code) or lookup(code)

    def verb(self, lemma: str, particle: str | None = None, object_lemma: str | None = None) -> str | None:
        """The code for ``lemma`` (+ ``particle``) with ``object_lemma``, or None for no event.

        ``particle`` is a verb particle or the preposition of a prepositional object ("call"
        + "for"); ``object_lemma`` the head lemma of the direct object, of the particle's
        object or of an infinitive complement, optionally with its modifiers ("martial law").
        A "verb particle" entry, when there is one, decides alone; otherwise the bare verb does.
        """
        key = _normal(lemma)
        if particle and particle.strip():
            phrasal = self.verbs.get(f"{key} {_normal(particle)}")
            if phrasal is not None:
                return phrasal.code_for(object_lemma)
        entry = self.verbs.get(key)
        return entry.code_for(object_lemma) if entry is not None else None

    def noun(self, lemma: str) -> str | None:
        """The code of an event noun ("airstrike", "peace talks"), or None."""
        for key in _candidates(lemma):
            if key in self.nouns:
                return self.nouns[key] or None
        return None

    def codes(self) -> set[str]:
        """Every code the lexicon can answer."""
        used = {c for c in self.nouns.values() if c}
        for entry in self.verbs.values():
            used |= entry.codes()
        return used


@functools.cache
def lexicon() -> Lexicon:
    """The shipped event lexicon, checked against the codebook."""
    text = resources.files("storyline.knowledge").joinpath(_LEXICON).read_text("utf-8")
    return _parse_lexicon(tomllib.loads(text), f"storyline/{_LEXICON}")


def load_lexicon(*paths: str | Path) -> Lexicon:
    """The shipped lexicon extended by user lexicon files, in order (their entries win).

    A user file has the shipped file's ``[verbs]`` and ``[nouns]``, and may add
    ``[patterns]`` (verb -> a list of ``{match = "* diplomatic ties", code = "901"}``, see
    :mod:`.verb_patterns`), ``[codes]`` (``"901" = {name = "...", goldstein = 0.0,
    quad_class = 1}``: codes the codebook lacks) and ``replace = true`` (drop what came before).
    """
    merged = lexicon()
    for path in paths:
        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
            raise InvalidArgument(f"cannot read the event lexicon {path}: {err}") from err
        own = _parse_lexicon(data, str(path))
        words = {key.split()[0] for key in own.verbs} | set(own.nouns) | set(own.patterns)
        if data.get("replace") is True:
            merged = dataclasses.replace(own, users_words=frozenset(words), replaced=True)
        else:
            merged = Lexicon(
                verbs={**merged.verbs, **own.verbs},
                nouns={**merged.nouns, **own.nouns},
                patterns={**merged.patterns, **own.patterns},
                declared={**merged.declared, **own.declared},
                users_words=merged.users_words | words,
                replaced=merged.replaced,
            )
    return merged


def _parse_lexicon(data: JSONObject, where: str) -> Lexicon:
    return _LexiconParser(data, where).parse()


def _table(data: JSONObject, name: str, where: str) -> JSONObject:
    value = data.get(name, {})
    if not isinstance(value, dict):
        raise InvalidArgument(f"{where}: [{name}] must be a table")
    return value


class _LexiconParser:
    """Reads the TOML tables, resolves ``like`` and checks every code against the codebook."""

    def __init__(self, data: JSONObject, where: str) -> None:
        self.where = where
        self.known = codebook()
        verbs, nouns = data.get("verbs", {}), data.get("nouns", {})
        if not isinstance(verbs, dict) or not isinstance(nouns, dict):
            raise InvalidArgument(f"{where}: [verbs] and [nouns] must be tables")
        self.raw_verbs: JSONObject = {_normal(k): v for k, v in verbs.items()}
        self.raw_nouns: JSONObject = nouns
        self.verbs: dict[str, VerbEntry] = {}
        self.declared = {code: self._declared(code, facts) for code, facts in _table(data, "codes", where).items()}
        self.known = {**self.known, **self.declared}
        self.raw_patterns = _table(data, "patterns", where)

    def parse(self) -> Lexicon:
        for key in self.raw_verbs:
            self._verb(key, ())
        nouns = {_normal(k): self._code(v, f"noun {k!r}") for k, v in self.raw_nouns.items()}
        patterns = {_normal(k): self._patterns(k, v) for k, v in self.raw_patterns.items()}
        return Lexicon(verbs=self.verbs, nouns=nouns, patterns=patterns, declared=self.declared)

    def _declared(self, code: str, facts: object) -> Code:
        if not re.fullmatch(r"\d{2,4}", code) or not isinstance(facts, dict):
            raise InvalidArgument(
                f"{self.where}: [codes] {code!r} must be 2-4 digits = {{name, goldstein, quad_class}}"
            )
        try:
            goldstein, quad_class = float(facts.get("goldstein", 0.0)), int(facts["quad_class"])
        except (KeyError, TypeError, ValueError) as err:
            raise InvalidArgument(f"{self.where}: [codes] {code!r} needs a numeric goldstein and quad_class") from err
        if not (-10 <= goldstein <= 10 and 1 <= quad_class <= 4):
            raise InvalidArgument(f"{self.where}: [codes] {code!r}: goldstein is -10..10, quad_class 1..4")
        return Code(code, str(facts.get("name", code)), goldstein, quad_class, facts.get("plover"), code[:2])

    def _patterns(self, verb: str, listed: object) -> tuple[Pattern, ...]:
        what = f"[patterns] {verb!r}"
        if not isinstance(listed, list) or not all(isinstance(p, dict) and "match" in p for p in listed):
            raise InvalidArgument(f"{self.where}: {what} must be a list of {{match = ..., code = ...}}")
        out = []
        for p in listed:
            code = str(p.get("code", ""))
            for part in code.split(":"):
                self._code(part, what)
            out.append(parse_pattern(str(p["match"]), code, f"{self.where}: {what}"))
        return tuple(out)

    def _code(self, code: object, what: str) -> str:
        if not isinstance(code, str) or (code and code not in self.known):
            raise InvalidArgument(
                f"{self.where}: {what} has {code!r}, which is not a CAMEO code in storyline/{_CODEBOOK}"
            )
        return code

    def _verb(self, key: str, seen: tuple[str, ...]) -> VerbEntry:
        if key in self.verbs:
            return self.verbs[key]
        if key in seen:
            raise InvalidArgument(f"{self.where}: verbs {' -> '.join((*seen, key))} borrow from each other in a circle")
        value = self.raw_verbs.get(key)
        if isinstance(value, str):
            entry = VerbEntry(code=self._code(value, f"verb {key!r}"))
        elif isinstance(value, dict):
            entry = self._table(key, value, seen)
        elif value is None:
            raise InvalidArgument(f"{self.where}: verb {seen[-1]!r} is like {key!r}, which the lexicon lacks")
        else:
            raise InvalidArgument(f"{self.where}: verb {key!r} must be a code or a table, not {value!r}")
        self.verbs[key] = entry
        return entry

    def _table(self, key: str, value: JSONObject, seen: tuple[str, ...]) -> VerbEntry:
        what = f"verb {key!r}"
        base = self._verb(_normal(str(value["like"])), (*seen, key)) if "like" in value else VerbEntry()
        own: dict[str, str] = {}
        for name, listed in value.items():
            if name in ("code", "any_object", "like"):
                continue
            if name != "none" and not name.isdigit():
                raise InvalidArgument(f"{self.where}: {what} has {name!r}; use code, any_object, like, none or a code")
            if not isinstance(listed, list) or not all(isinstance(o, str) for o in listed):
                raise InvalidArgument(f"{self.where}: {what}: {name} must be a list of object lemmas")
            code = "" if name == "none" else self._code(name, what)
            for obj in map(_normal, listed):
                if own.get(obj, code) != code:
                    raise InvalidArgument(
                        f"{self.where}: {what} lists the object {obj!r} under {own[obj]!r} and {code!r}"
                    )
                own[obj] = code
        return VerbEntry(
            code=self._code(value["code"], what) if "code" in value else base.code,
            any_object=self._code(value["any_object"], what) if "any_object" in value else base.any_object,
            objects={**base.objects, **own},
        )
