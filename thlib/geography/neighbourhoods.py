"""Neighbourhoods: groupings of wards defined in one YAML file.

The partnership's agreed ward-to-neighbourhood list is not published in any source
thlib has, so ``data/neighbourhoods.yml`` ships a *provisional* default made by
:func:`derive_default_neighbourhoods`. Replace that file (or point
``$THLIB_NEIGHBOURHOODS`` at another) to use the agreed grouping: nothing else changes.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING

from thlib.data.files import data_dir
from thlib.errors import DataError
from thlib.settings import neighbourhoods_override
from thlib.yaml_lines import read_yaml_lines

if TYPE_CHECKING:  # areas imports this module when it lists neighbourhoods
    from thlib.geography.areas import Area

STATUSES = ("provisional", "agreed")


def neighbourhoods_file() -> Path:
    """Return the neighbourhood definition in use: ``$THLIB_NEIGHBOURHOODS`` or the default.

    Returns
    -------
    pathlib.Path
        ``$THLIB_NEIGHBOURHOODS`` if set, else ``neighbourhoods.yml`` in the data folder.
        Its existence is checked when it is read.

    Raises
    ------
    DataError
        If ``$THLIB_NEIGHBOURHOODS`` is not set and the data folder does not exist.

    Examples
    --------
    >>> import os
    >>> os.environ["THLIB_NEIGHBOURHOODS"] = "/srv/agreed-neighbourhoods.yml"
    >>> str(neighbourhoods_file())
    '/srv/agreed-neighbourhoods.yml'
    >>> del os.environ["THLIB_NEIGHBOURHOODS"]
    >>> neighbourhoods_file().name
    'neighbourhoods.yml'
    """
    return neighbourhoods_override() or data_dir() / "neighbourhoods.yml"


def neighbourhoods(path: str | Path | None = None) -> tuple[Area, ...]:
    """Return the neighbourhoods as :class:`~thlib.geography.areas.Area` objects.

    Parameters
    ----------
    path : path-like, optional
        A neighbourhood YAML file; default :func:`neighbourhoods_file`.

    Returns
    -------
    tuple of Area
        In the file's order, each with its wards sorted by code and ``provisional`` set
        while the file says ``status: provisional``. Cached per file and modification time.

    Raises
    ------
    DataError
        If the file is malformed, names an unknown ward, puts a ward in two
        neighbourhoods or leaves a ward out; the message names the file and the entry.

    Examples
    --------
    The shipped default, ``data/neighbourhoods.yml``: four provisional neighbourhoods of
    five wards each.

    >>> from thlib.data import data_path
    >>> hoods = neighbourhoods(data_path("neighbourhoods.yml"))
    >>> [(hood.code, len(hood.wards)) for hood in hoods]
    [('TH-NW', 5), ('TH-NE', 5), ('TH-SW', 5), ('TH-SE', 5)]
    >>> hoods[0].provisional, hoods[0].label
    (True, 'North West neighbourhood')
    """
    path = Path(path) if path else neighbourhoods_file()
    return _load(path.resolve(), path.stat().st_mtime if path.exists() else 0.0)


@functools.lru_cache(maxsize=8)
def _load(path: Path, _mtime: float) -> tuple[Area, ...]:
    from thlib.geography.areas import Area, list_areas, slugify

    spec, _ = read_yaml_lines(path, "neighbourhood file")
    if not isinstance(spec, dict) or not isinstance(spec.get("neighbourhoods"), list):
        raise DataError(f"{path}: expected a mapping with a 'neighbourhoods' list")
    status = spec.get("status", "provisional")
    if status not in STATUSES:
        raise DataError(f"{path}: status is {status!r}; use one of {', '.join(STATUSES)}")
    wards = {w.code: w for w in list_areas("ward")}
    seen: dict[str, str] = {}
    areas: list[Area] = []
    for number, entry in enumerate(spec["neighbourhoods"], start=1):
        where = f"{path}: neighbourhood {number}"
        if not isinstance(entry, dict) or not {"code", "name", "wards"} <= set(entry):
            raise DataError(f"{where} needs the fields code, name and wards")
        if not isinstance(entry["wards"], list):
            raise DataError(
                f"{where} ({entry['name']}): field wards is {entry['wards']!r}, a "
                f"{type(entry['wards']).__name__} where a list belongs: write one ward code "
                "per line, each after '- ', or in brackets: wards: [E05009317, E05009329]"
            )
        for ward in entry["wards"]:
            if ward not in wards:
                raise DataError(
                    f"{where} ({entry['name']}) lists {ward!r}, which is not a Tower Hamlets "
                    f"ward code; known codes are {', '.join(sorted(wards))}"
                )
            if ward in seen:
                raise DataError(
                    f"{where} ({entry['name']}) lists ward {ward} ({wards[ward].name}), "
                    f"already in {seen[ward]}; a ward belongs to one neighbourhood"
                )
            seen[ward] = entry["name"]
        code, name = str(entry["code"]), str(entry["name"])
        if any(a.code == code for a in areas):
            raise DataError(f"{where}: code {code!r} is used twice")
        areas.append(
            Area(
                "neighbourhood", code, name, slugify(name), tuple(sorted(entry["wards"])),
                provisional=status == "provisional",
            )
        )
    left_out = sorted(set(wards) - set(seen))
    if left_out:
        raise DataError(
            f"{path}: wards {', '.join(f'{c} ({wards[c].name})' for c in left_out)} are in no "
            "neighbourhood; give every ward a neighbourhood"
        )
    return tuple(areas)


def derive_default_neighbourhoods() -> list[dict]:
    """Group the 20 wards into four neighbourhoods by a reproducible geographic rule.

    Rule: take each ward's centroid in British National Grid; the ten wards with the
    most northerly centroids form the north, the other ten the south; within each half,
    the five most westerly form the west. Ties break on ward code. The result is the
    provisional default shipped in ``data/neighbourhoods.yml``.

    Returns
    -------
    list of dict
        Four groups, each with ``code`` (``TH-NW``, ``TH-NE``, ``TH-SW``, ``TH-SE``),
        ``name`` and ``wards`` (sorted ward codes), ready to write as the
        ``neighbourhoods`` list of a neighbourhood file.

    Raises
    ------
    DataError
        If the ward boundary file is missing.

    Examples
    --------
    >>> groups = derive_default_neighbourhoods()
    >>> [(group["code"], group["name"]) for group in groups]  # doctest: +NORMALIZE_WHITESPACE
    [('TH-NW', 'North West'), ('TH-NE', 'North East'),
     ('TH-SW', 'South West'), ('TH-SE', 'South East')]
    >>> [len(group["wards"]) for group in groups]
    [5, 5, 5, 5]
    >>> "E05009319" in groups[1]["wards"]  # Bow East is in the north-east
    True
    """
    from thlib.geography.boundaries import boundaries

    wards = boundaries("ward")
    wards = wards.assign(x=wards.centroid.x, y=wards.centroid.y).sort_values("ward_code")
    north = wards.sort_values(["y", "ward_code"], ascending=[False, True]).head(len(wards) // 2)
    groups = []
    for half, members in (("North", north), ("South", wards.drop(north.index))):
        ordered = members.sort_values(["x", "ward_code"])
        west = ordered.head(len(ordered) // 2)
        for side, part in (("West", west), ("East", ordered.drop(west.index))):
            groups.append(
                {
                    "code": f"TH-{half[0]}{side[0]}",
                    "name": f"{half} {side}",
                    "wards": sorted(part["ward_code"]),
                }
            )
    return groups
