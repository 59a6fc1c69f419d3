"""The areas thlib reports on: the borough, its neighbourhoods and its wards.

Areas are identified by GSS codes (neighbourhoods, which have none, by the code in
their YAML file); names always come from the data, never from literals in code.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from thlib.errors import AreaError

AREA_TYPES = ("borough", "neighbourhood", "ward", "custom")

BOROUGH_CODE = "E09000030"
LONDON_CODE = "E12000007"
ENGLAND_CODE = "E92000001"
#: Comparator geographies that appear in published tables; they are compared with, not profiled.
COMPARATOR_NAMES = {LONDON_CODE: "London", ENGLAND_CODE: "England"}


@dataclass(frozen=True)
class Area:
    """One area that can be profiled.

    Attributes
    ----------
    type : str
        One of :data:`AREA_TYPES`.
    code : str
        GSS code (borough, ward) or the code from the neighbourhood or custom areas file.
    name : str
        Current name.
    slug : str
        File-name-safe form of the name, e.g. ``bethnal-green-west``.
    wards : tuple of str
        Codes of the wards the area is made of (a ward: itself; a custom area of LSOAs:
        none).
    aliases : tuple of str
        Former names (for a ward, its 2014 name where ONS has since renamed it).
    provisional : bool
        True when the area's definition is not agreed (the default neighbourhoods).
    lsoas : tuple of str
        Codes of the LSOAs (2021) a custom area of LSOAs is made of; empty otherwise.
    description : str
        A custom area's optional description, from its file; empty otherwise.

    See Also
    --------
    get_area, find_area, list_areas : The areas of the shipped data.

    Examples
    --------
    >>> ward = Area("ward", "E05009317", "Bethnal Green East", "bethnal-green-east",
    ...             ("E05009317",), aliases=("Bethnal Green",))
    >>> ward.label
    'Bethnal Green East ward'
    >>> get_area("ward", "E05009317") == ward
    True
    """

    type: str
    code: str
    name: str
    slug: str
    wards: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    provisional: bool = False
    lsoas: tuple[str, ...] = ()
    description: str = ""

    @property
    def label(self) -> str:
        """Name with the area type, e.g. ``Bow East ward`` (a borough: its name alone)."""
        return {
            "borough": self.name,
            "ward": f"{self.name} ward",
            "neighbourhood": f"{self.name} neighbourhood",
            "custom": f"{self.name} (custom area)",
        }[self.type]


#: Longest slug (file name part) made from an area's name: file systems allow 255 bytes.
MAX_SLUG = 80


def slugify(name: str) -> str:
    """Return a lower-case, hyphenated, ASCII form of ``name`` for file names.

    Parameters
    ----------
    name : str
        An area name.

    Returns
    -------
    str
        ``name`` in lower case, without apostrophes and full stops, every other run of
        characters outside ``a-z0-9`` (``&`` included) replaced by one hyphen, with no
        hyphen at either end; at most :data:`MAX_SLUG` characters (cut at a hyphen).

    Examples
    --------
    >>> slugify("St Katharine's & Wapping")
    'st-katharines-wapping'
    >>> slugify("St. Peter's")
    'st-peters'
    >>> len(slugify("Spitalfields and Banglatown " * 20)) <= MAX_SLUG
    True
    """
    text = name.lower().replace("&", " ").replace("'", "").replace(".", "")
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    if len(slug) > MAX_SLUG:  # a file name must stay well within the file system's limit
        slug = slug[:MAX_SLUG + 1].rsplit("-", 1)[0] if "-" in slug[:MAX_SLUG + 1] \
            else slug[:MAX_SLUG]
    return slug.strip("-")


def _wards() -> tuple[Area, ...]:
    from thlib.data.files import data_path
    from thlib.geography.boundaries import BOUNDARY_FILES

    path = data_path(BOUNDARY_FILES["ward"])
    return _wards_from(path, path.stat().st_mtime)


@functools.lru_cache(maxsize=8)
def _wards_from(_path: Path, _mtime: float) -> tuple[Area, ...]:
    from thlib.geography.boundaries import boundaries

    table = boundaries("ward").sort_values("ward_code")
    wards = []
    for row in table.itertuples():
        name = row.ward_name_current_ons
        aliases = tuple(a for a in {row.ward_name} if a != name)
        wards.append(Area("ward", row.ward_code, name, slugify(name), (row.ward_code,), aliases))
    return tuple(wards)


def _borough() -> Area:
    from thlib.data.files import read_csv

    # The ONS lookup names the borough, so no literal name is needed.
    names = read_csv(
        "open-data/boundaries/lookup_lsoa2021_to_ward_bestfit_tower_hamlets.csv",
        required=["LAD25CD", "LAD25NM"],
    )
    name = names.loc[names["LAD25CD"] == BOROUGH_CODE, "LAD25NM"].iloc[0]
    return Area("borough", BOROUGH_CODE, name, slugify(name), tuple(w.code for w in _wards()))


def list_areas(area_type: str) -> list[Area]:
    """Return every area of ``area_type`` ("borough", "neighbourhood", "ward" or "custom").

    Parameters
    ----------
    area_type : {"borough", "neighbourhood", "ward", "custom"}
        One of :data:`AREA_TYPES`.

    Returns
    -------
    list of Area
        Wards sorted by code; the one borough; neighbourhoods in the order of their YAML
        file (see :func:`~thlib.geography.neighbourhoods.neighbourhoods`); custom areas as
        listed by :func:`~thlib.geography.custom.custom_areas` (not yet validated:
        :func:`get_area` validates one).

    Raises
    ------
    AreaError
        If ``area_type`` is unknown.
    DataError
        If a boundary, lookup or neighbourhood file is missing or malformed.

    Examples
    --------
    >>> wards = list_areas("ward")
    >>> len(wards), wards[0].code, wards[-1].code
    (20, 'E05009317', 'E05009336')
    >>> [hood.code for hood in list_areas("neighbourhood")]
    ['TH-NW', 'TH-NE', 'TH-SW', 'TH-SE']
    >>> (borough,) = list_areas("borough")
    >>> borough.name, len(borough.wards)
    ('Tower Hamlets', 20)
    """
    if area_type == "ward":
        return list(_wards())
    if area_type == "borough":
        return [_borough()]
    if area_type == "neighbourhood":
        from thlib.geography.neighbourhoods import neighbourhoods

        return list(neighbourhoods())
    if area_type == "custom":
        from thlib.geography.custom import custom_areas

        return list(custom_areas())
    raise AreaError(f"unknown area type {area_type!r}; use one of {', '.join(AREA_TYPES)}")


def get_area(area_type: str, code: str) -> Area:
    """Return the area of ``area_type`` with GSS (or neighbourhood) ``code``.

    Parameters
    ----------
    area_type : {"borough", "neighbourhood", "ward", "custom"}
        One of :data:`AREA_TYPES`.
    code : str
        The GSS code of a ward or the borough, or a neighbourhood's or custom area's code.

    Returns
    -------
    Area
        The one area of that type with that code.

    Raises
    ------
    AreaError
        If the type or the code is unknown; the message lists the known codes.
    DataError
        If a custom area's entry is faulty (:func:`~thlib.geography.custom.custom_area`).

    Examples
    --------
    >>> get_area("ward", "E05009317").name
    'Bethnal Green East'
    >>> get_area("borough", "E09000030").label
    'Tower Hamlets'
    >>> get_area("ward", "E05000000")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    thlib.errors.AreaError: unknown ward code 'E05000000'; known ward codes: E05009317 ...
    """
    if area_type == "custom":
        from thlib.geography.custom import custom_area

        return custom_area(code)
    areas = list_areas(area_type)
    for area in areas:
        if area.code == code:
            return area
    known = "; ".join(f"{a.code} {a.name}" for a in areas)
    raise AreaError(f"unknown {area_type} code {code!r}; known {area_type} codes: {known}")


def find_area(text: str) -> Area:
    """Return the area whose code, name, slug or former name is ``text`` (any case).

    Parameters
    ----------
    text : str
        A code (``E05009331``), a name (``Bethnal Green West``), a slug
        (``bethnal-green-west``) or a former name (``St. Peter's``).

    Returns
    -------
    Area
        The first match: the borough, then a neighbourhood, a ward, a custom area.

    Raises
    ------
    AreaError
        If no area matches.

    Examples
    --------
    >>> find_area("St. Peter's").name
    'Bethnal Green West'
    >>> find_area("tower hamlets").code
    'E09000030'
    >>> find_area("north-west").wards[0]
    'E05009317'
    >>> find_area("Hackney")
    Traceback (most recent call last):
    ...
    thlib.errors.AreaError: no borough, neighbourhood, ward or custom area is called 'Hackney'
    """
    wanted = slugify(text)
    for area_type in ("borough", "neighbourhood", "ward", "custom"):
        for area in list_areas(area_type):
            keys = {area.code.lower(), area.slug, *(slugify(a) for a in (area.name, *area.aliases))}
            if wanted in keys or text.lower() in keys:
                return area
    raise AreaError(f"no borough, neighbourhood, ward or custom area is called {text!r}")
