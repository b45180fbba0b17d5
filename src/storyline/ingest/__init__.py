"""Stage 1, ingest: turn what the user points at into ``RawArticle`` objects.

Public entry point (used by ``pipeline.py`` only)::

    read_sources(sources, settings, manifest=None, stdin=None, encoding=None)
        -> Iterator[RawArticle | Failure]

``sources`` are paths (files or folders, walked recursively), ``"-"`` for stdin, or
``http(s)://`` URLs. A bad input yields a ``Failure`` naming it and the problem; it never stops
the iteration. Modules: files.py (walk, read, detect encoding), html.py (trafilatura), records.py
(jsonl/json/csv), feeds.py (RSS/Atom), web.py (safe fetch), manifest.py (per-file metadata).
"""

from storyline.ingest.sources import read_sources

__all__ = ["read_sources"]
