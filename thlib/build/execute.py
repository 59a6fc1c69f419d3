"""Run one document in a worker process: papermill, then HTML and PDF in-process.

Workers are long-lived: papermill, nbconvert and WeasyPrint are imported once per worker
(:func:`init_worker`). Optionally (``warm_kernels``), while a document runs the worker
already starts the kernel of the next one and imports the notebook's modules in it
(:class:`KernelPool`), so the next document does not wait for Python, ipykernel and pandas
to start; that helps only when cores are idle. A kernel only ever runs one document.

The worker returns the files as bytes (:class:`Outcome`) and writes nothing under the
output folder, so it can run on another machine (Dask) and a failure cannot leave a
partly written output.
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import os
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

LOGGER = logging.getLogger(__name__)

#: Seconds a kernel may take to start.
START_TIMEOUT = 120
#: Modules imported when a worker starts, so the first document does not pay for them.
PRELOAD = ("papermill", "nbclient", "nbformat", "jupyter_client", "thlib.build.html",
           "thlib.build.pdf")


@dataclass(frozen=True)
class KernelSpec:
    """How to start a kernel: kernelspec name, working folder, warm-up code and version.

    ``version`` is the library and environment fingerprint: a spare kernel started (and
    warmed, so with thlib imported) for another version is never used.
    """

    name: str = "python3"
    cwd: str | None = None
    warm_code: str = ""
    version: str = ""

    @property
    def key(self) -> tuple[str, str | None, str]:
        """Kernels with the same key are interchangeable."""
        return self.name, self.cwd, self.version


@dataclass(frozen=True)
class Task:
    """Everything a worker needs to build one document (picklable, no paths to outputs).

    Attributes
    ----------
    output : str
        The document's output path, for names and messages.
    notebook : str
        The notebook file's JSON text.
    parameters : dict
    title : str
        Set as the notebook's ``metadata.title`` (the HTML ``<title>``).
    formats : tuple of str
    kernel : KernelSpec
    timeout : float or None
        Seconds one cell may run.
    wants_output_dir : bool
        Pass a private folder as the ``output_dir`` parameter and return its files.
    prestart : bool
        Start the next kernel while this document runs (more documents will follow).
    """

    output: str
    notebook: str
    parameters: dict[str, Any]
    title: str
    formats: tuple[str, ...]
    kernel: KernelSpec = KernelSpec()
    timeout: float | None = None
    wants_output_dir: bool = False
    prestart: bool = True


@dataclass
class Outcome:
    """What a worker made of a task.

    Attributes
    ----------
    ok : bool
    files : dict of str to bytes
        ``{"html": ..., "pdf": ..., "ipynb": ...}`` by format.
    extras : dict of str to bytes
        Files the notebook wrote to ``output_dir``, by relative path.
    error : str or None
        One line: what failed.
    failed_notebook : bytes or None
        The executed notebook of a failed document (papermill marks the failing cell).
    timings : dict of str to float
        Seconds spent waiting for the kernel, executing and converting.
    worker : str
        ``host:pid`` of the worker.
    """

    ok: bool
    files: dict[str, bytes] = field(default_factory=dict)
    extras: dict[str, bytes] = field(default_factory=dict)
    error: str | None = None
    failed_notebook: bytes | None = None
    timings: dict[str, float] = field(default_factory=dict)
    worker: str = ""


def _kernel_manager_class() -> type:
    from jupyter_client.manager import KernelManager

    class TrackingKernelManager(KernelManager):
        """A KernelManager that remembers its clients, so they can be closed with it.

        nbclient leaves the channels of the client it makes open when it is given a
        kernel manager; without this every document would leak a few sockets.
        """

        def client(self, **kwargs: Any) -> Any:
            kc = super().client(**kwargs)
            self.__dict__.setdefault("_thlib_clients", []).append(kc)
            return kc

    return TrackingKernelManager


class Kernel:
    """A started kernel, optionally warming up in a background thread.

    Parameters
    ----------
    spec : KernelSpec
    warm : bool
        Run ``spec.warm_code`` in the kernel as soon as it is ready.
    """

    def __init__(self, spec: KernelSpec, warm: bool = True):
        self.spec = spec
        self.log: IO[bytes] = tempfile.TemporaryFile(prefix="thlib-kernel-")
        self.km = _kernel_manager_class()(kernel_name=spec.name)
        cwd = spec.cwd if spec.cwd and os.path.isdir(spec.cwd) else None
        self.km.start_kernel(cwd=cwd, stdout=self.log, stderr=self.log)
        self.warm_error: str | None = None
        self._thread: threading.Thread | None = None
        if warm and spec.warm_code:
            self._thread = threading.Thread(target=self._warm, name="thlib-warm", daemon=True)
            self._thread.start()

    def _warm(self) -> None:
        kc = self.km.blocking_client()
        try:
            kc.start_channels()
            kc.wait_for_ready(timeout=START_TIMEOUT)
            reply = kc.execute_interactive(self.spec.warm_code, silent=True,
                                           store_history=False, timeout=START_TIMEOUT)
            if reply["content"]["status"] != "ok":
                self.warm_error = reply["content"].get("evalue", "warm-up failed")
        except Exception as exc:  # a kernel that cannot warm up is replaced, not fatal
            self.warm_error = f"{type(exc).__name__}: {exc}"
        finally:
            kc.stop_channels()

    def ready(self) -> bool:
        """Wait for the warm-up; return True if the kernel is usable."""
        if self._thread is not None:
            self._thread.join()
        return self.warm_error is None and self.km.is_alive()

    def stderr_tail(self, lines: int = 5) -> str:
        """Return the last lines the kernel process wrote to stdout or stderr."""
        self.log.seek(0)
        text = self.log.read().decode("utf-8", errors="replace").splitlines()
        keep = [line for line in text if "without encryption" not in line]
        return "\n".join(keep[-lines:])

    def close(self) -> None:
        """Stop the kernel and every client channel opened on it."""
        if self._thread is not None:
            self._thread.join(timeout=5)
        for kc in self.km.__dict__.get("_thlib_clients", []):
            try:
                kc.stop_channels()
            except Exception:  # noqa: BLE001 - closing best effort
                pass
        try:
            self.km.shutdown_kernel(now=True)
        except Exception:  # noqa: BLE001 - already dead
            pass
        self.log.close()


class KernelPool:
    """At most one spare, pre-started kernel, for one thread."""

    def __init__(self) -> None:
        self.spare: Kernel | None = None

    def take(self, spec: KernelSpec) -> tuple[Kernel, bool]:
        """Return a kernel for ``spec`` (the spare one if it suits) and whether it was spare."""
        spare, self.spare = self.spare, None
        if spare is not None:
            if spare.spec.key == spec.key and spare.ready():
                return spare, True
            LOGGER.info("spare kernel not used (%s)", spare.warm_error or "other kernel spec")
            spare.close()
        return Kernel(spec, warm=False), False

    def prestart(self, spec: KernelSpec) -> None:
        """Start a spare kernel for the next document with ``spec``."""
        self.close()
        self.spare = Kernel(spec, warm=True)

    def close(self) -> None:
        """Stop the spare kernel."""
        spare, self.spare = self.spare, None
        if spare is not None:
            spare.close()


_local = threading.local()
_pools: list[KernelPool] = []


def _pool() -> KernelPool:
    pool = getattr(_local, "pool", None)
    if pool is None:
        pool = _local.pool = KernelPool()
        if not _pools:
            atexit.register(close_pools)
            try:  # ProcessPoolExecutor workers leave through multiprocessing, not atexit
                from multiprocessing import util

                util.Finalize(None, close_pools, exitpriority=100)
            except ImportError:  # pragma: no cover
                pass
        _pools.append(pool)
    return pool


def close_pools() -> None:
    """Stop the spare kernels of every thread of this process."""
    while _pools:
        _pools.pop().close()


def init_worker(first: KernelSpec | None = None, warm: bool = False) -> None:
    """Prepare a worker process: quiet loggers, preload modules (and start a first kernel).

    With ``warm``, the kernel starts first, so it boots while the modules are imported.
    """
    for name in ("papermill", "traitlets", "nbclient", "weasyprint", "fontTools"):
        logging.getLogger(name).setLevel(logging.WARNING)
    if first is not None and warm:
        _pool().prestart(first)
    import importlib

    for module in PRELOAD:
        try:
            importlib.import_module(module)
        except ImportError as exc:  # reported by the document that needs it
            LOGGER.debug("could not preload %s: %s", module, exc)


def _error_line(exc: BaseException) -> str:
    from papermill.exceptions import PapermillExecutionError

    if isinstance(exc, PapermillExecutionError):
        # "In [n]" is how papermill marks the failing cell in the executed notebook.
        cell = f"In [{exc.exec_count}]" if exc.exec_count else f"cell {exc.cell_index + 1}"
        return f"{exc.ename}: {exc.evalue} (at {cell})"
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def run_document(task: Task) -> Outcome:
    """Execute one document's notebook and convert it; never raises for a bad document.

    Parameters
    ----------
    task : Task

    Returns
    -------
    Outcome
        With the files on success; with the error and the executed notebook on failure.
    """
    import socket

    import nbformat
    from papermill.exceptions import PapermillExecutionError

    outcome = Outcome(ok=False, worker=f"{socket.gethostname()}:{os.getpid()}")
    with tempfile.TemporaryDirectory(prefix="thlib-build-") as temp:
        executed = Path(temp, "executed.ipynb")
        nb = None
        try:
            nb = _execute(task, Path(temp), outcome)
            clock = time.perf_counter()
            outcome.files = _convert(nb, task)
            outcome.extras = _read_tree(Path(temp, "output_dir"))
            outcome.timings["convert"] = time.perf_counter() - clock
            outcome.ok = True
        except Exception as exc:  # one failing document must not stop the others
            outcome.error = _error_line(exc)
            tail = getattr(exc, "kernel_output", "")
            if tail and not isinstance(exc, PapermillExecutionError):
                outcome.error += f"; kernel output: {' | '.join(tail.splitlines())}"
            if executed.is_file():
                outcome.failed_notebook = executed.read_bytes()
            elif nb is not None:
                outcome.failed_notebook = nbformat.writes(nb).encode("utf-8")
    return outcome


def _execute(task: Task, temp: Path, outcome: Outcome) -> Any:
    """Run the notebook with papermill in a (pre-started) kernel; return it executed."""
    import nbformat
    import papermill

    pool = _pool()
    clock = time.perf_counter()
    kernel, _ = pool.take(task.kernel)
    if task.prestart:
        pool.prestart(task.kernel)
    outcome.timings["kernel"] = time.perf_counter() - clock
    nb = nbformat.reads(task.notebook, as_version=4)
    nb.metadata["title"] = task.title
    parameters = dict(task.parameters)
    if task.wants_output_dir:
        Path(temp, "output_dir").mkdir()
        parameters["output_dir"] = str(Path(temp, "output_dir"))
    clock = time.perf_counter()
    try:
        return papermill.execute_notebook(
            nb, str(temp / "executed.ipynb"), parameters=parameters,
            kernel_name=task.kernel.name, progress_bar=False,
            request_save_on_cell_execute=False, start_timeout=START_TIMEOUT,
            execution_timeout=task.timeout, km=kernel.km,
        )
    except Exception as exc:
        with contextlib.suppress(AttributeError):  # for the error message
            exc.kernel_output = kernel.stderr_tail()
        raise
    finally:
        outcome.timings["execute"] = time.perf_counter() - clock
        kernel.close()


def _convert(nb: Any, task: Task) -> dict[str, bytes]:
    """Return the files of an executed notebook, by format."""
    import nbformat

    files: dict[str, bytes] = {}
    if "ipynb" in task.formats:
        files["ipynb"] = nbformat.writes(nb).encode("utf-8")
    if "html" in task.formats or "pdf" in task.formats:
        from thlib.build.html import notebook_to_html

        resources = {"metadata": {"name": Path(task.output).name, "path": task.kernel.cwd}}
        html = notebook_to_html(nb, resources)
        if "html" in task.formats:
            files["html"] = html.encode("utf-8")
        if "pdf" in task.formats:
            from thlib.build.pdf import html_to_pdf

            base = Path(task.kernel.cwd).as_uri() + "/" if task.kernel.cwd else None
            files["pdf"] = html_to_pdf(html, base_url=base)
    return files


def _read_tree(folder: Path) -> dict[str, bytes]:
    """Return the files under ``folder`` by POSIX relative path (empty if no folder)."""
    if not folder.is_dir():
        return {}
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*")) if path.is_file()
    }
