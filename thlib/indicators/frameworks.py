"""Frameworks (the Tower Hamlets Plan, the Children and Families Strategy, ...) as data.

A framework is one YAML file in ``thlib/frameworks/`` (or anywhere, passed by path):
themes (or priorities), each with outcomes that name catalogue indicators. A new
framework is a new file and nothing else.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import jsonschema

from thlib.data.files import read_yaml
from thlib.errors import DataError
from thlib.indicators.catalogue import catalogue
from thlib.indicators.schema import FRAMEWORK_SCHEMA

FRAMEWORKS = Path(__file__).resolve().parents[1] / "frameworks"


@dataclass(frozen=True)
class Framework:
    """A framework: its objective and themes; each theme a dict with outcomes.

    Parameters
    ----------
    id, title, period, objective : str
        Identity, the period it covers and its overall objective.
    themes : tuple of dict
        Themes (or priorities): ``id``, ``title``, optional ``why`` and ``outcomes``, each
        outcome a ``title`` and the ``indicators`` (catalogue ids) that measure it.
    source, note : str, optional
        Where the framework is published, and a note.

    Examples
    --------
    >>> plan = get_framework("tower-hamlets-plan-2018-2023")
    >>> len(plan.themes), plan.indicators()[0]
    (4, 'children-income-deprived-idaci')
    """

    id: str
    title: str
    period: str
    objective: str
    themes: tuple[dict, ...]
    source: str = ""
    note: str = ""

    def indicators(self) -> list[str]:
        """Return every indicator id the framework uses, in order, once."""
        ids = [i for t in self.themes for o in t["outcomes"] for i in o["indicators"]]
        return list(dict.fromkeys(ids))


def load_framework(path: str | Path) -> Framework:
    """Read and validate a framework file.

    Parameters
    ----------
    path : str or pathlib.Path
        A framework YAML file.

    Returns
    -------
    Framework
        The framework.

    Raises
    ------
    DataError
        If the file breaks the schema (naming the field), or an outcome names an
        indicator not in the catalogue or a retired one (naming theme and outcome).

    Examples
    --------
    >>> from thlib.indicators.frameworks import FRAMEWORKS
    >>> load_framework(FRAMEWORKS / "tower_hamlets_plan_2018_2023.yml").id
    'tower-hamlets-plan-2018-2023'
    """
    path = Path(path)
    spec = read_yaml(path)
    if not isinstance(spec, dict):
        raise DataError(f"{path}: expected a mapping with the keys "
                        f"{', '.join(FRAMEWORK_SCHEMA['required'])}")
    errors = sorted(jsonschema.Draft202012Validator(FRAMEWORK_SCHEMA).iter_errors(spec),
                    key=lambda e: list(e.absolute_path))
    if errors:
        where = ".".join(str(p) for p in errors[0].absolute_path) or "(top level)"
        raise DataError(f"{path}: field {where}: {errors[0].message}")
    known = catalogue()
    for theme in spec["themes"]:
        for outcome in theme["outcomes"]:
            for ident in outcome["indicators"]:
                if ident not in known:
                    raise DataError(f"{path}: theme {theme['id']!r}, outcome "
                                    f"{outcome['title']!r} names indicator {ident!r}, which "
                                    "is not in the catalogue")
                retired = known[ident].retired
                if retired:
                    raise DataError(f"{path}: theme {theme['id']!r}, outcome "
                                    f"{outcome['title']!r} names indicator {ident!r}, which "
                                    f"is retired ({retired.strip()}); name the measure that "
                                    "replaced it")
    return Framework(**{**spec, "themes": tuple(spec["themes"])})


@functools.lru_cache(maxsize=1)
def frameworks() -> dict[str, Framework]:
    """Return the shipped frameworks by id.

    Returns
    -------
    dict of str to Framework
        Every framework in ``thlib/frameworks/``.

    Examples
    --------
    >>> sorted(frameworks())
    ['children-families-strategy-2019-2024', 'tower-hamlets-plan-2018-2023']
    """
    loaded = [load_framework(p) for p in sorted(FRAMEWORKS.glob("*.yml"))]
    return {f.id: f for f in loaded}


def get_framework(framework: str | Path) -> Framework:
    """Return a shipped framework by id, or load one from a file path.

    Parameters
    ----------
    framework : str or pathlib.Path
        A shipped framework's id, or the path of a ``.yml``/``.yaml`` framework file.

    Returns
    -------
    Framework
        The framework.

    Raises
    ------
    DataError
        If no shipped framework has the id (listing them), or the file is invalid.

    Examples
    --------
    >>> get_framework("children-families-strategy-2019-2024").title
    'Children and Families Strategy 2019-2024'
    """
    if Path(str(framework)).suffix in (".yml", ".yaml"):
        return load_framework(framework)
    shipped = frameworks()
    if framework not in shipped:
        raise DataError(f"no framework {framework!r}; shipped: {', '.join(shipped)}, or give "
                        "the path of a framework YAML file")
    return shipped[framework]
