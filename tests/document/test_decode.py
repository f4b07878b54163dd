"""The decoder reads a document's JSON back into its records: the same JSON again, or a clear refusal."""

from __future__ import annotations

import copy
import json

import pytest

from storyline.document.decode import decode
from storyline.document.records import Actor, Document
from storyline.document.schema import validate_document
from storyline.errors import SchemaViolation

from ..builders import document


def test_a_document_read_back_writes_the_same_json() -> None:
    written = document().to_dict()
    validate_document(written)  # (the builder's document keeps the contract)
    read = Document.from_dict(json.loads(json.dumps(written)))
    assert read.to_dict() == written
    assert read.to_json() == document().to_json()  # byte for byte: key order, and -10 stays an integer
    assert isinstance(read.events[1].goldstein, float) and isinstance(read.events[0].goldstein, int)


def test_the_records_read_back_are_the_ones_written_less_what_the_contract_leaves_out() -> None:
    read = Document.from_dict(document().to_dict())
    assert read.entities[0].actor == Actor("RUSMIL", "RUS", None, "MIL", None, country_inferred=True)
    assert read.entities[1].place is not None and read.entities[1].place.name == ""  # internal: not in the JSON
    assert read.quotes[1].cue is None and read.events[1].caption == 0 and read.events[1].refers_to == "V1"
    assert read.article.text == "" and read.article.input_id == "wire-1"


def test_a_key_the_json_lacks_takes_the_fields_default() -> None:
    data = document().to_dict()
    del data["boilerplate"], data["events"][1]["refers_to"], data["article"]["input_id"]
    read = Document.from_dict(data)
    assert read.boilerplate == [] and read.events[1].refers_to is None and read.article.input_id is None


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(mood="grim"), r"^\(root\): 'mood' is not a field of Document"),
        (lambda d: d.pop("text"), r"^\(root\): 'text' is missing"),
        (
            lambda d: d["entities"][2]["mentions"][0].update(start="3"),
            r"^entities/2/mentions/0/start: expected an integer, found str",
        ),
        (lambda d: d["events"][0].update(quad_class=True), r"^events/0/quad_class: expected an integer, found bool"),
        (lambda d: d["events"][0].update(goldstein=None), r"^events/0/goldstein: expected a number"),
        (lambda d: d.update(quotes={}), r"^quotes: expected a list, found dict"),
        (lambda d: d["entities"][0].update(actor=["RUS"]), r"^entities/0/actor: expected an object \(Actor\)"),
    ],
)
def test_json_that_does_not_fit_its_record_is_refused_naming_the_key(change: object, message: str) -> None:
    data = copy.deepcopy(document().to_dict())
    change(data)  # type: ignore[operator]
    with pytest.raises(SchemaViolation, match=message):
        Document.from_dict(data)


def test_any_record_of_the_contract_can_be_read() -> None:
    assert decode(Actor, {"code": "USAGOV", "country": "USA", "org": None, "sector": "GOV", "role": None}) == Actor(
        "USAGOV", "USA", None, "GOV"
    )
