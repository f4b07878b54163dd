"""The values of the store's filters, checked before a query runs, and the patterns of its
word searches.

A filter that can match nothing because it is mistyped must say so, not answer an empty page
that reads as "no such events": ``since=yesterday`` and ``since=2025-13-45`` are no days,
``actor=Norway`` is a country's name (its code is NOR), ``code=99`` starts no CAMEO code. Each
check raises :class:`~storyline.errors.InvalidArgument` naming the filter and the form it takes;
the CLI prints it as one line (exit 2), the API answers it 422 in its one error shape.

The checks here need nothing but the value and what storyline knows (the calendar, the country
codes, the CAMEO codebook); :mod:`.queries` asks the store only about codes these do not know,
which a user's own actor dictionary or lexicon may have written.

Words are searched as written: ``%`` and ``_`` are LIKE's wildcards, so :func:`contains` escapes
them, and the escape character itself, for :data:`LIKE` (``LIKE ? ESCAPE '\\'``), which DuckDB and
PostgreSQL read alike. A search of text in any case (:func:`holds_words`) is written for each
database: in PostgreSQL an ``ILIKE``, which a trigram index serves; in DuckDB a regular
expression with every special character escaped, which its RE2 engine scans three times faster
than ``LOWER(column) LIKE`` (0.23 against 0.71 s over the text of 552,102 articles).
"""

from __future__ import annotations

import datetime as dt
import functools
import re

from storyline.errors import InvalidArgument
from storyline.knowledge import countries
from storyline.knowledge.cameo import codebook

__all__ = [
    "LIKE",
    "MODALITIES",
    "actor",
    "cameo",
    "contains",
    "country_start",
    "day",
    "days",
    "holds_words",
    "known_cameo",
    "known_plover",
    "plover",
    "plover_types",
    "starts_with",
]

# A LIKE whose pattern escapes its wildcards with a backslash (written once here: the same in
# DuckDB and in PostgreSQL with standard_conforming_strings, its default since 9.1).
LIKE = "LIKE ? ESCAPE '\\'"
MODALITIES = ("asserted", "negated", "hypothetical", "future")

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_CAMEO = re.compile(r"\d{1,4}")  # a code (2-4 digits) or its first digits
_LETTERS = re.compile(r"[A-Za-z]{1,40}")  # actor codes are letters: USA, RUSMIL, IGOUNO


def contains(words: str) -> str:
    """The pattern for :data:`LIKE` that matches ``words`` anywhere, wildcards taken literally."""
    return f"%{_escaped(words)}%"


def holds_words(backend: str, column: str, words: str) -> tuple[str, str]:
    """The condition that keeps the rows whose ``column`` holds ``words`` anywhere, in any case,
    every character taken as written, and its parameter, for the store's ``backend``."""
    if backend == "postgres":
        return f"{column} I{LIKE}", contains(words)
    return f"regexp_matches({column}, ?, 'i')", "".join("\\" + c if c in _RE2_SPECIAL else c for c in words)


_RE2_SPECIAL = frozenset("\\.+*?()|[]{}^$")


def starts_with(text: str) -> str:
    """The pattern for :data:`LIKE` that matches what starts with ``text``, wildcards taken literally."""
    return _escaped(text) + "%"


def _escaped(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def day(value: str, name: str) -> str:
    """``value`` if it is a day of the calendar written YYYY-MM-DD."""
    if not _DAY.fullmatch(value):
        raise InvalidArgument(f"{name} must be a day written YYYY-MM-DD (2025-08-01), not {value!r}")
    try:
        dt.date.fromisoformat(value)
    except ValueError as err:
        raise InvalidArgument(f"{name} {value!r} is no day of the calendar ({err})") from err
    return value


def days(since: str | None, until: str | None) -> tuple[str | None, str | None]:
    """The days ``since`` and ``until`` (either may be None), checked, in order."""
    first = day(since, "since") if since is not None else None
    last = day(until, "until") if until is not None else None
    if first and last and first > last:
        raise InvalidArgument(f"since {first} is after until {last}: no day can match both")
    return first, last


def cameo(value: str, name: str = "code") -> str:
    """``value`` if it has the form of a CAMEO code or its first digits ("19", "173", "0231")."""
    code = value.strip()
    if not _CAMEO.fullmatch(code):
        raise InvalidArgument(f"{name} must be a CAMEO code or its first digits (19, 173, 0231), not {value!r}")
    return code


def known_cameo(prefix: str) -> bool:
    """Whether some code of the shipped codebook starts with ``prefix``."""
    return any(code.startswith(prefix) for code in codebook())


def actor(value: str, name: str) -> str:
    """``value`` upper-cased, if it has the form of an actor code or its start (USA, RUSMIL, IGO):
    letters only, and not a country's name, adjective or capital written out ("Norway")."""
    code = value.strip()
    if not _LETTERS.fullmatch(code):
        raise InvalidArgument(
            f"{name} must be an actor code or its start (USA, RUSMIL, IGOUNO) or a country's ISO 3166-1 "
            f"alpha-3 code (NOR), not {value!r}"
        )
    named = countries.lookup(code) if len(code) > 3 else None  # (three letters are a code: "Uzb")
    if named is not None:
        raise InvalidArgument(f"{name} {value!r} stands for a country: give its code, {named.code}")
    return code.upper()


def country_start(code: str) -> bool:
    """Whether the actor code (or start) ``code`` begins with a country's code: NOR, NORMIL, NO."""
    if len(code) >= 3:
        return code[:3] in countries.codes()
    return any(country.startswith(code) for country in countries.codes())


def plover(value: str) -> str:
    """``value`` upper-cased, if it has the form of a PLOVER type (letters: ASSAULT, PROTEST)."""
    kind = value.strip().upper()
    if not kind.isalpha():
        raise InvalidArgument(f"plover must be a PLOVER type ({', '.join(plover_types())}), not {value!r}")
    return kind


def known_plover(kind: str) -> bool:
    """Whether ``kind`` is a PLOVER type of the shipped codebook."""
    return kind in plover_types()


@functools.cache
def plover_types() -> tuple[str, ...]:
    """The PLOVER types of the shipped codebook, upper case, in alphabetical order."""
    return tuple(sorted({code.plover.upper() for code in codebook().values() if code.plover}))
