"""The one decoder of the contract: a JSON object -> its record, field by field (:mod:`.encode` undone).

A document read back as JSON (a JSON Lines file, the API's answer) becomes the records the
stages made. Each field of a record is read from the key of its name and checked against the
field's type. A field the contract leaves out (``internal``) takes its default, and so does a
key the JSON lacks where the field has one (``omitted if none``: None); a key no field takes is
refused, so that nothing is lost: for every document the encoder wrote,
``encode(decode(Document, data)) == data``. Numbers are kept as they were written (an integer
in a float field stays an integer), so the document encodes to the same JSON again.
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from typing import Any, TypeVar

from storyline.document.encode import JSON, JSON_KEY
from storyline.errors import SchemaViolation

__all__ = ["decode"]

R = TypeVar("R")

# A plain field's type -> what it takes, as an error says it and as isinstance checks it (true
# and false are no numbers here, though Python's bool is an int; an integer is a float to JSON
# and to the type checker alike, and is kept as written).
_PLAIN: dict[type, tuple[str, type | tuple[type, ...]]] = {
    str: ("a string", str),
    int: ("an integer", int),
    float: ("a number", (int, float)),
    bool: ("true or false", bool),
}


def decode(kind: type[R], value: JSON) -> R:
    """``value`` as a ``kind`` record (a dataclass of the contract); :class:`SchemaViolation`,
    naming the key, where it does not fit."""
    record: R = _read(kind, value, "")
    return record


@functools.cache
def _fields(kind: type) -> tuple[tuple[dataclasses.Field[Any], Any], ...]:
    """The contract's fields of a record type with their resolved types, in order."""
    hints = typing.get_type_hints(kind)
    return tuple(
        (f, hints[f.name]) for f in dataclasses.fields(kind) if f.metadata.get(JSON_KEY) != "internal" and f.init
    )


def _read(kind: Any, value: JSON, where: str) -> Any:
    """``value`` read as ``kind``: a record, a list, an optional value or a plain value."""
    origin = typing.get_origin(kind)
    if origin is types.UnionType:
        options = [k for k in typing.get_args(kind) if k is not type(None)]
        if value is None and len(options) < len(typing.get_args(kind)):
            return None
        if len(options) != 1:
            raise TypeError(f"{where}: the decoder reads X | None, not {kind}")
        return _read(options[0], value, where)
    if origin is list:
        if not isinstance(value, list):
            raise _wrong(where, "a list", value)
        (item,) = typing.get_args(kind)
        return [_read(item, v, _at(where, n)) for n, v in enumerate(value)]
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        return _record(kind, value, where)
    if kind in _PLAIN:
        expected, accepted = _PLAIN[kind]
        if not isinstance(value, accepted) or (isinstance(value, bool) and kind is not bool):
            raise _wrong(where, expected, value)
        return value
    raise TypeError(f"{where}: the decoder does not read {kind}")


def _record(kind: type, value: JSON, where: str) -> Any:
    if not isinstance(value, dict):
        raise _wrong(where, f"an object ({kind.__name__})", value)
    fields = _fields(kind)
    unknown = sorted(value.keys() - {f.name for f, _ in fields})
    if unknown:
        raise SchemaViolation(
            f"{where or '(root)'}: {', '.join(map(repr, unknown))} is not a field of {kind.__name__} "
            "in storyline.document/1"
        )
    given = {}
    for f, hint in fields:
        if f.name in value:
            given[f.name] = _read(hint, value[f.name], _at(where, f.name))
        elif f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            raise SchemaViolation(f"{where or '(root)'}: {f.name!r} is missing ({kind.__name__} needs it)")
    return kind(**given)


def _wrong(where: str, expected: str, value: JSON) -> SchemaViolation:
    return SchemaViolation(f"{where or '(root)'}: expected {expected}, found {type(value).__name__} {value!r:.60}")


def _at(where: str, key: str | int) -> str:
    """The path of a key or an index, as the schema's validator writes it (``events/3/trigger``)."""
    return f"{where}/{key}" if where else str(key)
