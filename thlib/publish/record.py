"""Results of a build, and the machine-readable run record ``outputs/build-record.json``.

The record describes the last run that built (or failed to build) anything: when it
started and ended, and for every selected document its report, parameters, output files,
status (``built``, ``skipped`` or ``failed``), reason, seconds and error. A run with
nothing to do leaves it, like every other file, unchanged.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from thlib.publish.documents import Document
from thlib.publish.outputs import atomic_write

RECORD_NAME = "build-record.json"


@dataclass
class DocumentResult:
    """What happened to one selected document.

    Attributes
    ----------
    document : Document
    status : {"built", "skipped", "failed", "planned"}
        ``planned``: would be built (dry run).
    reason : str or None
        Why it was (or would be) built; None when up to date.
    seconds : float
        Time the worker spent on it (kernel, execution, conversion), not time queued.
    outputs : list of str
        Files written, relative to the output folder.
    error : str or None
    failed_notebook : str or None
        Executed notebook kept for debugging, relative to the output folder.
    timings : dict of str to float
        Worker-side seconds: kernel, execute, convert.
    worker : str
        ``host:pid`` of the worker that ran it.
    disk_full : bool
        Its files could not be written because the disk is full.

    Examples
    --------
    A failed document as the run record shows it:

    >>> from pathlib import Path
    >>> from thlib.publish.notebooks import NotebookInfo
    >>> notebook = NotebookInfo(Path("notebooks/hi.ipynb"), sha256="0" * 64, text="{}",
    ...                         parameters={}, has_parameters_cell=True,
    ...                         kernel_name="python3", title=None)
    >>> document = Document(report="hi", source=Path("parameters/hi.yml"), entry=0,
    ...                     notebook=notebook, parameters={"greeting": "hey"}, title="Hi",
    ...                     output="hi/hey", formats=("html",))
    >>> result = DocumentResult(document, "failed", "new document", seconds=1.25,
    ...                         error="AssertionError: asked to fail (at In [3])",
    ...                         failed_notebook="_failed/hi/hey.ipynb")
    >>> entry = result.to_json()
    >>> entry["output"], entry["status"], entry["parameters"], entry["failed_notebook"]
    ('hi/hey', 'failed', {'greeting': 'hey'}, '_failed/hi/hey.ipynb')
    """

    document: Document
    status: str
    reason: str | None = None
    seconds: float = 0.0
    outputs: list[str] = field(default_factory=list)
    error: str | None = None
    failed_notebook: str | None = None
    timings: dict[str, float] = field(default_factory=dict)
    worker: str = ""
    disk_full: bool = False

    def to_json(self) -> dict[str, Any]:
        """Return the record entry of this document."""
        document = self.document
        return {
            "report": document.report,
            "output": document.output,
            "title": document.title,
            "parameter_set": str(document.source),
            "parameters": document.parameters,
            "formats": list(document.formats),
            "status": self.status,
            "reason": self.reason,
            "outputs": self.outputs,
            "seconds": round(self.seconds, 3),
            "timings": {key: round(value, 3) for key, value in self.timings.items()},
            "error": self.error,
            "failed_notebook": self.failed_notebook,
            "worker": self.worker,
        }


@dataclass
class BuildResult:
    """The result of :func:`thlib.publish.build`.

    Attributes
    ----------
    started, finished : datetime.datetime
        UTC.
    documents : list of DocumentResult
        One per selected document, in build order then skipped ones.
    output_dir : pathlib.Path
    dry_run : bool
    jobs : int
        Documents run at once.
    record : pathlib.Path or None
        The run record, if written.
    interrupted : bool
        The build was stopped (Ctrl-C, SIGTERM, SIGHUP) before every document ran.

    Examples
    --------
    What :func:`thlib.publish.build` returns when there was nothing to do:

    >>> from datetime import UTC, timedelta
    >>> started = datetime(2025, 3, 1, 6, 0, tzinfo=UTC)
    >>> result = BuildResult(started, started + timedelta(seconds=12.5), [], Path("outputs"))
    >>> result.summary()
    'built 0, skipped 0, failed 0 in 12.5 s'
    >>> result.exit_code, result.count("failed")
    (0, 0)
    >>> result.to_json()["started"]
    '2025-03-01T06:00:00+00:00'
    """

    started: datetime
    finished: datetime
    documents: list[DocumentResult]
    output_dir: Path
    dry_run: bool = False
    jobs: int = 0
    record: Path | None = None
    interrupted: bool = False

    def count(self, status: str) -> int:
        """Return how many documents have ``status``."""
        return sum(1 for result in self.documents if result.status == status)

    @property
    def seconds(self) -> float:
        """Wall time of the run."""
        return (self.finished - self.started).total_seconds()

    @property
    def exit_code(self) -> int:
        """0 if nothing failed; 4 if a document's files met a full disk; else 1 if any failed."""
        if any(result.disk_full for result in self.documents):
            return 4
        return 1 if self.count("failed") else 0

    def summary(self) -> str:
        """Return the one-line summary, e.g. ``built 3, skipped 38, failed 0 in 12.1 s``."""
        if self.dry_run:
            return (f"dry run: {self.count('planned')} to build, {self.count('skipped')} up to "
                    "date; nothing written")
        built = self.count("built")
        per = f" ({self.seconds / built:.2f} s per document built)" if built else ""
        return (f"built {built}, skipped {self.count('skipped')}, failed {self.count('failed')} "
                f"in {self.seconds:.1f} s{per}")

    def to_json(self) -> dict[str, Any]:
        """Return the run record."""
        return {
            "started": self.started.isoformat(timespec="seconds"),
            "finished": self.finished.isoformat(timespec="seconds"),
            "seconds": round(self.seconds, 3),
            "jobs": self.jobs,
            "built": self.count("built"),
            "skipped": self.count("skipped"),
            "failed": self.count("failed"),
            "interrupted": self.interrupted,
            "documents": [result.to_json() for result in self.documents],
        }


def write_record(result: BuildResult) -> Path:
    """Write ``build-record.json`` atomically into the output folder; return its path."""
    path = result.output_dir / RECORD_NAME
    text = json.dumps(result.to_json(), indent=1, ensure_ascii=False, default=str) + "\n"
    atomic_write(path, text.encode("utf-8"))
    return path
