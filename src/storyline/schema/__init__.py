"""The JSON Schema of the document contract, shipped with the package."""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator

from ..errors import SchemaViolation

__all__ = ["document_schema", "validate_document"]


@functools.cache
def document_schema() -> dict[str, Any]:
    text = resources.files(__package__).joinpath("document.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


@functools.cache
def _validator() -> Draft202012Validator:
    return Draft202012Validator(document_schema())


def validate_document(document: dict[str, Any]) -> None:
    """Raise :class:`SchemaViolation` listing every way ``document`` breaks the contract.

    Beyond the schema, checks what JSON Schema cannot: every offset lies inside ``text`` and
    every mention's ``text`` is the slice it points at.
    """
    problems = [
        f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}" for e in _validator().iter_errors(document)
    ]
    if not problems:
        problems = _offset_problems(document)
    if problems:
        raise SchemaViolation("document breaks storyline.document/1: " + "; ".join(problems[:10]))


def _offset_problems(document: dict[str, Any]) -> list[str]:
    text = document["text"]
    problems = []
    spans: list[tuple[str, dict[str, Any]]] = []
    for entity in document["entities"]:
        spans += [(f"entity {entity['id']} mention", m) for m in entity["mentions"]]
    spans += [(f"timex {t['id']}", t) for t in document["timexes"]]
    for quote in document["quotes"]:
        spans.append((f"quote {quote['id']}", quote))
        spans += [(f"quote {quote['id']} {k}", quote[k]) for k in ("source", "cue") if quote.get(k)]
    for event in document["events"]:
        if event.get("caption") is None:
            spans.append((f"event {event['id']} evidence", event["evidence"]))
    for what, span in spans:
        start, end = span["start"], span["end"]
        if not 0 <= start <= end <= len(text):
            problems.append(f"{what}: [{start}, {end}) is outside the text (length {len(text)})")
        elif "text" in span and text[start:end] != span["text"]:
            problems.append(f"{what}: text {span['text']!r} is not text[{start}:{end}] = {text[start:end]!r}")
    ids = [e["id"] for e in document["entities"]]
    if len(ids) != len(set(ids)):
        problems.append("entity ids are not unique")
    return problems
