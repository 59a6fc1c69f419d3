"""The framework's measures, selected and arranged: at a glance and as a data appendix.

The figures, comparisons and progress (trend, change, target) come from
:mod:`thlib.indicators`; everything here returns numbers and labels as data (labels of
:mod:`thlib.vocabulary`), and :mod:`thlib.annual.report` turns them into symbols and words.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from thlib.errors import ParameterError
from thlib.indicators import (
    BENCHMARKS,
    Framework,
    benchmark_for,
    compare_with,
    direction_of_travel,
    earlier_values,
    get_indicator,
    recent_trend,
    target_status,
)
from thlib.indicators import all_values as values
from thlib.indicators.freshness import STALE_AFTER_YEARS, out_of_date
from thlib.indicators.peers import PEER_COLUMNS, indicator_peers

__all__ = ["APPENDIX_COLUMNS", "PROGRESS", "TREND_COLUMNS", "appendix", "at_a_glance",
           "compared", "measure_rows", "progress", "trend_frame"]


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
    frame = values(indicator_id)
    if benchmark not in set(frame["area_type"]):
        return None
    return compare_with(frame, indicator_id, benchmark)


def at_a_glance(framework: Framework, report_year: int,
                stale_after_years: int = STALE_AFTER_YEARS) -> pd.DataFrame:
    """Return one row per measure in the framework: the borough's latest value and how it stands.

    Parameters
    ----------
    framework : Framework
        The framework whose themes, outcomes and indicators are listed.
    report_year : int
        The report's year.
    stale_after_years : int, default :data:`thlib.indicators.freshness.STALE_AFTER_YEARS`
        A latest period ending more than this many years before ``report_year`` is out of
        date.

    Returns
    -------
    pandas.DataFrame
        Columns ``theme``, ``outcome``, ``indicator``, ``title``, ``period``, ``value``,
        ``unit``, ``decimals``, ``confidence``; for each comparator (``london``,
        ``england``) ``<comparator>_value`` and ``<comparator>_significance`` (the
        borough against it; NaN and None when not published); then the columns of
        :func:`recent_trend`, :func:`direction_of_travel` and :func:`target_status`;
        ``out_of_date``; and the latest period's peers (:data:`PEER_COLUMNS` but
        ``period``, missing where there are none). Numbers and labels only: nothing is
        formatted.

    Examples
    --------
    >>> from thlib.indicators import frameworks
    >>> table = at_a_glance(frameworks()["tower-hamlets-plan-2018-2023"], 2025)
    >>> row = table.set_index("indicator").loc["overcrowded-households"]
    >>> row["london_significance"], f"{row['london_value']:.1f}", bool(row["out_of_date"])
    ('worse', '11.1', True)
    >>> row = table.set_index("indicator").loc["employment-rate-aps"]
    >>> row["period"], int(row["london_rank"]), int(row["london_boroughs_ranked"])
    ('2023', 31, 32)
    """
    rows = []
    for theme in framework.themes:
        for outcome in theme["outcomes"]:
            for indicator_id in outcome["indicators"]:
                entry = _measure_row(indicator_id, report_year, stale_after_years)
                if entry is not None:
                    rows.append({"theme": theme["title"], "outcome": outcome["title"],
                                 **entry})
    return pd.DataFrame(rows)


def _measure_row(indicator_id: str, report_year: int,
                 stale_after_years: int) -> dict[str, object] | None:
    """One measure's row of :func:`at_a_glance` (without theme and outcome); None if no value."""
    indicator = get_indicator(indicator_id)
    borough = values(indicator_id).query("area_type == 'borough'")
    if borough.empty:
        return None
    row = borough.iloc[0]
    entry = {"indicator": indicator_id, "title": indicator.label,
             "period": row["period"], "value": row["value"],
             "unit": indicator.unit, "decimals": indicator.decimals,
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
    """Return :func:`at_a_glance`'s row for each of a list of measures (no theme, no outcome).

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
        The columns of :func:`at_a_glance` but ``theme`` and ``outcome``.

    Examples
    --------
    >>> rows = measure_rows(["employment-rate-aps"], 2025)
    >>> rows["period"].tolist(), rows["trend"].tolist()
    (['2023'], ['no significant change'])
    """
    rows = [_measure_row(i, report_year, stale_after_years) for i in indicator_ids]
    return pd.DataFrame([r for r in rows if r is not None])


#: The columns of :func:`trend_frame`.
TREND_COLUMNS = ["geography", "period", "period_order", "value", "lower", "upper"]
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
        Columns :data:`TREND_COLUMNS`: ``geography`` (the area's name), ``period`` (its
        label), ``period_order`` (0 for the oldest), ``value``, ``lower`` and ``upper``
        (the published or computed limits at the indicator's confidence level, NaN where
        there are none); sorted by period, then borough, London, England. Empty when the
        data hold a single period. Numbers only.

    Examples
    --------
    >>> frame = trend_frame("employment-rate-aps")
    >>> frame.iloc[0].astype(str).tolist()
    ['Tower Hamlets', '2004', '0', '53.2', '49.7', '56.7']
    >>> sorted(set(frame["geography"])), frame["period"].iloc[-1]
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
        "geography": history["name"].astype(str).to_numpy(),
        "period": history["period"].astype(str).to_numpy(),
        "period_order": history["period_index"].astype(int).to_numpy(),
        "value": history["value"].astype(float).to_numpy(),
        "lower": history["lower"].astype(float).to_numpy(),
        "upper": history["upper"].astype(float).to_numpy()})


#: What :func:`progress` says of each measure: labels of :data:`thlib.vocabulary.CHANGES`.
PROGRESS = ("better", "worse", "similar", "not compared")


def progress(table: pd.DataFrame) -> pd.Series:
    """Say of each measure whether it improved, worsened, did not change, or was not tested.

    Rule: the change since the previous period decides when it carries a judgement
    ("better", "worse", "similar"); otherwise (no earlier period, no interval, no direction,
    a method break) the recent trend decides when it was tested with a judgement ("... and
    getting better", "... and getting worse", "no significant change"); otherwise the
    measure is "not compared" (not tested).

    Parameters
    ----------
    table : pandas.DataFrame
        Rows of :func:`at_a_glance` (columns ``change`` and ``trend`` at least).

    Returns
    -------
    pandas.Series
        One label of :data:`PROGRESS` per row, on the table's index.

    Examples
    --------
    >>> table = pd.DataFrame({
    ...     "change": ["worse", "no earlier period", "not compared", "higher", "similar"],
    ...     "trend": ["increasing and getting better", "decreasing and getting worse",
    ...               "no interval: not tested", "no significant change", "too few periods"]})
    >>> progress(table).tolist()
    ['worse', 'worse', 'not compared', 'similar', 'similar']
    """
    def one(change: object, trend: object) -> str:
        if change in ("better", "worse", "similar"):
            return str(change)
        text = str(trend)
        if text.endswith("getting better"):
            return "better"
        if text.endswith("getting worse"):
            return "worse"
        return "similar" if text == "no significant change" else "not compared"

    return pd.Series([one(c, t) for c, t in zip(table["change"], table["trend"], strict=True)],
                     index=table.index, dtype=object)


#: The appendix's columns, in order: the issue's list first, then what qualifies them.
APPENDIX_COLUMNS = [
    "indicator", "title", "area_type", "area_code", "area_name", "period", "value", "lower",
    "upper", "count", "denominator", "unit", "comparator", "significance", "trend",
    "london_rank", "london_boroughs_ranked", "out_of_date", "source", "licence",
    "confidence", "statistic", "method", "suppression", "trend_from", "trend_to",
    "trend_method", "london_quartile", "london_quartile_order", "neighbours_mean",
    "neighbours_set",
]


def _history(indicator_id: str) -> pd.DataFrame:
    """Every period's values of an indicator, oldest first (the latest alone if no series)."""
    history = earlier_values(indicator_id, "series")
    if history.empty:
        return values(indicator_id)
    return history.drop(columns="period_index")


def appendix(framework: Framework, report_year: int,
             stale_after_years: int = STALE_AFTER_YEARS) -> pd.DataFrame:
    """Return the data appendix: one row per measure, area and period.

    Every period the data hold, oldest first. In each period, wards and neighbourhoods are
    compared with the borough, the borough with London (or England where London is not
    available) and London with England (:func:`thlib.indicators.benchmark_for`). Borough rows
    carry the London rank and the statistical neighbours' mean of their period
    (:func:`thlib.indicators.peers.indicator_peers`) and, in the latest period, the recent
    trend. Every row says whether its period is out of date for the report year.

    Parameters
    ----------
    framework : Framework
        The framework whose indicators are listed.
    report_year : int
        The report's year.
    stale_after_years : int, default :data:`thlib.indicators.freshness.STALE_AFTER_YEARS`
        A period ending more than this many years before ``report_year`` is out of date.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`APPENDIX_COLUMNS`; ``count`` is the numerator where there is one;
        ``significance`` is a label of :func:`thlib.stats.compare`. Labels, not symbols:
        this is the published CSV.

    Examples
    --------
    >>> from thlib.indicators import frameworks
    >>> table = appendix(frameworks()["tower-hamlets-plan-2018-2023"], 2025)
    >>> wards = table.query("indicator == 'overcrowded-households' and area_type == 'ward'")
    >>> len(wards), set(wards["comparator"]), set(wards["out_of_date"])
    (20, {'Tower Hamlets'}, {True})
    """
    rows = []
    for indicator_id in framework.indicators():
        indicator = get_indicator(indicator_id)
        history = _history(indicator_id)
        if history.empty:
            continue
        latest = values(indicator_id)["period"].iloc[0]
        trend = recent_trend(indicator_id)
        no_trend = dict.fromkeys(trend, None)
        peers = indicator_peers(indicator_id).set_index("period")
        source = f"{indicator.source['publisher']}, {indicator.source['dataset']}"
        for period, frame in history.groupby("period", sort=False):
            held = set(frame["area_type"])
            # Each area type against its benchmark, within the period.
            comparisons = {}
            for area_type in held:
                benchmark = benchmark_for(area_type, held)
                if benchmark is not None:
                    compared = compare_with(frame, indicator, benchmark)
                    comparisons[area_type] = (
                        compared.set_index("code")["comparison"],
                        frame.loc[frame["area_type"] == benchmark, "name"].iloc[0])
            stale = out_of_date(str(period), report_year, stale_after_years)
            peer = peers.loc[period] if period in peers.index else None
            for row in frame.itertuples():
                labels, comparator = comparisons.get(str(row.area_type), (None, None))
                borough = row.area_type == "borough"
                ranked = peer if borough and peer is not None else None
                rows.append({
                    "indicator": indicator_id, "title": indicator.title,
                    "area_type": row.area_type, "area_code": row.code, "area_name": row.name,
                    "period": period, "value": row.value, "lower": row.lower,
                    "upper": row.upper, "count": row.numerator,
                    "denominator": row.denominator, "unit": indicator.unit,
                    "comparator": comparator,
                    "significance": labels.get(row.code) if labels is not None else None,
                    **(trend if borough and period == latest else no_trend),
                    "london_rank": None if ranked is None else ranked["london_rank"],
                    "london_boroughs_ranked": (None if ranked is None
                                               else ranked["london_boroughs_ranked"]),
                    "london_quartile": None if ranked is None else ranked["london_quartile"],
                    "london_quartile_order": (None if ranked is None
                                              else ranked["london_quartile_order"]),
                    "neighbours_mean": None if ranked is None else ranked["neighbours_mean"],
                    "neighbours_set": None if ranked is None else ranked["neighbours_set"],
                    "out_of_date": stale, "source": source,
                    "licence": indicator.source["licence"], "confidence": row.confidence,
                    "statistic": indicator.statistic, "method": row.method,
                    "suppression": row.suppression,
                })
    table = pd.DataFrame(rows, columns=APPENDIX_COLUMNS)
    return table.astype(object).where(table.notna(), None)
