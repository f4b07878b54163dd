"""One JSON shape for every error the API answers with:

    {"error": {"status": 404, "code": "not_found", "message": "no article abc in the store"}}

Whatever raised it (a missing article, a bad parameter, a body too large, a store that refused,
a bug), the client parses the same three fields. A route answers an error by raising
:class:`fastapi.HTTPException` with the status and the message (``raise HTTPException(404, "no
article abc in the store")``), or by letting storyline's own errors through; the handlers here
turn each into that shape, the status naming its ``code``.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from storyline.errors import InvalidArgument, StoreError, StorylineError

__all__ = ["error_response", "install_error_handlers"]

log = logging.getLogger(__name__)

_CODES = {400: "bad_request", 404: "not_found", 405: "method_not_allowed", 413: "too_large", 422: "invalid"}


def error_response(status: int, message: str) -> JSONResponse:
    code = _CODES.get(status, "server_error" if status >= 500 else "error")
    return JSONResponse({"error": {"status": status, "code": code, "message": message}}, status_code=status)


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(HTTPException)
    async def http_error(request: Request, err: HTTPException) -> JSONResponse:
        return error_response(err.status_code, str(err.detail))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, err: RequestValidationError) -> JSONResponse:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e.get('loc', ()) if p not in ('query', 'body', 'path'))}: {e.get('msg')}"
            for e in err.errors()
        )
        return error_response(422, problems or "invalid request")

    @app.exception_handler(InvalidArgument)
    async def bad_argument(request: Request, err: InvalidArgument) -> JSONResponse:
        return error_response(422, str(err))

    @app.exception_handler(StoreError)
    async def store_refused(request: Request, err: StoreError) -> JSONResponse:
        log.error("%s", err)
        return error_response(503, "the store could not answer: " + str(err))

    @app.exception_handler(StorylineError)
    async def storyline_error(request: Request, err: StorylineError) -> JSONResponse:
        return error_response(422 if err.exit_code in (2, 3) else 500, str(err))

    @app.exception_handler(Exception)
    async def bug(request: Request, err: Exception) -> JSONResponse:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return error_response(500, f"an unexpected error ({type(err).__name__}); it is logged")
