"""Issue 31: what the explorer asks of the API. Sorting on the server over every match, a
filter's events as a file equal to its rows, charts that count exactly the events a click opens,
the charts' names and kinds, the autocomplete, and the corpus event told in words."""

from __future__ import annotations

import csv
import datetime as dt
import io
import tempfile
from typing import Any, get_args

import duckdb
import pytest
from fastapi.testclient import TestClient

from storyline.api.events import Sort
from storyline.store.export import event_columns
from storyline.store.queries import EVENT_SORTS


def _every(client: TestClient, **params: Any) -> list[dict[str, Any]]:
    return list(client.get("/events", params={**params, "limit": 1000}).json()["rows"])


def _paged(client: TestClient, size: int, **params: Any) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    while True:
        page = client.get("/events", params={**params, "limit": size, "offset": len(rows)}).json()
        rows += page["rows"]
        if len(rows) >= page["total"]:
            return rows


def test_the_sort_choices_are_the_stores() -> None:
    assert set(get_args(Sort)) == set(EVENT_SORTS)


@pytest.mark.parametrize("sort", sorted(EVENT_SORTS))
@pytest.mark.parametrize("ascending", [True, False])
def test_sorting_is_over_every_match_and_pages_follow_each_other(
    client: TestClient, sort: str, ascending: bool
) -> None:
    every = _every(client, sort=sort, ascending=ascending)
    assert len(every) > 4
    assert _paged(client, 2, sort=sort, ascending=ascending) == every  # pages, one after another
    shown = {
        "day": lambda r: r["day"],
        "source": lambda r: r["source_name"] or r["source_code"],
        "target": lambda r: r["target_name"] or r["target_code"],
        "event": lambda r: r["cameo"],
        "modality": lambda r: r["modality"],
        "sources": lambda r: r["num_sources"],
        "confidence": lambda r: r["confidence"],
    }[sort]
    values = [shown(r) for r in every if shown(r) is not None]
    assert values == sorted(values, reverse=not ascending)
    nulls = [i for i, r in enumerate(every) if shown(r) is None]
    assert nulls == list(range(len(every) - len(nulls), len(every)))  # what has no value comes last


def test_a_download_holds_the_filters_rows_in_their_order(client: TestClient) -> None:
    wanted = {"actor": "NOR", "sort": "source", "ascending": "true"}
    rows = _every(client, **wanted)
    assert len(rows) > 2
    answer = client.get("/events/download", params={**wanted, "format": "csv"})
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/csv")
    assert "events.csv" in answer.headers["content-disposition"]
    table = list(csv.DictReader(io.StringIO(answer.text)))
    assert list(table[0]) == [name for name, _ in event_columns()]  # storyline export's columns, and the ids
    assert [(r["ArticleID"], r["EventID"]) for r in table] == [(r["article_id"], r["event_id"]) for r in rows]
    assert [r["EventCode"] for r in table] == [r["cameo"] for r in rows]
    assert [r["Day"] for r in table] == [r["day"].replace("-", "") for r in rows]
    parquet = client.get("/events/download", params={**wanted, "format": "parquet"})
    assert parquet.status_code == 200 and parquet.content.startswith(b"PAR1")
    read = duckdb.connect()
    read.execute("CREATE TABLE t AS SELECT * FROM read_parquet(?)", [_saved(parquet.content)])
    assert read.execute('SELECT "ArticleID", "EventID", "Day" FROM t').fetchall() == [
        (r["article_id"], r["event_id"], r["day"].replace("-", "")) for r in rows
    ]
    types = {name: kind for name, kind, *_ in read.execute("DESCRIBE t").fetchall()}
    assert (types["Day"], types["QuadClass"], types["Confidence"]) == ("VARCHAR", "BIGINT", "DOUBLE")


def _saved(content: bytes) -> str:
    with tempfile.NamedTemporaryFile(suffix=".parquet", delete=False) as file:
        file.write(content)
        return file.name


@pytest.mark.parametrize("interval", ["day", "week", "month", "year"])
def test_a_timeline_bar_counts_the_events_its_period_holds(client: TestClient, interval: str) -> None:
    graded = {"modality": "asserted", "coded": "source"}
    chart = client.get("/timeline", params={**graded, "interval": interval}).json()
    assert chart["interval"] == interval and chart["rows"]
    assert chart["total"] == client.get("/events", params={**graded, "limit": 1}).json()["total"]
    for row in chart["rows"]:
        first = row["period"]
        days = {r["day"] for r in _every(client, **graded, quad_class=row["quad_class"], since=first)}
        held = [d for d in days if _period(d, interval) == first]
        assert held, row
        until = max(held)
        opened = client.get(
            "/events", params={**graded, "quad_class": row["quad_class"], "since": first, "until": until}
        )
        assert opened.json()["total"] == row["events"], row


def _period(day: str, interval: str) -> str:
    d = dt.date.fromisoformat(day)
    start = {
        "day": d,
        "week": d - dt.timedelta(days=d.weekday()),
        "month": d.replace(day=1),
        "year": d.replace(month=1, day=1),
    }[interval]
    return start.isoformat()


def test_the_timeline_picks_its_interval_and_says_so(client: TestClient) -> None:
    assert client.get("/timeline").json()["interval"] == "day"  # the stories span a few days


def test_a_network_edge_and_node_count_what_they_open(client: TestClient) -> None:
    chart = client.get("/network").json()
    assert chart["rows"] and chart["in_all"] >= 2
    for row in chart["rows"]:
        assert row["source_name"] and row["target_name"]
        exact = [
            r
            for r in _every(client, source=row["source_code"], target=row["target_code"])
            if (r["source_code"], r["target_code"]) == (row["source_code"], row["target_code"])
        ]
        assert len(exact) == row["events"]


def test_a_map_mark_counts_what_it_opens(client: TestClient) -> None:
    chart = client.get("/map").json()
    assert chart["rows"] and chart["total"] == sum(r["events"] for r in chart["rows"])
    for row in chart["rows"]:
        assert row["kind"] in ("continent", "country", "region", "district", "city")
        opened = client.get(
            "/events", params={"place": row["location_name"], "place_country": row["country"], "limit": 1}
        )
        assert opened.json()["total"] == row["events"]


def test_suggestions_find_an_actor_by_name_or_code_and_a_code_by_word(client: TestClient) -> None:
    by_name = client.get("/suggest/actors", params={"typed": "norweg"}).json()
    assert by_name and by_name[0]["code"].startswith("NOR")
    assert client.get("/suggest/actors", params={"typed": "nor"}).json()[0]["code"].startswith("NOR")
    assert client.get("/suggest/actors", params={"typed": "zzzz"}).json() == []
    codes = client.get("/suggest/codes", params={"typed": "protest"}).json()
    assert {"code": "14", "name": "Protest"} in codes
    assert all(c["code"].startswith("19") for c in client.get("/suggest/codes", params={"typed": "19"}).json())
    assert client.get("/suggest/codes", params={"typed": ""}).status_code == 422


def test_a_corpus_event_is_told_in_words(client: TestClient) -> None:
    linked = next(r["corpus_event_id"] for r in _every(client, sort="sources") if r["corpus_event_id"])
    found = client.get(f"/corpus-events/{linked}").json()
    event = found["event"]
    assert event["cameo_name"] and event["source_name"]
    assert event["day"] and event["date_set"].startswith("the text gives")
    assert all(m["publisher"] for m in found["mentions"])
