"""The JSON Schema of the document contract, shipped with the package."""

from __future__ import annotations

import functools
import json
from importlib import resources

from jsonschema import Draft202012Validator

from storyline.document.encode import JSONObject
from storyline.errors import SchemaViolation

__all__ = ["document_schema", "validate_document"]


@functools.cache
def document_schema() -> JSONObject:
    text = resources.files(__package__).joinpath("document.schema.json").read_text("utf-8")
    schema: JSONObject = json.loads(text)
    return schema


@functools.cache
def _validator() -> Draft202012Validator:
    return Draft202012Validator(document_schema())


def validate_document(document: JSONObject) -> None:
    """Raise :class:`SchemaViolation` listing every way ``document`` breaks the contract.

    Beyond the schema, checks what JSON Schema cannot: every offset lies inside the text it
    indexes (``text``, or a caption's for a caption's event) and every span's ``text`` is the
    slice it points at; every id a record refers to (speaker, source, target, location,
    reported_by, timex, caption) exists.
    """
    problems = [
        f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}" for e in _validator().iter_errors(document)
    ]
    if not problems:
        problems = _offset_problems(document) + _reference_problems(document)
    if problems:
        raise SchemaViolation("document breaks storyline.document/1: " + "; ".join(problems[:10]))


def _offset_problems(document: JSONObject) -> list[str]:
    text = document["text"]
    captions = [c["text"] for c in document["captions"]]
    spans: list[tuple[str, str, JSONObject]] = []  # (what, the text it indexes, the span)
    for entity in document["entities"]:
        spans += [(f"entity {entity['id']} mention", text, m) for m in entity["mentions"]]
    spans += [(f"timex {t['id']}", text, t) for t in document["timexes"]]
    for quote in document["quotes"]:
        spans.append((f"quote {quote['id']}", text, quote))
        spans += [(f"quote {quote['id']} {k}", text, quote[k]) for k in ("source", "cue") if quote.get(k)]
    problems = []
    for event in document["events"]:
        index = event.get("caption")
        if index is not None and not index < len(captions):
            problems.append(f"event {event['id']}: caption {index} does not exist ({len(captions)} captions)")
            continue
        indexed = text if index is None else captions[index]
        spans += [(f"event {event['id']} {k}", indexed, event[k]) for k in ("evidence", "trigger") if event.get(k)]
    for what, indexed, span in spans:
        start, end = span["start"], span["end"]
        if not 0 <= start <= end <= len(indexed):
            problems.append(f"{what}: [{start}, {end}) is outside the text it indexes (length {len(indexed)})")
        elif "text" in span and indexed[start:end] != span["text"]:
            problems.append(f"{what}: text {span['text']!r} is not text[{start}:{end}] = {indexed[start:end]!r}")
    return problems


def _reference_problems(document: JSONObject) -> list[str]:
    ids = [e["id"] for e in document["entities"]]
    problems = [] if len(ids) == len(set(ids)) else ["entity ids are not unique"]
    entities, timexes = set(ids), {t["id"] for t in document["timexes"]}
    refers = [(f"quote {q['id']} speaker", q["speaker"], entities) for q in document["quotes"]]
    for event in document["events"]:
        refers += [
            (f"event {event['id']} {k}", event[k], entities) for k in ("source", "target", "location", "reported_by")
        ]
        refers.append((f"event {event['id']} date", (event["date"] or {}).get("timex"), timexes))
    problems += [
        f"{what}: {ref!r} is not in the document" for what, ref, known in refers if ref is not None and ref not in known
    ]
    return problems
