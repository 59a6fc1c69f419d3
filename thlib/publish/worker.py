"""Run one document in a worker process: papermill, then HTML and PDF in-process.

Workers are long-lived: papermill, nbconvert and WeasyPrint are imported once per worker
(:func:`init_worker`), and each worker keeps one kernel for the documents it runs, one
after another (:class:`KernelPool`). As soon as a document has run, the kernel's namespace,
history and execution counter are reset and its figures closed, so a notebook sees a fresh
kernel, while the modules it imported, and the data they cached, stay loaded. A kernel
whose document failed is stopped, never reused. ``reuse_kernel=False`` starts a new
kernel for every document.

The worker returns the files as bytes (:class:`Outcome`) and writes nothing under the
output folder, so it can run on another machine (Dask) and a failure cannot leave a
partly written output.
"""

from __future__ import annotations

import atexit
import logging
import os
import signal
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
PRELOAD = ("papermill", "nbclient", "nbformat", "jupyter_client", "thlib.publish.html",
           "thlib.publish.pdf")


@dataclass(frozen=True)
class KernelSpec:
    """How to start a kernel: kernelspec name, working folder and version.

    ``version`` is the library and environment fingerprint: a kernel that imported
    another version of thlib is never reused. ``env`` is set in the kernel's environment
    on top of the worker's (the data folder the build fingerprinted, which a worker on
    another machine would not otherwise know).
    """

    name: str = "python3"
    cwd: str | None = None
    version: str = ""
    env: tuple[tuple[str, str], ...] = ()

    @property
    def key(self) -> tuple[str, str | None, str, tuple[tuple[str, str], ...]]:
        """Kernels with the same key are interchangeable."""
        return self.name, self.cwd, self.version, self.env


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
        Seconds the notebook may run, all its cells together: then the kernel is ended
        and the document fails (None: no limit).
    wants_output_dir : bool
        Pass a private folder as the ``output_dir`` parameter and return its files.
    reuse_kernel : bool
        Run in the worker's kernel of the previous document (reset), not a new one.
    """

    output: str
    notebook: str
    parameters: dict[str, Any]
    title: str
    formats: tuple[str, ...]
    kernel: KernelSpec = KernelSpec()
    timeout: float | None = None
    wants_output_dir: bool = False
    reuse_kernel: bool = True


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


class DocumentError(RuntimeError):
    """A document failed for a reason of its own run (its kernel died, its time ran out)."""


def _kernel_manager_class() -> type:
    from jupyter_client.manager import KernelManager

    class TrackingKernelManager(KernelManager):
        """A KernelManager that remembers its clients, so they can be closed with it.

        nbclient leaves the channels of the client it makes open when it is given a
        kernel manager; without this every document would leak a few sockets. Its clients
        are asynchronous, as nbclient expects: with a blocking one, nbclient's wait for a
        cell's output blocks its event loop, so a kernel that dies (killed, out of memory)
        is never noticed and the build hangs.
        """

        client_class = "jupyter_client.asynchronous.AsyncKernelClient"

        def client(self, **kwargs: Any) -> Any:
            kc = super().client(**kwargs)
            self.__dict__.setdefault("_thlib_clients", []).append(kc)
            return kc

    return TrackingKernelManager


#: Python code run in a kept kernel after its reset, and in a worker after each document.
#: What survives a document is long-lived (modules, data loaded once): frozen, the garbage
#: collector no longer scans it again and again (a tenth of a profile's kernel time);
#: memory freed is returned to the system (glibc keeps it otherwise).
_BETWEEN_DOCUMENTS = """
import gc as _gc, ctypes as _ctypes
_gc.collect()
_gc.freeze()
try:
    _ctypes.CDLL("libc.so.6").malloc_trim(0)
except (OSError, AttributeError):
    pass
del _gc, _ctypes
"""


class Kernel:
    """A started kernel and the log of its process."""

    def __init__(self, spec: KernelSpec):
        self.spec = spec
        self.log: IO[bytes] = tempfile.TemporaryFile(prefix="thlib-kernel-")
        self.km = _kernel_manager_class()(kernel_name=spec.name)
        cwd = spec.cwd if spec.cwd and os.path.isdir(spec.cwd) else None
        self.km.start_kernel(cwd=cwd, stdout=self.log, stderr=self.log,
                             env={**os.environ, **dict(spec.env)})

    def reset(self) -> bool:
        """Make the kernel as a new one looks to a notebook; return False if it cannot be.

        Clears the namespace and history, restarts the execution counter at 1, closes
        matplotlib figures and returns to the working folder; imported modules stay.
        """
        if not self.km.is_alive():
            return False
        code = (
            "import sys as _sys\n"
            "if 'matplotlib.pyplot' in _sys.modules:\n"
            "    _sys.modules['matplotlib.pyplot'].close('all')\n"
            + (f"import os as _os\n_os.chdir({self.spec.cwd!r})\n" if self.spec.cwd else "")
            + "get_ipython().reset(new_session=True)\n"
            + _BETWEEN_DOCUMENTS
        )
        kc = self.km.blocking_client()
        try:
            # The shell channel alone: the reply says whether it worked, and waiting for
            # the kernel to be ready (as a new client must) would cost 0.2 s a document.
            kc.start_channels(iopub=False, stdin=False, hb=False, control=False)
            msg_id = kc.execute(code, silent=True, store_history=False, allow_stdin=False)
            while True:
                reply = kc.get_shell_msg(timeout=START_TIMEOUT)
                if reply["parent_header"].get("msg_id") == msg_id:
                    return reply["content"]["status"] == "ok"
        except Exception as exc:  # noqa: BLE001 - a kernel that cannot be reset is replaced
            LOGGER.info("kernel not reused: %s", exc)
            return False
        finally:
            kc.stop_channels()

    def stderr_tail(self, lines: int = 5) -> str:
        """Return the last lines the kernel process wrote to stdout or stderr."""
        self.log.seek(0)
        text = self.log.read().decode("utf-8", errors="replace").splitlines()
        keep = [line for line in text if "without encryption" not in line]
        return "\n".join(keep[-lines:])

    def end(self) -> None:
        """End the kernel's process at once (a document past its time limit)."""
        process = getattr(self.km.provisioner, "process", None)
        if process is not None and process.poll() is None:
            process.kill()

    def death(self) -> str:
        """Say how the kernel's process ended, for a document whose kernel died."""
        process = getattr(self.km.provisioner, "process", None)
        code = None if process is None else process.poll()
        if code is not None and code < 0:
            name = signal.Signals(-code).name
            cause = (" (the system may have run out of memory, or something ended it)"
                     if name == "SIGKILL" else "")
            return f"the kernel was killed by {name}{cause}"
        if code is not None:
            return f"the kernel exited with status {code}"
        return "the kernel stopped answering"

    def close_clients(self) -> None:
        """Close the channels of every client opened on the kernel so far."""
        for kc in self.km.__dict__.pop("_thlib_clients", []):
            try:
                kc.stop_channels()
            except Exception:  # noqa: BLE001 - closing best effort
                pass

    def close(self) -> None:
        """Stop the kernel and every client channel opened on it."""
        self.close_clients()
        try:
            self.km.shutdown_kernel(now=True)
        except Exception:  # noqa: BLE001 - already dead
            pass
        self.log.close()


class KernelPool:
    """The kernel a worker thread keeps between documents (at most one)."""

    def __init__(self) -> None:
        self.kept: Kernel | None = None

    def take(self, spec: KernelSpec, reuse: bool = True) -> tuple[Kernel, bool]:
        """Return a kernel for ``spec`` (the kept one, reset, if it suits) and whether reused."""
        kept, self.kept = self.kept, None
        if kept is not None:
            if reuse and kept.spec.key == spec.key and kept.km.is_alive():
                return kept, True
            kept.close()
        return Kernel(spec), False

    def give_back(self, kernel: Kernel, keep: bool) -> None:
        """Keep ``kernel`` for the next document, reset, or stop it.

        The reset comes now, not when the next document starts: the document's objects are
        freed before the worker converts it, which lowers the build's peak memory.
        """
        if keep and kernel.reset():
            self.close()
            kernel.close_clients()
            self.kept = kernel
        else:
            kernel.close()

    def close(self) -> None:
        """Stop the kept kernel."""
        kept, self.kept = self.kept, None
        if kept is not None:
            kept.close()


_local = threading.local()
_pools: list[KernelPool] = []
#: Kernels running a document now (not kept in a pool), to end if the worker is stopped.
_running: set[Kernel] = set()


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
    """Stop the kept kernels of every thread of this process."""
    while _pools:
        _pools.pop().close()


def _end_kernels_and_exit(signum: int, _frame: object) -> None:
    """End this worker's kernels at once and exit (the build was stopped)."""
    for pool in list(_pools):
        if pool.kept is not None:
            pool.kept.end()
    for kernel in list(_running):
        kernel.end()
    os._exit(128 + signum)


def init_worker() -> None:
    """Prepare a worker process: quiet loggers, preload modules, end kernels when stopped.

    A stopped build terminates its workers (SIGTERM); each then ends its kernels, so none is
    left running.
    """
    signal.signal(signal.SIGTERM, _end_kernels_and_exit)
    for name in ("papermill", "traitlets", "nbclient", "weasyprint", "fontTools"):
        logging.getLogger(name).setLevel(logging.WARNING)
    import importlib

    for module in PRELOAD:
        try:
            importlib.import_module(module)
        except ImportError as exc:  # reported by the document that needs it
            LOGGER.debug("could not preload %s: %s", module, exc)


def _error_line(exc: BaseException) -> str:
    from papermill.exceptions import PapermillExecutionError

    if isinstance(exc, DocumentError):
        return str(exc)
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
        kernel_output: list[str] = []  # the kernel's last lines, if executing failed
        try:
            nb = _execute(task, Path(temp), outcome, kernel_output)
            clock = time.perf_counter()
            outcome.files = _convert(nb, task)
            outcome.extras = _read_tree(Path(temp, "output_dir"))
            outcome.timings["convert"] = time.perf_counter() - clock
            outcome.ok = True
        except Exception as exc:  # one failing document must not stop the others
            outcome.error = _error_line(exc)
            tail = "\n".join(kernel_output)
            if tail and not isinstance(exc, PapermillExecutionError):
                outcome.error += f"; kernel output: {' | '.join(tail.splitlines())}"
            if executed.is_file():
                outcome.failed_notebook = executed.read_bytes()
            elif nb is not None:
                outcome.failed_notebook = nbformat.writes(nb).encode("utf-8")
    exec(_BETWEEN_DOCUMENTS, {})  # noqa: S102 - our own constant code
    return outcome


def _execute(task: Task, temp: Path, outcome: Outcome, kernel_output: list[str]) -> Any:
    """Run the notebook with papermill in a (pre-started) kernel; return it executed.

    On failure the kernel's last lines of output are added to ``kernel_output``.
    """
    import nbformat
    import papermill

    pool = _pool()
    clock = time.perf_counter()
    kernel, _ = pool.take(task.kernel, task.reuse_kernel)
    _running.add(kernel)
    outcome.timings["kernel"] = time.perf_counter() - clock
    nb = nbformat.reads(task.notebook, as_version=4)
    nb.metadata["title"] = task.title
    parameters = dict(task.parameters)
    if task.wants_output_dir:
        Path(temp, "output_dir").mkdir()
        parameters["output_dir"] = str(Path(temp, "output_dir"))
    clock = time.perf_counter()
    ok = False
    # Past its time limit the document's kernel is ended: nbclient then sees it die.
    deadline = threading.Timer(task.timeout, kernel.end) if task.timeout else None
    if deadline is not None:
        deadline.daemon = True
        deadline.start()
    try:
        executed = papermill.execute_notebook(
            nb, str(temp / "executed.ipynb"), parameters=parameters,
            kernel_name=task.kernel.name, progress_bar=False,
            request_save_on_cell_execute=False, start_timeout=START_TIMEOUT,
            execution_timeout=task.timeout, km=kernel.km,
        )
        ok = True
        return executed
    except Exception as exc:
        kernel_output.append(kernel.stderr_tail())  # for the error message
        if deadline is not None and deadline.finished.is_set():
            raise DocumentError(f"the document did not finish within {task.timeout:g} s (the "
                                "parameter set's timeout) and was stopped") from exc
        if type(exc).__name__ == "DeadKernelError":
            raise DocumentError(f"{kernel.death()} while the document ran") from exc
        raise
    finally:
        if deadline is not None:
            deadline.cancel()
        outcome.timings["execute"] = time.perf_counter() - clock
        _running.discard(kernel)
        pool.give_back(kernel, keep=ok and task.reuse_kernel)


def _convert(nb: Any, task: Task) -> dict[str, bytes]:
    """Return the files of an executed notebook, by format."""
    import nbformat

    files: dict[str, bytes] = {}
    if "ipynb" in task.formats:
        files["ipynb"] = nbformat.writes(nb).encode("utf-8")
    if "html" in task.formats or "pdf" in task.formats:
        from thlib.publish.html import notebook_to_html

        resources = {"metadata": {"name": Path(task.output).name, "path": task.kernel.cwd}}
        html = notebook_to_html(nb, resources)
        if "html" in task.formats:
            files["html"] = html.encode("utf-8")
        if "pdf" in task.formats:
            from thlib.publish.pdf import html_to_pdf

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
