"""The one exception hierarchy of thlib.

Every error raised for bad input is a :class:`ThlibError`, whose message says
what was wrong, where (file, row, field or parameter) and what to do, so that
the command line can print it without a traceback.
"""

from __future__ import annotations

import errno
from pathlib import Path

__all__ = [
    "AreaError", "BuildError", "DataError", "DataFolderError", "ParameterError",
    "NO_ROOM", "StatsInputError", "StorageError", "ThlibError",
]


class ThlibError(Exception):
    """Base class for every error thlib raises on purpose.

    Catch it to report any bad input without a traceback, as ``thlib build`` does.

    Parameters
    ----------
    *args : str
        The message: what was wrong, where, and what to do.

    Examples
    --------
    >>> from thlib.stats import proportion
    >>> try:
    ...     proportion(-1, 10)
    ... except ThlibError as exc:
    ...     print(f"error: {exc}")
    error: numerator (position 0) is -1: counts cannot be negative
    """

    def _render_traceback_(self) -> list[str]:
        """Show the message alone in Jupyter and IPython: it names the place and the fix."""
        return [f"{type(self).__name__}: {self}"]


class DataError(ThlibError):
    """A data file is missing, malformed or does not hold what was expected.

    Parameters
    ----------
    *args : str
        The message, naming the file (and the row and column where there is one).

    Examples
    --------
    >>> from thlib.data import read_yaml
    >>> try:
    ...     read_yaml("no-such-file.yml")
    ... except DataError as exc:
    ...     print(exc)
    no-such-file.yml does not exist
    """


class DataFolderError(DataError):
    """The data folder is missing, or is a file.

    Parameters
    ----------
    *args : str
        The message, naming the folder and how to point thlib at another.

    Examples
    --------
    >>> import os
    >>> from thlib.data import data_dir
    >>> os.environ["THLIB_DATA_DIR"] = "/no/such/folder"
    >>> try:
    ...     data_dir()
    ... except DataFolderError as exc:
    ...     print(str(exc).split(":")[0])
    data folder /no/such/folder does not exist
    >>> del os.environ["THLIB_DATA_DIR"]
    """


class AreaError(ThlibError, KeyError):
    """An area type or area code is not known.

    A :class:`KeyError` too, but its message is not quoted.

    Parameters
    ----------
    *args : str
        The message, listing the known area types or codes.

    Examples
    --------
    >>> from thlib.geography import list_areas
    >>> try:
    ...     list_areas("wards")
    ... except KeyError as exc:
    ...     print(type(exc).__name__, str(exc))
    AreaError unknown area type 'wards'; use one of borough, neighbourhood, ward, custom
    """

    def __str__(self) -> str:
        """Return the message as given (KeyError would quote it)."""
        return str(self.args[0]) if self.args else ""


class ParameterError(ThlibError, ValueError):
    """A parameter set or a function argument is not allowed.

    A :class:`ValueError` too.

    Parameters
    ----------
    *args : str
        The message, naming the file, line and key (or the argument) and what is allowed.

    Examples
    --------
    >>> from thlib.publish import build
    >>> try:
    ...     build(formats="html,docx")
    ... except ParameterError as exc:
    ...     print(exc)
    --formats: unknown format 'docx'; allowed formats: html, pdf, ipynb
    """


class StatsInputError(ThlibError, ValueError):
    """Inputs to a statistical method fail its validation.

    A :class:`ValueError` too. Positions in messages count from 0, as ``Series.iloc`` does.

    Parameters
    ----------
    *args : str
        The message, naming the argument, the position and value, and what to do.
    position : int, optional
        The position of the offending value, kept as :attr:`position`.

    Examples
    --------
    >>> from thlib.stats import proportion
    >>> try:
    ...     proportion(65, 100, confidence=95)
    ... except ValueError as exc:
    ...     print(exc)
    confidence is 95: it must be strictly between 0 and 1, e.g. 0.95 or 0.998 (did you mean 0.95?)
    """

    def __init__(self, *args: object, position: int | None = None) -> None:
        super().__init__(*args)
        #: The position (from 0) of the offending value, where one value is at fault, so
        #: that a caller can name the row behind it.
        self.position = position


class BuildError(ThlibError):
    """A report could not be built.

    Parameters
    ----------
    *args : str
        The message, naming the document, lock or executor and what to do.

    Examples
    --------
    A second build writing to the same output folder is refused:

    >>> import tempfile
    >>> from thlib.publish.lock import BuildLock
    >>> with tempfile.TemporaryDirectory() as folder, BuildLock(folder):
    ...     try:
    ...         BuildLock(folder).__enter__()
    ...     except BuildError as exc:
    ...         print(str(exc).startswith("another thlib build is writing to"))
    True
    """


#: Operating-system errors that mean there is no room to write (exit status 4): a full disk,
#: a used-up quota, a file size limit.
NO_ROOM = (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)

#: What a user can do about the commonest operating-system errors, by errno.
_STORAGE_ADVICE = {
    errno.EACCES: "permission denied: choose a folder you can write to (e.g. --output-dir) "
                  "or change its permissions",
    errno.EPERM: "operation not permitted: choose a folder you can write to (e.g. "
                 "--output-dir) or change its permissions",
    errno.ENOSPC: "the disk is full: free some space and run again (earlier outputs are kept)",
    errno.EDQUOT: "the disk quota is used up: free some space and run again (earlier outputs "
                  "are kept)",
    errno.EFBIG: "the file is larger than this system allows (a file size limit, such as "
                 "ulimit -f): raise the limit or free some space and run again (earlier outputs "
                 "are kept)",
    errno.EROFS: "the file system is read-only: choose a folder on a writable disk",
    errno.ENOTDIR: "a file is in the way where a folder is needed: move it or choose another "
                   "folder",
    errno.EEXIST: "a file is in the way where a folder is needed: move it or choose another "
                  "folder",
    errno.EISDIR: "a folder is in the way where a file is needed: move it or choose another "
                  "name",
    errno.ENOENT: "it does not exist: create it or correct the path",
}


class StorageError(ThlibError):
    """A file or folder thlib must read or write cannot be used.

    No permission, a full disk, a read-only file system, or a file where a folder belongs:
    conditions the user can fix, reported in one line (``thlib`` exits with status 4 for a
    full disk, 3 otherwise).

    Parameters
    ----------
    *args : str
        The message: what could not be done, to which path, why and what to do.

    Examples
    --------
    >>> import errno
    >>> error = OSError(errno.ENOSPC, "No space left on device", "outputs/x.pdf")
    >>> print(StorageError.from_os_error(error, "write"))
    cannot write outputs/x.pdf: the disk is full: free some space and run again (earlier \
outputs are kept)
    """

    @classmethod
    def from_os_error(cls, error: OSError, doing: str, path: str | Path | None = None
                      ) -> StorageError:
        """Return the error for ``error``, met while doing ``doing`` (e.g. "write") to a path.

        Parameters
        ----------
        error : OSError
            The operating system's error.
        doing : str
            What thlib was doing, as a verb: "write", "create", "read", "lock".
        path : str or pathlib.Path, optional
            The path, if ``error`` does not name it.

        Returns
        -------
        StorageError
            With a one-line message naming the path, the cause and what to do.

        Examples
        --------
        >>> import errno
        >>> error = OSError(errno.EACCES, "Permission denied")
        >>> print(StorageError.from_os_error(error, "create", "/srv/outputs"))  # doctest: +ELLIPSIS
        cannot create /srv/outputs: permission denied: choose a folder you can write to ...
        """
        where = path if path is not None else (error.filename or "a file")
        advice = _STORAGE_ADVICE.get(error.errno or 0, error.strerror or str(error))
        made = cls(f"cannot {doing} {where}: {advice}")
        made.disk_full = error.errno in NO_ROOM
        return made

    #: Whether the disk (or quota) is full, which ``thlib`` reports with its own exit status.
    disk_full = False
