"""The request body's limit is kept while the body is read: a body that states no size
(``Transfer-Encoding: chunked``) is refused 413, in the one error shape, once what has arrived
passes the limit, and no more of it is read. Once through the application itself, counting what
it takes from the server; once through a real server (uvicorn) on the loopback address, with a
client that would go on sending for ever."""

from __future__ import annotations

import asyncio
import json
import select
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from starlette.types import Message

from storyline.api.app import MAX_BODY_BYTES, create_app

CHUNK = 65_536  # what a server hands the application at a time (uvicorn's high-water mark)


def test_the_application_reads_no_more_than_the_limit_and_one_chunk(tmp_path: Path) -> None:
    app = create_app(str(tmp_path / "store.duckdb"))
    taken = 0
    sent: list[Message] = []

    async def endless() -> Message:  # a client sending far past the limit (8 times: an app that reads on ends)
        nonlocal taken
        taken += CHUNK
        return {"type": "http.request", "body": b"x" * CHUNK, "more_body": taken < 8 * MAX_BODY_BYTES}

    async def send(message: Message) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/documents",
        "raw_path": b"/documents",
        "root_path": "",
        "query_string": b"",
        "headers": [(b"host", b"test"), (b"content-type", b"application/json"), (b"transfer-encoding", b"chunked")],
        "client": ("127.0.0.1", 1),
        "server": ("127.0.0.1", 80),
        "state": {},
    }
    asyncio.run(app(scope, endless, send))
    assert sent[0]["type"] == "http.response.start" and sent[0]["status"] == 413
    body = json.loads(b"".join(m.get("body", b"") for m in sent[1:]))
    assert body["error"]["code"] == "too_large" and f"{MAX_BODY_BYTES:,} bytes" in body["error"]["message"]
    assert MAX_BODY_BYTES < taken <= MAX_BODY_BYTES + CHUNK


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    """The API over an empty store, served by uvicorn on a free loopback port; yields the port."""
    app = create_app(str(tmp_path_factory.mktemp("served") / "store.duckdb"))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    served = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=served.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not served.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield port
    served.should_exit = True
    thread.join(timeout=10)


def test_a_server_answers_a_chunked_body_over_the_limit_before_the_client_stops(server: int) -> None:
    cap = 32 * MAX_BODY_BYTES  # where the client gives up and ends its body: far past the limit
    chunk = b"x" * CHUNK
    framed = b"%x\r\n" % len(chunk) + chunk + b"\r\n"
    sent = 0
    answered = False
    with socket.create_connection(("127.0.0.1", server), timeout=10) as client:
        client.sendall(
            b"POST /documents HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            b"Transfer-Encoding: chunked\r\n\r\n"
        )
        try:
            while sent < cap and not answered:
                client.sendall(framed)
                sent += len(chunk)
                answered = bool(select.select([client], [], [], 0)[0])
            if not answered:
                client.sendall(b"0\r\n\r\n")
        except OSError:  # the server closed the connection on a body it will not read
            answered = True
        response = _read_response(client)
    assert answered and sent < cap, f"the server read {sent:,} bytes without answering"
    status, body = response
    assert status == 413, body
    assert json.loads(body)["error"]["code"] == "too_large"


def _read_response(client: socket.socket) -> tuple[int, bytes]:
    """The status and body of the one response on ``client`` (its body has a Content-Length)."""
    data = b""
    while b"\r\n\r\n" not in data:
        part = client.recv(65_536)
        assert part, f"the connection closed before a response: {data!r}"
        data += part
    head, body = data.split(b"\r\n\r\n", 1)
    lines = head.decode("latin-1").split("\r\n")
    length = next(int(line.split(":", 1)[1]) for line in lines if line.lower().startswith("content-length:"))
    while len(body) < length:
        part = client.recv(65_536)
        assert part, "the connection closed inside the response's body"
        body += part
    return int(lines[0].split()[1]), body[:length]
