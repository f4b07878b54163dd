"""The request body's limit, kept while the body is read.

A body that states a size over the limit (``Content-Length``) is refused before any of it is
read; one that states none (``Transfer-Encoding: chunked``) is counted as it arrives and refused
as soon as the count passes the limit, so the application never holds more than the limit and one
chunk (the server reads no faster than the application asks). Both are answered 413 in the API's
one error shape (:mod:`.errors`).

FastAPI's own ``max_body_size`` counts the same way, but answers a stated size over the limit in
plain text, outside that shape: hence this middleware.
"""

from __future__ import annotations

from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from storyline.api.errors import error_response

__all__ = ["BodyTooLarge", "LimitBody"]


class BodyTooLarge(HTTPException):
    """Raised from the body's reading once it passes the limit: the route that reads the body
    lets it through, and the error handlers answer it (413, ``too_large``)."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"the request body is over {limit:,} bytes")


class LimitBody:
    """ASGI middleware refusing request bodies over ``limit`` bytes, stated or read."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        stated = Headers(scope=scope).get("content-length")
        if stated is not None and (not stated.isdigit() or int(stated) > self.limit):
            await _refuse(BodyTooLarge(self.limit), scope, receive, send)
            return
        read = 0
        started = False

        async def counted() -> Message:
            nonlocal read
            message = await receive()
            if message["type"] == "http.request":
                read += len(message.get("body", b""))
                if read > self.limit:
                    raise BodyTooLarge(self.limit)
            return message

        async def watched(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, watched)
        except BodyTooLarge as too_large:  # a body read outside a route (a route's own reading is answered there)
            if started:
                raise
            await _refuse(too_large, scope, receive, send)


async def _refuse(too_large: BodyTooLarge, scope: Scope, receive: Receive, send: Send) -> None:
    await error_response(too_large.status_code, too_large.detail)(scope, receive, send)
