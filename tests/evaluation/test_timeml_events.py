"""TimeML's events and temporal links read as gold dates, and scored on the
pipeline's events (``storyline eval events`` on a folder of .tml files)."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.errors import InvalidArgument
from storyline.evaluation.events import evaluate_events, format_events
from storyline.evaluation.timeml_events import is_timeml, read_timeml_events

_TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>GONDOR-1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2010-03-03" temporalFunction="false" functionInDocument="CREATION_TIME">20100303</TIMEX3></DCT>
<TEXT>
Gondor's army <EVENT eid="e1" class="OCCURRENCE">attacked</EVENT> Rohan's border posts on <TIMEX3 tid="t1" type="DATE" value="2010-03-01">Monday</TIMEX3>. \
Rohan had <EVENT eid="e2" class="OCCURRENCE">refused</EVENT> talks with Gondor. \
Rohan will not <EVENT eid="e3" class="OCCURRENCE">retaliate</EVENT>. \
Gondor <EVENT eid="e4" class="REPORTING">said</EVENT> so.
</TEXT>
<MAKEINSTANCE eventID="e1" eiid="ei1" tense="PAST" aspect="NONE" polarity="POS" pos="VERB" />
<MAKEINSTANCE eventID="e2" eiid="ei2" tense="PAST" aspect="PERFECTIVE" polarity="POS" pos="VERB" />
<MAKEINSTANCE eventID="e3" eiid="ei3" tense="FUTURE" aspect="NONE" polarity="NEG" pos="VERB" />
<MAKEINSTANCE eventID="e4" eiid="ei4" tense="PAST" aspect="NONE" polarity="POS" pos="VERB" />
<TLINK lid="l1" relType="INCLUDES" timeID="t1" relatedToEventInstance="ei1" />
<TLINK lid="l2" relType="BEFORE" eventInstanceID="ei2" relatedToTime="t0" />
<TLINK lid="l3" relType="AFTER" eventInstanceID="ei3" relatedToTime="t0" />
<TLINK lid="l4" relType="BEFORE" eventInstanceID="ei4" relatedToTime="t0" />
</TimeML>
"""


def _write(folder: Path) -> Path:
    part = folder / "gondor"
    part.mkdir()
    (part / "GONDOR-1.tml").write_text(_TML, "utf-8")
    return folder


def test_events_and_links_read_as_gold_dates(tmp_path: Path) -> None:
    assert is_timeml(_write(tmp_path))
    (article,) = read_timeml_events(tmp_path)
    assert article.part == "gondor" and article.published == "2010-03-03"
    attacked, refused, retaliate, said = sorted(article.events, key=lambda e: e.span)
    assert article.text[slice(*attacked.span)] == "attacked"
    # the timex INCLUDES the event: read from the event's side, it IS_INCLUDED in Monday
    assert attacked.anchor == "2010-03-01" and not attacked.past_unanchored
    assert refused.anchor is None and refused.past_unanchored  # before the creation time, no date of its own
    assert retaliate.anchor is None and not retaliate.past_unanchored  # after it: neither
    assert not retaliate.modality  # TimeML's attributes are no gold for it: not scored
    assert said.statement and said.past_unanchored and not refused.statement  # class REPORTING


def test_the_pipeline_s_events_are_scored_against_them(tmp_path: Path) -> None:
    figures = evaluate_events(_write(tmp_path))
    assert figures["corpus"] == "TimeML" and figures["articles"] == 1
    # the attack is dated Monday by its own clause; what storyline found is scored, with counts
    assert figures["all"]["date"] == {"right": 1.0, "n": 1}
    assert "source" not in figures["all"] and "modality" not in figures["all"]  # not scored
    assert format_events(figures).startswith("TimeML: 1 articles")


def test_a_folder_without_tml_files_is_refused(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("x", "utf-8")
    assert not is_timeml(tmp_path)
    with pytest.raises(InvalidArgument, match="not an events gold set"):
        evaluate_events(tmp_path)
