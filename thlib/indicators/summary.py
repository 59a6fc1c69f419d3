"""One measure's standing in the borough, as numbers and labels, for any report.

For each indicator: the borough's latest value and period, London and England with
significance, the recent trend, the change since the previous period, the target, whether
the period is out of date, the London rank and the statistical neighbours' mean
(:func:`measure_rows`); every period of the borough, London and England for a chart
(:func:`trend_frame`); and whether the measure improved or worsened (:func:`progress`).
The annual report and the borough profile both read them from here.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from thlib.errors import ParameterError
from thlib.indicators.catalogue import get_indicator
from thlib.indicators.freshness import STALE_AFTER_YEARS, out_of_date
from thlib.indicators.peers import PEER_COLUMNS, indicator_peers
from thlib.indicators.progress import UNTESTED, direction_of_travel, recent_trend, target_status
from thlib.indicators.values import BENCHMARKS, all_values, compare_with, earlier_values

__all__ = ["PROGRESS", "TREND_AREAS", "TREND_COLUMNS", "compared", "measure_rows", "progress",
           "trend_frame"]

def compared(indicator_id: str, benchmark: str) -> pd.DataFrame | None:
    """Return every published value of an indicator compared with a benchmark, if published.

    Parameters
    ----------
    indicator_id : str
        The indicator's catalogue id.
    benchmark : str
        The area type compared with: "borough", "london" or "england".

    Returns
    -------
    pandas.DataFrame or None
        The indicator's values with a ``comparison`` label per row (see
        :func:`thlib.indicators.compare_with`); None when the indicator has no value for
        the benchmark (recorded crime, for example, is not compared with England).

    Raises
    ------
    ParameterError
        If ``benchmark`` is not one of :data:`thlib.indicators.BENCHMARKS`.

    Examples
    --------
    >>> frame = compared("overcrowded-households", "london")
    >>> frame.query("area_type == 'borough'")["comparison"].iloc[0]
    'worse'
    >>> compared("crime-rate", "england") is None
    True
    """
    if benchmark not in BENCHMARKS:
        raise ParameterError(f"unknown benchmark {benchmark!r}; use one of "
                             f"{', '.join(BENCHMARKS)}")
    frame = all_values(indicator_id)
    if benchmark not in set(frame["area_type"]):
        return None
    return compare_with(frame, indicator_id, benchmark)


def _measure_row(indicator_id: str, report_year: int,
                 stale_after_years: int) -> dict[str, object] | None:
    """One measure's row of :func:`at_a_glance` (without theme and outcome); None if no value."""
    indicator = get_indicator(indicator_id)
    borough = all_values(indicator_id).query("area_type == 'borough'")
    if borough.empty:
        return None
    row = borough.iloc[0]
    entry = {"indicator": indicator_id, "title": indicator.label,
             "period": row["period"], "value": row["value"],
             "suppression": row["suppression"] or None,
             "unit": indicator.unit, "decimals": indicator.decimals, "prices": indicator.prices,
             "confidence": indicator.confidence}
    for benchmark in ("london", "england"):
        frame = compared(indicator_id, benchmark)
        if frame is None:
            entry[f"{benchmark}_value"] = np.nan
            entry[f"{benchmark}_significance"] = None
            continue
        base = frame[frame["area_type"] == benchmark]
        entry[f"{benchmark}_value"] = base["value"].iloc[0]
        entry[f"{benchmark}_significance"] = (
            frame.query("area_type == 'borough'")["comparison"].iloc[0])
    entry.update(recent_trend(indicator_id))
    entry.update(direction_of_travel(indicator_id))
    entry.update(target_status(indicator_id))
    entry["out_of_date"] = out_of_date(str(row["period"]), report_year, stale_after_years)
    peers = indicator_peers(indicator_id).set_index("period")
    peer = peers.loc[row["period"]] if row["period"] in peers.index else None
    for column in PEER_COLUMNS[1:]:
        entry[column] = None if peer is None else peer[column]
    return entry


def measure_rows(indicator_ids: list[str], report_year: int,
                 stale_after_years: int = STALE_AFTER_YEARS) -> pd.DataFrame:
    """Return the borough's standing on each of a list of measures, one row each.

    Parameters
    ----------
    indicator_ids : list of str
        Catalogue ids, in the order wanted; a measure without a borough value is left out.
    report_year : int
        The report's year.
    stale_after_years : int, default :data:`thlib.indicators.freshness.STALE_AFTER_YEARS`
        A latest period ending more than this many years before ``report_year`` is out of
        date.

    Returns
    -------
    pandas.DataFrame
        ``indicator``, ``title``, ``period``, ``value``, ``suppression`` (why a value is
        withheld, else None), ``unit``, ``decimals``, ``prices`` (``"cash"`` or None),
        ``confidence``;
        ``<comparator>_value`` and ``<comparator>_significance`` for London and England;
        the keys of :func:`~thlib.indicators.progress.recent_trend`,
        :func:`~thlib.indicators.progress.direction_of_travel` and
        :func:`~thlib.indicators.progress.target_status`; ``out_of_date``; and the
        latest period's peers (:data:`~thlib.indicators.peers.PEER_COLUMNS` but
        ``period``). Numbers and labels only.

    Examples
    --------
    >>> rows = measure_rows(["employment-rate-aps"], 2025)
    >>> rows["period"].tolist(), rows["trend"].tolist()
    (['2023'], ['no significant change'])
    """
    rows = [_measure_row(i, report_year, stale_after_years) for i in indicator_ids]
    return pd.DataFrame([r for r in rows if r is not None])


#: The columns of :func:`trend_frame`.
TREND_COLUMNS = ["name", "period", "period_index", "value", "lower", "upper"]
#: The area types a trend chart shows, in the order drawn: the area, then its comparators.
TREND_AREAS = ("borough", "london", "england")


def trend_frame(indicator_id: str) -> pd.DataFrame:
    """Return every period of a measure for Tower Hamlets, London and England, for a chart.

    Built on :func:`thlib.indicators.earlier_values` (``"series"``): every period the data
    hold, oldest first (for the 12-month crime rates, consecutive 12-month windows).

    Parameters
    ----------
    indicator_id : str
        The indicator's catalogue id.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`TREND_COLUMNS`, named as in indicator values (ready for
        :func:`thlib.presentation.charts.trend_chart`): ``name`` (the area's name), ``period`` (its
        label), ``period_index`` (0 for the oldest), ``value``, ``lower`` and ``upper``
        (the published or computed limits at the indicator's confidence level, NaN where
        there are none); sorted by period, then borough, London, England. Empty when the
        data hold a single period. Numbers only.

    Examples
    --------
    >>> frame = trend_frame("employment-rate-aps")
    >>> frame.iloc[0].astype(str).tolist()
    ['Tower Hamlets', '2004', '0', '53.2', '49.7', '56.7']
    >>> sorted(set(frame["name"])), frame["period"].iloc[-1]
    (['England', 'London', 'Tower Hamlets'], '2023')
    >>> trend_frame("overcrowded-households").empty
    True
    """
    indicator = get_indicator(indicator_id)
    wanted = [a for a in TREND_AREAS if a in indicator.geographies]
    history = earlier_values(indicator_id, "series", wanted)
    if history.empty or history["period_index"].nunique() < 2:
        return pd.DataFrame(columns=TREND_COLUMNS)
    order = {a: i for i, a in enumerate(TREND_AREAS)}
    history = history.assign(_area=history["area_type"].map(order)).sort_values(
        ["period_index", "_area"], kind="stable")
    return pd.DataFrame({
        "name": history["name"].astype(str).to_numpy(),
        "period": history["period"].astype(str).to_numpy(),
        "period_index": history["period_index"].astype(int).to_numpy(),
        "value": history["value"].astype(float).to_numpy(),
        "lower": history["lower"].astype(float).to_numpy(),
        "upper": history["upper"].astype(float).to_numpy()})


#: What :func:`progress` says of each measure: tested with a judgement ("better", "worse",
#: "similar"); a change said without a judgement ("described": not tested, or a measure
#: without a direction, or money in cash terms); or nothing to compare ("not compared").
PROGRESS = ("better", "worse", "similar", "described", "not compared")

_JUDGED = ("better", "worse", "similar")
_DESCRIBED = ("higher", "lower", *UNTESTED)


def progress(table: pd.DataFrame) -> pd.Series:
    """Say of each measure whether it improved, worsened, did not change, or how it moved.

    Rule: the change since the latest comparable period decides when it was tested with a
    judgement ("better", "worse", "similar"); otherwise the recent trend, when it was tested
    with a judgement ("... and getting better", "... and getting worse", "no significant
    change"); otherwise the measure is "described" when its change or trend is said without
    a judgement (not tested, no direction, or money in cash terms), else "not compared".

    Parameters
    ----------
    table : pandas.DataFrame
        Rows of :func:`measure_rows` (columns ``change`` and ``trend`` at least).

    Returns
    -------
    pandas.Series
        One label of :data:`PROGRESS` per row, on the table's index.

    Examples
    --------
    >>> table = pd.DataFrame({
    ...     "change": ["worse", "no earlier period", "up", "higher", "similar", "method changed"],
    ...     "trend": ["increasing and getting better", "decreasing and getting worse",
    ...               "up", "no significant change", "too few periods", "too few periods"]})
    >>> progress(table).tolist()
    ['worse', 'worse', 'described', 'similar', 'similar', 'not compared']
    """
    def one(change: object, trend: object) -> str:
        if change in _JUDGED:
            return str(change)
        text = str(trend)
        if text.endswith("getting better"):
            return "better"
        if text.endswith("getting worse"):
            return "worse"
        if text == "no significant change":
            return "similar"
        return "described" if change in _DESCRIBED or trend in _DESCRIBED else "not compared"

    return pd.Series([one(c, t) for c, t in zip(table["change"], table["trend"], strict=True)],
                     index=table.index, dtype=object)
