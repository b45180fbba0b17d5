"""Storyline: news articles from many outlets in, a sourced, structured storyline out.

    from storyline import Storyline
    with Storyline("news.db") as sl:
        report = sl.ingest(["articles/"], manifest="articles/manifest.jsonl")
        for article in sl.articles():
            print(article.published, article.outlet, article.title)
"""

from __future__ import annotations

__version__ = "0.1.0"



def __getattr__(name: str):
    # Lazy, so `import storyline.models` (e.g. in a Dask worker) doesn't open the store layer.
    if name == "Storyline":
        from storyline.api_python import Storyline

        return Storyline
    raise AttributeError(name)


__all__ = ["Storyline", "__version__"]
