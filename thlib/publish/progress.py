"""Feedback while building: a progress bar on a terminal, timestamped log lines otherwise.

On a terminal (stderr is a TTY) a tqdm bar counts documents and log messages are printed
above it; under cron or CI, each finished document is one ``logging`` line with a
timestamp. ``--quiet`` keeps only errors (and the final summary the CLI prints).
"""

from __future__ import annotations

import logging
import sys
from typing import IO, Any

LOGGER = logging.getLogger("thlib.publish")


class _TerminalFormatter(logging.Formatter):
    """Plain messages for INFO; ``LEVEL: message`` for the rest."""

    def format(self, record: logging.LogRecord) -> str:
        message = super().format(record)
        return message if record.levelno == logging.INFO else f"{record.levelname}: {message}"


class _TqdmHandler(logging.StreamHandler):
    """Write log records above an active tqdm bar instead of through it."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            from tqdm import tqdm

            tqdm.write(self.format(record), file=self.stream)
        except Exception:  # noqa: BLE001 - logging must not raise
            self.handleError(record)


def configure_logging(
    quiet: bool = False, verbose: bool = False, stream: IO[str] | None = None
) -> bool:
    """Send thlib's log records to ``stream`` (stderr); return True if it is a terminal.

    Parameters
    ----------
    quiet : bool
        Errors only.
    verbose : bool
        Debug messages too.
    stream : file, optional
        Default ``sys.stderr``.
    """
    stream = stream or sys.stderr
    interactive = bool(getattr(stream, "isatty", lambda: False)())
    handler: logging.Handler
    if interactive:
        handler = _TqdmHandler(stream)
        handler.setFormatter(_TerminalFormatter("%(message)s"))
    else:
        handler = logging.StreamHandler(stream)
        handler.setFormatter(logging.Formatter(
            "%(asctime)s %(levelname)s %(name)s: %(message)s", "%Y-%m-%dT%H:%M:%S%z"))
    logger = logging.getLogger("thlib")
    for old in list(logger.handlers):
        logger.removeHandler(old)
    logger.addHandler(handler)
    logger.propagate = False
    logger.setLevel(logging.ERROR if quiet else logging.DEBUG if verbose else logging.INFO)
    return interactive


class Progress:
    """Count finished documents: a tqdm bar, or nothing (the log lines say it).

    Parameters
    ----------
    total : int
    bar : bool
        Draw a bar (on a terminal and not quiet).
    stream : file, optional
    """

    def __init__(self, total: int, bar: bool, stream: IO[str] | None = None):
        self._bar: Any = None
        if bar and total:
            from tqdm import tqdm

            self._bar = tqdm(total=total, unit="doc", desc="thlib build", dynamic_ncols=True,
                             file=stream or sys.stderr, leave=False)

    def update(self) -> None:
        """Count one finished document (the log line above the bar names it)."""
        if self._bar is not None:
            self._bar.update(1)

    def close(self) -> None:
        """Remove the bar."""
        if self._bar is not None:
            self._bar.close()
            self._bar = None

    def __enter__(self) -> Progress:
        """Return the progress itself."""
        return self

    def __exit__(self, *exc: object) -> None:
        """Remove the bar."""
        self.close()
