"""What the last builds made, and the fingerprints that decide what to rebuild.

A document is rebuilt when one of its fingerprint components differs from the one stored
when it was last built:

``notebook``
    hash of the notebook file;
``parameters``
    hash of its resolved parameters, title, output path and time limit;
``data``
    hash of every file under the data folder (``$THLIB_DATA_DIR`` or ``data/``; names
    starting with ``.`` are ignored);
``library``
    hash of every file of the ``thlib`` package, templates included;
``environment``
    Python version and the versions of the packages that execute and render reports.

It is also rebuilt when its last build failed, when one of its files is missing, or when a
format is asked for that it was not built in. Files are hashed only when their size or
modification time changed since the last run (like git's index), so a check is cheap.

The state lives in ``<output dir>/.thlib-build.json``; deleting it forces a full rebuild.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from thlib.settings import CUSTOM_AREAS_FILE, custom_areas_override, neighbourhoods_override

LOGGER = logging.getLogger(__name__)

STATE_NAME = ".thlib-build.json"
STATE_VERSION = 1
COMPONENTS = ("notebook", "parameters", "data", "library", "environment")

#: Distributions whose version changes what a report looks like (normalised names).
ENVIRONMENT_PACKAGES = frozenset({
    "papermill", "nbclient", "nbconvert", "nbformat", "ipykernel", "ipython", "jupyter_client",
    "weasyprint", "matplotlib", "pandas", "numpy", "scipy", "geopandas", "shapely", "pyproj",
    "pyogrio", "jinja2", "mistune", "pydyf",
})


def library_dir() -> Path:
    """Return the folder of the ``thlib`` package."""
    return Path(__file__).resolve().parents[1]


def _walk(root: Path) -> Iterator[Path]:
    """Yield the files under ``root`` in a stable order, skipping hidden and cache files."""
    try:
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except FileNotFoundError:
        return
    for entry in entries:
        if entry.name.startswith(".") or entry.name == "__pycache__":
            continue
        if entry.is_dir(follow_symlinks=True):
            yield from _walk(Path(entry.path))
        elif entry.is_file() and not entry.name.endswith((".pyc", "~")):
            yield Path(entry.path)


class FileHasher:
    """Hash files, reusing the hash of a file whose size and mtime are unchanged.

    Parameters
    ----------
    cache : dict
        ``{path: [size, mtime_ns, sha256]}`` from the state file; updated in place.
    """

    def __init__(self, cache: dict[str, list[Any]]):
        self.cache = cache
        self.seen: set[str] = set()

    def file(self, path: Path) -> str:
        """Return the SHA-256 of one file."""
        stat = path.stat()
        key = str(path)
        self.seen.add(key)
        cached = self.cache.get(key)
        if cached and cached[0] == stat.st_size and cached[1] == stat.st_mtime_ns:
            return cached[2]
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        self.cache[key] = [stat.st_size, stat.st_mtime_ns, digest]
        return digest

    def tree(self, root: Path, skip: Path | None = None) -> tuple[str, float | None]:
        """Return a hash of every file under ``root`` but ``skip``, and the latest change."""
        digest = hashlib.sha256()
        latest = None
        for path in _walk(root):
            if path == skip:
                continue
            digest.update(f"{path.relative_to(root).as_posix()}\0{self.file(path)}\n".encode())
            mtime = self.cache[str(path)][1] / 1e9
            latest = mtime if latest is None else max(latest, mtime)
        return digest.hexdigest(), latest

    def forget_unseen(self) -> None:
        """Drop cache entries of files not hashed in this run (deleted or moved files)."""
        for key in set(self.cache) - self.seen:
            del self.cache[key]


def environment_fingerprint() -> str:
    """Return a hash of the Python version and the versions of the reporting packages.

    Reads the ``*.dist-info`` folder names on ``sys.path`` instead of importing anything.
    """
    found = []
    for folder in sys.path:
        try:
            names = os.listdir(folder or ".")
        except OSError:
            continue
        for name in names:
            if name.endswith(".dist-info"):
                project, _, version = name[: -len(".dist-info")].partition("-")
                if project.lower().replace("-", "_") in ENVIRONMENT_PACKAGES:
                    found.append(f"{project.lower()}=={version}")
    text = "\n".join([sys.version, *sorted(set(found))])
    return hashlib.sha256(text.encode()).hexdigest()


def digest(value: Any) -> str:
    """Return the SHA-256 of ``value`` as canonical JSON."""
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


@dataclass
class Fingerprints:
    """The run-wide fingerprint components (the same for every document)."""

    data: str
    library: str
    environment: str
    data_latest: float | None
    #: The custom areas file in use: only custom areas' documents depend on it.
    custom_areas: str = ""

    def for_document(self, notebook_sha: str, parameters: str,
                     custom_area: bool = False) -> dict[str, str]:
        """Return the full set of components of one document (of a custom area or not)."""
        components = {
            "notebook": notebook_sha, "parameters": parameters, "data": self.data,
            "library": self.library, "environment": self.environment,
        }
        if custom_area:
            components["custom_areas"] = self.custom_areas
        return components


class BuildState:
    """The state file: file-hash cache, notebook and area caches, and built documents.

    Parameters
    ----------
    path : pathlib.Path
        ``<output dir>/.thlib-build.json``.
    """

    def __init__(self, path: Path):
        self.path = path
        self._loaded_text = ""
        data: dict[str, Any] = {}
        try:
            self._loaded_text = path.read_text(encoding="utf-8")
            data = json.loads(self._loaded_text)
            if not isinstance(data, dict) or not all(
                    isinstance(data.get(key, {}), dict)
                    for key in ("files", "notebooks", "areas", "documents")):
                LOGGER.warning("state file %s is not a build state (edited or damaged): "
                               "rebuilding all", path)
                data = {}
            elif data.get("version") != STATE_VERSION:
                LOGGER.info("state file %s is from another version: rebuilding all", path)
                data = {}
        except FileNotFoundError:
            pass
        except (OSError, ValueError) as exc:
            LOGGER.warning("state file %s is unreadable (%s): rebuilding all", path, exc)
        self.files: dict[str, list[Any]] = data.get("files", {})
        self.notebooks: dict[str, dict[str, Any]] = data.get("notebooks", {})
        self.areas: dict[str, Any] = data.get("areas", {})
        self.documents: dict[str, dict[str, Any]] = data.get("documents", {})
        self._hasher: FileHasher | None = None

    def fingerprints(self, data_dir: Path) -> Fingerprints:
        """Compute the run-wide fingerprint components (cheap when files are unchanged)."""
        hasher = FileHasher(self.files)
        default = data_dir / CUSTOM_AREAS_FILE  # hashed apart, with the file in use
        custom = custom_areas_override() or default
        data, latest = hasher.tree(data_dir, skip=default)
        override = neighbourhoods_override()
        if override is not None:  # other neighbourhoods make other area reports
            data = digest([data, str(override), self._mark(hasher, override)])
        library, _ = hasher.tree(library_dir())
        self._hasher = hasher
        return Fingerprints(data, library, environment_fingerprint(), latest,
                            digest([str(custom), self._mark(hasher, custom)]))

    @staticmethod
    def _mark(hasher: FileHasher, path: Path) -> str:
        return hasher.file(path) if path.is_file() else "missing"

    def to_text(self) -> str:
        """Return the state as JSON text, stable for unchanged content."""
        if self._hasher is not None:
            self._hasher.forget_unseen()
        data = {
            "version": STATE_VERSION,
            "files": self.files,
            "notebooks": self.notebooks,
            "areas": self.areas,
            "documents": self.documents,
        }
        return json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n"

    def save(self) -> bool:
        """Write the state atomically if it changed; return True if it was written."""
        from thlib.publish.outputs import atomic_write

        text = self.to_text()
        if text == self._loaded_text:
            return False
        atomic_write(self.path, text.encode("utf-8"))
        self._loaded_text = text
        return True


def stale_reason(
    entry: dict[str, Any] | None,
    components: dict[str, str],
    formats: tuple[str, ...],
    output_dir: Path,
    force: bool = False,
) -> str | None:
    """Return why a document must be built, or None if its files are up to date.

    Parameters
    ----------
    entry : dict or None
        The document's state entry from the last build.
    components : dict
        Its fingerprint components now.
    formats : tuple of str
        Formats asked for.
    output_dir : pathlib.Path
    force : bool
        Rebuild regardless.
    """
    if force:
        return "forced (--force)"
    if entry is None:
        return "new document"
    if entry.get("status") == "failed":
        return "last build failed"
    changed = [name for name in COMPONENTS if entry.get("components", {}).get(name)
               != components[name]]
    if changed:
        return f"{', '.join(changed)} changed"
    outputs = entry.get("outputs", {})
    for fmt in formats:
        if fmt not in outputs:
            return f"no {fmt} built yet"
    for relative in [*(outputs[fmt] for fmt in formats), *entry.get("extras", [])]:
        if not (output_dir / relative).is_file():
            return f"{relative} is missing"
    return None
