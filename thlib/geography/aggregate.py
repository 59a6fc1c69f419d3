"""Figures for an area from tables published for other geographies.

A table may hold the area's own rows (wards, the borough) or only small areas
(LSOAs, MSOAs). Wards and neighbourhoods are then built from small areas by best
fit, which is approximate: :func:`bestfit_error` measures how far off it is where a
true ward table exists (Census 2021 TS022).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from thlib.errors import DataError
from thlib.geography.areas import BOROUGH_CODE, Area, list_areas
from thlib.geography.lookups import lsoa_to_ward, msoa_to_ward

#: How an area's figure was obtained, as said in outputs.
METHODS = {
    "published": "published for the area",
    "wards": "sum of the published ward figures",
    "lsoa": "sum of LSOAs by best fit (approximate)",
    "msoa": "sum of MSOAs by best fit (rough: MSOAs are large against wards)",
    "lsoas": "sum of the area's own LSOAs",
}


class NotCoveredError(DataError):
    """No row of a table falls in the area (e.g. no MSOA best-fits to a small ward).

    A :class:`~thlib.errors.DataError`, so callers that skip uncovered areas can catch
    this one case and let every other data error through.

    Parameters
    ----------
    *args : object
        The message, as for any exception: which area the table does not cover.

    Examples
    --------
    >>> import pandas as pd
    >>> from thlib.geography import get_area
    >>> one_lsoa = pd.DataFrame({"code": ["E01004198"], "n": [1]})  # in Bethnal Green West
    >>> aggregate(one_lsoa, get_area("ward", "E05009328"), ["n"])
    Traceback (most recent call last):
    ...
    thlib.geography.aggregate.NotCoveredError: no rows of this table fall in Poplar ward
    """


@dataclass(frozen=True)
class Aggregated:
    """Figures for one area and how they were obtained (a key of :data:`METHODS`).

    Attributes
    ----------
    frame : pandas.DataFrame
        The summed values, one row per group of ``by`` (one row if there is no ``by``).
    method : {"published", "wards", "lsoa", "msoa", "lsoas"}
        How the figures were obtained; :attr:`method_text` says it in words.

    Examples
    --------
    >>> import pandas as pd
    >>> result = Aggregated(pd.DataFrame({"n": [3]}), "lsoa")
    >>> result.method_text
    'sum of LSOAs by best fit (approximate)'
    """

    frame: pd.DataFrame
    method: str

    @property
    def method_text(self) -> str:
        """The method in words, as said in outputs (the value of :data:`METHODS`)."""
        return METHODS[self.method]


#: The small areas a table's codes may be, by code prefix, as named in messages.
_SMALL_AREAS = {"E01": "LSOA", "E02": "MSOA"}


def _ward_of(codes: pd.Series, lsoa_vintage: int) -> pd.Series:
    prefix = codes.str[:3]
    ward = pd.Series(pd.NA, index=codes.index, dtype="object")
    ward[prefix == "E05"] = codes[prefix == "E05"]
    ward[prefix == "E01"] = codes[prefix == "E01"].map(lsoa_to_ward(lsoa_vintage))
    if (prefix == "E02").any():
        ward[prefix == "E02"] = codes[prefix == "E02"].map(msoa_to_ward())
    return ward


def ward_table(
    frame: pd.DataFrame, values: list[str], by: list[str] | None = None, lsoa_vintage: int = 2021
) -> tuple[pd.DataFrame, str]:
    """Sum ``values`` by ward from the finest rows the table has (wards, LSOAs or MSOAs).

    Published ward rows are used when the table has any, else LSOA rows by best fit
    (:func:`~thlib.geography.lookups.lsoa_to_ward`), else MSOA rows
    (:func:`~thlib.geography.lookups.msoa_to_ward`).

    Parameters
    ----------
    frame : pandas.DataFrame
        A tidy table with a ``code`` column of GSS codes.
    values : list of str
        Additive columns (counts) to sum.
    by : list of str, optional
        Columns that stay (e.g. ``["category"]``).
    lsoa_vintage : {2021, 2011}
        The LSOA vintage of the table's LSOA codes.

    Returns
    -------
    frame : pandas.DataFrame
        Columns ``ward_code``, ``by``... and ``values``.
    level : {"E05", "E01", "E02"}
        The level used: published ward rows, LSOA best fit or MSOA best fit.

    Raises
    ------
    DataError
        If the table has no ward, LSOA or MSOA rows.

    Examples
    --------
    LSOAs ``E01004198`` and ``E01004199`` best-fit to Bethnal Green West (``E05009331``),
    ``E01004222`` to Bow East (``E05009319``):

    >>> import pandas as pd
    >>> frame = pd.DataFrame({"code": ["E01004198", "E01004199", "E01004222"], "n": [1, 2, 4]})
    >>> table, level = ward_table(frame, ["n"])
    >>> level, table.to_dict("records")
    ('E01', [{'ward_code': 'E05009319', 'n': 4}, {'ward_code': 'E05009331', 'n': 3}])
    """
    codes = frame["code"].astype(str)
    prefixes = set(codes.str[:3])
    level = next((p for p in ("E05", "E01", "E02") if p in prefixes), None)
    if level is None:
        raise DataError("this table has no ward, LSOA or MSOA rows to build areas from")
    at_level = frame[codes.str[:3] == level]
    ward = _ward_of(at_level["code"].astype(str), lsoa_vintage)
    if ward.isna().any():
        # summing by ward would silently drop these rows (and their residents)
        unknown = at_level["code"][ward.isna().to_numpy()].iloc[0]
        source = frame.attrs.get("file", "this table")
        raise DataError(
            f"{source}: area code {unknown!r} is not in the {_SMALL_AREAS[level]} to ward "
            "lookup, so its rows cannot be given to a ward; correct the code or the lookup"
        )
    keys = ["ward_code", *(by or [])]
    summed = (at_level.assign(ward_code=ward.to_numpy())
              .groupby(keys, observed=True)[values].sum().reset_index())
    return summed, level


def aggregate(
    frame: pd.DataFrame,
    area: Area,
    values: list[str],
    by: list[str] | None = None,
    lsoa_vintage: int = 2021,
    wards: tuple[pd.DataFrame, str] | None = None,
) -> Aggregated:
    """Sum ``values`` of ``frame`` over the area, grouped by the columns ``by``.

    Parameters
    ----------
    frame : pandas.DataFrame
        A tidy table with a ``code`` column of GSS codes.
    area : Area
        The borough, a neighbourhood, a ward or a custom area. A custom area of LSOAs
        takes its own LSOA (2021) rows only; one of wards is built as a neighbourhood.
    values : list of str
        Additive columns (counts) to sum.
    by : list of str, optional
        Columns that stay (e.g. ``["category"]``).
    lsoa_vintage : {2021, 2011}
        The LSOA vintage of the table's LSOA codes.
    wards : tuple, optional
        The result of :func:`ward_table` for ``frame``, to reuse across many areas.

    Returns
    -------
    Aggregated
        The summed frame and the method used: the area's own published row where the
        table has one, else the sum of published ward rows, else LSOA or MSOA best fit.

    Raises
    ------
    NotCoveredError
        If no row falls in the area (for a custom area of LSOAs: if the table has no row
        for its LSOAs, e.g. a table of wards only).
    DataError
        If the table has no row for the area and no ward, LSOA or MSOA rows.

    Examples
    --------
    Census TS007A has a row for the borough, which is used as published; a ward is the
    sum of its LSOAs by best fit:

    >>> from thlib.data import census
    >>> from thlib.geography import get_area
    >>> ages = census("ts007a")
    >>> borough = aggregate(ages, get_area("borough", "E09000030"), ["count"])
    >>> borough.method, int(borough.frame["count"].iloc[0])
    ('published', 310306)
    >>> ward = aggregate(ages, get_area("ward", "E05009317"), ["count"], by=["category"])
    >>> ward.method, len(ward.frame), int(ward.frame["count"].iloc[0])  # 18 bands; aged 0-4
    ('lsoa', 18, 1417)

    A neighbourhood is the sum of its wards' published rows:

    >>> import pandas as pd
    >>> by_ward = pd.DataFrame({"code": ["E05009317", "E05009331", "E05009328"], "n": [1, 2, 4]})
    >>> hood = aggregate(by_ward, get_area("neighbourhood", "TH-NW"), ["n"])
    >>> hood.method, int(hood.frame["n"].iloc[0])
    ('wards', 3)
    """
    by = list(by or [])
    codes = frame["code"].astype(str)
    if area.lsoas:
        # A custom area of LSOAs: its own LSOA (2021) rows exactly, never a best fit.
        rows = frame[codes.isin(area.lsoas)] if lsoa_vintage == 2021 else frame.iloc[:0]
        method = "lsoas"
        if rows.empty:
            raise NotCoveredError(f"this table has no rows for the LSOAs (2021) of "
                                  f"{area.label}")
    elif area.type == "borough" and (codes == BOROUGH_CODE).any():
        rows, method = frame[codes == BOROUGH_CODE], "published"
    else:
        table, level = wards or ward_table(frame, values, by, lsoa_vintage)
        rows = table[table["ward_code"].isin(area.wards)]
        method = {"E05": "published" if area.type == "ward" else "wards", "E01": "lsoa",
                  "E02": "msoa"}[level]
        if rows.empty:
            raise NotCoveredError(f"no rows of this table fall in {area.label}")
    if by:
        return Aggregated(rows.groupby(by, observed=True)[values].sum().reset_index(), method)
    return Aggregated(rows[values].sum().to_frame().T.reset_index(drop=True), method)


def bestfit_error(
    ward_totals: pd.Series, lsoa_totals: pd.Series, lsoa_vintage: int = 2021
) -> pd.DataFrame:
    """Compare true ward totals with sums of LSOA totals by best-fit ward.

    Parameters
    ----------
    ward_totals : pandas.Series
        True totals indexed by ward code (e.g. TS022 usual residents by ward).
    lsoa_totals : pandas.Series
        The same measure indexed by LSOA code (e.g. TS007a usual residents by LSOA).
    lsoa_vintage : {2021, 2011}
        The LSOA vintage of ``lsoa_totals``' codes.

    Returns
    -------
    pandas.DataFrame
        One row per ward present in both: ``ward_code``, ``true``, ``bestfit``,
        ``difference``, ``percent_difference`` ((best fit - true) / true * 100) and
        ``name``.

    Raises
    ------
    ParameterError
        If ``lsoa_vintage`` is neither 2011 nor 2021.

    Examples
    --------
    Two LSOAs of Bethnal Green West (``E05009331``) hold 6 and 5 people, the ward 10:

    >>> import pandas as pd
    >>> error = bestfit_error(pd.Series({"E05009331": 10}),
    ...                       pd.Series({"E01004198": 6, "E01004199": 5}))
    >>> error[["name", "bestfit", "percent_difference"]].to_dict("records")
    [{'name': 'Bethnal Green West', 'bestfit': 11, 'percent_difference': 10.0}]
    """
    ward = lsoa_totals.index.to_series().map(lsoa_to_ward(lsoa_vintage))
    bestfit = lsoa_totals.groupby(ward).sum()
    names = {w.code: w.name for w in list_areas("ward")}
    table = pd.DataFrame({"true": ward_totals, "bestfit": bestfit}).dropna()
    table["difference"] = table["bestfit"] - table["true"]
    table["percent_difference"] = table["difference"] / table["true"] * 100
    table.index.name = "ward_code"
    return table.reset_index().assign(name=lambda t: t["ward_code"].map(names))
