"""English Indices of Deprivation 2025 (LSOA 2021) and 2019 (LSOA 2011)."""

from __future__ import annotations

import pandas as pd

from thlib.data.checks import check_numeric, check_unique
from thlib.data.files import read_csv

_IOD2025 = "open-data/deprivation/iod2025_lsoa2021_scores_ranks_deciles_tower_hamlets.csv"
_IOD2019 = "open-data/deprivation/iod2019_lsoa2011_all_london.csv"
_IOD2019_COLUMNS = {
    "LSOA code (2011)": "code",
    "Local Authority District code (2019)": "la_code",
    "Index of Multiple Deprivation (IMD) Score": "imd_score",
    "Index of Multiple Deprivation (IMD) Decile (where 1 is most deprived 10% of LSOAs)":
        "imd_decile",
    "Income Score (rate)": "income_score",
    "Employment Score (rate)": "employment_score",
    "Health Deprivation and Disability Decile (where 1 is most deprived 10% of LSOAs)":
        "health_decile",
    "Income Deprivation Affecting Children Index (IDACI) Score (rate)": "idaci_score",
    "Income Deprivation Affecting Older People (IDAOPI) Score (rate)": "idaopi_score",
    "Dependent Children aged 0-15: mid 2015 (excluding prisoners)": "children_0_15",
    "Older population aged 60 and over: mid 2015 (excluding prisoners)": "older_60_plus",
    "Total population: mid 2015 (excluding prisoners)": "population",
    "Working age population 18-59/64: for use with Employment Deprivation Domain "
    "(excluding prisoners) ": "working_age",
}


def iod2025() -> pd.DataFrame:
    """Return the IoD 2025 for the borough's 169 LSOAs (2021): ``code``, ``imd_decile``, ...

    Returns
    -------
    pandas.DataFrame
        One row per LSOA 2021: ``code`` and the file's other columns in lower case
        (``imd_decile``, ``imd_score``, ``imd_rank``, the domain deciles, ranks and scores,
        ...). Deciles are national (1 = the most deprived 10% of the 33,755 LSOAs in
        England).

    Raises
    ------
    DataError
        If the file is missing, lacks a column or holds a value that is not a number; the
        message names the file, row and column.

    Examples
    --------
    >>> iod = iod2025()
    >>> len(iod), int((iod["imd_decile"] == 1).sum())
    (169, 22)
    """
    frame = read_csv(_IOD2025, required=["lsoa21_code", "IMD_decile", "IMD_score", "IMD_rank"])
    frame = frame.rename(columns={"lsoa21_code": "code"})
    check_unique(frame, ["code"], _IOD2025)
    frame.columns = [c if c == "code" else c.lower() for c in frame.columns]
    return check_numeric(frame, ["imd_decile", "imd_score", "imd_rank"], _IOD2025)


def iod2019(london: bool = False) -> pd.DataFrame:
    """Return the IoD 2019 by LSOA 2011: the borough's 144, or all 4,835 London LSOAs.

    Parameters
    ----------
    london : bool, default False
        If True, every London LSOA; else only those of Tower Hamlets (``E09000030``).

    Returns
    -------
    pandas.DataFrame
        Columns: ``code``, ``la_code``, ``imd_score``, ``imd_decile`` (national, 1 = most
        deprived 10% of 32,844 LSOAs), ``income_score`` and ``employment_score``
        (proportions of people income deprived / of working-age people employment
        deprived), ``health_decile``, ``idaci_score`` and ``idaopi_score`` (proportions of
        children 0-15 / people 60+ living in income-deprived households) and the mid-2015
        population denominators ``children_0_15``, ``older_60_plus``, ``population`` and
        ``working_age``.

    Raises
    ------
    DataError
        If the file is missing, lacks a column or holds a value that is not a number; the
        message names the file, row and column.

    Examples
    --------
    >>> len(iod2019()), len(iod2019(london=True))
    (144, 4835)
    >>> iod2019()["imd_decile"].value_counts().sort_index().head(3).tolist()
    [2, 44, 40]
    """
    frame = read_csv(_IOD2019, required=list(_IOD2019_COLUMNS)).rename(columns=_IOD2019_COLUMNS)
    frame = frame[list(_IOD2019_COLUMNS.values())]
    check_unique(frame, ["code"], _IOD2019)
    frame = check_numeric(frame, list(_IOD2019_COLUMNS.values())[2:], _IOD2019)
    return frame if london else frame[frame["la_code"] == "E09000030"].reset_index(drop=True)
