"""Where thlib finds its data and keeps its cache: each name and default defined once.

Only the standard library is imported here, so the build can read these settings without
paying for pandas when it has nothing to do.
"""

from __future__ import annotations

import os
from pathlib import Path

from thlib.errors import DataFolderError

__all__ = [
    "CACHE_DIR_ENV", "CUSTOM_AREAS_ENV", "DATA_DIR_ENV", "NEIGHBOURHOODS_ENV", "cache_dir",
    "CUSTOM_AREAS_FILE", "configured_data_dir", "custom_areas_override", "existing_data_dir",
    "neighbourhoods_override",
]

#: Environment variable that points thlib at another data folder (an analyst's own snapshot).
DATA_DIR_ENV = "THLIB_DATA_DIR"
#: Environment variable naming another neighbourhood file (the agreed grouping).
NEIGHBOURHOODS_ENV = "THLIB_NEIGHBOURHOODS"
#: Environment variable naming another file of custom areas (an analyst's own areas).
CUSTOM_AREAS_ENV = "THLIB_CUSTOM_AREAS"
#: The data folder's file of custom areas (shipped with none).
CUSTOM_AREAS_FILE = "custom_areas.yml"
#: Environment variable moving the indicator cache.
CACHE_DIR_ENV = "THLIB_CACHE_DIR"

_REPOSITORY_DATA = Path(__file__).resolve().parents[1] / "data"


def configured_data_dir() -> Path:
    """Return the data folder in use: ``$THLIB_DATA_DIR`` if set, else the repository's.

    Returns
    -------
    pathlib.Path
        Not checked for existence; :func:`thlib.data.data_dir` checks it.

    Examples
    --------
    ``mock.patch.dict`` sets the environment for the example and restores it afterwards:

    >>> import os
    >>> from unittest import mock
    >>> with mock.patch.dict(os.environ, {DATA_DIR_ENV: "/srv/snapshot"}):
    ...     print(configured_data_dir())
    /srv/snapshot
    >>> with mock.patch.dict(os.environ):
    ...     _ = os.environ.pop(DATA_DIR_ENV, None)
    ...     print(configured_data_dir().name)
    data
    """
    configured = os.environ.get(DATA_DIR_ENV)
    return Path(configured) if configured else _REPOSITORY_DATA


def existing_data_dir() -> Path:
    """Return :func:`configured_data_dir`, checking that it is a folder.

    Light to import (no pandas), so the build checks the folder before any other work.

    Returns
    -------
    pathlib.Path
        The data folder.

    Raises
    ------
    thlib.errors.DataFolderError
        If the folder does not exist or is a file; the message says how to point thlib at
        one.

    Examples
    --------
    >>> existing_data_dir().name
    'data'
    """
    folder = configured_data_dir()
    if not folder.is_dir():
        problem = "is a file, not a folder" if folder.exists() else "does not exist"
        raise DataFolderError(
            f"data folder {folder} {problem}: set {DATA_DIR_ENV} to the folder holding "
            "open-data/ or run thlib from a clone of the repository"
        )
    return folder


def _path_from(variable: str) -> Path | None:
    configured = os.environ.get(variable)
    return Path(configured) if configured else None


def neighbourhoods_override() -> Path | None:
    """Return ``$THLIB_NEIGHBOURHOODS``, the grouping to use instead of the data folder's.

    Returns
    -------
    pathlib.Path or None
        None when the variable is not set.

    Examples
    --------
    >>> import os
    >>> from unittest import mock
    >>> with mock.patch.dict(os.environ):
    ...     _ = os.environ.pop(NEIGHBOURHOODS_ENV, None)
    ...     print(neighbourhoods_override())
    None
    >>> with mock.patch.dict(os.environ, {NEIGHBOURHOODS_ENV: "/srv/agreed.yml"}):
    ...     print(neighbourhoods_override())
    /srv/agreed.yml
    """
    return _path_from(NEIGHBOURHOODS_ENV)


def custom_areas_override() -> Path | None:
    """Return ``$THLIB_CUSTOM_AREAS``, the custom areas file to use instead of the data folder's.

    Returns
    -------
    pathlib.Path or None
        None when the variable is not set.

    Examples
    --------
    >>> import os
    >>> from unittest import mock
    >>> with mock.patch.dict(os.environ):
    ...     _ = os.environ.pop(CUSTOM_AREAS_ENV, None)
    ...     print(custom_areas_override())
    None
    >>> with mock.patch.dict(os.environ, {CUSTOM_AREAS_ENV: "/srv/my-areas.yml"}):
    ...     print(custom_areas_override())
    /srv/my-areas.yml
    """
    return _path_from(CUSTOM_AREAS_ENV)


def cache_dir() -> Path:
    """Return the cache folder: ``$THLIB_CACHE_DIR`` or ``~/.cache/thlib``.

    Returns
    -------
    pathlib.Path
        Deleting it is always safe.

    Examples
    --------
    >>> import os
    >>> from unittest import mock
    >>> with mock.patch.dict(os.environ, {CACHE_DIR_ENV: "/tmp/thlib-cache"}):
    ...     print(cache_dir())
    /tmp/thlib-cache
    >>> with mock.patch.dict(os.environ):
    ...     _ = os.environ.pop(CACHE_DIR_ENV, None)
    ...     cache_dir().relative_to(Path.home()).as_posix()
    '.cache/thlib'
    """
    configured = os.environ.get(CACHE_DIR_ENV)
    return Path(configured) if configured else Path.home() / ".cache" / "thlib"
