"""The HTTP API over a store, through FastAPI's test client (on DuckDB; the queries themselves
are tested on both backends in tests/store)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import get_args

from fastapi.testclient import TestClient

from storyline.api.app import MAX_BODY_BYTES, create_app
from storyline.api.shared import Coded
from storyline.app.store_cli import DEFAULT_LIMIT
from storyline.store.queries import CODED_FILTERS

from .conftest import stored


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
    page = client.get("/events", params={"actor": "FJI"}).json()  # a country the store has no events of
    assert page["rows"] == [] and "match the filters" in page["note"]


def test_quotes_actors_articles_and_stats(client: TestClient) -> None:
    said = client.get("/quotes").json()["rows"]
    assert said and {r["act"] for r in said} == {"speech"}
    assert len(client.get("/quotes", params={"act": "all"}).json()["rows"]) >= len(said)
    assert client.get("/quotes", params={"act": "rumour"}).status_code == 422
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
    assert get_args(Coded) == tuple(CODED_FILTERS)


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
    assert client.get("/timeline", params={"interval": "decade"}).status_code == 422


# Issue 26: pages that say how much they leave out, filters that cannot match refused, words
# searched as written, the body limit kept while reading.


def test_every_page_says_how_many_rows_match(client: TestClient) -> None:
    everything = client.get("/events", params={"limit": 1000}).json()
    n = len(everything["rows"])
    assert n > 3 and everything["total"] == n
    first = client.get("/events", params={"limit": 2}).json()
    assert len(first["rows"]) == 2 and first["total"] == n
    default = client.get("/events").json()
    assert default["limit"] == DEFAULT_LIMIT == 100  # the CLI's default page is the API's
    for path in ("/quotes", "/actors", "/articles"):
        every = client.get(path, params={"limit": 1000}).json()
        page = client.get(path, params={"limit": 1, "offset": 1}).json()
        assert every["total"] == len(every["rows"]) > 1 and page["total"] == every["total"], path
        assert page["rows"] == every["rows"][1:2], path
    two = client.get("/network", params={"actors": 2}).json()
    ends = {r["source_code"] for r in two["rows"]} | {r["target_code"] for r in two["rows"]}
    assert len(ends) <= 2 and two["in_all"] > 2  # the two busiest actors, of every one


def test_filters_that_can_match_nothing_answer_422_saying_why(client: TestClient) -> None:
    for path, params, message in (
        ("/events", {"since": "2025-13-45"}, "since '2025-13-45' is no day of the calendar"),
        ("/events", {"until": "2025-02-30"}, "until '2025-02-30' is no day of the calendar"),
        ("/events", {"since": "2024-03-09", "until": "2024-03-01"}, "since 2024-03-09 is after until 2024-03-01"),
        ("/events", {"actor": "Norway"}, "give its code, NOR"),
        ("/events", {"source": "ZZZ"}, "no country's code"),
        ("/events", {"code": "99"}, "starts no CAMEO code"),
        ("/events", {"plover": "FIGHT"}, "no PLOVER type"),
        ("/articles", {"since": "2024-02-31"}, "no day of the calendar"),
        ("/actors", {"actor": "Sweden"}, "give its code, SWE"),
        ("/timeline", {"until": "2024-13-01"}, "no day of the calendar"),
        ("/network", {"actor": "QQ"}, "no country's code"),
        ("/map", {"code": "3"}, "starts no CAMEO code"),
    ):
        answer = client.get(path, params=params)
        assert answer.status_code == 422, (path, params, answer.text)
        error = _error(answer)
        assert error["code"] == "invalid" and message in str(error["message"]), (path, params, error)
    assert client.get("/events", params={"actor": "nor", "code": "19", "since": "2024-03-01"}).json()["rows"]


def test_search_words_are_matched_as_written_wildcards_too(client: TestClient) -> None:
    assert client.get("/events", params={"text": "border post"}).json()["rows"]
    for path in ("/events", "/quotes", "/articles"):
        for wildcard in ("%", "_", "\\"):  # no test story holds one
            page = client.get(path, params={"text": wildcard}).json()
            assert page["rows"] == [] and page["total"] == 0, (path, wildcard)


def test_coded_none_keeps_the_events_with_no_actor_coded(client: TestClient) -> None:
    page = client.get("/events", params={"coded": "none", "limit": 1000})
    assert page.status_code == 200, page.text
    rows = page.json()["rows"]
    assert rows and all(r["source_code"] is None and r["target_code"] is None for r in rows)


def test_a_chunked_body_over_the_limit_is_refused_in_the_one_shape(client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(MAX_BODY_BYTES // 65_536 + 2):
            yield b"x" * 65_536

    huge = client.post("/documents", content=chunks(), headers={"content-type": "application/json"})
    assert "content-length" not in huge.request.headers and huge.request.headers["transfer-encoding"] == "chunked"
    assert huge.status_code == 413 and _error(huge)["code"] == "too_large"
    small = client.post(
        "/documents", content=iter([b'{"text": ', b'""}']), headers={"content-type": "application/json"}
    )
    assert small.status_code == 422  # a chunked body under the limit is read as any other


def test_a_reader_is_answered_while_a_write_holds_the_store(tmp_path: Path) -> None:
    """Readers have connections of their own: a long write (an ingest through the API) does not
    keep an analyst's page waiting."""
    app = create_app(stored(tmp_path))
    released = threading.Event()
    with TestClient(app) as reading, ThreadPoolExecutor(2) as pool:

        def write() -> None:
            with app.state.shared_store.writing() as s, s.transaction():
                s.execute("UPDATE articles SET title = 'changed' WHERE title IS NOT NULL")
                released.wait(60)

        writer = pool.submit(write)
        answer = pool.submit(reading.get, "/articles").result(timeout=30)  # waited for the lock before
        assert answer.status_code == 200 and answer.json()["total"] == 5
        assert "changed" not in {row["title"] for row in answer.json()["rows"]}  # not committed yet
        released.set()
        writer.result(timeout=30)
        assert "changed" in {row["title"] for row in reading.get("/articles").json()["rows"]}


def test_the_api_over_each_store_sees_its_own_writes_and_lets_go_of_it(store_url: str) -> None:
    """On PostgreSQL each reader is a connection of its own: it sees a stored article at once,
    and the application closes them when it stops (else the test's database could not be
    dropped)."""
    text = "Finland and Estonia agreed on Friday to hold talks in Tallinn next month, officials said."
    with TestClient(create_app(store_url)) as fresh:
        assert fresh.get("/stats").json()["articles"] == 0
        stored_id = fresh.post("/documents", json={"text": text, "store": True}).json()["article"]["id"]
        assert [row["article_id"] for row in fresh.get("/articles").json()["rows"]] == [stored_id]
