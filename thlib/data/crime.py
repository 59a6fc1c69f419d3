"""Metropolitan Police recorded crime by ward and month (London Datastore)."""

from __future__ import annotations

import pandas as pd

from thlib.data.checks import check_numeric
from thlib.data.files import read_csv

_WARDS = "open-data/crime/mps_ward_level_crime_monthly_2024-03_2026-03_tower_hamlets.csv"
_MPS = "open-data/crime/mps_crime_monthly_2024-03_2026-03_london_total_by_category_DERIVED.csv"
#: The file is "the most recent 24 months" (April 2024 to March 2026); its first column,
#: 2024-03, holds only a few stray records (2 offences in the whole borough), so it is dropped.
_STRAY_MONTH = "202403"


def _tidy(frame: pd.DataFrame, keys: list[str], path: str) -> pd.DataFrame:
    months = [c for c in frame.columns if c.isdigit() and len(c) == 6 and c != _STRAY_MONTH]
    frame = check_numeric(frame, months, path, minimum=0)
    long = frame.melt(id_vars=keys, value_vars=months, var_name="month", value_name="count")
    long["month"] = pd.PeriodIndex(pd.to_datetime(long["month"], format="%Y%m"), freq="M")
    long["category"] = long.pop("MajorText").str.capitalize()
    return long


def crime_by_ward() -> pd.DataFrame:
    """Return offences by ward, major category and month, April 2024 to March 2026.

    Returns
    -------
    pandas.DataFrame
        Columns ``code`` (2014 ward code, still current), ``category`` (e.g. ``Burglary``),
        ``month`` (monthly Period) and ``count``. Minor categories are summed into their
        major category. The file's first month, March 2024, is dropped: it holds only a few
        stray records.

    Raises
    ------
    DataError
        If the file is missing, lacks a column or holds a value that is not a number; the
        message names the file, row and column.

    Examples
    --------
    >>> import pandas as pd
    >>> crime = crime_by_ward()
    >>> crime["code"].nunique(), crime["category"].nunique(), crime["month"].nunique()
    (20, 13, 24)
    >>> str(crime["month"].min()), str(crime["month"].max())
    ('2024-04', '2026-03')
    >>> in_month = (crime["code"] == "E05009317") & (crime["month"] == pd.Period("2026-01", "M"))
    >>> int(crime.loc[in_month, "count"].sum())  # Bethnal Green East, January 2026
    188
    """
    frame = read_csv(_WARDS, required=["MajorText", "WardCode"])
    frame = frame.rename(columns={"WardCode": "code"})
    long = _tidy(frame[[c for c in frame.columns if c not in ("MinorText", "WardName",
                                                               "LookUp_BoroughName")]],
                 ["code", "MajorText"], _WARDS)
    return long.groupby(["code", "category", "month"], as_index=False)["count"].sum()


def crime_london() -> pd.DataFrame:
    """Return offences in the whole Metropolitan Police area by major category and month.

    A DERIVED sum of every ward in the same MPS file (Heathrow included), the comparator
    for the borough.

    Returns
    -------
    pandas.DataFrame
        Columns ``category``, ``month`` (monthly Period, April 2024 to March 2026) and
        ``count``.

    Raises
    ------
    DataError
        If the file is missing, lacks a column or holds a value that is not a number; the
        message names the file, row and column.

    Examples
    --------
    >>> import pandas as pd
    >>> london = crime_london()
    >>> london["month"].nunique()
    24
    >>> int(london.loc[london["month"] == pd.Period("2026-03", "M"), "count"].sum())
    72880
    """
    frame = read_csv(_MPS, required=["MajorText"])
    long = _tidy(frame.drop(columns=["area", "MinorText"], errors="ignore"), ["MajorText"], _MPS)
    return long.groupby(["category", "month"], as_index=False)["count"].sum()
