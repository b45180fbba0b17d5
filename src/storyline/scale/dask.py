"""Steps 2 and 4 (clean, extract) as Dask tasks over partitions; the global steps stay here.

``DaskRunner.map`` submits each batch of RawArticles as a few tasks (partitions of
``scale.partition_size``), a few batches ahead of the global steps so memory stays bounded on
any input size, and yields whole batches' results in input order: ``pipeline.ingest`` dedupes, resolves, stores and clusters batch k while the workers
extract the batches after it. A task that raises is retried (``scale.retries``); a partition
that still fails comes back as one Failure per article, so the ingest report lists every one.

Workers need storyline and the spaCy model installed, never the store: a task takes RawArticles
and the settings, and returns plain dataclasses (Extractions or Failures). Each worker process
loads the model once (``load_model`` caches it per process).
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager

from storyline.config import Settings
from storyline.errors import ClusterError
from storyline.extract.nlp import load_model
from storyline.models import Failure

log = logging.getLogger(__name__)

CONNECT_TIMEOUT = "10s"  # a scheduler address that does not answer fails fast
WORKER_WAIT_SECONDS = 30  # an existing cluster must have a worker by then


class DaskRunner:
    """Maps a per-batch function over batches on a ``distributed.Client``, in input order.

    Each batch is cut into partitions of ``scale.partition_size`` items, one task each: small
    tasks keep every worker busy to the end, and a failure costs only its partition."""

    def __init__(self, client, ahead: int | None = None) -> None:
        self.client = client
        # enough queued batches that no worker idles while this process runs the global steps
        self.ahead = ahead or 2 * max(1, sum(client.nthreads().values())) + 1

    def map(self, work: Callable, batches: Iterable[list], settings: Settings
            ) -> Iterator[tuple[list, list]]:
        """Yield ``(batch, results)`` per batch, in the order given: ``work(part, settings)``
        of each of its partitions, joined (a failed partition: one Failure per item)."""
        self._load_model_everywhere(settings.get("nlp.model"))
        size, retries = settings.get("scale.partition_size"), settings.get("scale.retries")
        pending: deque = deque()
        try:
            for batch in batches:
                parts = [batch[i:i + size] for i in range(0, len(batch), size)]
                pending.append((batch, [self._submit(work, part, settings, retries) for part in parts]))
                if len(pending) > self.ahead:
                    yield self._collect(*pending.popleft(), size, retries)
            while pending:
                yield self._collect(*pending.popleft(), size, retries)
        finally:  # the caller stopped early (an error in the global steps): drop queued work
            self.client.cancel([future for _, futures in pending for future in futures])

    def _load_model_everywhere(self, name: str) -> None:
        # A worker without the model would fail every batch; say so once, before any work.
        self.client.run(_warm_model, name)

    def _submit(self, work: Callable, part: list, settings: Settings, retries: int):
        return self.client.submit(work, part, settings, retries=retries, pure=False)

    def _collect(self, batch: list, futures: list, size: int, retries: int) -> tuple[list, list]:
        results = []
        for n, future in enumerate(futures):
            results.extend(_partition_result(batch[n * size:(n + 1) * size], future, retries))
        return batch, results


def _partition_result(part: list, future, retries: int) -> list:
    try:
        return future.result()
    except Exception as exc:  # the partition is lost for this run, never its articles' report
        log.warning("a partition of %d failed on the Dask workers: %r", len(part), exc)
        return partition_failures(part, exc, attempts=retries + 1)
    finally:
        future.release()


def _warm_model(name: str) -> None:
    load_model(name)  # cached in the worker process; the model itself stays there


def partition_failures(part: list, exc: BaseException, attempts: int) -> list[Failure]:
    """One Failure per item of a partition whose task failed every attempt."""
    reason = (f"its partition failed on the Dask workers {attempts} time(s) ({type(exc).__name__}: "
              f"{exc}); ingest it again, or without --workers/--scheduler to see the error here")
    return [item if isinstance(item, Failure) else Failure(item.source, f"{item.source}: {reason}")
            for item in part]


@contextmanager
def dask_runner(workers: int | None = None, scheduler: str | None = None) -> Iterator[DaskRunner]:
    """A runner on a new LocalCluster of ``workers`` processes, or on the cluster at ``scheduler``."""
    if bool(workers) == bool(scheduler):
        raise ClusterError(f"give either a number of workers or a scheduler address "
                           f"(got workers={workers!r}, scheduler={scheduler!r})")
    with ExitStack() as stack:
        if scheduler:
            client = stack.enter_context(_remote_client(scheduler))
        else:
            client = stack.enter_context(_local_client(workers))
        yield DaskRunner(client)


# Measured with benchmarks/scale_out.py: Dask's sampling profiler (every 10 ms it walks the
# task thread's stack, holding the GIL) and its eager malloc trimming cost the workers 20-40%
# more CPU per article than a plain process spends; the local cluster turns both off.
LOCAL_WORKER_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
}


@contextmanager
def _local_client(workers: int):
    import dask
    from distributed import Client, LocalCluster

    # One thread per process: spaCy holds the GIL, so processes are what run in parallel.
    # The scheduler's HTTP server on any free port: the usual 8787 may be another run's.
    with dask.config.set(LOCAL_WORKER_CONFIG), LocalCluster(
        n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0",
        silence_logs=logging.ERROR,
    ) as cluster, Client(cluster) as client:
        yield client


@contextmanager
def _remote_client(address: str):
    from distributed import Client

    try:
        client = Client(address, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError, ValueError) as exc:
        raise ClusterError(f"no Dask scheduler answered at {address!r} ({exc}); start one with "
                           "`dask scheduler` or use --workers N for local processes") from exc
    with client:
        try:
            client.wait_for_workers(1, timeout=WORKER_WAIT_SECONDS)
        except TimeoutError as exc:
            raise ClusterError(f"the Dask scheduler at {address!r} has no workers after "
                               f"{WORKER_WAIT_SECONDS}s; start some with `dask worker {address}`") from exc
        yield client
