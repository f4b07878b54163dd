"""``storyline eval time``: TempEval-3 scoring on a TimeML file the test writes, and on the real data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from storyline.app.cli import cli
from storyline.evaluation.time import evaluate_time, parse_timeml

from ..conftest import SHARED, need

TML = """<?xml version="1.0" ?>
<TimeML>
<DCT><TIMEX3 tid="t0" type="DATE" value="2025-08-23T10:00:00" functionInDocument="CREATION_TIME">x</TIMEX3></DCT>
<TEXT>
The minister <EVENT eid="e1">resigned</EVENT> on <TIMEX3 tid="t1" type="DATE" value="2025-08-22">Friday</TIMEX3> after \
<TIMEX3 tid="t2" type="DURATION" value="P7Y">seven years</TIMEX3> in office. He will speak \
<TIMEX3 tid="t3" type="DATE" value="2025-09">next month</TIMEX3> and in <TIMEX3 tid="t4" type="DATE" value="FUTURE_REF">the future</TIMEX3>, \
<TIMEX3 tid="t5" type="DATE" value="2025-W34">earlier this week</TIMEX3> aides said.
</TEXT>
</TimeML>
"""


def test_timeml_is_read_into_raw_text_with_gold_offsets(tmp_path: Path) -> None:
    document = parse_timeml("a.tml", TML)
    assert document.dct == "2025-08-23"  # a datetime DCT counts by its day
    assert [document.text[t.start : t.end] for t in document.timexes][:2] == ["Friday", "seven years"]
    assert "<" not in document.text


def test_scores_follow_the_tempeval3_rules(tmp_path: Path) -> None:
    # "the future" is predicted as a whole (FUTURE_REF) and "earlier this week" too, so all
    # five gold timexes are found with exact extents and values.
    (tmp_path / "a.tml").write_text(TML, encoding="utf-8")
    figures = evaluate_time(tmp_path)
    assert figures["n"] == 5
    assert figures["predicted"] == 5
    assert figures["relaxed_f1"] == pytest.approx(1.0)
    assert figures["strict_f1"] == pytest.approx(1.0)
    assert figures["value_accuracy"] == pytest.approx(1.0)
    assert figures["per_type"]["DURATION"]["n"] == 1


def test_a_wrong_value_counts_as_matched_but_not_accurate(tmp_path: Path) -> None:
    # Gold gives "Friday" another value: still a relaxed and strict match, but 4 of 5 values.
    tml = TML.replace(
        '<TIMEX3 tid="t1" type="DATE" value="2025-08-22">Friday</TIMEX3>',
        '<TIMEX3 tid="t1" type="DATE" value="2025-08-15">Friday</TIMEX3>',
    )
    (tmp_path / "b.tml").write_text(tml, encoding="utf-8")
    figures = evaluate_time(tmp_path)
    assert figures["value_accuracy"] == pytest.approx(4 / 5)
    assert figures["value_f1"] == pytest.approx(4 / 5 * figures["relaxed_f1"])


def test_eval_time_runs_on_the_tempeval3_data_through_the_cli() -> None:
    data = need(SHARED / "data" / "time" / "tempeval3-train")
    result = CliRunner().invoke(cli, ["eval", "time", "--data", str(data), "--limit", "5", "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    assert figures["documents"] == 5
    assert figures["n"] > 0
    assert figures["relaxed_f1"] > 0.7
    assert set(figures) >= {"relaxed_f1", "strict_f1", "value_accuracy", "value_f1", "n"}
