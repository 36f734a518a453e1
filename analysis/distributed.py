"""Running the per-article stage on a Dask distributed cluster (``framing analyze --scheduler ADDRESS``).

The same function that the local process pool runs (:func:`analysis.pipeline._analyse_chunk`, the
per-article stage of :mod:`analysis.stages` over a chunk of articles) is submitted to the workers of
an existing cluster through ``dask.distributed`` (Rocklin 2015, "Dask: Parallel computation with
blocked algorithms and task scheduling", SciPy); results come back chunk by chunk, in corpus order,
with a bounded number of chunks in flight, and the reductions and table writing stay in the client
process.  So the tables are the same as a local run's.  See docs/scale.md for starting a cluster.

Workers need the same version of this package (and its method data) installed; articles are sent
with their text, so workers need no access to the corpus folder.  Extra lexicon files and the speaker
registry are read by each worker from the paths given, so they must be on a shared file system (or
at the same path on every worker).
"""
from __future__ import annotations

import logging
from collections import deque

log = logging.getLogger(__name__)

__all__ = ["client_for", "map_chunks"]


def client_for(scheduler):
    """A ``distributed.Client`` for ``scheduler`` (an address such as ``tcp://host:8786`` or a Client)."""
    try:
        from distributed import Client
    except ImportError:  # pragma: no cover - dask[distributed] is a dependency
        from .errors import InputError

        raise InputError(None, "--scheduler needs dask.distributed: pip install 'dask[distributed]'") from None
    if isinstance(scheduler, Client):
        return scheduler, False
    try:
        return Client(scheduler, timeout="20s"), True
    except (OSError, TimeoutError) as exc:
        from .errors import InputError

        raise InputError(None, f"--scheduler {scheduler}: cannot connect to a Dask scheduler there ({exc})") from None


def map_chunks(scheduler, func, spec, *, in_flight: int | None = None, level: int = logging.WARNING):
    """A function mapping ``(chunk, todo)`` pairs to ``(chunk, func(spec, todo))`` on the cluster, in order."""

    def run(pairs):
        client, own = client_for(scheduler)
        try:
            workers = max(1, sum(client.nthreads().values())) if client.nthreads() else 1
            limit = in_flight or 2 * workers + 1
            spec_future = client.scatter(spec, broadcast=True)
            window: deque = deque()
            for chunk, todo in pairs:
                for a in todo:  # send the texts: workers need no access to the corpus folder
                    a.raw
                fut = client.submit(func, spec_future, todo, level, pure=False) if todo else None
                window.append((chunk, fut))
                if len(window) >= limit:
                    c, f = window.popleft()
                    yield c, (f.result() if f is not None else [])
            while window:
                c, f = window.popleft()
                yield c, (f.result() if f is not None else [])
        finally:
            if own:
                client.close()
    return run
