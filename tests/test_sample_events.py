"""``storyline sample-events`` and ``storyline audit``: a seeded draw of events into a sheet,
and the figures of a sheet once read."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from click.testing import CliRunner

from storyline.app.cli import cli
from storyline.app.sample import COLUMNS, audit_figures, read_sheet
from storyline.errors import InvalidArgument

SAMPLES = Path(__file__).resolve().parents[1] / "samples" / "articles"


def _draw(tmp_path: Path, seed: int, n: int = 5) -> list[dict[str, str]]:
    out = tmp_path / f"sheet-{seed}.csv"
    result = CliRunner().invoke(
        cli, ["sample-events", str(SAMPLES), "-n", str(n), "--seed", str(seed), "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    return read_sheet(out)


def test_the_same_seed_draws_the_same_events_and_another_seed_others(tmp_path: Path) -> None:
    first, again, other = _draw(tmp_path, 1), _draw(tmp_path, 1), _draw(tmp_path, 2)
    key = [(r["article"], r["event"]) for r in first]
    assert len(first) == 5 and key == [(r["article"], r["event"]) for r in again]
    assert key != [(r["article"], r["event"]) for r in other]


def test_a_sheet_has_the_events_sentences_and_empty_verdicts(tmp_path: Path) -> None:
    rows = _draw(tmp_path, 3)
    assert list(rows[0]) == list(COLUMNS)
    for row in rows:
        assert row["sentence"] and row["trigger"] in row["sentence"]
        assert row["code_ok"] == row["source_ok"] == ""


def _row(**fields: str) -> dict[str, str]:
    blank = dict.fromkeys(COLUMNS, "")
    return {**blank, "cameo": "010", "coded": "none", **fields}


def test_the_audit_counts_each_verdict_over_the_events_it_applies_to() -> None:
    rows = [
        _row(cameo="190", code_ok="y", source="USAMIL (troops)", coded="source", source_ok="y"),
        _row(cameo="193", code_ok="n", source="GOV (a minister)", coded="none", source_ok="n"),
        _row(code_ok="y", modality_ok="y"),
        _row(code_ok="y", modality_ok="n"),
    ]
    figures = audit_figures(rows)
    assert figures["code"] == (3, 4)
    assert figures["code (events with a coded source)"] == (1, 1)
    assert figures["violent codes (18x, 19x)"] == (1, 2)
    assert figures["source (events with a coded one)"] == (1, 1)  # a sector alone is not coded
    assert figures["source (any, sector alone too)"] == (1, 2)
    assert figures["coded source"] == (1, 4)
    assert figures["modality"] == (1, 2)


def test_a_sheet_with_a_verdict_it_cannot_read_is_refused(tmp_path: Path) -> None:
    sheet = tmp_path / "bad.csv"
    with sheet.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(COLUMNS))
        writer.writeheader()
        writer.writerow(_row(n="1", code_ok="maybe"))
    with pytest.raises(InvalidArgument, match="code_ok"):
        read_sheet(sheet)


def test_the_shipped_audit_sheets_are_read_in_full() -> None:
    sheets = sorted((Path(__file__).resolve().parents[1] / "bench").glob("audit-issue15*.csv"))
    assert sheets
    for sheet in sheets:
        rows = read_sheet(sheet)
        assert len(rows) == 200, sheet.name
        for row in rows:
            assert row["code_ok"] in ("y", "n") and row["modality_ok"] in ("y", "n"), (sheet.name, row["n"])
            # an actor verdict exactly where the event names that actor
            assert (row["source_ok"] == "-") == (not row["source"]), (sheet.name, row["n"])
            assert (row["target_ok"] == "-") == (not row["target"]), (sheet.name, row["n"])
