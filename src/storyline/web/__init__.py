"""The web UI: server-rendered pages (escaped), our own CSS/JS, no CDN.

Pages live in ``routes.py``; each gathers what it shows in a module of its own (``events``,
``entities``, ``claims``, ``stories``, ``articles``), ``render`` holds the templates and the
security headers, ``highlight`` turns facts into nested spans, ``svg`` draws the charts.
"""

from fastapi import FastAPI


def install(app: FastAPI) -> None:
    """Add the pages and their static files (``/static``) to ``app``."""
    from fastapi.staticfiles import StaticFiles

    from storyline.web.render import STATIC
    from storyline.web.routes import router

    app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
