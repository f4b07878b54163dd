"""The records and the shipped JSON Schema agree field by field; the encoder writes the contract."""

from __future__ import annotations

import dataclasses
import typing

import pytest

from storyline.document import records
from storyline.document.article import Article
from storyline.document.encode import JSON_KEY, encode
from storyline.document.schema import document_schema

SCHEMA = document_schema()
DEFS = SCHEMA["$defs"]
TOP = SCHEMA["properties"]

# Each record and where the schema describes it.
RECORDS: list[tuple[type, dict[str, typing.Any]]] = [
    (records.Document, SCHEMA),
    (Article, TOP["article"]),
    (records.Caption, TOP["captions"]["items"]),
    (records.Removed, TOP["boilerplate"]["items"]),
    (records.Generator, TOP["generator"]),
    (records.Entity, DEFS["entity"]),
    (records.Mention, DEFS["textspan"]),
    (records.Actor, DEFS["actor"]),
    (records.Place, DEFS["place"]),
    (records.Timex, DEFS["timex"]),
    (records.Quote, DEFS["quote"]),
    (records.TextSpan, DEFS["textspan"]),
    (records.CharSpan, DEFS["span"]),
    (records.Event, DEFS["event"]),
    (records.EventDate, DEFS["event"]["properties"]["date"]["oneOf"][1]),
]


def _resolve(node: dict[str, typing.Any]) -> dict[str, typing.Any]:
    return DEFS[node["$ref"].rsplit("/", 1)[1]] if "$ref" in node else node


def _properties(node: dict[str, typing.Any]) -> dict[str, typing.Any]:
    """A schema object's properties, with those of the parts it is ``allOf``."""
    found: dict[str, typing.Any] = {}
    for part in node.get("allOf", []):
        found.update(_properties(_resolve(part)))
    found.update(node.get("properties", {}))
    return found


def _required(node: dict[str, typing.Any]) -> set[str]:
    found = set(node.get("required", []))
    for part in node.get("allOf", []):
        found |= _required(_resolve(part))
    return found


def _contract_fields(kind: type) -> list[dataclasses.Field[typing.Any]]:
    return [f for f in dataclasses.fields(kind) if f.metadata.get(JSON_KEY) != "internal"]


def _allows_null(node: dict[str, typing.Any]) -> bool:
    node = _resolve(node)
    kinds = node.get("type", [])
    options = [_resolve(o) for o in node.get("oneOf", [])]
    return "null" in (kinds if isinstance(kinds, list) else [kinds]) or any(o.get("type") == "null" for o in options)


@pytest.mark.parametrize(("kind", "node"), RECORDS, ids=[k.__name__ for k, _ in RECORDS])
def test_every_field_of_a_record_is_in_the_schema_and_no_other(kind: type, node: dict[str, typing.Any]) -> None:
    fields = _contract_fields(kind)
    properties = _properties(node)
    assert {f.name for f in fields} == set(properties), kind.__name__
    hints = typing.get_type_hints(kind)
    for f in fields:
        optional = f.metadata.get(JSON_KEY) == "omitted if none"
        if f.name in _required(node):
            assert not optional, f"{kind.__name__}.{f.name} is required by the schema but omitted when None"
        nullable = type(None) in typing.get_args(hints[f.name])
        if not optional and f.name != "schema":
            assert nullable == _allows_null(properties[f.name]), f"{kind.__name__}.{f.name}: null allowed?"


def test_the_encoder_writes_fields_in_order_leaves_out_internal_ones_and_unset_optional_ones() -> None:
    actor = records.Actor("RUSGOV", "RUS", None, "GOV", "president")
    assert list(encode(actor)) == ["code", "country", "org", "sector", "role"]
    actor.country_inferred = True
    assert encode(actor)["country_inferred"] is True
    mention = records.Mention(0, 6, "Russia", "GPE")
    assert encode(mention) == {"start": 0, "end": 6, "text": "Russia"}  # the label is the stages' own
    entity = records.Entity(id="E1", name="Russia", type="GPE", actor=actor, mentions=[mention])
    assert list(encode(entity)) == ["id", "name", "type", "actor", "place", "mentions"]
    assert encode(Article.create("Text.", url="https://example.org/a")) == {
        "id": Article.create("Text.", url="https://example.org/a").id,
        "url": "https://example.org/a",
        "title": None,
        "published": None,
        "source": None,
        "byline": None,
    }
