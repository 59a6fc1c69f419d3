"""Neighbourhoods: groupings of wards defined in one YAML file.

The partnership's agreed ward-to-neighbourhood list is not published in any source
thlib has, so ``data/neighbourhoods.yml`` ships a *provisional* default made by
:func:`derive_default_neighbourhoods`. Replace that file (or point
``$THLIB_NEIGHBOURHOODS`` at another) to use the agreed grouping: nothing else changes.
"""

from __future__ import annotations

import functools
from pathlib import Path

from thlib.data.files import data_dir, read_yaml
from thlib.errors import DataError
from thlib.settings import neighbourhoods_override

STATUSES = ("provisional", "agreed")


def neighbourhoods_file() -> Path:
    """Return the neighbourhood definition in use: ``$THLIB_NEIGHBOURHOODS`` or the default."""
    return neighbourhoods_override() or data_dir() / "neighbourhoods.yml"


def neighbourhoods(path: str | Path | None = None) -> tuple:
    """Return the neighbourhoods as :class:`~thlib.geography.areas.Area` objects.

    Parameters
    ----------
    path : path-like, optional
        A neighbourhood YAML file; default :func:`neighbourhoods_file`.

    Raises
    ------
    DataError
        If the file is malformed, names an unknown ward, puts a ward in two
        neighbourhoods or leaves a ward out; the message names the file and the entry.
    """
    path = Path(path) if path else neighbourhoods_file()
    return _load(path.resolve(), path.stat().st_mtime if path.exists() else 0.0)


@functools.lru_cache(maxsize=8)
def _load(path: Path, _mtime: float) -> tuple:
    from thlib.geography.areas import Area, list_areas, slugify

    spec = read_yaml(path)
    if not isinstance(spec, dict) or not isinstance(spec.get("neighbourhoods"), list):
        raise DataError(f"{path}: expected a mapping with a 'neighbourhoods' list")
    status = spec.get("status", "provisional")
    if status not in STATUSES:
        raise DataError(f"{path}: status is {status!r}; use one of {', '.join(STATUSES)}")
    wards = {w.code: w for w in list_areas("ward")}
    seen: dict[str, str] = {}
    areas = []
    for number, entry in enumerate(spec["neighbourhoods"], start=1):
        where = f"{path}: neighbourhood {number}"
        if not isinstance(entry, dict) or not {"code", "name", "wards"} <= set(entry):
            raise DataError(f"{where} needs the fields code, name and wards")
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
