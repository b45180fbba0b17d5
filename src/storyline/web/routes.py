"""Web pages. Each handler reads through ``storyline.query`` and renders an escaped template."""

from fastapi import APIRouter

router = APIRouter()
