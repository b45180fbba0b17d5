"""The application factory: the JSON API under /api and the web pages under /."""

from __future__ import annotations

from fastapi import FastAPI

from storyline import __version__


def create_app(db: str, allow_ingest: bool = False, token: str | None = None) -> FastAPI:
    app = FastAPI(title="Storyline", version=__version__)
    app.state.db = db
    app.state.allow_ingest = allow_ingest
    app.state.token = token
    _mount_web(app)
    return app


def _mount_web(app: FastAPI) -> None:
    from storyline.web import install

    install(app)
