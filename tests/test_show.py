"""``storyline show``: documents read in a terminal, and the names events carry for it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from storyline import process
from storyline.app.cli import cli
from storyline.app.show import summarise
from storyline.document.schema import validate_document
from storyline.knowledge.cameo import lookup

ATTACK = (
    "Russian troops attacked a border post in Norway on Friday, the Norwegian defence ministry said. "
    '"We will defend every metre of our land," Prime Minister Jonas Gahr Store told reporters in Oslo.'
)
# sources read off the context: the police of the place of an arrest; "the attack" told before
INFERRED = (
    "Fifteen protesters were arrested in Lebanon on Sunday. "
    "Iraqi jets attacked a convoy in Syria on Monday. The attack killed 12 people."
)


@pytest.fixture(scope="module")
def attack() -> dict[str, Any]:
    return process(ATTACK, published="2025-08-23", check_language=False).to_dict()


@pytest.fixture(scope="module")
def inferred() -> dict[str, Any]:
    return process(INFERRED, published="2025-08-23", check_language=False).to_dict()


def _the_attack(doc: dict[str, Any]) -> dict[str, Any]:
    attacks: list[dict[str, Any]] = [e for e in doc["events"] if e["root"] == "19" and not e.get("source_inferred")]
    (event,) = attacks
    return event


def test_an_event_carries_the_names_of_its_actors_and_code(attack: dict[str, Any]) -> None:
    event = _the_attack(attack)
    names = {e["id"]: e["name"] for e in attack["entities"]}
    assert event["source_name"] == names[event["source"]] == "Russian troops"
    assert event["target_name"] == names[event["target"]] == "Norway"
    assert event["cameo_name"] == lookup(event["cameo"]).name == "Use conventional military force"
    keys = list(event)
    assert keys.index("source_name") == keys.index("source") + 1  # beside the id
    assert keys.index("cameo_name") == keys.index("cameo") + 1
    validate_document(attack)


@pytest.mark.parametrize("fixture", ["attack", "inferred"])
def test_every_name_is_its_entitys(fixture: str, request: pytest.FixtureRequest) -> None:
    doc = request.getfixturevalue(fixture)
    names = {e["id"]: e["name"] for e in doc["entities"]}
    assert doc["events"]
    for event in doc["events"]:
        for role in ("source", "target"):
            assert event.get(f"{role}_name") == names.get(event[role]), (event["id"], role)
        assert event["cameo_name"] == lookup(event["cameo"]).name


def test_a_source_read_off_the_context_is_named_too(inferred: dict[str, Any]) -> None:
    arrest = next(e for e in inferred["events"] if e["root"] == "17")
    assert arrest.get("source_inferred") and arrest["source_name"] == "Lebanon"  # its police
    attack = next(e for e in inferred["events"] if len(e["mentions"]) == 2)  # "attacked" ... "The attack"
    assert attack["source_name"] == "Iraqi jets" and attack["target_name"] == "Syria"


def test_show_from_standard_input(attack: dict[str, Any]) -> None:
    result = CliRunner().invoke(cli, ["show", "-"], input=json.dumps(attack, indent=2))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    (line,) = [n for n, text in enumerate(lines) if "Russian troops (RUSMIL) -> Norway (NOR)" in text]
    assert "190 Use conventional military force" in lines[line]
    assert "[asserted]" in lines[line] and "in Norway" in lines[line]
    assert "2025-08-22" in lines[line]  # Friday before the publication date
    evidence = "Russian troops attacked a border post in Norway on Friday, the Norwegian defence ministry said."
    assert lines[line + 1].strip() == evidence
    assert any(text.strip().startswith("Q") and "Jonas Gahr Store [direct]" in text for text in lines)


def test_show_marks_what_was_inferred_and_named_again(inferred: dict[str, Any]) -> None:
    out = summarise(inferred)
    assert "Lebanon (LBNCOP) -> -" in out and "[asserted, source inferred]" in out
    attack = next(e["id"] for e in inferred["events"] if len(e["mentions"]) == 2)
    assert next(line for line in out.splitlines() if line.lstrip().startswith(attack)).endswith("(told 2 times)")
    older = json.loads(json.dumps(inferred))  # written before events listed their mentions
    for event in older["events"]:
        event["refers_to"] = "V1" if event["id"] == attack else None
    assert "(= V1)" in summarise(older)


def test_show_a_json_lines_file(attack: dict[str, Any], inferred: dict[str, Any], tmp_path: Path) -> None:
    path = tmp_path / "docs.jsonl"
    path.write_text("\n".join(json.dumps(d) for d in (attack, inferred)) + "\n", "utf-8")
    result = CliRunner().invoke(cli, ["show", str(path)])
    assert result.exit_code == 0, result.output
    assert result.output.count("\n== ") + result.output.startswith("== ") == 2
    assert result.output.index("Russian troops (RUSMIL)") < result.output.index("Iraqi jets (IRQMIL)")


def test_an_older_document_is_named_from_its_entity_table(attack: dict[str, Any]) -> None:
    older = json.loads(json.dumps(attack))
    for event in older["events"]:
        for key in ("source_name", "target_name", "cameo_name"):
            event.pop(key, None)
    assert summarise(older) == summarise(attack)


def test_an_event_with_no_known_actors_and_a_long_sentence(attack: dict[str, Any]) -> None:
    doc = json.loads(json.dumps(attack))
    doc["text"] = "Someone " + "walked a very long way " * 20 + "and attacked."
    event = dict(_the_attack(attack), source=None, target=None, source_actor=None, target_actor=None)
    for key in ("source_name", "target_name", "location", "reported_by"):
        event.pop(key)
    doc["events"], doc["quotes"] = [dict(event, evidence={"start": 0, "end": len(doc["text"])})], []
    line, evidence = summarise(doc).split("\n")[-2:]
    assert " ? -> -  190 " in line and line.endswith("[asserted]")
    assert evidence.endswith("…") and len(evidence.strip()) <= 160


def _run(*args: str, stdin: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "storyline", *args], input=stdin, capture_output=True, text=True, timeout=300
    )


@pytest.mark.parametrize(
    ("stdin", "expected"),
    [
        ("this is not JSON\n", "<stdin>:1: not a storyline document (Expecting value)"),
        ('{"title": "no text"}\n', "<stdin>: not a storyline document (a JSON object with a 'text')"),
        ("[1, 2]\n", "<stdin>: not a storyline document"),
    ],
)
def test_bad_input_is_one_clear_error(stdin: str, expected: str) -> None:
    result = _run("show", "-", stdin=stdin)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"storyline: error: {expected}")
    assert "storyline process" in result.stderr  # what to give instead
    assert len(result.stderr.splitlines()) == 1


def test_a_bad_line_in_a_json_lines_file_is_named(attack: dict[str, Any], tmp_path: Path) -> None:
    path = tmp_path / "docs.jsonl"
    path.write_text(json.dumps(attack) + "\n{broken\n", "utf-8")
    result = _run("show", str(path), stdin="")
    assert result.returncode == 2
    assert f"{path}:2: not a storyline document" in result.stderr


def test_a_missing_file_is_an_error(tmp_path: Path) -> None:
    result = _run("show", str(tmp_path / "docs.jsonl"), stdin="")
    assert result.returncode == 2
    assert result.stderr.startswith(f"storyline: error: {tmp_path / 'docs.jsonl'}: cannot read it")
