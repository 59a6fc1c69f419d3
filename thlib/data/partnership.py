"""The partnership itself, from ``data/partnership.yml``: its name, partners and contact.

The file is the partnership's to edit (membership, the team that answers readers); it is
validated when read, and an error names the file and the field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import jsonschema

from thlib.data.files import data_dir
from thlib.errors import DataError
from thlib.yaml_lines import read_yaml_lines

__all__ = ["Contact", "contact", "partnership"]

FILE = "partnership.yml"

_TEXT = {"type": "string", "minLength": 1, "pattern": r"\S"}

#: The shape of ``partnership.yml``.
SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["name", "kind", "steered_by", "plan", "partners", "contact"],
    "properties": {
        "name": _TEXT, "kind": _TEXT, "steered_by": _TEXT, "plan": _TEXT,
        "partners": {"type": "array", "minItems": 1, "items": {
            "type": "object", "required": ["name", "sector"], "additionalProperties": False,
            "properties": {"name": _TEXT, "sector": _TEXT}}},
        "contact": {
            "type": "object", "additionalProperties": False,
            "required": ["owner", "organisation", "telephone", "website"],
            "properties": {
                "owner": _TEXT, "organisation": _TEXT,
                # a UK number as it is written, e.g. "020 7364 5000"
                "telephone": {"type": "string", "pattern": r"^0[0-9]{2,4}( ?[0-9]{3,4}){2}$"},
                # a plain https address (it becomes a link)
                "website": {"type": "string",
                            "pattern": r"^https://[A-Za-z0-9.-]+\.[a-z]{2,}(/[A-Za-z0-9._~/-]*)?$"},
            },
        },
    },
}


@dataclass(frozen=True)
class Contact:
    """Who answers readers about a publication: a team, its organisation and how to reach it.

    Parameters
    ----------
    owner : str
        The team that owns the publications, e.g. "Tower Hamlets Partnership strategy team".
    organisation : str
        Where the team sits, e.g. "Tower Hamlets Council".
    telephone : str
        A UK telephone number as written, e.g. "020 7364 5000".
    website : str
        An https address.

    Examples
    --------
    >>> Contact("Strategy team", "Tower Hamlets Council", "020 7364 5000",
    ...         "https://www.towerhamlets.gov.uk").telephone_link
    'tel:+442073645000'
    """

    owner: str
    organisation: str
    telephone: str
    website: str

    @property
    def telephone_link(self) -> str:
        """The number as a ``tel:`` link (international form)."""
        return "tel:+44" + re.sub(r"\D", "", self.telephone)[1:]

    @property
    def website_text(self) -> str:
        """The website without ``https://`` or a trailing slash, as it reads in text."""
        return self.website.removeprefix("https://").rstrip("/")


def partnership() -> dict[str, Any]:
    """Return ``partnership.yml`` of the data folder, validated.

    Returns
    -------
    dict
        ``name``, ``kind``, ``steered_by``, ``plan``, ``partners`` (``name`` and ``sector``
        of each) and ``contact`` (``owner``, ``organisation``, ``telephone``, ``website``).

    Raises
    ------
    DataError
        If the file is missing, is not valid YAML, or breaks :data:`SCHEMA`; the message
        names the file and the field.

    Examples
    --------
    >>> spec = partnership()
    >>> spec["name"], spec["partners"][0]["name"]
    ('Tower Hamlets Partnership', 'Tower Hamlets Council')
    """
    path = data_dir() / FILE
    spec, _ = read_yaml_lines(path, "partnership file")
    if not isinstance(spec, dict):
        raise DataError(f"{path}: expected a mapping with the keys {', '.join(SCHEMA['required'])}")
    errors = sorted(jsonschema.Draft202012Validator(SCHEMA).iter_errors(spec),
                    key=lambda e: [str(p) for p in e.absolute_path])
    if errors:
        error = errors[0]
        where = ".".join(str(p) for p in error.absolute_path) or "(top level)"
        hint = {"contact.telephone": ' (write a UK number as it is dialled, in quotes if it '
                                     'has no spaces, e.g. "020 7364 5000")',
                "contact.website": ' (write a plain https address, e.g. '
                                   '"https://www.towerhamlets.gov.uk")'}.get(where, "")
        raise DataError(f"{path}: field {where}: {error.message}{hint}")
    return spec


def contact() -> Contact:
    """Return the partnership's contact for readers (the ``contact`` block of the file).

    Returns
    -------
    Contact

    Raises
    ------
    DataError
        As :func:`partnership`.

    Examples
    --------
    >>> reach = contact()
    >>> reach.telephone, reach.website_text
    ('020 7364 5000', 'www.towerhamlets.gov.uk')
    """
    return Contact(**partnership()["contact"])
