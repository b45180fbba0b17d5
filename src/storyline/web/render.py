"""Templates and the headers every page carries.

Jinja2 autoescapes every template (html and svg alike); nothing from an article is marked
safe. The Content-Security-Policy allows only our own scripts, styles and images, so even a
missed escape could not run an inline script or load anything from elsewhere.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote, urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from storyline import __version__
from storyline.web.svg import compact_number, full_number

HERE = Path(__file__).parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
HEADERS = {"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff",
           "Referrer-Policy": "no-referrer", "X-Frame-Options": "DENY"}
_SNIPPET_MARK = re.compile(r"\[([^\[\]]*)\]")


def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES),
                      autoescape=select_autoescape(["html", "svg"], default=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters.update(q=lambda v: quote(str(v), safe=""), number=full_number,
                       compact=compact_number, snippet=snippet_parts)
    env.globals.update(version=__version__, query=_query)
    return env


def page(request: Request, template: str, context: dict, status: int = 200) -> HTMLResponse:
    """Render ``template`` with ``context`` (plus the request) as an HTML page with our headers."""
    html = _ENV.get_template(template).render(request=request, path=request.url.path, **context)
    return HTMLResponse(html, status_code=status, headers=HEADERS)


def not_found(request: Request, message: str) -> HTMLResponse:
    return page(request, "not_found.html", {"message": message}, status=404)


def snippet_parts(snippet: str) -> list[tuple[str, bool]]:
    """'a [match] b' -> [('a ', False), ('match', True), (' b', False)] for <mark> without |safe."""
    parts, position = [], 0
    for found in _SNIPPET_MARK.finditer(snippet):
        parts += [(snippet[position:found.start()], False), (found[1], True)]
        position = found.end()
    return [p for p in parts + [(snippet[position:], False)] if p[0]]


def _query(**params: object) -> str:
    """'?a=1&b=2' from the non-empty params: links that keep the timeline's filters."""
    kept = {k: v for k, v in params.items() if v not in (None, "")}
    return "?" + urlencode(kept) if kept else ""


_ENV = _environment()
