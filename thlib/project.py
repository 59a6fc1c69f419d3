"""The project a ``thlib`` command works on, found from the current folder as git does.

A project is a folder holding ``parameters/`` and ``notebooks/`` (the fixed layout of the
repository). ``thlib`` looks for one in the current folder, then in each parent in turn, so
it runs the same from ``notebooks/`` or any other folder inside the project.
"""

from __future__ import annotations

from pathlib import Path

from thlib.errors import ParameterError

__all__ = ["MARKERS", "find_project"]

#: The folders that make a folder a thlib project.
MARKERS = ("parameters", "notebooks")


def _is_project(folder: Path) -> bool:
    return all((folder / marker).is_dir() for marker in MARKERS)


def find_project(start: str | Path | None = None, given: str | Path | None = None) -> Path:
    """Return the project folder: ``given`` if set, else the nearest one above ``start``.

    Parameters
    ----------
    start : str or pathlib.Path, optional
        Where to start looking; default the current folder.
    given : str or pathlib.Path, optional
        A project folder named by the user (``--project``); checked, not searched for.

    Returns
    -------
    pathlib.Path
        The project folder, absolute.

    Raises
    ------
    thlib.errors.ParameterError
        If ``given`` is not a project, or no folder from ``start`` upwards is one.

    Examples
    --------
    >>> from pathlib import Path
    >>> root = find_project(Path(__file__).parent)  # from inside the package
    >>> sorted(p.name for p in root.iterdir() if p.name in ("notebooks", "parameters"))
    ['notebooks', 'parameters']
    >>> find_project(given="/")
    Traceback (most recent call last):
    ...
    thlib.errors.ParameterError: --project /: not a thlib project (it has no parameters/ \
and notebooks/ folders)
    """
    if given is not None:
        folder = Path(given).expanduser().resolve()
        if not _is_project(folder):
            raise ParameterError(f"--project {given}: not a thlib project (it has no "
                                 f"{'/ and '.join(MARKERS)}/ folders)")
        return folder
    here = Path(start if start is not None else Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if _is_project(folder):
            return folder
    raise ParameterError(
        f"{here} is not inside a thlib project (no folder from here upwards has "
        f"{'/ and '.join(MARKERS)}/ folders): run thlib from the project, e.g. the clone "
        "of the repository, or name it with --project DIR"
    )
