"""HTTP API (FastAPI): JSON over the store, read-only unless ingest is allowed."""

from storyline.api.app import create_app

__all__ = ["create_app"]
