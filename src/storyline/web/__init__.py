"""The web UI: server-rendered pages (escaped), our own CSS/JS, no CDN."""

from fastapi import FastAPI


def install(app: FastAPI) -> None:
    """Add the pages (and, later, their static files) to ``app``."""
    from storyline.web.routes import router

    app.include_router(router)
