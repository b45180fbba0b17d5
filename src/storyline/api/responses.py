"""Endpoint results go to ``json.dumps`` as they are.

FastAPI passes a returned dict through ``jsonable_encoder``, which walks and copies every
value: about 20 ms for one 50-event timeline page, ten times the cost of the JSON itself. Our
records are plain JSON types already (built from dataclasses by ``storyline.query``), so an
endpoint wrapped here hands its result straight to the encoder. A top-level value may also be
``RawJSON``: text encoded earlier (and cached), placed into the answer as it is.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import wraps

from fastapi.responses import Response


class RawJSON(str):
    """Text that is JSON already."""


def dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))


def encode(result: dict) -> str:
    if not any(isinstance(v, RawJSON) for v in result.values()):
        return dumps(result)
    fields = (f"{dumps(k)}:{v if isinstance(v, RawJSON) else dumps(v)}" for k, v in result.items())
    return "{" + ",".join(fields) + "}"


def plain_json(endpoint: Callable | None = None, *, status_code: int = 200) -> Callable:
    """``@plain_json`` or ``@plain_json(status_code=201)`` under the route decorator."""

    def decorate(function: Callable) -> Callable:
        @wraps(function)  # FastAPI reads the parameters through __wrapped__
        def wrapper(*args, **kwargs) -> Response:
            body = encode(function(*args, **kwargs))
            return Response(body, status_code=status_code, media_type="application/json")

        return wrapper

    return decorate(endpoint) if endpoint is not None else decorate
