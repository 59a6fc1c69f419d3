"""The areas a parameter set can expand to, from :mod:`thlib.geography`, cached.

:mod:`thlib.geography` reads boundaries with geopandas, which is slow to import, so the
build keeps the list of areas in its state file, keyed by the data and library
fingerprints: a build with nothing changed never imports geopandas.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import ModuleType
from typing import Any

from thlib.errors import AreaError, ThlibError


@dataclass(frozen=True)
class AreaInfo:
    """The parts of a :class:`thlib.geography.Area` the build uses."""

    type: str
    code: str
    name: str
    slug: str


def load_geography() -> ModuleType:
    """Return :mod:`thlib.geography` (imported here so tests can replace it)."""
    from thlib import geography

    return geography


class AreaFileError(AreaError):
    """The file that lists one type of area cannot be read (a bad custom areas file, say)."""


class AreaCatalogue:
    """Every area of every type, as :func:`thlib.geography.list_areas` returns them.

    Parameters
    ----------
    area_types : tuple of str
        :data:`thlib.geography.AREA_TYPES`.
    areas : dict of str to list of AreaInfo
        Areas by type, in the order geography lists them.
    problems : dict of str to str, optional
        Why the areas of a type could not be listed (its file is bad): asking for them
        raises :class:`AreaFileError`, while the other types are listed as usual.
    """

    def __init__(self, area_types: tuple[str, ...], areas: dict[str, list[AreaInfo]],
                 problems: dict[str, str] | None = None):
        self.area_types = tuple(area_types)
        self.areas = areas
        self.problems = dict(problems or {})

    @classmethod
    def from_geography(cls) -> AreaCatalogue:
        """Build the catalogue with :func:`thlib.geography.list_areas` (slow: geopandas)."""
        geography = load_geography()
        areas: dict[str, list[AreaInfo]] = {}
        problems: dict[str, str] = {}
        for area_type in geography.AREA_TYPES:
            try:
                areas[area_type] = [AreaInfo(a.type, a.code, a.name, a.slug)
                                    for a in geography.list_areas(area_type)]
            except ThlibError as exc:  # said when these areas are asked for, not before
                areas[area_type], problems[area_type] = [], str(exc)
        return cls(tuple(geography.AREA_TYPES), areas, problems)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> AreaCatalogue:
        """Rebuild a catalogue from :meth:`to_json` output."""
        areas = {t: [AreaInfo(t, *row) for row in rows] for t, rows in data["areas"].items()}
        return cls(tuple(data["area_types"]), areas, data.get("problems"))

    def to_json(self) -> dict[str, Any]:
        """Return the catalogue as JSON-ready data."""
        return {
            "area_types": list(self.area_types),
            "areas": {
                t: [[a.code, a.name, a.slug] for a in rows] for t, rows in self.areas.items()
            },
            "problems": self.problems,
        }

    def of_type(self, area_type: Any) -> list[AreaInfo]:
        """Return the areas of ``area_type``; raise AreaError naming the known types."""
        if area_type not in self.areas:
            raise AreaError(
                f"unknown area type {area_type!r}; use one of {', '.join(self.area_types)}"
            )
        if area_type in self.problems:
            raise AreaFileError(f"the {area_type} areas cannot be listed: "
                                f"{self.problems[area_type]}")
        return list(self.areas[area_type])

    def get(self, area_type: Any, code: Any) -> AreaInfo:
        """Return one area; raise AreaError listing the known codes of that type."""
        areas = self.of_type(area_type)
        for area in areas:
            if area.code == code:
                return area
        known = "; ".join(f"{a.code} {a.name}" for a in areas)
        raise AreaError(f"unknown {area_type} code {code!r}; known {area_type} codes: {known}")
