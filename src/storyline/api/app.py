"""The application factory: the JSON API under /api and the web pages under /.

Read-only unless ``allow_ingest`` (then POST /api/ingest exists and needs ``token``). No CORS
middleware: browsers keep other sites' scripts from reading the answers.
"""

from __future__ import annotations

from fastapi import FastAPI

from storyline import __version__
from storyline.api.deps import StorePool
from storyline.api.errors import install_error_handlers
from storyline.api.search import SearchCache
from storyline.api.timeline import IndexCache
from storyline.errors import ConfigError

DESCRIPTION = """JSON over a Storyline store: articles, entities, events and the timeline, claims,
quotes, stories, copies, framing and full-text search. Lists take `limit` and `offset` and
answer `{"total", "limit", "offset", "items"}`; errors answer `{"error", "status"}`."""


def create_app(db: str, allow_ingest: bool = False, token: str | None = None) -> FastAPI:
    if allow_ingest and not token:
        raise ConfigError("ingest over the API needs a token: set STORYLINE_TOKEN (a long random string)")
    app = FastAPI(title="Storyline", version=__version__, description=DESCRIPTION)
    app.state.db = db
    app.state.allow_ingest = allow_ingest
    app.state.token = token
    app.state.stores = StorePool(db)
    app.state.timeline_cache = IndexCache()
    app.state.search_cache = SearchCache()
    install_error_handlers(app)
    _mount_api(app, allow_ingest)
    _mount_web(app)
    app.router.on_shutdown.append(app.state.stores.close)
    return app


def _mount_api(app: FastAPI, allow_ingest: bool) -> None:
    from storyline.api import routes_articles, routes_entities, routes_facts, routes_stories

    for module in (routes_articles, routes_entities, routes_facts, routes_stories):
        app.include_router(module.router)
    if allow_ingest:
        from storyline.api import routes_ingest

        app.include_router(routes_ingest.router)


def _mount_web(app: FastAPI) -> None:
    from storyline.web import install

    install(app)
