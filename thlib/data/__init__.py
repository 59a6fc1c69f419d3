"""Loaders: read the shipped open data, validate it and return tidy tables."""

from __future__ import annotations

import functools
from pathlib import Path

from thlib.data.census import census, census_tables, census_totals
from thlib.data.crime import crime_by_ward, crime_london
from thlib.data.deprivation import iod2019, iod2025
from thlib.data.environment import air_quality_boroughs, air_quality_lsoa, ptal_lsoa, ptal_wards
from thlib.data.files import DATA_DIR_ENV, data_dir, data_path, read_csv, read_yaml
from thlib.errors import DataError


@functools.lru_cache(maxsize=1)
def _sources() -> dict:
    return read_yaml(Path(__file__).with_name("sources.yml"))


def attribution() -> str:
    """Return the combined attribution statement every publication must carry."""
    return " ".join(_sources()["attribution"].split())


def source(key: str) -> dict:
    """Return a dataset's publisher, dataset, period and licence (from ``sources.yml``)."""
    sources = _sources()["sources"]
    if key not in sources:
        raise DataError(f"no source {key!r} in sources.yml; known: {', '.join(sources)}")
    return dict(sources[key])


def source_line(*keys: str) -> str:
    """Return a one-line credit such as ``Source: ONS, Census 2021 (OGL v3.0)``."""
    parts = [f"{s['publisher']}, {s['dataset']} ({s['licence']})" for s in map(source, keys)]
    return "Source: " + "; ".join(parts)


def vintage() -> str:
    """Return the period of each dataset, shortly, e.g. ``Census 2021; IoD 2025; ...``."""
    return "; ".join(s["vintage"] for s in _sources()["sources"].values() if "vintage" in s)


__all__ = [
    "DATA_DIR_ENV", "air_quality_boroughs", "air_quality_lsoa", "attribution", "census",
    "census_tables", "census_totals", "crime_by_ward", "crime_london", "data_dir", "data_path", "iod2019",
    "iod2025", "ptal_lsoa", "ptal_wards", "read_csv", "read_yaml", "source", "source_line",
    "vintage",
]
