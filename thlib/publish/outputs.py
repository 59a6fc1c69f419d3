"""Writing into the output folder so that no reader ever sees a partly written file.

Every file is written to a hidden temporary file in its final folder, flushed to disk and
renamed over the final name with :func:`os.replace`, which is atomic on POSIX file systems.
"""

from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

LOGGER = logging.getLogger(__name__)

#: Suffix of the build's temporary files; leftovers of a killed build are removed.
TEMP_SUFFIX = ".thlib-tmp"
#: Folder, under the output folder, for executed notebooks of failed documents.
FAILED_DIR = "_failed"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _write_temp(path: Path, data: bytes) -> Path:
    """Write ``data`` to a new temporary file beside ``path``; return its path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(name, 0o666 & ~_umask())  # mkstemp makes 0600; outputs are for sharing
    except OSError as exc:  # a write error names no file: name the one meant
        Path(name).unlink(missing_ok=True)
        if exc.filename is None:
            raise OSError(exc.errno, exc.strerror, str(path)) from exc
        raise
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    return Path(name)


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically (temporary file in the same folder, then rename).

    Parameters
    ----------
    path : pathlib.Path
        Final path; its folder is created if needed.
    data : bytes
    """
    temp = _write_temp(path, data)
    try:
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def publish(files: Mapping[Path, bytes]) -> None:
    """Write several files, each atomically, renaming them only once all are written.

    If writing any of them fails, none of the final files is touched.
    """
    temps: list[tuple[Path, Path]] = []
    try:
        for path, data in files.items():
            temps.append((_write_temp(path, data), path))
        for temp, path in temps:
            os.replace(temp, path)
    finally:
        for temp, _ in temps:
            temp.unlink(missing_ok=True)


def failed_notebook_path(output_dir: Path, output: str) -> Path:
    """Return where the executed notebook of a failed document is kept."""
    return output_dir / FAILED_DIR / f"{output}.ipynb"


def remove_failed_notebook(output_dir: Path, output: str) -> None:
    """Delete a kept failed notebook (its document has now been built)."""
    path = failed_notebook_path(output_dir, output)
    if path.exists():
        path.unlink()
        for parent in path.parents:
            if parent == output_dir or not parent.is_relative_to(output_dir / FAILED_DIR):
                break
            try:
                parent.rmdir()
            except OSError:
                break


def remove_leftover_temps(output_dir: Path) -> int:
    """Delete temporary files left by a build that was killed; return how many.

    Call only while holding the build lock.
    """
    removed = 0
    for folder, _, names in os.walk(output_dir):
        for name in names:
            if name.startswith(".") and name.endswith(TEMP_SUFFIX):
                Path(folder, name).unlink(missing_ok=True)
                removed += 1
    if removed:
        LOGGER.info("removed %d temporary files left by an interrupted build", removed)
    return removed
