"""Every document the pipeline makes validates against the shipped JSON Schema."""

from __future__ import annotations

import copy

import pytest

import storyline
from storyline import Document
from storyline.document.schema import document_schema, validate_document
from storyline.errors import SchemaViolation
from storyline.readers import read_inputs

from ..conftest import SAMPLES, SEED, need


def _sample_documents() -> list[Document]:
    return [r for r in storyline.process_many(read_inputs([SAMPLES])) if isinstance(r, Document)]


def test_schema_is_the_contract() -> None:
    schema = document_schema()
    assert schema["properties"]["schema"] == {"const": "storyline.document/1"}
    assert set(schema["required"]) == {
        "schema",
        "article",
        "text",
        "captions",
        "entities",
        "timexes",
        "quotes",
        "events",
    }


def test_every_sample_document_validates() -> None:
    documents = _sample_documents()
    assert len(documents) == 6  # 3 text/HTML files + 3 JSON Lines records
    for doc in documents:
        validate_document(doc.to_dict())


def test_seed_document_validates() -> None:
    validate_document(storyline.process(need(SEED).read_text("utf-8"), published="2025-08-23").to_dict())


@pytest.fixture(scope="module")
def good() -> dict:  # type: ignore[type-arg]
    return storyline.process("Officials in Paris said on Monday that France would send aid to Chad.").to_dict()


@pytest.mark.parametrize(
    ("breakage", "message"),
    [
        (lambda d: d.pop("entities"), "'entities' is a required property"),
        (lambda d: d.__setitem__("schema", "storyline.document/2"), "storyline.document/1"),
        (lambda d: d["article"].__setitem__("published", "May 2025"), "published"),
        (lambda d: d["entities"][0]["mentions"][0].__setitem__("end", 10_000), "outside the text"),
        (lambda d: d["entities"][0]["mentions"][0].__setitem__("text", "nonsense"), "is not text"),
        (
            lambda d: d["timexes"].append({"id": "T1", "text": "x", "start": 0, "end": 1, "type": "DAY", "value": "x"}),
            "DAY",
        ),
    ],
)
def test_violations_are_caught(good: dict, breakage, message: str) -> None:  # type: ignore[no-untyped-def, type-arg]
    broken = copy.deepcopy(good)
    breakage(broken)
    with pytest.raises(SchemaViolation, match=message):
        validate_document(broken)
