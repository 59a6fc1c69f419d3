"""The indicator catalogue: YAML definitions validated on load."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

import jsonschema

from thlib.data.files import read_yaml
from thlib.errors import DataError
from thlib.indicators.schema import indicator_schema

DEFINITIONS = Path(__file__).with_name("definitions")


@dataclass(frozen=True)
class Indicator:
    """One indicator definition (see ``schema.py`` for the meaning of each field)."""

    id: str
    title: str
    definition: str
    numerator: str
    denominator: str
    statistic: str
    unit: str
    multiplier: float
    polarity: str
    source: dict
    geographies: tuple[str, ...]
    owner: str
    recipe: dict
    short_title: str | None = None
    decimals: int = 1
    confidence: float = 0.95
    targets: tuple[dict, ...] = ()
    caveats: tuple[str, ...] = field(default_factory=tuple)
    file: str = ""

    @property
    def label(self) -> str:
        """The short title where there is one, else the title."""
        return self.short_title or self.title

    @property
    def period(self) -> str:
        """The period the source covers, e.g. ``"2021"``."""
        return self.source["period"]


def _where(error: jsonschema.ValidationError) -> str:
    return ".".join(str(p) for p in error.absolute_path) or "(the entry)"


def load_catalogue(folder: str | Path = DEFINITIONS) -> dict[str, Indicator]:
    """Read and validate every ``*.yml`` in ``folder``; return indicators by id.

    Raises
    ------
    DataError
        Naming the file, the indicator id and the field of the first problem.
    """
    folder = Path(folder)
    indicators: dict[str, Indicator] = {}
    validator = jsonschema.Draft202012Validator(indicator_schema())
    for path in sorted(folder.glob("*.yml")):
        entries = read_yaml(path)
        if not isinstance(entries, dict) or not isinstance(entries.get("indicators"), list):
            raise DataError(f"{path}: expected a mapping with an 'indicators' list")
        for number, entry in enumerate(entries["indicators"], start=1):
            ident = entry.get("id", f"number {number}") if isinstance(entry, dict) else number
            errors = sorted(validator.iter_errors(entry), key=lambda e: _where(e))
            if errors:
                error = errors[0]
                raise DataError(f"{path}: indicator {ident!r}: field {_where(error)}: "
                                f"{error.message}")
            if entry["id"] in indicators:
                raise DataError(f"{path}: indicator {entry['id']!r} is already defined in "
                                f"{indicators[entry['id']].file}")
            indicators[entry["id"]] = Indicator(
                **{**entry, "geographies": tuple(entry["geographies"]),
                   "targets": tuple(entry.get("targets", ())),
                   "caveats": tuple(entry.get("caveats", ())), "file": path.name})
    return indicators


@functools.lru_cache(maxsize=1)
def catalogue() -> dict[str, Indicator]:
    """Return the shipped catalogue (cached)."""
    return load_catalogue()


def get_indicator(indicator_id: str) -> Indicator:
    """Return one indicator; an unknown id is a :class:`DataError` listing close ids."""
    indicators = catalogue()
    if indicator_id not in indicators:
        import difflib

        close = difflib.get_close_matches(indicator_id, indicators, n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise DataError(f"no indicator {indicator_id!r} in the catalogue{hint}")
    return indicators[indicator_id]
