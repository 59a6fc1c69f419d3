"""Where the data live and how a file is read, with errors that name the file."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from thlib.errors import DataError
from thlib.settings import DATA_DIR_ENV, existing_data_dir


def data_dir() -> Path:
    """Return the data folder: ``$THLIB_DATA_DIR`` if set, else the repository's ``data/``.

    Returns
    -------
    pathlib.Path
        The folder that holds ``open-data/``, ``neighbourhoods.yml`` and the rest.

    Raises
    ------
    DataFolderError
        If the folder does not exist or is a file; the message says how to point thlib at
        one.

    Examples
    --------
    >>> (data_dir() / "open-data" / "census2021").is_dir()
    True
    """
    return existing_data_dir()


def data_path(relative: str | Path) -> Path:
    """Return the path of a file inside the data folder, checking that it exists.

    Parameters
    ----------
    relative : str or pathlib.Path
        The file's path relative to :func:`data_dir`.

    Returns
    -------
    pathlib.Path
        The absolute path of an existing file.

    Raises
    ------
    DataError
        If the data folder or the file is missing; the message says how to restore it.

    Examples
    --------
    >>> data_path("open-data/boundaries/tower_hamlets_wards_2014_bng.gpkg").suffix
    '.gpkg'
    >>> data_path("open-data/nothing-here.csv")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    thlib.errors.DataError: data file .../nothing-here.csv is missing: restore it ...
    """
    path = data_dir() / relative
    if not path.is_file():
        raise DataError(
            f"data file {path} is missing: restore it from the repository (git checkout -- data) "
            f"or point {DATA_DIR_ENV} at a complete data folder"
        )
    return path


@functools.lru_cache(maxsize=64)
def _read_csv_cached(path: Path, mtime: float, encoding: str) -> pd.DataFrame:
    try:
        # Only empty cells are missing: a stray "n/a" stays text, so it is reported, not hidden.
        return pd.read_csv(path, encoding=encoding, low_memory=False, keep_default_na=False,
                           na_values=[""])
    except (pd.errors.ParserError, UnicodeDecodeError, ValueError) as exc:
        raise DataError(f"{path} could not be read as CSV ({exc}); check the file") from exc


def read_csv(
    relative: str | Path,
    required: Iterable[str] = (),
    encoding: str = "utf-8",
) -> pd.DataFrame:
    """Read a CSV from the data folder and check that ``required`` columns are present.

    Only empty cells are read as missing, so a stray ``n/a`` stays text and is reported by
    :func:`thlib.data.checks.check_numeric` rather than hidden.

    Parameters
    ----------
    relative : str or pathlib.Path
        The file's path relative to :func:`data_dir` (an absolute path is used as given).
    required : iterable of str, optional
        Columns the file must have.
    encoding : str, default "utf-8"
        The file's text encoding.

    Returns
    -------
    pandas.DataFrame
        The file as read. It is a copy, so callers may change it freely; reads are cached
        per process and file modification time.

    Raises
    ------
    DataError
        If the file is missing, cannot be parsed as CSV or lacks a ``required`` column; the
        message names the file and the columns it does have.

    Examples
    --------
    The TfL PTAL file has a header and one line per ward, 20 in all:

    >>> ptal = read_csv("open-data/other/tfl_ptal_2015_by_ward2014_tower_hamlets.csv",
    ...                 required=["Ward Code", "PTAL"])
    >>> len(ptal)
    20
    >>> read_csv("open-data/other/tfl_ptal_2015_by_ward2014_tower_hamlets.csv",
    ...          required=["Ward Kode"])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    thlib.errors.DataError: ...tower_hamlets.csv has no column 'Ward Kode'; it has ...
    """
    path = data_path(relative)
    frame = _read_csv_cached(path, path.stat().st_mtime, encoding)
    missing = [column for column in required if column not in frame.columns]
    if missing:
        raise DataError(
            f"{path} has no column {', '.join(repr(m) for m in missing)}; "
            f"it has {', '.join(map(repr, frame.columns[:12]))}"
            f"{' ...' if len(frame.columns) > 12 else ''}. Replace the file with the published "
            "extract described in data/README.md"
        )
    return frame.copy()


#: libyaml's safe loader where PyYAML was built with it: the same documents, ten times faster
#: (the indicator catalogue's files took a second to read in pure Python).
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: str | Path) -> Any:
    """Read a YAML file, turning syntax errors into a :class:`DataError` naming file and line.

    Parameters
    ----------
    path : str or pathlib.Path
        The file to read (not taken relative to the data folder).

    Returns
    -------
    Any
        The parsed document, as :func:`yaml.safe_load` gives it: a dict, list, str, number,
        bool or None. Callers validate its shape (like :func:`json.load`, it is typed
        ``Any`` because its shape is only known once read).

    Raises
    ------
    DataError
        If the file does not exist or is not valid YAML; the message names the file, line
        and column.

    Examples
    --------
    >>> spec = read_yaml(data_path("neighbourhoods.yml"))
    >>> spec["status"], len(spec["neighbourhoods"])
    ('provisional', 4)
    """
    path = Path(path)
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.load(handle, Loader=_SAFE_LOADER)
    except FileNotFoundError as exc:
        raise DataError(f"{path} does not exist") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise DataError(f"{path} is not valid YAML{where}: {getattr(exc, 'problem', exc)}") from exc

