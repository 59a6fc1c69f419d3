"""The framework's measures, selected and arranged: at a glance and as a data appendix.

The figures, comparisons and progress (trend, change, target) come from
:mod:`thlib.indicators`; everything here returns numbers and labels as data (labels of
:mod:`thlib.presentation.vocabulary`), and :mod:`thlib.annual.report` turns them into
symbols and words.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from thlib.indicators import (
    Framework,
    benchmark_for,
    compare_with,
    direction_of_travel,
    earlier_values,
    get_indicator,
    recent_trend,
)
from thlib.indicators import all_values as values
from thlib.indicators.freshness import STALE_AFTER_YEARS, out_of_date
from thlib.indicators.peers import PEER_COLUMNS, indicator_peers
from thlib.indicators.summary import compared, measure_rows

__all__ = ["APPENDIX_COLUMNS", "appendix", "at_a_glance", "compared"]


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
            table = measure_rows(outcome["indicators"], report_year, stale_after_years)
            rows += [{"theme": theme["title"], "outcome": outcome["title"], **entry}
                     for entry in table.to_dict("records")]
    return pd.DataFrame(rows)


#: The appendix's columns, in order: the issue's list first, then what qualifies them.
APPENDIX_COLUMNS = [
    "indicator", "title", "area_type", "area_code", "area_name", "period", "value", "lower",
    "upper", "count", "denominator", "unit", "comparator", "significance", "trend",
    "london_rank", "london_boroughs_ranked", "out_of_date", "source", "licence",
    "confidence", "statistic", "uncertainty", "method", "suppression", "trend_from",
    "trend_to", "trend_method", "trend_difference", "trend_p_value", "trend_reason", "change",
    "change_from", "change_method", "change_difference", "change_p_value", "change_reason",
    "record", "record_period", "london_not_ranked", "london_rank_tied", "london_quartile",
    "london_quartile_span", "london_quartile_order", "neighbours_mean", "neighbours_set",
    "neighbours_with_value",
]


def _history(indicator_id: str) -> pd.DataFrame:
    """Every period's values of an indicator, oldest first (the latest alone if no series)."""
    history = earlier_values(indicator_id, "series")
    if history.empty:
        return values(indicator_id)
    return history.drop(columns="period_index")


def appendix(framework: Framework | Sequence[Framework], report_year: int,
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
    framework : Framework or sequence of Framework
        The framework(s) whose indicators are listed (each measure once).
    report_year : int
        The report's year.
    stale_after_years : int, default :data:`thlib.indicators.freshness.STALE_AFTER_YEARS`
        A period ending more than this many years before ``report_year`` is out of date.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`APPENDIX_COLUMNS`; the borough's latest row carries what the report
        says of the measure (the keys of :func:`thlib.indicators.recent_trend` and
        :func:`thlib.indicators.direction_of_travel`); ``count`` is the numerator where
        there is one; ``significance`` is a label of :func:`thlib.stats.compare`. Labels,
        not symbols: this is the published CSV.

    Examples
    --------
    >>> from thlib.indicators import frameworks
    >>> table = appendix(frameworks()["tower-hamlets-plan-2018-2023"], 2025)
    >>> wards = table.query("indicator == 'overcrowded-households' and area_type == 'ward'")
    >>> len(wards), set(wards["comparator"]), set(wards["out_of_date"])
    (20, {'Tower Hamlets'}, {True})
    """
    chosen = [framework] if isinstance(framework, Framework) else list(framework)
    rows = []
    for indicator_id in dict.fromkeys(i for f in chosen for i in f.indicators()):
        indicator = get_indicator(indicator_id)
        history = _history(indicator_id)
        if history.empty:
            continue
        latest = values(indicator_id)["period"].iloc[0]
        # The borough's progress, on its latest row: what the report says of the measure.
        progress = {**recent_trend(indicator_id), **direction_of_travel(indicator_id)}
        no_progress = dict.fromkeys(progress, None)
        peers = indicator_peers(indicator_id).set_index("period")
        source = f"{indicator.source['publisher']}, {indicator.source['dataset']}"
        for period, frame in history.groupby("period", sort=False):
            held = set(frame["area_type"])
            # Each area type against its benchmark, within the period.
            comparisons, by_benchmark = {}, {}
            for area_type in held:
                benchmark = benchmark_for(area_type, held)
                if benchmark is not None:
                    if benchmark not in by_benchmark:  # wards and neighbourhoods share one
                        compared = compare_with(frame, indicator, benchmark)
                        by_benchmark[benchmark] = (
                            compared.set_index("code")["comparison"],
                            frame.loc[frame["area_type"] == benchmark, "name"].iloc[0])
                    comparisons[area_type] = by_benchmark[benchmark]
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
                    **(progress if borough and period == latest else no_progress),
                    **{column: None if ranked is None else ranked[column]
                       for column in PEER_COLUMNS[1:]},
                    "out_of_date": stale, "source": source,
                    "licence": indicator.source["licence"], "confidence": row.confidence,
                    "statistic": indicator.statistic, "uncertainty": indicator.uncertainty,
                    "method": row.method,
                    "suppression": row.suppression,
                })
    table = pd.DataFrame(rows, columns=APPENDIX_COLUMNS)
    return table.astype(object).where(table.notna(), None)
