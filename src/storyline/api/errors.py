"""Every error leaves the API as JSON: ``{"error": "<what was given and what is allowed>",
"status": N}``, never as an HTML page or a traceback.

Our error tree maps onto HTTP statuses here, in one table; FastAPI's own request validation
(a ``limit`` that is not a number) and routing errors (an unknown path) get the same shape.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from starlette.exceptions import HTTPException

from storyline.errors import (
    BlockedAddressError, ConfigError, InputError, InputTooLargeError, ModelError, NotFoundError,
    StoreError, StorylineError,
)

log = logging.getLogger(__name__)

# Most specific first: the first class an error is an instance of gives its status.
STATUS = (
    (NotFoundError, 404),
    (BlockedAddressError, 400),
    (InputTooLargeError, 413),
    (InputError, 400),
    (ConfigError, 500),
    (ModelError, 500),
    (StoreError, 500),
    (StorylineError, 500),
)


def status_of(error: StorylineError) -> int:
    return next(status for cls, status in STATUS if isinstance(error, cls))


def error_response(status: int, message: str, headers: dict | None = None) -> JSONResponse:
    return JSONResponse({"error": message, "status": status}, status_code=status, headers=headers)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(StorylineError, _storyline_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(HTTPException, _http_error)


def is_api(request: Request) -> bool:
    """Only the JSON API answers errors in JSON; the web pages keep their own error pages."""
    return request.url.path.startswith("/api/") or request.url.path == "/api"


async def _storyline_error(request: Request, exc: StorylineError) -> Response:
    status = status_of(exc)
    if status >= 500:
        log.error("%s %s failed: %s", request.method, request.url.path, exc)
    if not is_api(request):
        return PlainTextResponse(str(exc), status_code=status)
    return error_response(status, str(exc))


async def _validation_error(request: Request, exc: RequestValidationError) -> Response:
    if not is_api(request):
        return PlainTextResponse("; ".join(_describe(p) for p in exc.errors()), status_code=400)
    return error_response(400, "; ".join(_describe(problem) for problem in exc.errors()))


def _describe(problem: dict) -> str:
    """'limit: Input should be less than or equal to 500 (given '9999')'."""
    where = ".".join(str(part) for part in problem.get("loc", ()) if part not in ("query", "body", "path"))
    given = problem.get("input")
    shown = f" (given {given!r})" if isinstance(given, (str, int, float)) else ""
    return f"{where or 'request'}: {problem.get('msg', 'is not valid')}{shown}"


async def _http_error(request: Request, exc: HTTPException) -> Response:
    if not is_api(request):
        return await http_exception_handler(request, exc)
    message = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
    if exc.status_code == 404 and message == "Not Found":
        message = f"no such path {request.url.path}; the API is described at /openapi.json"
    elif exc.status_code == 405:
        message = f"{request.method} is not allowed on {request.url.path}; the API is described at /openapi.json"
    return error_response(exc.status_code, message, getattr(exc, "headers", None))
