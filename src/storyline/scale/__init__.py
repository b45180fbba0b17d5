"""Scale-out: the per-article steps (clean, extract) of an ingest run on a Dask cluster.

Public entry point (used by ``cli.py``; ``pipeline.py`` takes the runner)::

    with dask_runner(workers=2) as runner:                  # a LocalCluster of 2 processes
        pipeline.ingest(sources, store, settings, runner=runner)

Dask is imported only when a distributed run is asked for.
"""

from storyline.scale.dask import DaskRunner, dask_runner

__all__ = ["DaskRunner", "dask_runner"]
