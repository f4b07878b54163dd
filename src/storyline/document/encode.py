"""The one encoder of the contract: a record -> its JSON object, field by field.

A record is a dataclass whose fields are the keys of its JSON object, in order. A field whose
metadata says ``internal`` is left out (the stages' own working data); one that says
``omitted if none`` is written only when set. Lists and nested records are encoded in turn;
anything else is written as it is.
"""

from __future__ import annotations

import dataclasses
import functools
from typing import Any, TypeAlias

__all__ = ["JSON", "JSONObject", "encode", "internal", "omitted_if_none"]

# JSON as the encoder writes it or a reader parses it (a document, a figures table, a TOML or
# JSON input). Its shape is checked where it is read (the schema, each reader's own checks),
# not by the type checker: a recursive union would make every read of a nested figure a cast.
JSON: TypeAlias = Any
JSONObject: TypeAlias = dict[str, JSON]

JSON_KEY = "json"  # the field-metadata key that says how the encoder treats a field


# ``dataclasses.field`` is typed to return what the field holds, whatever it is: so are these.
def internal(default: Any = dataclasses.MISSING) -> Any:
    """A field the stages use that the contract does not carry (the encoder leaves it out)."""
    return dataclasses.field(default=default, metadata={JSON_KEY: "internal"})


def omitted_if_none() -> Any:
    """An optional field of the contract, written only when it has a value."""
    return dataclasses.field(default=None, metadata={JSON_KEY: "omitted if none"})


@functools.cache
def _fields(kind: type) -> tuple[tuple[str, bool], ...]:
    """The contract's fields of a record type: (name, omitted when None), in order."""
    return tuple(
        (f.name, f.metadata.get(JSON_KEY) == "omitted if none")
        for f in dataclasses.fields(kind)
        if f.metadata.get(JSON_KEY) != "internal"
    )


def encode(value: object) -> JSON:
    """A record (or a list of them, or a plain value) as JSON-ready Python values."""
    if isinstance(value, list | tuple):
        return [encode(v) for v in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out = {}
        for name, optional in _fields(type(value)):
            item = getattr(value, name)
            if item is not None or not optional:
                out[name] = encode(item)
        return out
    return value
