"""Report notebooks as the build sees them: parameters, kernel, title and imports.

The parameters of a notebook are those papermill infers from its cell tagged
``parameters`` (:func:`papermill.inspect_notebook`), one assignment per line::

    area_type = "ward"                        # type from the default: str
    year: int = None  # required: the year    # type from the annotation; must be given
    threshold = 0.5  # type: float            # type from a type comment

Conventions the build enforces:

- the type of a parameter is its annotation (or ``# type:`` comment) if it has one, else
  the type of its literal default; ``Optional[X]`` also allows null; a default of ``None``
  without annotation allows anything;
- a parameter is *required* when its help comment starts with ``required`` (give it the
  default ``None``); a parameter set must give it a value;
- ``output_dir`` is reserved: if the notebook declares it, the build passes a private
  folder, and files written there are published beside the document.

papermill is slow to import, so inspection results are cached by the notebook's hash.
"""

from __future__ import annotations

import ast
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from thlib.errors import ParameterError

#: Parameter through which the build hands a notebook its private output folder.
OUTPUT_DIR = "output_dir"
#: Help comment prefix marking a parameter as required.
REQUIRED_MARK = "required"

_TYPES: dict[str, tuple[type, ...]] = {
    "str": (str,),
    "int": (int,),
    "float": (int, float),
    "bool": (bool,),
    "list": (list,),
    "List": (list,),
    "tuple": (list,),
    "Tuple": (list,),
    "dict": (dict,),
    "Dict": (dict,),
}
#: Types accepted for a parameter whose default is a literal of the key's type.
_BY_VALUE: dict[type, tuple[type, ...]] = {
    str: (str,), int: (int,), float: (int, float), bool: (bool,),
    list: (list,), tuple: (list,), dict: (dict,),
}
_OPTIONAL = re.compile(r"Optional\[(?P<inner>.+)\]")


@dataclass(frozen=True)
class NotebookParameter:
    """One parameter as papermill reports it.

    Attributes
    ----------
    name : str
    type_name : str
        Annotation or type comment; papermill reports ``"None"`` when there is none.
    default : str
        Source text of the default value.
    help : str
        The trailing comment.
    """

    name: str
    type_name: str
    default: str
    help: str = ""

    @property
    def required(self) -> bool:
        """True when the help comment starts with ``required``."""
        return self.help.strip().lower().startswith(REQUIRED_MARK)

    def default_value(self) -> tuple[bool, Any]:
        """Return ``(True, value)`` if the default is a Python literal, else ``(False, None)``."""
        try:
            return True, ast.literal_eval(self.default)
        except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
            return False, None

    def allowed_types(self) -> tuple[tuple[type, ...] | None, bool]:
        """Return the accepted types (None: any) and whether null is accepted."""
        name = self.type_name.strip().strip("'\"")
        if name and name != "None":
            optional = _OPTIONAL.fullmatch(name)
            if optional:
                types, _ = NotebookParameter(self.name, optional["inner"], "None").allowed_types()
                return types, True
            base = name.split("[", 1)[0].strip()
            if base in _TYPES:
                is_literal, value = self.default_value()
                return _TYPES[base], is_literal and value is None and not self.required
            return None, True  # Any, object, or a type the build cannot check
        is_literal, value = self.default_value()
        if not is_literal or value is None:
            return None, True
        return _BY_VALUE.get(type(value), (type(value),)), False

    def describe_type(self) -> str:
        """Return the accepted type in words, e.g. ``"str"`` or ``"float or null"``."""
        types, nullable = self.allowed_types()
        if types is None:
            return "any value"
        names = {int: "int", float: "float", str: "str", bool: "bool", list: "list", dict: "dict"}
        words = " or ".join(names.get(t, t.__name__) for t in types)
        return f"{words} or null" if nullable else words

    def problem(self, value: Any) -> str | None:
        """Return why ``value`` does not suit this parameter, or None if it does."""
        types, nullable = self.allowed_types()
        if value is None:
            if nullable:
                return None
            return f"must be {self.describe_type()}, not empty (null)"
        if types is None:
            return None
        if isinstance(value, bool) and bool not in types:
            return f"must be {self.describe_type()}, got a boolean ({value!r})"
        if isinstance(value, types):
            return None
        hint = "; quote it in the YAML file to make it text" if str in types else ""
        return f"must be {self.describe_type()}, got {type(value).__name__} {value!r}{hint}"

    def to_json(self) -> dict[str, str]:
        """Return the fields papermill reports, for the state cache."""
        return {"name": self.name, "inferred_type_name": self.type_name,
                "default": self.default, "help": self.help}


@dataclass(frozen=True)
class NotebookInfo:
    """What the build needs to know about one report notebook.

    Attributes
    ----------
    path : pathlib.Path
    sha256 : str
        Hash of the file.
    text : str
        The notebook file (JSON), sent to the worker that runs it.
    parameters : dict of str to NotebookParameter
    has_parameters_cell : bool
    kernel_name : str
    title : str or None
        The notebook's ``metadata.title``.
    """

    path: Path
    sha256: str
    text: str
    parameters: dict[str, NotebookParameter]
    has_parameters_cell: bool
    kernel_name: str
    title: str | None

    @property
    def area_aware(self) -> bool:
        """True when the notebook takes ``area_type`` and ``area_code``."""
        return {"area_type", "area_code"} <= set(self.parameters)

    @property
    def wants_output_dir(self) -> bool:
        """True when the notebook declares the ``output_dir`` parameter."""
        return OUTPUT_DIR in self.parameters

    def literal_defaults(self) -> dict[str, Any]:
        """Return the defaults that are Python literals, by parameter name."""
        values = {}
        for name, parameter in self.parameters.items():
            is_literal, value = parameter.default_value()
            if is_literal:
                values[name] = value
        return values


def _cell_tags(cell: dict[str, Any]) -> list[str]:
    tags = (cell.get("metadata") or {}).get("tags") or []
    return [tag for tag in tags if isinstance(tag, str)]


def read_notebook(path: Path, cache: dict[str, Any] | None = None) -> NotebookInfo:
    """Read a report notebook and infer its parameters with papermill.

    Parameters
    ----------
    path : pathlib.Path
        The ``.ipynb`` file.
    cache : dict, optional
        ``{"sha256": ..., "parameters": [...]}`` from an earlier run; used, without
        importing papermill, when the hash still matches. Updated in place otherwise.

    Returns
    -------
    NotebookInfo

    Raises
    ------
    thlib.errors.ParameterError
        If the file is not a notebook.
    """
    data = path.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    try:
        nb = json.loads(data)
        cells = nb["cells"]
    except (ValueError, KeyError, TypeError) as exc:
        raise ParameterError(f"{path} is not a Jupyter notebook: {exc}") from None
    if cache is not None and cache.get("sha256") == sha and "parameters" in cache:
        raw = cache["parameters"]
    else:
        raw = _inspect(path)
        if cache is not None:
            cache.clear()
            cache.update({"sha256": sha, "parameters": raw})
    metadata = nb.get("metadata") or {}
    title = metadata.get("title")
    return NotebookInfo(
        path=path,
        sha256=sha,
        text=data.decode("utf-8"),
        parameters={p["name"]: NotebookParameter(p["name"], p["inferred_type_name"],
                                                 p["default"], p.get("help", "")) for p in raw},
        has_parameters_cell=any("parameters" in _cell_tags(cell) for cell in cells),
        kernel_name=(metadata.get("kernelspec") or {}).get("name") or "python3",
        title=title if isinstance(title, str) and title.strip() else None,
    )


def _inspect(path: Path) -> list[dict[str, str]]:
    """Return papermill's view of the notebook's parameters (imports papermill: slow)."""
    import papermill

    try:
        found = papermill.inspect_notebook(str(path))
    except Exception as exc:  # papermill raises many kinds for an unreadable notebook
        raise ParameterError(f"papermill cannot read the parameters of {path}: {exc}") from None
    return [dict(value) for value in found.values()]


#: IPython's own plain-data names in every notebook's namespace (cell inputs, outputs).
_IPYTHON_NAMES = {"In", "Out"}
#: Set once the parameters passed, so that a rerun in JupyterLab, after the analyst has
#: made names of their own, is not taken for unknown parameters.
_CHECKED = "_thlib_parameters_checked"
#: Keys of a thlib parameter set: given to papermill with ``-f``, they show the mix-up.
_PARAMETER_SET_KEYS = {"report", "documents", "defaults", "formats", "output", "title"}


def check_parameters(namespace: dict[str, Any], parameters: list[str]) -> None:
    """Stop a notebook that was given a parameter it does not take.

    papermill only warns about a parameter the notebook does not declare, and then runs
    it with its defaults; a report's first cell calls this so that such a run stops with
    one line naming what was given and what is allowed. Values that are not plain data
    (modules, functions, report objects made by earlier cells) are not parameters and are
    ignored, and once the check has passed it is not made again in the same kernel, so
    the notebook can be run again in JupyterLab.

    Parameters
    ----------
    namespace : dict
        The notebook's ``globals()``, after papermill's injected parameters.
    parameters : list of str
        The parameters the notebook declares.

    Raises
    ------
    thlib.errors.ParameterError
        Naming the unknown parameters and the allowed ones.

    Examples
    --------
    >>> check_parameters({"area_type": "ward", "area_code": "E05009331"},
    ...                  ["area_type", "area_code"])
    >>> check_parameters({"area_type": "ward", "area_cod": "E05009331"},
    ...                  ["area_type", "area_code"])
    Traceback (most recent call last):
    ...
    thlib.errors.ParameterError: this notebook was given area_cod, which it does not take; \
its parameters are area_type, area_code
    """
    if namespace.get(_CHECKED):
        return
    plain = (str, int, float, bool, list, dict, type(None))
    given = {name for name, value in namespace.items()
             if not name.startswith("_") and name not in _IPYTHON_NAMES
             and isinstance(value, plain)}
    unknown = sorted(given - set(parameters))
    if unknown:
        hint = ("; a thlib parameter set (parameters/*.yml) is for `thlib build`: for "
                "papermill, write one file per document with `thlib params`"
                if _PARAMETER_SET_KEYS & set(unknown) else "")
        raise ParameterError(f"this notebook was given {', '.join(unknown)}, which it does "
                             f"not take; its parameters are {', '.join(parameters)}{hint}")
    namespace[_CHECKED] = True
