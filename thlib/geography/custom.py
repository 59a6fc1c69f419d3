"""Custom areas: an analyst's own named sets of wards or of LSOAs (2021), from one YAML file.

``data/custom_areas.yml`` ships with no areas; point ``$THLIB_CUSTOM_AREAS`` at another
file to profile your own. The file is read leniently to list the areas (every entry with
a code and a name), and each entry is validated in full only when its area is used, so
a faulty entry fails only the documents that profile it.
"""

from __future__ import annotations

import functools
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jsonschema

from thlib.data.files import data_dir
from thlib.errors import DataError
from thlib.settings import CUSTOM_AREAS_FILE, custom_areas_override
from thlib.yaml_lines import read_yaml_lines

if TYPE_CHECKING:  # areas imports this module when it lists custom areas
    from thlib.geography.areas import Area

#: JSON schema of one custom area entry (``wards`` or ``lsoas``: exactly one, checked apart).
AREA_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["code", "name"],
    "additionalProperties": False,
    "properties": {
        "code": {"type": "string", "pattern": "^[A-Za-z0-9][A-Za-z0-9-]*$"},
        "name": {"type": "string", "minLength": 1, "pattern": r"\S"},
        "description": {"type": "string"},
        "wards": {"type": "array", "minItems": 1, "uniqueItems": True,
                  "items": {"type": "string", "pattern": "^E05[0-9]{6}$"}},
        "lsoas": {"type": "array", "minItems": 1, "uniqueItems": True,
                  "items": {"type": "string", "pattern": "^E01[0-9]{6}$"}},
    },
}

_LIST_HINT = "write one {kind} code per line, each after '- ', or in brackets: {field}: [{codes}]"
_EXAMPLE = {"wards": ("ward", "E05009317, E05009329"), "lsoas": ("LSOA", "E01004198, E01004199")}

_Lines = dict[tuple[Any, ...], int]

LOGGER = logging.getLogger(__name__)


def custom_areas_file() -> Path:
    """Return the custom areas file in use: ``$THLIB_CUSTOM_AREAS`` or the default.

    Returns
    -------
    pathlib.Path
        ``$THLIB_CUSTOM_AREAS`` if set, else ``custom_areas.yml`` in the data folder.

    Examples
    --------
    >>> import os
    >>> from unittest import mock
    >>> with mock.patch.dict(os.environ, {"THLIB_CUSTOM_AREAS": "/srv/my-areas.yml"}):
    ...     print(custom_areas_file())
    /srv/my-areas.yml
    >>> with mock.patch.dict(os.environ):
    ...     _ = os.environ.pop("THLIB_CUSTOM_AREAS", None)
    ...     print(custom_areas_file().name)
    custom_areas.yml
    """
    return custom_areas_override() or data_dir() / CUSTOM_AREAS_FILE


def _read(path: Path) -> tuple[list[Any], _Lines]:
    """Parse the file; return its ``areas`` list and the line of every key and item."""
    spec, lines = read_yaml_lines(path, "custom areas file")
    if not isinstance(spec, dict) or not isinstance(spec.get("areas"), list):
        raise DataError(f"{path}: expected a mapping with an 'areas' list (write "
                        "'areas: []' for none)")
    return spec["areas"], lines


@functools.lru_cache(maxsize=8)
def _load(path: Path, _mtime: float) -> tuple[list[Any], _Lines]:
    entries, lines = _read(path)
    for number, entry in enumerate(entries, start=1):
        if not _named(entry):  # said once per version of the file
            LOGGER.warning("%s, line %s: custom area %d has no code or no name, so it is "
                           "not listed or built", path, lines.get(("areas", number - 1), "?"),
                           number)
    return entries, lines


def _entries(path: str | Path | None) -> tuple[Path, list[Any], _Lines]:
    path = Path(path) if path else custom_areas_file()
    entries, lines = _load(path.resolve(), path.stat().st_mtime if path.exists() else 0.0)
    return path, entries, lines


def _text(value: Any) -> str:
    """Return a scalar as text (``code: 12`` is listed, then refused on use), else ``""``."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return ""
    return str(value).strip()


def _named(entry: Any) -> bool:
    return isinstance(entry, dict) and bool(_text(entry.get("code"))) \
        and bool(_text(entry.get("name")))


def _codes(entry: dict[str, Any], field: str) -> tuple[str, ...]:
    value = entry.get(field)
    return tuple(str(c) for c in value) if isinstance(value, list) else ()


def _slugs(entries: list[Any]) -> dict[str, str]:
    """Give each listed code a distinct slug: its name's, else (or if taken) with its code."""
    from thlib.geography.areas import slugify

    slugs: dict[str, str] = {}
    for entry in entries:
        if not _named(entry) or _text(entry["code"]) in slugs:
            continue
        code = _text(entry["code"])
        slug = slugify(_text(entry["name"])) or slugify(code) or "area"
        if slug in slugs.values():
            slug = f"{slug}-{slugify(code) or len(slugs) + 1}"
        while slug in slugs.values():
            slug += "-"
        slugs[code] = slug
    return slugs


def _make(entry: dict[str, Any], slug: str) -> Area:
    from thlib.geography.areas import Area

    description = entry.get("description")
    return Area("custom", _text(entry["code"]), _text(entry["name"]), slug,
                tuple(sorted(_codes(entry, "wards"))), lsoas=tuple(sorted(_codes(entry, "lsoas"))),
                description=" ".join(description.split()) if isinstance(description, str) else "")


def custom_areas(path: str | Path | None = None) -> tuple[Area, ...]:
    """Return the custom areas of the file, as listed: every entry with a code and a name.

    Entries are not validated here (see :func:`custom_area`), so one faulty entry does
    not stop the others from being listed and built; of two entries with one code, the
    first is listed. Slugs are distinct: an area whose name's slug is empty or taken
    gets its code's added (``same-ca-b``).

    Parameters
    ----------
    path : path-like, optional
        A custom areas file; default :func:`custom_areas_file`.

    Returns
    -------
    tuple of Area
        In the file's order, of type ``"custom"``.

    Raises
    ------
    DataError
        If the file is missing, is not valid YAML or is not a mapping with an ``areas``
        list; the message names the file (and the line).

    Examples
    --------
    The shipped file has no areas:

    >>> from thlib.data import data_path
    >>> custom_areas(data_path("custom_areas.yml"))
    ()
    """
    _, entries, _ = _entries(path)
    slugs = _slugs(entries)
    areas: dict[str, Area] = {}
    for entry in entries:
        if _named(entry) and _text(entry["code"]) not in areas:
            areas[_text(entry["code"])] = _make(entry, slugs[_text(entry["code"])])
    return tuple(areas.values())


def _list_hint(field: str, given: object) -> str:
    """Say how to write a list, with the codes given where they read as a list."""
    kind, example = _EXAMPLE[field]
    codes = [c.strip() for c in str(given).replace(";", ",").split(",") if c.strip()]
    return _LIST_HINT.format(kind=kind, field=field,
                             codes=", ".join(codes) if len(codes) > 1 else example)


def _problem(entry: Any, where: str, lines: _Lines, number: int, path: Path) -> str | None:
    """Return what is wrong with one entry (naming the file, line and field), or None."""
    if not isinstance(entry, dict):
        return f"{where}: an area is a mapping with the fields code, name and wards or lsoas"

    def at(field: str) -> str:
        line = lines.get(("areas", number - 1, field), lines.get(("areas", number - 1)))
        return f"{path}, line {line}" if line else str(path)

    given = [field for field in ("wards", "lsoas") if field in entry]
    if len(given) != 1:
        found = "both" if given else "neither"
        return (f"{at(given[-1] if given else 'code')}: custom area {number} has {found} of "
                "the fields wards and lsoas; give exactly one")
    for field in given:
        if isinstance(entry[field], str | int | float):
            return (f"{at(field)}: custom area {number}: field {field} is {entry[field]!r}, a "
                    f"{type(entry[field]).__name__} where a list belongs: " + _list_hint(
                        field, entry[field]))
    errors = sorted(jsonschema.Draft202012Validator(AREA_SCHEMA).iter_errors(entry),
                    key=lambda e: [str(p) for p in e.absolute_path])
    if errors:
        error = errors[0]
        field = str(error.absolute_path[0]) if error.absolute_path else ""
        if error.validator == "required":
            field = next(f for f in ("code", "name") if f not in entry)
        if error.validator == "additionalProperties":
            field = next(str(k) for k in entry if k not in AREA_SCHEMA["properties"])
            return (f"{at(field)}: custom area {number}: unknown field {field!r}; the fields "
                    f"are {', '.join(AREA_SCHEMA['properties'])}")
        if error.validator == "required":
            return f"{at('code')}: custom area {number}: field {field} is required"
        return f"{at(field)}: custom area {number}: field {field}: {error.message}"
    return None


def custom_area(code: str, path: str | Path | None = None) -> Area:
    r"""Return the custom area with ``code``, validated in full.

    Parameters
    ----------
    code : str
        The area's ``code`` in the custom areas file.
    path : path-like, optional
        A custom areas file; default :func:`custom_areas_file`.

    Returns
    -------
    Area
        Of type ``"custom"``, with ``wards`` or ``lsoas`` sorted.

    Raises
    ------
    AreaError
        If no entry has that code.
    DataError
        If the entry is faulty: a missing, unknown or mistyped field, both or neither of
        ``wards`` and ``lsoas``, a code that is not a ward or LSOA (2021) of the borough,
        or an area code given twice. The message names the file, the line and the field.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = Path(folder) / "areas.yml"
    ...     _ = path.write_text("areas:\n  - code: CA-BOW\n    name: Bow\n"
    ...                         "    wards: [E05009320, E05009319]\n")
    ...     area = custom_area("CA-BOW", path)
    >>> area.wards, area.label
    (('E05009319', 'E05009320'), 'Bow (custom area)')
    """
    from thlib.errors import AreaError
    from thlib.geography.areas import list_areas
    from thlib.geography.lookups import lsoa_to_ward

    path, entries, lines = _entries(path)
    matches = [n for n, e in enumerate(entries, start=1)
               if isinstance(e, dict) and str(e.get("code", "")).strip() == code]
    if not matches:
        known = "; ".join(f"{a.code} {a.name}" for a in custom_areas(path))
        raise AreaError(f"unknown custom code {code!r}; known custom codes: {known or 'none'} "
                        f"(in {path})")
    number = matches[0]
    entry = entries[number - 1]
    where = f"{path}, line {lines.get(('areas', number - 1), '?')}: custom area {number}"
    if len(matches) > 1:
        others = ", ".join(str(lines.get(("areas", n - 1, "code"), "?")) for n in matches[1:])
        raise DataError(f"{path}, line {lines.get(('areas', number - 1, 'code'), '?')}: field "
                        f"code: custom area code {code!r} is used again on line {others}; "
                        "give each area its own code")
    problem = _problem(entry, where, lines, number, path)
    if problem:
        raise DataError(problem)
    field = "wards" if "wards" in entry else "lsoas"
    known_codes = ({w.code for w in list_areas("ward")} if field == "wards"
                   else set(lsoa_to_ward(2021).index))
    for index, member in enumerate(entry[field]):
        if member not in known_codes:
            line = lines.get(("areas", number - 1, field, index),
                             lines.get(("areas", number - 1, field)))
            kind = "ward code" if field == "wards" else "LSOA 2021 code"
            raise DataError(f"{path}, line {line}: custom area {number} ({entry['name']}): "
                            f"field {field} lists {member!r}, which is not a Tower Hamlets "
                            f"{kind}")
    return _make(entry, _slugs(entries)[code])
