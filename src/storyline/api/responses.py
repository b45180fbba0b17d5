"""Endpoint results go to ``json.dumps`` as they are.

FastAPI passes a returned dict through ``jsonable_encoder``, which walks and copies every
value: about 20 ms for one 50-event timeline page, ten times the cost of the JSON itself. Our
records are plain JSON types already (built from dataclasses by ``storyline.query``), so an
endpoint wrapped here hands its result to a JSONResponse directly.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from fastapi.responses import JSONResponse


def plain_json(endpoint: Callable | None = None, *, status_code: int = 200) -> Callable:
    """``@plain_json`` or ``@plain_json(status_code=201)`` under the route decorator."""

    def decorate(function: Callable) -> Callable:
        @wraps(function)  # FastAPI reads the parameters through __wrapped__
        def wrapper(*args, **kwargs) -> JSONResponse:
            return JSONResponse(function(*args, **kwargs), status_code=status_code)

        return wrapper

    return decorate(endpoint) if endpoint is not None else decorate
