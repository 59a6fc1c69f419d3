"""Area figures: the one place each figure about a place is worked out.

The catalogue's recipes (:mod:`thlib.indicators.recipes`, every geography) and the area
profile (:class:`thlib.profiles.AreaProfile`, one area and its comparators) are both
built from these functions, so a profile and the annual report cannot disagree.

A *place* is an :class:`~thlib.geography.Area` (a ward, a neighbourhood or the borough)
or the GSS code of a comparator beyond the borough: London (``E12000007``) or England
(``E92000001``). A figure the data do not reach for a place raises
:class:`~thlib.geography.NotCoveredError`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd

from thlib import data
from thlib.errors import DataError, ParameterError
from thlib.geography import (
    LONDON_CODE,
    METHODS,
    Area,
    NotCoveredError,
    aggregate,
    lsoa_to_ward,
    ward_table,
)
from thlib.periods import Period

#: An area of the borough, or the GSS code of London or England.
Place = Area | str

#: IoD editions shipped, and the LSOA vintage each is published on.
IOD_EDITIONS = {2025: 2021, 2019: 2011}

#: Ways :func:`crime_counts` can break a count down.
CRIME_BREAKDOWNS = ("month", "category")

__all__ = [
    "CRIME_BREAKDOWNS", "IOD_EDITIONS", "PTAL_BANDS", "SERIES_FILTERS", "CensusCounts",
    "MissingSeriesValueError", "Place", "SeriesSelectionError", "air_quality", "census_counts",
    "crime_counts", "crime_months", "crime_window_label", "decile_counts", "iod_lsoas",
    "lsoas_in", "ptal_band", "residents", "residents_by_lsoa", "residents_by_ward",
    "series_measure", "series_periods", "series_values", "transport_access", "weighted_sum",
]


#: Loaders of the shipped files figures are computed from, by name.
_LOADERS: dict[str, Callable[[], pd.DataFrame]] = {
    "crime_by_ward": data.crime_by_ward,
    "crime_london": data.crime_london,
    "iod2025": data.iod2025,
    "iod2019_london": lambda: data.iod2019(london=True),
    "air_quality_lsoa": data.air_quality_lsoa,
    "ptal_lsoa": data.ptal_lsoa,
}


def _shipped(name: str) -> pd.DataFrame:
    """Return a shipped table, read once per process and data folder (treat as read-only)."""
    return _shipped_in(name, data.data_dir())


@functools.lru_cache(maxsize=32)
def _shipped_in(name: str, _folder: Path) -> pd.DataFrame:
    # Every unit of every indicator reads the same files: reading them once saves seconds.
    if name.startswith("census:"):
        return data.census(name.removeprefix("census:"))
    return _LOADERS[name]()


def _need(frame: pd.DataFrame, *columns: str) -> None:
    """Refuse a column the frame lacks, listing those it has (a recipe may name any)."""
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise DataError(f"no column {', '.join(map(repr, missing))} in this table; its "
                        f"columns are {', '.join(map(str, frame.columns))}")


def _code(place: Place) -> str:
    return place.code if isinstance(place, Area) else place


def _name(place: Place) -> str:
    return place.label if isinstance(place, Area) else place


# -- Residents ---------------------------------------------------------------------------


def residents_by_ward() -> pd.Series:
    """Return Census 2021 usual residents of each ward, as published by ward (TS022).

    Returns
    -------
    pandas.Series
        Residents indexed by ward code (20 wards), named ``total``.

    Examples
    --------
    >>> wards = residents_by_ward()
    >>> len(wards), int(wards["E05009331"])
    (20, 19797)
    """
    totals = data.census_totals("ts022")
    return totals[totals.index.str.startswith("E05")]


def residents_by_lsoa() -> pd.Series:
    """Return Census 2021 usual residents of each LSOA (2021) of the borough (TS007A).

    Returns
    -------
    pandas.Series
        Residents indexed by LSOA code (169 LSOAs), named ``total``.

    Examples
    --------
    >>> lsoas = residents_by_lsoa()
    >>> len(lsoas), int(lsoas.sum())
    (169, 310303)
    """
    totals = data.census_totals("ts007a")
    return totals[totals.index.str.startswith("E01")]


def _sum_of(counts: pd.Series, codes: tuple[str, ...], table: str, kind: str,
            place: Area) -> int:
    """Return the residents of ``codes`` summed, naming any the table does not hold."""
    missing = sorted(set(codes) - set(counts.index))
    if missing:
        raise NotCoveredError(f"{table} has no residents for {kind} {missing} of {place.label}")
    return int(counts[list(codes)].sum())


def residents(place: Place) -> int:
    """Return Census 2021 usual residents of a place.

    Wards, neighbourhoods and custom areas of wards add up the true ward counts of TS022
    (not LSOAs by best fit); custom areas of LSOAs add up their LSOAs' TS007A totals; the
    borough, London and England take their published TS007A totals.

    Parameters
    ----------
    place : Area or str
        A ward, neighbourhood, custom area or the borough, or the code of London or England.

    Returns
    -------
    int
        Usual residents.

    Raises
    ------
    NotCoveredError
        If the Census tables hold no total for the place.

    Examples
    --------
    >>> from thlib.geography import get_area
    >>> residents(get_area("ward", "E05009317"))  # Bethnal Green East
    21078
    >>> residents("E12000007")  # London
    8799725
    """
    if isinstance(place, Area) and place.lsoas:
        return _sum_of(residents_by_lsoa(), place.lsoas, "Census TS007A", "LSOAs", place)
    if isinstance(place, Area) and place.type != "borough":
        return _sum_of(residents_by_ward(), place.wards, "Census TS022", "wards", place)
    totals = data.census_totals("ts007a")
    code = _code(place)
    if code not in totals:
        raise NotCoveredError(f"Census TS007A has no total for {_name(place)}")
    return int(totals[code])


# -- Census tables -----------------------------------------------------------------------


@dataclass(frozen=True)
class CensusCounts:
    """A Census table's counts in one place, its universe total there, and how they were got.

    Parameters
    ----------
    table : str
        The table id, e.g. ``"ts054"``.
    counts : pandas.Series
        Count in each category (index: the table's ordered categories).
    total : float
        The table's universe in the place (all residents, all households, ...).
    method : str
        A key of :data:`thlib.geography.METHODS`: ``"published"``, ``"wards"``,
        ``"lsoa"`` or ``"msoa"``.

    Examples
    --------
    >>> from thlib.geography import get_area
    >>> tenure = census_counts("ts054", get_area("ward", "E05009317"))
    >>> tenure.method, int(tenure.total) == int(tenure.counts.sum())
    ('lsoa', True)
    """

    table: str
    counts: pd.Series
    total: float
    method: str

    @property
    def method_text(self) -> str:
        """How the figures were obtained, in words (:data:`thlib.geography.METHODS`)."""
        return METHODS[self.method]

    def share(self, numerator: list[str],
              denominator: list[str] | None = None) -> tuple[float, float]:
        """Return the count in ``numerator`` categories and the count it is a share of.

        Parameters
        ----------
        numerator : list of str
            Categories added up for the numerator.
        denominator : list of str, optional
            Categories added up for the denominator; by default the table's universe.

        Returns
        -------
        tuple of float
            ``(numerator, denominator)``.

        Raises
        ------
        DataError
            If a category is not one of the table's.

        Examples
        --------
        >>> tenure = census_counts("ts054", "E12000007")  # London
        >>> numerator, denominator = tenure.share(["Private rented"])
        >>> round(float(numerator / denominator * 100), 1)
        30.0
        """
        wanted = [*numerator, *(denominator or [])]
        unknown = [c for c in wanted if c not in self.counts.index]
        if unknown:
            raise DataError(f"Census table {self.table} has no categories {unknown}; its "
                            f"categories are {list(self.counts.index)}")
        top = self.counts[numerator].sum()
        bottom = self.counts[denominator].sum() if denominator else self.total
        return top, bottom


@functools.cache
def _by_ward(table_id: str, _folder: Path) -> tuple[tuple[pd.DataFrame, str],
                                                    tuple[pd.DataFrame, str]]:
    # Summed by ward once per process and data folder, then reused for every area.
    table = _shipped(f"census:{table_id}")
    totals = data.census_totals(table_id).reset_index()
    return ward_table(table, ["count"], ["category"]), ward_table(totals, ["total"])


def census_counts(table_id: str, place: Place) -> CensusCounts:
    """Return a Census 2021 table's counts and universe total in a place.

    The place's own published row is used where the table has it; otherwise wards are
    added up, or LSOAs (or MSOAs) by best fit (:func:`thlib.geography.aggregate`).

    Parameters
    ----------
    table_id : str
        A table id from ``census_tables.yml``, e.g. ``"ts054"``.
    place : Area or str
        A ward, neighbourhood or the borough, or the code of London or England.

    Returns
    -------
    CensusCounts
        Counts by category, the total and the method.

    Raises
    ------
    NotCoveredError
        If no row of the table falls in the place (e.g. no MSOA fits a small ward).
    DataError
        If the table is unknown or its totals disagree (:func:`thlib.data.census_totals`).

    Examples
    --------
    >>> counts = census_counts("ts054", "E09000030")  # Tower Hamlets, by tenure
    >>> int(counts.counts["Private rented"]), int(counts.total), counts.method
    (46000, 120539, 'published')
    """
    found = _census_counts(table_id, place, data.data_dir())
    # a copy: what a caller does with its counts never reaches the next caller's
    return replace(found, counts=found.counts.copy())


@functools.lru_cache(maxsize=1024)
def _census_counts(table_id: str, place: Place, _folder: Path) -> CensusCounts:
    # Summed once per process and data folder: the catalogue's 22 Census indicators read
    # 12 tables, and each profile's charts read the borough's, London's and England's rows.
    table = _shipped(f"census:{table_id}")
    if isinstance(place, Area):
        counts_by_ward, totals_by_ward = _by_ward(table_id, data.data_dir())
        found = aggregate(table, place, ["count"], ["category"], wards=counts_by_ward)
        totals = data.census_totals(table_id).reset_index()
        total = aggregate(totals, place, ["total"], wards=totals_by_ward).frame["total"].iloc[0]
        counts = found.frame.set_index("category")["count"]
        method = found.method
    else:
        rows = table[table["code"] == place]
        if rows.empty:
            raise NotCoveredError(f"Census table {table_id} has no rows for {place}")
        counts = rows.set_index("category")["count"]
        total = data.census_totals(table_id)[place]
        method = "published"
    return CensusCounts(table_id, counts.rename("count"), total, method)


# -- Small areas and deprivation ---------------------------------------------------------


def lsoas_in(area: Area, vintage: int = 2021) -> list[str]:
    """Return the codes of the LSOAs whose best-fit ward lies in the area.

    A custom area of LSOAs has its own LSOAs (2021), exactly.

    Parameters
    ----------
    area : Area
        A ward, neighbourhood, custom area or the borough.
    vintage : {2021, 2011}
        LSOA vintage (2011 for IoD 2019 and TfL PTAL, 2021 otherwise).

    Returns
    -------
    list of str
        LSOA codes, sorted.

    Raises
    ------
    NotCoveredError
        For a custom area of LSOAs and the 2011 vintage (its LSOAs are 2021 ones).

    Examples
    --------
    >>> from thlib.geography import get_area
    >>> lsoas_in(get_area("ward", "E05009331"))[:2]
    ['E01004198', 'E01004199']
    >>> len(lsoas_in(get_area("borough", "E09000030"), 2011))
    144
    """
    if area.lsoas:
        if vintage != 2021:
            raise NotCoveredError(f"{area.label} is made of LSOAs (2021), which are not those "
                                  f"of {vintage}")
        return sorted(area.lsoas)
    lookup = lsoa_to_ward(vintage)
    return sorted(lookup[lookup.isin(area.wards)].index)


def iod_lsoas(edition: int, place: Place) -> pd.DataFrame:
    """Return the English Indices of Deprivation rows (one per LSOA) of a place.

    Parameters
    ----------
    edition : {2025, 2019}
        IoD 2025 (LSOA 2021, the borough's LSOAs) or IoD 2019 (LSOA 2011, every London
        LSOA, as compiled by the GLA).
    place : Area or str
        A ward, neighbourhood or the borough (its LSOAs by best fit), or London's code
        (every London LSOA; IoD 2019 only).

    Returns
    -------
    pandas.DataFrame
        The edition's columns (``code``, ``imd_decile``, scores, ...) for those LSOAs.

    Raises
    ------
    ParameterError
        If the edition is not shipped.
    NotCoveredError
        If the edition's shipped file does not cover the place (England; London in 2025).

    Examples
    --------
    >>> from thlib.geography import get_area
    >>> len(iod_lsoas(2019, "E12000007")), len(iod_lsoas(2025, get_area("borough", "E09000030")))
    (4835, 169)
    """
    if edition not in IOD_EDITIONS:
        raise ParameterError(f"IoD edition {edition!r} is not shipped; use one of "
                             f"{', '.join(map(str, IOD_EDITIONS))}")
    table = _shipped("iod2025" if edition == 2025 else "iod2019_london")
    if isinstance(place, Area):
        return table[table["code"].isin(lsoas_in(place, IOD_EDITIONS[edition]))]
    if place == LONDON_CODE and edition == 2019:
        return table.copy()  # the cached table stays as read
    raise NotCoveredError(f"the IoD {edition} file shipped has no LSOAs of {place}")


def weighted_sum(frame: pd.DataFrame, value: str, weight: str) -> tuple[float, float]:
    """Return ``sum(value x weight)`` and ``sum(weight)``: a weighted mean's two parts.

    The weighted mean is the first divided by the second; keeping both lets the caller
    treat them as a numerator and denominator (e.g. an IoD score weighted by the
    population it describes is the share of that population affected).

    Parameters
    ----------
    frame : pandas.DataFrame
        One row per unit (e.g. LSOA).
    value, weight : str
        Columns of values and of their weights.

    Returns
    -------
    tuple of float
        ``(sum of value x weight, sum of weight)``, as numpy scalars.

    Raises
    ------
    DataError
        If a column is missing (listing the frame's columns).

    Examples
    --------
    >>> import pandas as pd
    >>> parts = weighted_sum(pd.DataFrame({"score": [0.25, 0.5], "people": [300, 100]}),
    ...                      "score", "people")
    >>> [float(part) for part in parts]  # 0.25 x 300 + 0.5 x 100, and 300 + 100
    [125.0, 400.0]
    """
    _need(frame, value, weight)
    weights = frame[weight]
    # Sums stay in the columns' own types: whole weights (people) stay whole numbers.
    return (frame[value] * weights).sum(), weights.sum()


def decile_counts(frame: pd.DataFrame, column: str) -> pd.Series:
    """Return how many rows (LSOAs) fall in each national decile, 1 to 10.

    Parameters
    ----------
    frame : pandas.DataFrame
        One row per LSOA.
    column : str
        A decile column (values 1 to 10), e.g. ``"imd_decile"``.

    Returns
    -------
    pandas.Series
        Counts indexed 1 to 10 (0 where no LSOA falls in a decile).

    Raises
    ------
    DataError
        If the column is missing (listing the frame's columns).

    Examples
    --------
    >>> import pandas as pd
    >>> decile_counts(pd.DataFrame({"d": [1, 1, 3]}), "d").tolist()
    [2, 0, 1, 0, 0, 0, 0, 0, 0, 0]
    """
    _need(frame, column)
    deciles = frame[column].astype(int)
    return deciles.value_counts().reindex(range(1, 11), fill_value=0).rename("lsoas")


# -- Crime ---------------------------------------------------------------------------------


def crime_months(months: int = 12, offset: int = 0) -> list[pd.Period]:
    """Return a window of whole months of the crime file, oldest first.

    Parameters
    ----------
    months : int, default 12
        Length of the window.
    offset : int, default 0
        How many months before the latest month of the file the window ends.

    Returns
    -------
    list of pandas.Period
        The months (fewer if the file is shorter than the window).

    Raises
    ------
    ParameterError
        If ``months`` is below 1 or ``offset`` below 0.

    Examples
    --------
    >>> window = crime_months(12)
    >>> len(window), str(window[0]), str(window[-1])
    (12, '2025-04', '2026-03')
    >>> [str(m) for m in crime_months(3, offset=12)]
    ['2025-01', '2025-02', '2025-03']
    """
    if months < 1 or offset < 0:
        raise ParameterError(f"a crime window needs months >= 1 and offset >= 0, not "
                             f"months={months!r}, offset={offset!r}")
    every = sorted(_shipped("crime_by_ward")["month"].unique())
    end = len(every) - offset
    return every[max(0, end - months):max(0, end)]


def crime_window_label(months: list[pd.Period]) -> str:
    """Return how a window of months is written: ``"Apr 2025 to Mar 2026"``.

    Parameters
    ----------
    months : list of pandas.Period
        Consecutive months, oldest first (as :func:`crime_months` gives them).

    Returns
    -------
    str

    Examples
    --------
    >>> crime_window_label(crime_months(12))
    'Apr 2025 to Mar 2026'
    >>> crime_window_label(crime_months(1))
    'Mar 2026'
    """
    first, last = f"{months[0]:%b %Y}", f"{months[-1]:%b %Y}"
    return first if first == last else f"{first} to {last}"


def crime_counts(place: Place, by: str = "category", months: list[pd.Period] | None = None,
                 categories: list[str] | None = None) -> pd.Series:
    """Return offences recorded in a place, by month or by major category.

    Wards and neighbourhoods add up the MPS ward counts; the borough is its 20 wards;
    London is the Metropolitan Police area (the City of London is policed separately).

    Parameters
    ----------
    place : Area or str
        A ward, neighbourhood or the borough, or London's code.
    by : {"category", "month"}
        How to break the count down.
    months : list of pandas.Period, optional
        Months to count (:func:`crime_months`); by default every month of the file.
    categories : list of str, optional
        Major categories to count; by default all.

    Returns
    -------
    pandas.Series
        Offences indexed by category or month (months in order).

    Raises
    ------
    ParameterError
        If ``by`` is not one of :data:`CRIME_BREAKDOWNS`.
    NotCoveredError
        For England (not in the shipped files) and custom areas of LSOAs (the counts are
        by ward).

    Examples
    --------
    >>> from thlib.geography import get_area
    >>> ward = get_area("ward", "E05009331")
    >>> by_month = crime_counts(ward, "month")
    >>> len(by_month), int(by_month.sum()) == int(crime_counts(ward).sum())
    (24, True)
    """
    if by not in CRIME_BREAKDOWNS:
        raise ParameterError(f"crime counts can be broken down by {' or '.join(CRIME_BREAKDOWNS)}"
                             f", not {by!r}")
    if isinstance(place, Area) and place.lsoas:
        raise NotCoveredError(f"the crime files shipped count by ward, not by LSOA, so they "
                              f"hold no counts for {place.label}")
    if isinstance(place, Area):
        crime = _shipped("crime_by_ward")
        frame = crime[crime["code"].isin(place.wards)]
    elif place == LONDON_CODE:
        frame = _shipped("crime_london")
    else:
        raise NotCoveredError(f"the crime files shipped hold no counts for {place}")
    if months is not None:
        frame = frame[frame["month"].isin(months)]
    if categories is not None:
        frame = frame[frame["category"].isin(categories)]
    return frame.groupby(by)["count"].sum()


# -- Environment and transport -------------------------------------------------------------


def air_quality(place: Place, pollutant: str) -> float:
    """Return a modelled annual mean concentration where the place's residents live.

    LAEI 2019 LSOA means weighted by Census 2021 usual residents of each LSOA.

    Parameters
    ----------
    place : Area
        A ward, neighbourhood or the borough.
    pollutant : {"NO2", "PM25"}
        Column of the LAEI LSOA file.

    Returns
    -------
    float
        Concentration in µg/m³.

    Raises
    ------
    NotCoveredError
        For London and England (the shipped file holds the borough's LSOAs only).

    Examples
    --------
    >>> from thlib.geography import get_area
    >>> round(air_quality(get_area("borough", "E09000030"), "NO2"), 1)
    33.8
    """
    if not isinstance(place, Area):
        raise NotCoveredError(f"the air quality file shipped has no LSOAs of {place}")
    air = _shipped("air_quality_lsoa")
    air = air[air["code"].isin(lsoas_in(place, 2021))]
    air = air.assign(weight=air["code"].map(residents_by_lsoa()))
    numerator, denominator = weighted_sum(air, pollutant, "weight")
    return float(numerator / denominator)


#: TfL's access levels (PTAL) and the highest average access index (PTAI) of each; above
#: 40 is 6b. Every row of the shipped TfL files (144 LSOAs, 20 wards) is in the band these
#: give its published PTAI.
PTAL_BANDS = (("0", 0.0), ("1a", 2.5), ("1b", 5.0), ("2", 10.0), ("3", 15.0), ("4", 20.0),
              ("5", 25.0), ("6a", 40.0))


def ptal_band(ptai: float) -> str:
    """Return TfL's access level (PTAL) for an access index (PTAI).

    Parameters
    ----------
    ptai : float
        An average public transport access index, 0 or more.

    Returns
    -------
    str
        ``"0"``, ``"1a"``, ``"1b"``, ``"2"`` to ``"5"``, ``"6a"`` or ``"6b"``.

    Raises
    ------
    ParameterError
        If ``ptai`` is negative or not a number.

    Examples
    --------
    >>> ptal_band(16.126667), ptal_band(25.0), ptal_band(25.01), ptal_band(41)
    ('4', '5', '6a', '6b')
    """
    if pd.isna(ptai) or ptai < 0:
        raise ParameterError(f"an access index (PTAI) is a number of 0 or more, not {ptai!r}")
    return next((band for band, highest in PTAL_BANDS if ptai <= highest), "6b")


def transport_access(place: Place) -> tuple[float, str]:
    """Return the average public transport access index (PTAI, TfL 2015) and its level.

    One method for every area: the mean of TfL's LSOA (2011) average PTAI values, weighted
    by each LSOA's residents (the IoD 2019 total population denominators, mid-2015,
    excluding prisoners), over the LSOAs given to the area by best fit. The level is
    TfL's band (:func:`ptal_band`) of that index.

    Parameters
    ----------
    place : Area
        A ward, neighbourhood or the borough.

    Returns
    -------
    tuple
        ``(ptai, ptal)``.

    Raises
    ------
    NotCoveredError
        For London and England.
    DataError
        If an LSOA of the area has no population denominator.

    Examples
    --------
    >>> from thlib.geography import get_area
    >>> ptai, ptal = transport_access(get_area("ward", "E05009331"))
    >>> round(ptai, 1), ptal
    (30.9, '6a')
    """
    if not isinstance(place, Area):
        raise NotCoveredError(f"the PTAL files shipped hold nothing for {place}")
    lsoa = _shipped("ptal_lsoa")
    lsoa = lsoa[lsoa["code"].isin(lsoas_in(place, 2011))]
    people = iod_lsoas(2019, place).set_index("code")["population"]
    lsoa = lsoa.assign(people=lsoa["code"].map(people))
    missing = lsoa.loc[lsoa["people"].isna(), "code"].tolist()
    if missing or lsoa.empty:
        raise DataError(f"the IoD 2019 population denominators hold no residents for the "
                        f"LSOAs (2011) {', '.join(missing) or 'of ' + place.name}, so the "
                        "transport access index cannot be weighted")
    numerator, denominator = weighted_sum(lsoa, "ptai", "people")
    ptai = float(numerator / denominator)
    return ptai, ptal_band(ptai)


# -- Published series ----------------------------------------------------------------------

#: Columns a series file may need filtering on to give one series, in the order they are
#: checked (a file may hold several measures, sexes or age groups).
SERIES_FILTERS = ("indicator", "sex", "age")


class SeriesSelectionError(DataError):
    """A series recipe names no shipped file, or filters that do not give exactly one series.

    Parameters
    ----------
    message : str
        What was wrong, naming the file and what it holds.
    key : str
        The recipe key at fault: ``"file"``, one of :data:`SERIES_FILTERS` or ``"period"``.

    Examples
    --------
    >>> try:
    ...     series_measure("healthy_life_expectancy_at_birth_ons")
    ... except SeriesSelectionError as exc:
    ...     print(exc.key)
    sex
    """

    def __init__(self, message: str, key: str) -> None:
        super().__init__(message)
        self.key = key


class MissingSeriesValueError(NotCoveredError):
    """A series has a place's row for the period, but no value in it.

    A :class:`~thlib.geography.NotCoveredError`, so callers that skip places without a
    value still do; ``reason`` is the row's ``missing_reason`` (see
    :func:`thlib.data.read_series`): why the publisher left the value out, in words to show
    where the value would be (``"withheld: small numbers"``), or None where it gave none.

    Parameters
    ----------
    message : str
        Which place and period have no value.
    reason : str or None
        Why, as the publisher says.

    Examples
    --------
    >>> looked_after = series_measure("children_looked_after_rate_per_10k_dfe",
    ...                               london_boroughs=True)
    >>> latest = series_periods(looked_after)[-1]
    >>> try:
    ...     series_values(looked_after, "E09000001", latest)  # City of London: DfE's "c"
    ... except MissingSeriesValueError as exc:
    ...     print(exc.reason)
    withheld: small numbers
    """

    def __init__(self, message: str, reason: str | None) -> None:
        super().__init__(message)
        self.reason = reason


def _missing(place: Place, period: Period, reason: object) -> MissingSeriesValueError:
    """Return the error for a place and period without a value (with why, where known)."""
    message = f"the series holds no value for {_name(place)} in {period}"
    if isinstance(reason, str):
        return MissingSeriesValueError(f"{message} ({reason})", reason)
    return MissingSeriesValueError(message, None)


def series_measure(file: str, indicator: str | None = None, sex: str | None = None,
                   age: str | None = None, london_boroughs: bool = False) -> pd.DataFrame:
    """Return one series of a shipped series file: one measure, sex and age group.

    The file is read by :func:`thlib.data.series` (validated, periods parsed). A filter is
    needed only where the file holds more than one value of that column.

    Parameters
    ----------
    file : str
        The file's name in ``open-data/timeseries/``, with or without ``.csv``.
    indicator, sex, age : str, optional
        The value of the file's ``indicator``, ``sex`` or ``age`` column to keep.
    london_boroughs : bool, default False
        Read the file's version for every London borough (``london-boroughs/``).

    Returns
    -------
    pandas.DataFrame
        The file's rows of that series (columns of :data:`thlib.data.SERIES_COLUMNS`),
        by area and then period, oldest first; rows without a value are kept.

    Raises
    ------
    SeriesSelectionError
        If the file is not shipped (``key`` ``"file"``), a filter names a value the file
        does not hold, or the file holds several series and no filter picks one (``key``
        the column); the message lists what the file holds.

    Examples
    --------
    >>> male = series_measure("life_expectancy_at_birth_fingertips_TH_England_only", sex="Male")
    >>> th = male[male["area_code"] == "E09000030"]
    >>> th["period"].iloc[0].label, float(th["value"].iloc[0])
    ('2015-17', 77.7)
    >>> series_measure("eyfsp_expected_level_by_area_of_learning_dfe", indicator="GLD")
    ... # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    thlib.indicators.figures.SeriesSelectionError: eyfsp_expected_level_by_area_of_learning_dfe ...
    """
    return _series_measure(str(file), indicator, sex, age, london_boroughs,
                           data.data_dir()).copy()


@functools.lru_cache(maxsize=256)
def _series_measure(file: str, indicator: str | None, sex: str | None, age: str | None,
                    london_boroughs: bool, _folder: Path) -> pd.DataFrame:
    # Every period of every series indicator, its peers and its appendix rows read one.
    shipped = [Path(p).stem for p in data.series_files(london_boroughs=london_boroughs)]
    name = Path(str(file)).stem if str(file).endswith(".csv") else str(file)
    folder = "open-data/timeseries/" + ("london-boroughs/" if london_boroughs else "")
    if name not in shipped:
        raise SeriesSelectionError(
            f"no series file {file!r} in {folder}; the shipped files are "
            f"{', '.join(shipped)}", "file")
    frame = data.series(f"london-boroughs/{name}" if london_boroughs else name)
    wanted = {"indicator": indicator, "sex": sex, "age": age}
    for key in SERIES_FILTERS:
        held = sorted(set(frame[key].dropna()))
        if wanted[key] is not None:
            if wanted[key] not in held:
                raise SeriesSelectionError(
                    f"{name} has no {key} {wanted[key]!r}; it holds "
                    f"{', '.join(map(repr, held)) or 'none'}", key)
            frame = frame[frame[key] == wanted[key]]
        elif len(held) > 1:
            raise SeriesSelectionError(
                f"{name} holds several series by {key} ({', '.join(map(repr, held))}): name "
                f"one as the recipe's {key!r}", key)
    return frame.reset_index(drop=True)


def series_periods(measure: pd.DataFrame, until: str | None = None) -> list[Period]:
    """Return the periods of a series that hold a value for some area, oldest first.

    Periods are ordered as periods (:class:`thlib.periods.Period`), never as text:
    ``2015-17`` comes after ``2015/16`` and before ``2024/25``.

    Parameters
    ----------
    measure : pandas.DataFrame
        One series (:func:`series_measure`).
    until : str, optional
        The label of a period: keep only it and the periods before it.

    Returns
    -------
    list of thlib.periods.Period
        Distinct periods, oldest first.

    Raises
    ------
    SeriesSelectionError
        If ``until`` is not the label of a period with a value (``key`` ``"period"``);
        the message lists the labels.

    Examples
    --------
    >>> ks2 = series_measure("ks2_expected_standard_rwm_dfe")
    >>> [p.label for p in series_periods(ks2)]
    ['2018/19', '2021/22', '2022/23', '2023/24', '2024/25']
    >>> [p.label for p in series_periods(ks2, until="2021/22")]
    ['2018/19', '2021/22']
    """
    periods = sorted(set(measure.loc[measure["value"].notna(), "period"]))
    if until is None:
        return periods
    labels = [p.label for p in periods]
    if until not in labels:
        raise SeriesSelectionError(
            f"no period {until!r} with a value in this series; its periods are "
            f"{', '.join(labels)}", "period")
    return periods[:labels.index(until) + 1]


def series_values(measure: pd.DataFrame, place: Place, period: Period) -> pd.Series:
    """Return a place's row of a series for one period, as published.

    Parameters
    ----------
    measure : pandas.DataFrame
        One series (:func:`series_measure`).
    place : Area or str
        The borough, or the GSS code of London or England.
    period : thlib.periods.Period
        The period.

    Returns
    -------
    pandas.Series
        ``value``, ``lower``, ``upper`` (published 95% limits), ``count`` and
        ``denominator`` (NaN where not published).

    Raises
    ------
    NotCoveredError
        If the series holds no value for the place in that period (a ward, a comparator
        the file lacks); :class:`MissingSeriesValueError`, with the publisher's reason
        where it gave one, if the place has a row for the period but no value in it (a
        value published as ``NA`` or a suppression marker such as ``c``).

    Examples
    --------
    >>> employment = series_measure("employment_rate_16_64_aps_ons")
    >>> latest = series_periods(employment)[-1]
    >>> row = series_values(employment, "E12000007", latest)
    >>> latest.label, float(row["value"]), round(float(row["lower"]), 1)
    ('2023', 74.6, 73.5)
    """
    code = _code(place)
    rows = measure[(measure["area_code"] == code) & (measure["period"] == period)]
    held = rows[rows["value"].notna()]
    if held.empty:
        if rows.empty:
            raise NotCoveredError(f"the series holds no value for {_name(place)} in {period}")
        reasons = rows.get("missing_reason", pd.Series(dtype="str")).dropna()
        raise _missing(place, period, reasons.iloc[0] if len(reasons) else None)
    return held.iloc[0][list(_SERIES_VALUES)]


#: What :func:`series_values` returns of a row.
_SERIES_VALUES = ("value", "lower", "upper", "count", "denominator")


@functools.lru_cache(maxsize=256)
def _series_rows(file: str, indicator: str | None, sex: str | None, age: str | None,
                 _folder: Path) -> tuple[pd.DataFrame, dict[tuple[str, Period], int],
                                         dict[tuple[str, Period], object]]:
    """Return a shipped series (read-only), where each row with a value is, and why not.

    The second dict says, for each area and period with a row but no value, the
    publisher's reason (None where not said). Keyed by (area code, period): the recipes
    look up every area of every period, and a dict built once beats masking the whole
    frame per lookup.
    """
    measure = _series_measure(file, indicator, sex, age, False, _folder)
    held = measure[measure["value"].notna()]
    first = held.drop_duplicates(["area_code", "period"])  # the row series_values takes
    # As series_values: the first reason given for an area and period with no value.
    empty = measure[measure["value"].isna()]
    keys = list(zip(empty["area_code"], empty["period"], strict=True))
    reasons: dict[tuple[str, Period], object] = dict.fromkeys(keys)
    for key, reason in zip(keys, empty["missing_reason"], strict=True):
        if reasons[key] is None and pd.notna(reason):
            reasons[key] = reason
    return (measure,
            dict(zip(zip(first["area_code"], first["period"], strict=True), first.index,
                     strict=True)),
            reasons)


def _series_row(file: str, indicator: str | None, sex: str | None, age: str | None,
               place: Place, period: Period) -> pd.Series:
    """Return :func:`series_values` of a shipped series, named as for :func:`series_measure`.

    The same row, looked up in a table built once per series and data folder (the
    recipes ask for every area of every period).

    Examples
    --------
    >>> employment = series_measure("employment_rate_16_64_aps_ons")
    >>> latest = series_periods(employment)[-1]
    >>> row = _series_row("employment_rate_16_64_aps_ons", None, None, None, "E12000007", latest)
    >>> row.equals(series_values(employment, "E12000007", latest))
    True
    """
    measure, rows, reasons = _series_rows(str(file), indicator, sex, age, data.data_dir())
    key = (_code(place), period)
    found = rows.get(key)
    if found is None:
        if key in reasons:
            raise _missing(place, period, reasons[key])
        raise NotCoveredError(f"the series holds no value for {_name(place)} in {period}")
    return measure.loc[found][list(_SERIES_VALUES)]
