"""The HTTP API over a store, through FastAPI's test client (on DuckDB; the queries themselves
are tested on both backends in tests/store)."""

from __future__ import annotations

from pathlib import Path
from typing import get_args

from fastapi.testclient import TestClient

from storyline.api.app import MAX_BODY_BYTES, create_app
from storyline.api.shared import Coded
from storyline.document.subset import CODED_CHOICES


def _error(response: object) -> dict[str, object]:
    """The one error shape: {"error": {"status", "code", "message"}}."""
    body = response.json()  # type: ignore[attr-defined]
    assert set(body) == {"error"} and set(body["error"]) == {"status", "code", "message"}
    assert body["error"]["status"] == response.status_code  # type: ignore[attr-defined]
    return body["error"]  # type: ignore[no-any-return]


def test_events_are_filtered_and_paginated(client: TestClient) -> None:
    everything = client.get("/events", params={"limit": 1000}).json()["rows"]
    assert len(everything) > 5
    first = client.get("/events", params={"limit": 2}).json()
    second = client.get("/events", params={"limit": 2, "offset": 2}).json()
    assert [r["event_id"] for r in first["rows"] + second["rows"]] == [r["event_id"] for r in everything[:4]]
    violent = client.get("/events", params={"code": "19", "actor": "NOR"}).json()["rows"]
    assert violent and all(str(r["cameo"]).startswith("19") for r in violent)


def test_an_empty_page_says_why(client: TestClient) -> None:
    page = client.get("/events", params={"actor": "ZZZ"}).json()
    assert page["rows"] == [] and "match the filters" in page["note"]


def test_quotes_actors_articles_and_stats(client: TestClient) -> None:
    assert client.get("/quotes").json()["rows"]
    assert client.get("/actors", params={"limit": 3}).json()["rows"]
    titles = [r["title"] for r in client.get("/articles", params={"source": "wire a"}).json()["rows"]]
    assert sorted(titles) == ["Border attack", "Sweden protests"]
    stats = client.get("/stats").json()
    assert stats["articles"] == 5 and stats["events"] > 0


def test_one_articles_document_and_a_missing_one(client: TestClient) -> None:
    article_id = client.get("/articles").json()["rows"][0]["article_id"]
    document = client.get(f"/articles/{article_id}").json()
    assert document["article"]["id"] == article_id and document["text"]
    missing = client.get("/articles/nope")
    assert missing.status_code == 404 and _error(missing)["code"] == "not_found"


def test_bad_parameters_and_unknown_paths_answer_in_the_one_error_shape(client: TestClient) -> None:
    for response in (
        client.get("/events", params={"limit": 0}),
        client.get("/events", params={"since": "last week"}),
        client.get("/events", params={"quad_class": 9}),
        client.get("/events", params={"coded": "maybe"}),
    ):
        assert response.status_code == 422 and _error(response)["code"] == "invalid"
    assert _error(client.get("/no/such/page"))["code"] == "not_found"
    assert _error(client.delete("/events"))["code"] == "method_not_allowed"


def test_the_coded_parameter_takes_the_coded_choices() -> None:
    assert get_args(Coded) == tuple(CODED_CHOICES)


def test_text_is_only_ever_a_value(client: TestClient) -> None:
    before = client.get("/stats").json()["events"]
    answer = client.get("/events", params={"text": "'; DROP TABLE events; --"})
    assert answer.status_code == 200 and answer.json()["rows"] == []
    assert client.get("/stats").json()["events"] == before


def test_posting_an_article_processes_it_and_stores_it_when_asked(client: TestClient) -> None:
    text = "Finland and Estonia agreed on Friday to hold talks in Tallinn next month, officials said."
    processed = client.post("/documents", json={"text": text, "published": "2024-05-03"})
    assert processed.status_code == 200 and processed.json()["events"]
    assert client.get("/stats").json()["articles"] == 5  # not stored
    stored = client.post("/documents", json={"text": text, "published": "2024-05-03", "store": True}).json()
    assert client.get(f"/articles/{stored['article']['id']}").status_code == 200
    assert client.get("/stats").json()["articles"] == 6
    empty = client.post("/documents", json={"text": ""})
    assert empty.status_code == 422 and _error(empty)["code"] == "invalid"


def test_a_body_too_large_is_refused_before_it_is_read(client: TestClient) -> None:
    huge = client.post("/documents", content=b"x" * (MAX_BODY_BYTES + 1), headers={"content-type": "application/json"})
    assert huge.status_code == 413 and _error(huge)["code"] == "too_large"


def test_the_openapi_description_is_served(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert {"/events", "/quotes", "/actors", "/articles", "/articles/{article_id}", "/documents", "/stats"} <= set(
        spec["paths"]
    )


def test_serve_binds_to_the_local_address_by_default() -> None:
    from storyline.app.store_cli import serve_command

    host = next(p for p in serve_command.params if p.name == "host")
    assert host.default == "127.0.0.1"


def test_the_api_reads_a_store_it_did_not_make(tmp_path: Path) -> None:
    with TestClient(create_app(str(tmp_path / "new.duckdb"))) as fresh:
        page = fresh.get("/events").json()
        assert page["rows"] == [] and "no articles" in page["note"]


def test_the_ui_endpoints_answer(client: TestClient) -> None:
    assert client.get("/timeline", params={"interval": "week"}).json()["rows"]
    assert client.get("/network").json()["rows"]
    assert client.get("/map").status_code == 200
    outlines = client.get("/countries").json()
    assert outlines["type"] == "FeatureCollection" and len(outlines["features"]) > 150
    rows = client.get("/events", params={"limit": 1000}).json()["rows"]
    linked = next(r["corpus_event_id"] for r in rows if r["corpus_event_id"])  # (a posted article waits for an ingest)
    found = client.get(f"/corpus-events/{linked}").json()
    assert found["event"]["corpus_event_id"] == linked and found["mentions"]
    assert _error(client.get("/corpus-events/nope"))["code"] == "not_found"
    assert client.get("/timeline", params={"interval": "year"}).status_code == 422
