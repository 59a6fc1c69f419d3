"""Environment: modelled air quality (LAEI 2019) and public transport access (PTAL 2015)."""

from __future__ import annotations

import pandas as pd

from thlib.data.checks import check_numeric, check_unique
from thlib.data.files import read_csv

_AIR_LSOA = "open-data/other/laei_air_quality_2019_lsoa2021_tower_hamlets.csv"
_AIR_LA = "open-data/other/laei_air_quality_2013_2016_2019_london_boroughs.csv"
_PTAL_WARD = "open-data/other/tfl_ptal_2015_by_ward2014_tower_hamlets.csv"
_PTAL_LSOA = "open-data/other/tfl_ptal_2015_by_lsoa2011_tower_hamlets.csv"
POLLUTANTS = {"NO2": "nitrogen dioxide (NO₂)", "PM25": "fine particulate matter (PM2.5)"}


def air_quality_lsoa() -> pd.DataFrame:
    """Return mean modelled 2019 concentrations (µg/m³) of NO2 and PM2.5 by LSOA 2021.

    Returns
    -------
    pandas.DataFrame
        Columns ``code``, ``NO2``, ``PM25``: the mean of the 20 m grid cells in each of the
        borough's 169 LSOAs (London Atmospheric Emissions Inventory 2019).

    Raises
    ------
    DataError
        If the file is missing, lacks a column or holds a value that is not a number; the
        message names the file, row and column.

    Examples
    --------
    >>> air = air_quality_lsoa().set_index("code")
    >>> len(air)
    169
    >>> float(air.loc["E01004198", "NO2"]), float(air.loc["E01004198", "PM25"])
    (34.239, 11.719)
    """
    return _air_quality(_AIR_LSOA, "LSOA21CD")


def air_quality_boroughs() -> pd.DataFrame:
    """Return mean modelled 2019 NO2 and PM2.5 (µg/m³) for each London borough (``code``).

    Returns
    -------
    pandas.DataFrame
        Columns ``code`` (GSS code of the 33 London local authorities), ``NO2`` and ``PM25``.

    Raises
    ------
    DataError
        If the file is missing, lacks a column or holds a value that is not a number; the
        message names the file, row and column.

    Examples
    --------
    >>> air = air_quality_boroughs().set_index("code")
    >>> len(air)
    33
    >>> float(air.loc["E09000030", "NO2"]), float(air.loc["E09000030", "PM25"])
    (33.795, 11.698)
    """
    return _air_quality(_AIR_LA, "LAD22CD")


def ptal_wards() -> pd.DataFrame:
    """Return TfL's 2015 average access index (PTAI) and level (PTAL) by 2014 ward.

    Returns
    -------
    pandas.DataFrame
        Columns ``code`` (ward code), ``ptai`` (number) and ``ptal`` (text: ``"0"`` to
        ``"6b"``), one row per ward in the file's order.

    Raises
    ------
    DataError
        If the file is missing, lacks a column or holds a value that is not a number; the
        message names the file, row and column.

    Examples
    --------
    >>> ptal = ptal_wards().set_index("code")
    >>> len(ptal)
    20
    >>> round(float(ptal.loc["E05009317", "ptai"]), 1), ptal.loc["E05009317", "ptal"]
    (24.5, '5')
    """
    frame = read_csv(_PTAL_WARD, required=["Ward Code", "AvPTAI2015", "PTAL"])
    frame = frame.rename(columns={"Ward Code": "code", "AvPTAI2015": "ptai", "PTAL": "ptal"})
    check_unique(frame, ["code"], _PTAL_WARD)
    return check_numeric(frame[["code", "ptai", "ptal"]], ["ptai"], _PTAL_WARD, minimum=0)


def ptal_lsoa() -> pd.DataFrame:
    """Return TfL's 2015 average access index (PTAI) and level (PTAL) by LSOA 2011.

    Returns
    -------
    pandas.DataFrame
        Columns ``code`` (LSOA 2011 code), ``ptai`` (number) and ``ptal`` (text: ``"0"``
        to ``"6b"``), one row per LSOA in the file's order.

    Raises
    ------
    DataError
        If the file is missing, lacks a column or holds a value that is not a number; the
        message names the file, row and column.

    Examples
    --------
    >>> ptal = ptal_lsoa().set_index("code")
    >>> len(ptal)
    144
    >>> float(ptal.loc["E01004197", "ptai"]), ptal.loc["E01004197", "ptal"]
    (29.8934, '6a')
    """
    frame = read_csv(_PTAL_LSOA, required=["geography code", "AvPTAI2015", "PTAL"])
    frame = frame.rename(columns={"geography code": "code", "AvPTAI2015": "ptai", "PTAL": "ptal"})
    check_unique(frame, ["code"], _PTAL_LSOA)
    return check_numeric(frame[["code", "ptai", "ptal"]], ["ptai"], _PTAL_LSOA, minimum=0)


def _air_quality(path: str, code_column: str) -> pd.DataFrame:
    """Read a LAEI 2019 summary: the area code and the 2019 mean of each pollutant."""
    columns = {f"{p}-2019-mean": p for p in POLLUTANTS}
    frame = read_csv(path, required=[code_column, *columns])
    frame = frame.rename(columns={code_column: "code", **columns})[["code", *POLLUTANTS]]
    check_unique(frame, ["code"], path)
    return check_numeric(frame, list(POLLUTANTS), path, minimum=0)
