"""``storyline eval geo`` on an LGL-style file written here, and on GeoWebNews when present."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.evaluation.geo import evaluate_geo, great_circle_km, read_gold

from ..conftest import SHARED, need

_TEXT_1 = "The minister flew from London to Paris on Monday."
_TEXT_2 = "It rained all day in the old quarter of Berlin."


def _toponym(text: str, phrase: str, gaztag: str) -> str:
    start = text.index(phrase)
    return f"<toponym><start>{start}</start><end>{start + len(phrase)}</end><phrase>{phrase}</phrase>{gaztag}</toponym>"


def _lgl(path: Path) -> Path:
    london = '<gaztag geonameid="2643743"><name>London</name><lat>51.50853</lat><lon>-0.12574</lon></gaztag>'
    # The gold says Paris, Texas: the system's Paris, France is then 7,700 km off, a miss.
    paris_texas = '<gaztag geonameid="4717560"><name>Paris</name><lat>33.66094</lat><lon>-95.55551</lon></gaztag>'
    quarter = '<gaztag geonameid="2950159"><name>Berlin</name><lat>52.52437</lat><lon>13.41053</lon></gaztag>'
    path.write_text(
        "<articles>"
        f"<article><text>{_TEXT_1}</text><toponyms>"
        + _toponym(_TEXT_1, "London", london)
        + _toponym(_TEXT_1, "Paris", paris_texas)
        + f"</toponyms></article><article><text>{_TEXT_2}</text><toponyms>"
        + _toponym(_TEXT_2, "old quarter", quarter)  # no system mention there: not found
        + _toponym(_TEXT_2, "Berlin", "")  # no coordinates: not scored
        + "</toponyms></article></articles>",
        encoding="utf-8",
    )
    return path


def test_great_circle() -> None:
    assert great_circle_km(0, 0, 0, 1) == pytest.approx(111.2, abs=0.1)
    assert great_circle_km(50.45, 30.52, 50.45, 30.52) == 0


def test_read_gold_skips_toponyms_without_coordinates(tmp_path: Path) -> None:
    gold = read_gold(_lgl(tmp_path / "lgl.xml"))
    assert [len(a.toponyms) for a in gold] == [2, 1]
    assert gold[0].text[gold[0].toponyms[0].start : gold[0].toponyms[0].end] == "London"


def test_eval_geo_on_an_lgl_file(tmp_path: Path) -> None:
    folder = tmp_path / "lgl"
    folder.mkdir()
    _lgl(folder / "a.xml")
    figures = evaluate_geo(folder)
    assert (figures["n"], figures["found"]) == (3, 2)
    assert figures["recall"] == pytest.approx(2 / 3, abs=1e-4)
    assert figures["acc161"] == 0.5  # London right, Paris (gold: Texas) wrong
    assert figures["exact_id"] == 0.5
    assert figures["baseline"]["recall"] == figures["recall"]
    assert figures["per_type"]["toponym"]["n"] == 3


@pytest.mark.slow
def test_eval_geo_on_geowebnews() -> None:
    data = need(SHARED / "data" / "geo" / "geowebnews" / "GWN.xml")
    figures = evaluate_geo(data.parent, limit=5)
    assert figures["articles"] == 5 and figures["n"] > 20
    assert 0.15 < figures["recall"] <= 1 and 0.3 < figures["acc161"] <= 1
    assert {"Literal", "Metonymic"} <= set(figures["per_type"])
