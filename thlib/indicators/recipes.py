"""How each kind of indicator is computed from the shipped data, for every geography.

Recipes choose and combine figures; every figure about a place is worked out in
:mod:`thlib.indicators.figures`, which the area profiles use too. A recipe returns one
row per geography unit with ``numerator`` and ``denominator`` (statistics with
intervals) or ``value`` alone (published or modelled figures). The statistics
themselves are applied in :mod:`thlib.indicators.values`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from thlib import data
from thlib.geography import (
    BOROUGH_CODE,
    COMPARATOR_NAMES,
    ENGLAND_CODE,
    LONDON_CODE,
    Area,
    NotCoveredError,
    list_areas,
)
from thlib.geography.neighbourhoods import neighbourhoods_file
from thlib.indicators import figures
from thlib.periods import Period


@dataclass(frozen=True)
class Unit:
    """One geography an indicator is computed for."""

    type: str  # ward, neighbourhood, borough, london, england
    code: str
    name: str
    area: Area | None = None  # None for London and England

    @property
    def place(self) -> figures.Place:
        """The area, or the code of London or England (see :mod:`.figures`)."""
        return self.area if self.area is not None else self.code


def units(geographies: list[str]) -> list[Unit]:
    """Return the geography units for the indicator's ``geographies``, areas first."""
    return list(_units(tuple(geographies), data.data_dir(), neighbourhoods_file()))


@functools.lru_cache(maxsize=64)
def _units(geographies: tuple[str, ...], _folder: Path, _neighbourhoods: Path) -> tuple[Unit, ...]:
    # Asked for by every indicator and earlier period: the areas are read once per data
    # folder and neighbourhood file.
    result: list[Unit] = []
    for kind in ("ward", "neighbourhood", "borough"):
        if kind in geographies:
            result += [Unit(kind, a.code, a.name, a) for a in list_areas(kind)]
    for kind, code in (("london", LONDON_CODE), ("england", ENGLAND_CODE)):
        if kind in geographies:
            result.append(Unit(kind, code, COMPARATOR_NAMES[code]))
    return tuple(result)


def _row(unit: Unit, **values: object) -> dict[str, object]:
    return {"area_type": unit.type, "code": unit.code, "name": unit.name, **values}


def census_share(spec: dict, geo: list[Unit]) -> pd.DataFrame:
    """Share of a Census table's universe in some categories (numerator / denominator)."""
    rows = []
    for unit in geo:
        try:
            counts = figures.census_counts(spec["table"], unit.place)
        except NotCoveredError:
            continue  # the table does not reach this unit
        numerator, denominator = counts.share(spec["numerator"], spec.get("denominator"))
        rows.append(_row(unit, numerator=numerator, denominator=denominator))
    return pd.DataFrame(rows)


def iod_weighted(spec: dict, geo: list[Unit]) -> pd.DataFrame:
    """Population-weighted IoD score as a proportion: sum(score x weight) / sum(weight)."""
    rows = []
    for unit in geo:
        try:
            lsoas = figures.iod_lsoas(spec["edition"], unit.place)
        except NotCoveredError:
            continue
        numerator, denominator = figures.weighted_sum(lsoas, spec["score"], spec["weight"])
        rows.append(_row(unit, numerator=numerator, denominator=denominator))
    return pd.DataFrame(rows)


def iod_lsoa_share(spec: dict, geo: list[Unit]) -> pd.DataFrame:
    """Share of LSOAs in the given national deciles; England's is set by construction."""
    rows = []
    for unit in geo:
        if unit.type == "england":
            # Deciles split England's LSOAs into tenths, so each decile holds 10% of them.
            rows.append(_row(unit, value=10.0 * len(spec["deciles"])))
            continue
        try:
            lsoas = figures.iod_lsoas(spec["edition"], unit.place)
        except NotCoveredError:
            continue
        counts = figures.decile_counts(lsoas, spec["decile"])
        rows.append(_row(unit, numerator=int(counts[spec["deciles"]].sum()),
                         denominator=int(counts.sum())))
    return pd.DataFrame(rows)


def crime_rate(spec: dict, geo: list[Unit]) -> pd.DataFrame:
    """Offences in ``months`` months (some or all categories) and residents.

    The window ends ``offset`` months before the latest month in the file (default 0).
    """
    months = figures.crime_months(spec.get("months", 12), spec.get("offset", 0))
    rows = []
    for unit in geo:
        try:
            counts = figures.crime_counts(unit.place, "category", months,
                                          spec.get("categories"))
        except NotCoveredError:
            continue
        rows.append(_row(unit, numerator=int(counts.sum()),
                         denominator=figures.residents(unit.place),
                         period=figures.crime_window_label(months)))
    return pd.DataFrame(rows)


def air_quality(spec: dict, geo: list[Unit]) -> pd.DataFrame:
    """Modelled annual mean concentration weighted by Census 2021 residents per LSOA."""
    rows = []
    for unit in geo:
        try:
            rows.append(_row(unit, value=figures.air_quality(unit.place, spec["pollutant"])))
        except NotCoveredError:
            continue
    return pd.DataFrame(rows)


def transport_access(spec: dict, geo: list[Unit]) -> pd.DataFrame:
    """TfL average PTAI: the published ward value, else the mean of LSOA (2011) averages."""
    rows = []
    for unit in geo:
        try:
            rows.append(_row(unit, value=figures.transport_access(unit.place)[0]))
        except NotCoveredError:
            continue
    return pd.DataFrame(rows)


#: Files a ``published`` recipe can read: path under the data folder, and code column.
PUBLISHED_FILES = {
    "borough_profiles": (
        "open-data/profiles/gla_london_borough_profiles_2017_tower_hamlets_inner_london_"
        "england_uk.csv", "Code"),
    "ward_profiles": (
        "open-data/profiles/gla_ward_profiles_2015_tower_hamlets_wards2011_with_london_"
        "england.csv", "New code"),
}


def published(spec: dict, geo: list[Unit]) -> pd.DataFrame:
    """Read a value as published for the borough, London and England (GLA profiles)."""
    path, code_column = PUBLISHED_FILES[spec["file"]]
    frame = data.read_csv(path, required=[code_column, spec["column"]], encoding="latin-1")
    values = frame.set_index(code_column)[spec["column"]].astype(str)
    # GLA files write money as "Â£34,930" (a mis-encoded pound sign) and missing as "."
    cleaned = pd.to_numeric(values.str.replace(r"[^0-9.\-]", "", regex=True)
                            .replace({"": None, ".": None, "-": None}), errors="coerce")
    rows = []
    for unit in geo:
        code = BOROUGH_CODE if unit.type == "borough" else unit.code
        if unit.type in ("borough", "london", "england") and pd.notna(cleaned.get(code)):
            rows.append(_row(unit, value=float(cleaned[code])))
    return pd.DataFrame(rows)


def _series_key(spec: dict) -> tuple[str, str | None, str | None, str | None]:
    """Return the series a recipe names: its file and filters (as for ``series_measure``)."""
    return spec["file"], spec.get("indicator"), spec.get("sex"), spec.get("age")


def _series_periods(spec: dict) -> list[Period]:
    """Return the periods of the recipe's series with a value, up to its ``period``."""
    return list(_periods_of(*_series_key(spec), spec.get("period"), data.data_dir()))


@functools.lru_cache(maxsize=1024)
def _periods_of(file: str, indicator: str | None, sex: str | None, age: str | None,
                until: str | None, _folder: Path) -> tuple[Period, ...]:
    # Asked for by every period of every series indicator: worked out once per data folder.
    measure = figures.series_measure(file, indicator, sex, age)
    return tuple(figures.series_periods(measure, until))


def series(spec: dict, geo: list[Unit]) -> pd.DataFrame:
    """One period of a shipped series (the latest by default) for the borough, London, England.

    Published 95% limits are kept; where the file has a count and a denominator they become
    the numerator and denominator (the indicator's statistic is then applied to them); a
    count alone is kept as the numerator. Areas with no value (``NA``) give no row; a value
    the publisher withheld (``c``, ``[x]``, ...) gives a row without a value whose
    ``suppression`` says why (:data:`thlib.data.series.SUPPRESSION_MARKERS`).
    """
    periods = _series_periods(spec)
    if not periods:
        return pd.DataFrame()
    period = periods[-1]
    rows = []
    for unit in geo:
        if unit.type not in ("borough", "london", "england"):
            continue  # the series are published for the borough and beyond only
        code = BOROUGH_CODE if unit.type == "borough" else unit.code
        try:
            found = figures._series_row(*_series_key(spec), code, period)
        except figures.MissingSeriesValueError as exc:
            if exc.reason is not None:  # withheld by the publisher: say why where it would be
                rows.append(_row(unit, value=float("nan"), period=period.label,
                                 suppression=exc.reason))
            continue
        except NotCoveredError:
            continue
        values = {"value": found["value"], "lower": found["lower"], "upper": found["upper"],
                  "period": period.label}
        if pd.notna(found["count"]):
            values["numerator"] = found["count"]
            if pd.notna(found["denominator"]):
                values["denominator"] = found["denominator"]
        rows.append(_row(unit, **values))
    return pd.DataFrame(rows)


def series_periods(spec: dict, kind: str) -> list[dict]:
    """Return recipe specs for earlier periods of a series, each naming its ``period``.

    ``previous``: the period before the latest (or before the recipe's own ``period``);
    ``series``: every period with a value up to that one, oldest first (ordered as
    periods, not as text).
    """
    periods = _series_periods(spec)
    if kind == "previous":
        periods = periods[-2:-1]
    return [{**spec, "period": p.label} for p in periods]


def crime_rate_periods(spec: dict, kind: str) -> list[dict]:
    """Return recipe specs for earlier periods of a crime rate, never seasonal points.

    Recorded crime is seasonal (burglary peaks every October to December), so earlier
    windows are the same months of earlier years: each window is as long as the
    indicator's (``months``, 12 by default) and steps back a whole number of years (12
    months for a window of up to 12). For the 12-month rates that makes consecutive,
    non-overlapping 12-month windows going back from the latest month.

    ``previous``: the window a year (a step) before; ``series``: every whole window the
    file holds, oldest first (two 12-month windows in a 24-month file).
    """
    months, offset = spec.get("months", 12), spec.get("offset", 0)
    step = 12 * -(-months // 12)  # whole years, at least the window's length
    if kind == "previous":
        return [{**spec, "offset": offset + step}]
    available = len(data.crime_by_ward()["month"].unique())
    windows = (available - offset - months) // step + 1 if available >= offset + months else 0
    return [{**spec, "offset": offset + step * k} for k in range(windows - 1, -1, -1)]


#: Recipes that can be computed for earlier periods, and how.
PERIODS: dict[str, Callable[[dict, str], list[dict]]] = {"crime_rate": crime_rate_periods,
                                                         "series": series_periods}

RECIPES: dict[str, Callable[[dict, list[Unit]], pd.DataFrame]] = {
    "census_share": census_share,
    "iod_weighted": iod_weighted,
    "iod_lsoa_share": iod_lsoa_share,
    "crime_rate": crime_rate,
    "air_quality": air_quality,
    "transport_access": transport_access,
    "published": published,
    "series": series,
}
