"""One build at a time per output folder: an exclusive ``flock`` on a lock file.

The lock belongs to the open file, so the kernel releases it when the build exits, even
if it is killed; the file itself stays, empty and unchanged (removing it could let two
builds lock two different files of the same name).
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path
from types import TracebackType

from thlib.errors import BuildError, StorageError

LOCK_NAME = ".thlib-build.lock"


def _holder(fd: int) -> str | None:
    """Return the id of the process holding a flock on ``fd``'s file, from /proc/locks."""
    stat = os.fstat(fd)
    inode = f"{os.major(stat.st_dev):02x}:{os.minor(stat.st_dev):02x}:{stat.st_ino}"
    try:
        with open("/proc/locks", encoding="ascii") as locks:
            for line in locks:
                fields = line.split()
                if len(fields) > 5 and fields[1] == "FLOCK" and fields[5] == inode:
                    return fields[4]
    except OSError:
        pass
    return None


class BuildLock:
    """Context manager holding the build lock of ``output_dir``.

    Parameters
    ----------
    output_dir : pathlib.Path
        Created if missing.

    Raises
    ------
    thlib.errors.BuildError
        On entry, at once, if another build holds the lock; the message names the lock
        file and the process holding it.
    thlib.errors.StorageError
        On entry, if the folder or the lock file cannot be created (no permission, a file
        in the way, a full disk).
    """

    def __init__(self, output_dir: Path):
        self.path = Path(output_dir) / LOCK_NAME
        self._fd: int | None = None

    def __enter__(self) -> BuildLock:
        """Take the lock, or raise :class:`~thlib.errors.BuildError` if it is held."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise StorageError.from_os_error(exc, "create the build's lock file",
                                             self.path) from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _holder(fd)
            os.close(fd)
            by = f" by process {holder}" if holder else ""
            raise BuildError(
                f"another thlib build is writing to {self.path.parent} (lock file {self.path} "
                f"is held{by}); wait for it to finish, or use another --output-dir"
            ) from None
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        """Release the lock."""
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None
