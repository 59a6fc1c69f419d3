"""Parameter sets: the YAML files under ``parameters/`` that say which reports to build.

A parameter set names one report notebook and lists the documents to make from it::

    report: area_profile                 # runs notebooks/area_profile.ipynb
    title: "{area_name}: area profile"   # document title (HTML <title>, PDF title, index)
    output: "profiles/{area_type}/{area_slug}"   # under the output folder, no extension
    formats: [html, pdf]                 # any of html, pdf, ipynb; default [html, pdf]
    description: "..."                   # optional: a sentence under the report in the index
    timeout: 600                         # optional: seconds a document may run; default 1800
    defaults: {}                         # notebook parameters applied to every document
    documents:                           # notebook parameters of each document (over defaults)
      - area_type: borough
      - area_type: ward                  # no area_code: one document per ward

Only the keys above are allowed. This module checks the shape of the file; whether the
document parameters suit the notebook is checked by :mod:`thlib.publish.documents`.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from thlib.errors import ParameterError
from thlib.yaml_lines import KeyPath, read_yaml_lines

#: Output formats a document can be built in.
FORMATS = ("html", "pdf", "ipynb")
DEFAULT_FORMATS = ("html", "pdf")
#: Seconds a document's notebook may run unless its parameter set says otherwise: a build
#: nobody watches never hangs (the annual report takes about a minute).
DEFAULT_TIMEOUT = 1800.0

#: Every key allowed at the top level of a parameter set, with what it holds.
TOP_LEVEL_KEYS = {
    "report": "name of the notebook to run, without .ipynb (required)",
    "title": "document title template, e.g. '{area_name}: area profile'",
    "output": "output path template under the output folder, without extension (required)",
    "formats": f"list of output formats, any of {', '.join(FORMATS)}",
    "description": "a sentence shown under the report in the index",
    "timeout": "seconds a document's notebook may run before it fails (default 1800)",
    "defaults": "notebook parameters applied to every document",
    "documents": "list of documents, each a mapping of notebook parameters",
}

_REPORT_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")



@dataclass(frozen=True)
class ParameterSet:
    """One parameter-set file, checked for shape.

    Attributes
    ----------
    path : pathlib.Path
        The YAML file.
    report : str
        Notebook name (``notebooks/<report>.ipynb``).
    output : str
        Output path template.
    title : str or None
        Title template; None means the report's own title.
    formats : tuple of str
        Formats to build.
    description : str
        Text for the index.
    timeout : float
        Seconds a document's notebook may run (:data:`DEFAULT_TIMEOUT` unless set).
    defaults : dict
        Parameters applied to every document.
    documents : tuple of dict
        Parameters of each document entry.
    lines : dict
        Line number of each key, by key path such as ``("documents", 2, "area_code")``.
    """

    path: Path
    report: str
    output: str
    title: str | None = None
    formats: tuple[str, ...] = DEFAULT_FORMATS
    description: str = ""
    timeout: float = DEFAULT_TIMEOUT
    defaults: dict[str, Any] = field(default_factory=dict)
    documents: tuple[dict[str, Any], ...] = ({},)
    lines: dict[KeyPath, int] = field(default_factory=dict, repr=False, compare=False)

    def where(self, *keys: str | int) -> str:
        """Return ``"<file>, line <n>"`` for the deepest of ``keys`` that has a line."""
        for end in range(len(keys), 0, -1):
            line = self.lines.get(tuple(keys[:end]))
            if line is not None:
                return f"{self.path}, line {line}"
        return str(self.path)


def _read_yaml(path: Path) -> tuple[Any, dict[KeyPath, int]]:
    """Parse ``path``; return the data and the line of every mapping key and list item."""
    return read_yaml_lines(path, "parameter set", ParameterError)


def _mapping(value: Any, what: str, where: str) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ParameterError(
            f"{where}: {what} must be a mapping of notebook parameters (name: value), "
            f"not {type(value).__name__}"
        )
    bad = [key for key in value if not isinstance(key, str)]
    if bad:
        raise ParameterError(
            f"{where}: {what} has key {bad[0]!r}, which is not a name; "
            "parameter names are text (quote keys such as yes, no or numbers)"
        )
    return dict(value)


def load_parameter_set(path: str | Path) -> ParameterSet:
    """Read and check the shape of one parameter-set file.

    Parameters
    ----------
    path : str or pathlib.Path
        The YAML file.

    Returns
    -------
    ParameterSet

    Raises
    ------
    thlib.errors.ParameterError
        If the file is not valid YAML (the message names the line), has an unknown or
        duplicate key, or a value of the wrong kind.
    """
    path = Path(path)
    data, lines = _read_yaml(path)
    pset = ParameterSet(path=path, report="", output="", lines=lines)
    if not isinstance(data, dict):
        raise ParameterError(
            f"{path}: a parameter set must be a mapping with the keys "
            f"{', '.join(TOP_LEVEL_KEYS)}; found {type(data).__name__}"
        )
    unknown = [key for key in data if key not in TOP_LEVEL_KEYS]
    if unknown:
        raise ParameterError(
            f"{pset.where(str(unknown[0]))}: unknown key {unknown[0]!r} in parameter set; "
            f"allowed keys: {', '.join(TOP_LEVEL_KEYS)}"
        )
    for key in ("report", "output"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise ParameterError(
                f"{pset.where(key)}: key {key!r} is required and must be text: "
                f"{TOP_LEVEL_KEYS[key]}"
            )
    report = data["report"].strip()
    if not _REPORT_NAME.fullmatch(report):
        raise ParameterError(
            f"{pset.where('report')}: report {report!r} must be a notebook name such as "
            "'area_profile' (letters, digits, '_', '-', '.'; no folder, no .ipynb)"
        )
    for key in ("title", "description"):
        if data.get(key) is not None and not isinstance(data[key], str):
            raise ParameterError(f"{pset.where(key)}: {key!r} must be text")
    return ParameterSet(
        path=path,
        report=report,
        output=data["output"].strip(),
        title=data.get("title"),
        formats=parse_formats(data.get("formats", list(DEFAULT_FORMATS)), pset.where("formats")),
        description=" ".join((data.get("description") or "").split()),
        timeout=_timeout(data.get("timeout"), pset.where("timeout")),
        defaults=_mapping(data.get("defaults"), "'defaults'", pset.where("defaults")),
        documents=_documents(data, pset),
        lines=lines,
    )


def parse_formats(value: Any, where: str) -> tuple[str, ...]:
    """Return a checked tuple of formats from a list or a comma-separated string."""
    if isinstance(value, str):
        value = [part.strip() for part in value.split(",") if part.strip()]
    if not isinstance(value, list) or not value:
        raise ParameterError(f"{where}: formats must be a non-empty list of {', '.join(FORMATS)}")
    unknown = [fmt for fmt in value if fmt not in FORMATS]
    if unknown:
        raise ParameterError(
            f"{where}: unknown format {unknown[0]!r}; allowed formats: {', '.join(FORMATS)}"
        )
    return tuple(fmt for fmt in FORMATS if fmt in value)


def _timeout(value: Any, where: str) -> float:
    if value is None:
        return DEFAULT_TIMEOUT
    if isinstance(value, bool) or not isinstance(value, int | float) or not value > 0 \
            or not math.isfinite(value):
        raise ParameterError(f"{where}: timeout is {value!r}; give a positive, finite number of "
                             f"seconds (default {DEFAULT_TIMEOUT:g})")
    return float(value)


def _documents(data: dict[str, Any], pset: ParameterSet) -> tuple[dict[str, Any], ...]:
    if "documents" not in data:
        return ({},)  # one document made of the defaults
    entries = data["documents"]
    if not isinstance(entries, list) or not entries:
        raise ParameterError(
            f"{pset.where('documents')}: 'documents' must be a non-empty list; each item a "
            "mapping of notebook parameters (use '- {}' for a document with the defaults only)"
        )
    return tuple(
        _mapping(entry, f"documents[{index}]", pset.where("documents", index))
        for index, entry in enumerate(entries)
    )


def find_parameter_sets(folder: str | Path, extra: tuple[str | Path, ...] = ()) -> list[Path]:
    """Return the parameter-set files: ``*.yml`` and ``*.yaml`` in ``folder``, then ``extra``.

    Raises
    ------
    thlib.errors.ParameterError
        If an extra file does not exist, or no parameter set is found at all.
    """
    folder = Path(folder)
    found = sorted([*folder.glob("*.yml"), *folder.glob("*.yaml")]) if folder.is_dir() else []
    paths = [path for path in found if not path.name.startswith(".")]
    for item in extra:
        path = Path(item)
        if not path.is_file():
            raise ParameterError(f"parameter set {path} (from --params) does not exist")
        if all(path.resolve() != known.resolve() for known in paths):
            paths.append(path)
    if not paths:
        raise ParameterError(
            f"no parameter sets found: {folder} holds no .yml files; add one (see "
            "thlib.publish.parameters for the format) or pass --params FILE"
        )
    return paths
