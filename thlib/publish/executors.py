"""Where documents run: a local process pool, a Dask cluster, or any Executor given.

Any :class:`concurrent.futures.Executor` works; tasks are :func:`thlib.publish.worker.run_document`
calls with picklable arguments.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
from collections.abc import Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass

from thlib.errors import BuildError
from thlib.publish.worker import init_worker

LOGGER = logging.getLogger(__name__)

EXECUTORS = ("local", "dask")


def default_jobs() -> int:
    """Return the number of cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


@dataclass
class Workers:
    """An open executor and how many documents it runs at once."""

    executor: Executor
    slots: int


@contextlib.contextmanager
def open_executor(
    kind: str | Executor = "local",
    jobs: int | None = None,
    scheduler: str | None = None,
) -> Iterator[Workers]:
    """Open the executor that runs documents; shut it down on exit.

    Parameters
    ----------
    kind : {"local", "dask"} or concurrent.futures.Executor
        ``local``: a pool of ``jobs`` worker processes (spawned, each preloading papermill,
        nbconvert and WeasyPrint). ``dask``: the Dask cluster at
        ``scheduler``, or a local one of ``jobs`` single-threaded workers if none is given.
        An Executor instance is used as it is (and not shut down).
    jobs : int, optional
        Worker processes; default the number of cores.
    scheduler : str, optional
        Address of a Dask scheduler, e.g. ``tcp://10.0.0.5:8786``.
    """
    jobs = max(1, jobs or default_jobs())
    if isinstance(kind, Executor):
        yield Workers(kind, jobs)
    elif kind == "local":
        pool = ProcessPoolExecutor(
            max_workers=jobs,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=init_worker,
        )
        try:
            yield Workers(pool, jobs)
        except BaseException:  # interrupted: do not wait for the documents in flight
            processes = list((getattr(pool, "_processes", None) or {}).values())
            pool.shutdown(wait=False, cancel_futures=True)
            for process in processes:  # their kernels exit when they see their parent gone
                process.terminate()
            raise
        pool.shutdown(wait=True)
    elif kind == "dask":
        with _dask(jobs, scheduler) as workers:
            yield workers
    else:
        raise BuildError(f"unknown executor {kind!r}; use one of {', '.join(EXECUTORS)}")


@contextlib.contextmanager
def _dask(jobs: int, scheduler: str | None) -> Iterator[Workers]:
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise BuildError(
            "the dask executor needs the optional dependency dask[distributed]: "
            "install it with  pip install 'thlib[dask]'  (or uv pip install 'thlib[dask]')"
        ) from None
    with contextlib.ExitStack() as stack:
        if scheduler:
            try:
                client = stack.enter_context(Client(scheduler, timeout="20s"))
            except OSError as exc:
                raise BuildError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
        else:
            cluster = stack.enter_context(LocalCluster(
                n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=None))
            client = stack.enter_context(Client(cluster))
        slots = sum(client.nthreads().values()) or jobs
        LOGGER.info("Dask: %s, %d worker threads", client.scheduler.address, slots)
        yield Workers(client.get_executor(pure=False), slots)
