"""Running a plan: send stale documents to the workers, publish what comes back.

The parent process holds the lock, writes every file (atomically), and keeps the state
file current after each document, so an interrupted build keeps what it finished.
"""

from __future__ import annotations

import contextlib
import logging
import os
import time
from collections.abc import Iterator
from concurrent.futures import Executor, Future, as_completed
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import Any

from thlib.errors import NO_ROOM, BuildError, ThlibError
from thlib.publish.documents import Document
from thlib.publish.index import write_index
from thlib.publish.lock import BuildLock
from thlib.publish.outputs import (
    failed_notebook_path,
    publish,
    remove_failed_notebook,
    remove_leftover_temps,
)
from thlib.publish.parameters import FORMATS
from thlib.publish.plan import Plan, PlannedDocument, make_plan, prune_removed, refresh_reasons
from thlib.publish.progress import Progress
from thlib.publish.record import BuildResult, DocumentResult, write_record
from thlib.publish.state import Fingerprints, digest
from thlib.publish.worker import KernelSpec, Outcome, Task, run_document
from thlib.settings import (
    CUSTOM_AREAS_ENV,
    DATA_DIR_ENV,
    NEIGHBOURHOODS_ENV,
    configured_data_dir,
    custom_areas_override,
    existing_data_dir,
    neighbourhoods_override,
)

LOGGER = logging.getLogger("thlib.publish")


@dataclass
class BuildOptions:
    """Options of :func:`thlib.publish.build` (described there); :func:`run` takes them.

    Attributes
    ----------
    output_dir, parameters_dir, notebooks_dir : pathlib.Path
        Where documents go; the parameter sets; the report notebooks.
    params : tuple of pathlib.Path
        Extra parameter-set files.
    only : tuple of str
        Selection, as ``--only``.
    formats : tuple of str or None
        Formats to build instead of each set's own (already checked).
    jobs : int or None
        Documents run at once; None for the number of cores.
    force, dry_run : bool
        Rebuild even if up to date; only decide.
    executor : {"local", "dask"} or concurrent.futures.Executor
        Where documents run.
    scheduler : str or None
        Dask scheduler address.
    fresh_kernels, progress_bar : bool
        A new kernel for every document; a tqdm bar on stderr.
    data_dir : pathlib.Path or None
        Data folder; None for ``$THLIB_DATA_DIR`` or ``data/``.

    Examples
    --------
    >>> options = BuildOptions(only=("ward",), formats=("html",), dry_run=True)
    >>> options.output_dir.as_posix(), options.jobs, options.executor
    ('outputs', None, 'local')
    """

    output_dir: Path = Path("outputs")
    parameters_dir: Path = Path("parameters")
    notebooks_dir: Path = Path("notebooks")
    params: tuple[Path, ...] = ()
    only: tuple[str, ...] = ()
    formats: tuple[str, ...] | None = None
    jobs: int | None = None
    force: bool = False
    dry_run: bool = False
    executor: str | Executor = "local"
    scheduler: str | None = None
    fresh_kernels: bool = False
    progress_bar: bool = False
    data_dir: Path | None = None


def now() -> datetime:
    """Return the current UTC time."""
    return datetime.now(UTC)


def data_vintage(fingerprints: Fingerprints) -> str:
    """Return the data vintage shown in the index, with the data fingerprint's start.

    The periods of the datasets (:func:`thlib.data.vintage`), e.g. ``Census 2021; ...
    (3f2a9c1b0e)``; for a data folder thlib cannot describe, the date of its most
    recently modified file.
    """
    try:
        from thlib.data import vintage

        label = vintage()
    except (ImportError, ThlibError):
        latest = fingerprints.data_latest
        day = datetime.fromtimestamp(latest, UTC).date().isoformat() if latest else "unknown"
        label = f"data files of {day}"
    return f"{label} ({fingerprints.data[:10]})"


def run(options: BuildOptions) -> BuildResult:
    """Plan and run a build; see :func:`thlib.publish.build`."""
    with _data_dir_set(options.data_dir):
        existing_data_dir()  # a missing data folder is said plainly, before any other work
        return _run(options)


def _run(options: BuildOptions) -> BuildResult:
    started = now()
    output_dir = Path(options.output_dir)
    plan = make_plan(
        output_dir, Path(options.parameters_dir), Path(options.notebooks_dir),
        tuple(Path(p) for p in options.params), tuple(options.only), options.formats,
        options.force,
    )
    if options.dry_run:
        results = [DocumentResult(p.document, "planned" if p.stale else "skipped", p.reason)
                   for p in plan.selected]
        return BuildResult(started, now(), results, output_dir, dry_run=True)
    with BuildLock(output_dir):
        remove_leftover_temps(output_dir)
        refresh_reasons(plan, output_dir, options.force)
        prune_removed(plan)
        try:
            results, jobs = _build_stale(plan, options, output_dir) if plan.stale else ([], 0)
        except KeyboardInterrupt as exc:  # keep what was finished, link it, record the run
            write_index(output_dir, plan.state.documents.values())
            plan.state.save()
            finished = getattr(exc, "finished", [])
            partial = BuildResult(started, now(), finished, output_dir,
                                  jobs=getattr(exc, "jobs", 0), interrupted=True)
            partial.record = write_record(partial)
            exc.result = partial  # type: ignore[attr-defined]  # for the summary
            raise
        results += [DocumentResult(p.document, "skipped") for p in plan.selected if not p.stale]
        write_index(output_dir, plan.state.documents.values())
        plan.state.save()
        result = BuildResult(started, now(), results, output_dir, jobs=jobs)
        if result.count("built") or result.count("failed"):
            result.record = write_record(result)
    return result


def _order(plan: Plan) -> list[PlannedDocument]:
    """Stale documents, slowest first (by last build time), so the pool finishes together."""
    def last_seconds(planned: PlannedDocument) -> float:
        entry = plan.state.documents.get(planned.document.output) or {}
        return -float(entry.get("seconds", float("inf")))

    return sorted(plan.stale, key=last_seconds)


def _task(document: Document, options: BuildOptions, version: str) -> Task:
    notebook = document.notebook
    cwd = str(Path(options.notebooks_dir).resolve())
    return Task(
        output=document.output,
        notebook=notebook.text,
        parameters=document.parameters,
        title=document.title,
        formats=document.formats,
        kernel=KernelSpec(notebook.kernel_name, cwd, version, _kernel_env()),
        timeout=document.timeout,
        wants_output_dir=notebook.wants_output_dir,
        reuse_kernel=not options.fresh_kernels,
    )


def _kernel_env() -> tuple[tuple[str, str], ...]:
    """Return the data settings of this build, for kernels that may run on other machines."""
    settings = [(DATA_DIR_ENV, str(configured_data_dir().resolve()))]
    for name, override in ((NEIGHBOURHOODS_ENV, neighbourhoods_override()),
                           (CUSTOM_AREAS_ENV, custom_areas_override())):
        if override is not None:
            settings.append((name, str(override.resolve())))
    return tuple(settings)


@contextlib.contextmanager
def _data_dir_set(folder: Path | None) -> Iterator[None]:
    """Point ``$THLIB_DATA_DIR`` at ``folder`` for the build; restore it afterwards.

    So the folder fingerprinted is the one planning and every worker read.
    """
    if folder is None:
        yield
        return
    before = os.environ.get(DATA_DIR_ENV)
    os.environ[DATA_DIR_ENV] = str(Path(folder).resolve())
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(DATA_DIR_ENV, None)
        else:
            os.environ[DATA_DIR_ENV] = before


def _build_stale(
    plan: Plan, options: BuildOptions, output_dir: Path
) -> tuple[list[DocumentResult], int]:
    from thlib.publish.executors import default_jobs, open_executor

    stale = _order(plan)
    vintage = data_vintage(plan.fingerprints)
    LOGGER.info("%d of %d documents to build", len(stale), len(plan.selected))
    results: list[DocumentResult] = []
    jobs = min(options.jobs or default_jobs(), len(stale))
    version = digest([plan.fingerprints.library, plan.fingerprints.environment])
    with open_executor(options.executor, jobs, options.scheduler) as workers, \
            Progress(len(stale), options.progress_bar) as progress:
        jobs = min(workers.slots, len(stale))
        LOGGER.info("running on %d workers (%s)", jobs, type(workers.executor).__name__)
        futures: dict[Future[Outcome], tuple[PlannedDocument, float]] = {}
        for planned in stale:
            task = _task(planned.document, options, version)
            futures[workers.executor.submit(run_document, task)] = (planned, time.perf_counter())
        try:
            for future in as_completed(futures):
                planned, submitted = futures[future]
                waited = time.perf_counter() - submitted
                result = _finish(plan, planned, future, output_dir, vintage, waited)
                results.append(result)
                plan.state.save()
                progress.update()
        except KeyboardInterrupt as exc:
            LOGGER.error("interrupted: keeping the %d documents finished so far", len(results))
            for future in futures:
                future.cancel()
            exc.finished, exc.jobs = results, jobs  # type: ignore[attr-defined]
            raise
    return results, jobs


def _outcome(future: Future[Outcome]) -> Outcome:
    try:
        return future.result()
    except Exception as exc:  # the worker itself died, or the task could not be sent
        return Outcome(ok=False, error=f"worker failed: {type(exc).__name__}: {exc}")


def _finish(
    plan: Plan,
    planned: PlannedDocument,
    future: Future[Outcome],
    output_dir: Path,
    vintage: str,
    seconds: float,
) -> DocumentResult:
    """Publish a document's files (or keep its failed notebook) and update the state."""
    document = planned.document
    outcome = _outcome(future)
    seconds = sum(outcome.timings.values()) or seconds  # its own time, not time queued
    result = DocumentResult(document, "built" if outcome.ok else "failed", planned.reason,
                            seconds, timings=outcome.timings, worker=outcome.worker)
    previous = plan.state.documents.get(document.output)
    if outcome.ok:
        try:
            entry = _publish(plan, document, outcome, output_dir)
        except BuildError as exc:
            outcome.ok, outcome.error, result.status = False, str(exc), "failed"
        except OSError as exc:
            outcome.ok, outcome.error = False, f"could not write the files: {_os_error(exc)}"
            result.status, result.disk_full = "failed", exc.errno in NO_ROOM
        except Exception as exc:  # noqa: BLE001 - one document's files fail that document alone
            outcome.ok, result.status = False, "failed"
            outcome.error = f"could not publish the files: {type(exc).__name__}: {exc}"
        else:
            remove_failed_notebook(output_dir, document.output)
            if previous and previous.get("components") == planned.components:
                for fmt, path in previous.get("outputs", {}).items():  # formats not rebuilt
                    entry["outputs"].setdefault(fmt, path)
            entry.update(_entry_facts(document, planned.components, vintage, seconds))
            plan.state.documents[document.output] = entry
            result.outputs = [*entry["outputs"].values(), *entry["extras"]]
            LOGGER.info("built %s in %.1f s (%s)", document.output, seconds,
                        ", ".join(document.formats))  # this run's, not those kept
            return result
    result.error = outcome.error
    entry = dict(previous or {"outputs": {}, **_entry_facts(document, {}, vintage, seconds)})
    attempted = now().isoformat(timespec="seconds")
    entry.update(status="failed", error=outcome.error, attempted=attempted)
    if outcome.failed_notebook:
        path = failed_notebook_path(output_dir, document.output)
        try:
            publish({path: outcome.failed_notebook})
        except OSError as exc:  # the document has failed already: say so, and go on
            LOGGER.error("could not keep the executed notebook of %s: %s", document.output,
                         _os_error(exc))
            result.disk_full = result.disk_full or exc.errno in NO_ROOM
        else:
            result.failed_notebook = entry["failed_notebook"] = \
                path.relative_to(output_dir).as_posix()
    plan.state.documents[document.output] = entry
    kept = f"; executed notebook kept at {output_dir / result.failed_notebook}" \
        if result.failed_notebook else ""
    LOGGER.error("failed %s: %s%s", document.output, outcome.error, kept)
    return result


def _os_error(exc: OSError) -> str:
    """Say an operating-system error in words, with the file it met."""
    where = f" ({exc.filename})" if exc.filename else ""
    return f"{exc.strerror or exc}{where}"


def extra_name(output: str, relative: str) -> str:
    """Return where a file the notebook wrote to ``output_dir`` is published.

    Beside the document, under its own name if that begins with the document's name
    (``annual-report-2025-data.csv`` beside ``annual-report-2025``), else prefixed with it
    (``appendix.csv`` beside ``profiles/ward/bow-east`` becomes ``bow-east-appendix.csv``),
    so documents sharing a folder cannot overwrite each other's files.
    """
    path = PurePosixPath(output)
    stem, first = path.name, relative.split("/", 1)[0]
    own = first == stem or first.startswith((f"{stem}-", f"{stem}_", f"{stem}."))
    return (path.parent / (relative if own else f"{stem}-{relative}")).as_posix()


def _publish(
    plan: Plan, document: Document, outcome: Outcome, output_dir: Path
) -> dict[str, Any]:
    files = {fmt: document.file(fmt) for fmt in outcome.files}
    extras = {rel: extra_name(document.output, rel) for rel in outcome.extras}
    taken = {document.file(fmt): document.output for fmt in FORMATS}
    for output, entry in plan.state.documents.items():
        if output != document.output:
            for path in [*entry.get("outputs", {}).values(), *entry.get("extras", [])]:
                taken[path] = output
    for rel, path in extras.items():
        if path in taken:
            raise BuildError(
                f"the file {rel!r} the notebook wrote to output_dir would be published as "
                f"{path}, which belongs to {taken[path]}; give it another name"
            )
    publish({
        **{output_dir / files[fmt]: data for fmt, data in outcome.files.items()},
        **{output_dir / extras[rel]: data for rel, data in outcome.extras.items()},
    })
    return {"outputs": files, "extras": sorted(extras.values())}


def _entry_facts(
    document: Document, components: dict[str, str], vintage: str, seconds: float
) -> dict[str, Any]:
    area = document.area
    return {
        "status": "ok",
        "report": document.report,
        "report_title": document.report_title,
        "description": document.description,
        "title": document.title,
        "output": document.output,
        "source": str(document.source.resolve()),
        "parameters": document.parameters,
        "area_type": area.type if area else None,
        "area_code": area.code if area else None,
        "area_name": area.name if area else None,
        "components": components,
        "built": now().isoformat(timespec="seconds"),
        "data_vintage": vintage,
        "seconds": round(seconds, 3),
    }
