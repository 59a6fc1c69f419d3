"""Loaders: read the shipped open data, validate it and return tidy tables."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from thlib.data.census import census, census_tables, census_totals
from thlib.data.crime import crime_by_ward, crime_london
from thlib.data.deprivation import iod2019, iod2025
from thlib.data.environment import air_quality_boroughs, air_quality_lsoa, ptal_lsoa, ptal_wards
from thlib.data.files import DATA_DIR_ENV, data_dir, data_path, read_csv, read_yaml
from thlib.data.series import (
    FINGERTIPS_COLUMNS,
    SERIES_COLUMNS,
    TIDY_COLUMNS,
    read_series,
    series,
    series_files,
    statistical_neighbours,
)
from thlib.errors import DataError


@functools.lru_cache(maxsize=1)
def _sources() -> dict[str, Any]:
    return read_yaml(Path(__file__).with_name("sources.yml"))


def attribution() -> str:
    """Return the combined attribution statement every publication must carry.

    Returns
    -------
    str
        The ``attribution`` text of ``sources.yml`` on one line (licences, Crown copyright
        and database right, and the publishers).

    Examples
    --------
    >>> attribution().startswith("Contains public sector information licensed under the "
    ...                          "Open Government Licence v3.0")
    True
    >>> attribution().endswith("Transport for London.")
    True
    """
    return " ".join(_sources()["attribution"].split())


def source(key: str) -> dict:
    """Return a dataset's publisher, dataset, period and licence (from ``sources.yml``).

    Parameters
    ----------
    key : str
        A source key of ``sources.yml``, e.g. ``"census2021"``, ``"iod2025"``,
        ``"mps_crime"``.

    Returns
    -------
    dict
        A copy of the entry: ``publisher``, ``dataset``, ``period``, ``licence`` and, for
        most, ``vintage``.

    Raises
    ------
    DataError
        If ``key`` is not in ``sources.yml``; the message lists the known keys.

    Examples
    --------
    >>> census = source("census2021")
    >>> census["publisher"], census["licence"]
    ('Office for National Statistics', 'OGL v3.0')
    >>> source("census2011")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    thlib.errors.DataError: no source 'census2011' in sources.yml; known: census2021, ...
    """
    sources = _sources()["sources"]
    if key not in sources:
        raise DataError(f"no source {key!r} in sources.yml; known: {', '.join(sources)}")
    return dict(sources[key])


def source_line(*keys: str) -> str:
    """Return a one-line credit such as ``Source: ONS, Census 2021 (OGL v3.0)``.

    Parameters
    ----------
    *keys : str
        Source keys of ``sources.yml``, in the order they should be credited.

    Returns
    -------
    str
        ``Source:`` followed by ``publisher, dataset (licence)`` for each key, separated by
        semicolons.

    Raises
    ------
    DataError
        If a key is not in ``sources.yml``.

    Examples
    --------
    >>> source_line("census2021")
    'Source: Office for National Statistics, Census 2021 (OGL v3.0)'
    >>> source_line("census2021", "ptal2015").count(";")
    1
    """
    parts = [f"{s['publisher']}, {s['dataset']} ({s['licence']})" for s in map(source, keys)]
    return "Source: " + "; ".join(parts)


def credit(*keys: str) -> tuple[str, str]:
    """Return who published the sources and under which licences, as two texts.

    Parameters
    ----------
    *keys : str
        Source keys of ``sources.yml``, in the order they should be credited.

    Returns
    -------
    tuple of str
        ``publisher, dataset`` for each key, separated by semicolons; and the licences,
        each once, separated by semicolons.

    Raises
    ------
    DataError
        If a key is not in ``sources.yml``.

    Examples
    --------
    >>> credit("census2021")
    ('Office for National Statistics, Census 2021', 'OGL v3.0')
    """
    found = [source(key) for key in keys]
    return ("; ".join(f"{s['publisher']}, {s['dataset']}" for s in found),
            "; ".join(dict.fromkeys(str(s["licence"]) for s in found)))


def vintage() -> str:
    """Return the period of each dataset, shortly, e.g. ``Census 2021; IoD 2025; ...``.

    Returns
    -------
    str
        The ``vintage`` of every source in ``sources.yml`` that has one, in file order,
        separated by semicolons.

    Examples
    --------
    >>> vintage().split("; ")[:3]
    ['Census 2021', 'IoD 2025', 'IoD 2019']
    """
    return "; ".join(s["vintage"] for s in _sources()["sources"].values() if "vintage" in s)


__all__ = [
    "DATA_DIR_ENV", "FINGERTIPS_COLUMNS", "SERIES_COLUMNS", "TIDY_COLUMNS", "air_quality_boroughs",
    "air_quality_lsoa", "attribution", "census", "census_tables", "census_totals", "credit",
    "crime_by_ward", "crime_london", "data_dir", "data_path", "iod2019", "iod2025", "ptal_lsoa",
    "ptal_wards", "read_csv", "read_series", "read_yaml", "series", "series_files", "source",
    "source_line", "statistical_neighbours", "vintage",
]
