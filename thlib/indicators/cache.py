"""A disk cache of every catalogue indicator's values, shared by report kernels.

Computing the whole catalogue for every geography takes a few seconds; each report
needs most of it. The first kernel computes and stores it; the others read it. The key
covers the data files (path, size, modification time) and the source of the modules
that compute values, so any change to either recomputes. Set ``THLIB_CACHE_DIR`` to
move the cache (default ``~/.cache/thlib``); deleting it is always safe.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import tempfile
from pathlib import Path

import pandas as pd

import thlib
from thlib.data.files import data_dir
from thlib.geography.neighbourhoods import neighbourhoods_file
from thlib.settings import cache_dir


def cache_key() -> str:
    """Hash of the data files, the neighbourhoods in use and the source computing values.

    Worked out once per process, data folder and neighbourhood file: files are not
    expected to change under a running report.
    """
    return _cache_key(data_dir(), neighbourhoods_file())


@functools.lru_cache(maxsize=8)
def _cache_key(folder: Path, neighbourhoods: Path) -> str:
    digest = hashlib.sha256()
    if neighbourhoods.is_file():
        digest.update(neighbourhoods.read_bytes())
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            stat = path.stat()
            digest.update(f"{path}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    package = Path(thlib.__file__).parent
    for part in ("data", "geography", "indicators", "stats"):
        for path in sorted((package / part).rglob("*")):
            if path.suffix in (".py", ".yml"):
                digest.update(path.read_bytes())
    return digest.hexdigest()[:20]


def cached_catalogue_values(compute) -> dict[str, pd.DataFrame]:
    """Return ``{indicator id: values}``, from the cache or by calling ``compute()``."""
    path = cache_dir() / f"indicator-values-{cache_key()}.pkl"
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError):
        pass
    values = compute()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Written to a temporary file and renamed, so a reader never sees half a file.
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, delete=False) as temporary:
            pickle.dump(values, temporary)
        os.replace(temporary.name, path)
        for stale in path.parent.glob("indicator-values-*.pkl"):
            if stale != path:
                stale.unlink(missing_ok=True)
    except OSError:
        pass  # an unwritable cache only costs time
    return values
