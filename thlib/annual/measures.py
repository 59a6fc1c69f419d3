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
    get_indicator,
    recent_trend,
    target_status,
)
from thlib.indicators import all_values as values

__all__ = ["appendix", "at_a_glance", "compared"]


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


def at_a_glance(framework: Framework) -> pd.DataFrame:
    """Return one row per measure in the framework: the borough's latest value and how it stands.

    Parameters
    ----------
    framework : Framework
        The framework whose themes, outcomes and indicators are listed.

    Returns
    -------
    pandas.DataFrame
        Columns ``theme``, ``outcome``, ``indicator``, ``title``, ``period``, ``value``,
        ``unit``, ``decimals``, ``confidence``; for each comparator (``london``,
        ``england``) ``<comparator>_value`` and ``<comparator>_significance`` (the
        borough against it; NaN and None when not published); then the columns of
        :func:`recent_trend`, :func:`direction_of_travel` and :func:`target_status`.
        Numbers and labels only: nothing is formatted.

    Examples
    --------
    >>> from thlib.indicators import frameworks
    >>> table = at_a_glance(frameworks()["tower-hamlets-plan-2018-2023"])
    >>> row = table.set_index("indicator").loc["overcrowded-households"]
    >>> row["london_significance"], f"{row['london_value']:.1f}"
    ('worse', '11.1')
    """
    rows = []
    for theme in framework.themes:
        for outcome in theme["outcomes"]:
            for indicator_id in outcome["indicators"]:
                indicator = get_indicator(indicator_id)
                borough = values(indicator_id).query("area_type == 'borough'")
                if borough.empty:
                    continue
                row = borough.iloc[0]
                entry = {"theme": theme["title"], "outcome": outcome["title"],
                         "indicator": indicator_id, "title": indicator.label,
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
                rows.append(entry)
    return pd.DataFrame(rows)


def appendix(framework: Framework) -> pd.DataFrame:
    """Return the data appendix: one row per measure and area, with interval, comparison and source.

    Wards and neighbourhoods are compared with the borough; the borough with London (or
    England where London is not available); London with England.

    Parameters
    ----------
    framework : Framework
        The framework whose indicators are listed.

    Returns
    -------
    pandas.DataFrame
        Columns ``indicator``, ``title``, ``area_type``, ``area_code``, ``area_name``,
        ``period``, ``value``, ``lower``, ``upper``, ``confidence``, ``unit``,
        ``statistic``, ``method``, ``suppression``, ``comparator``, ``significance`` (a
        label of :func:`thlib.stats.compare`), ``trend``, ``trend_from``, ``trend_to``
        (the borough's recent trend, on borough rows), ``source`` and ``licence``. Labels,
        not symbols: this is the published CSV.

    Examples
    --------
    >>> from thlib.indicators import frameworks
    >>> table = appendix(frameworks()["tower-hamlets-plan-2018-2023"])
    >>> wards = table.query("indicator == 'overcrowded-households' and area_type == 'ward'")
    >>> len(wards), set(wards["comparator"])
    (20, {'Tower Hamlets'})
    """
    rows = []
    for indicator_id in framework.indicators():
        indicator = get_indicator(indicator_id)
        frame = values(indicator_id)
        if frame.empty:
            continue
        held = set(frame["area_type"])
        # Each area type against its benchmark (the rule of thlib.indicators.benchmark_for).
        comparisons = {}
        for area_type in held:
            benchmark = benchmark_for(area_type, held)
            if benchmark is not None:
                comparisons[area_type] = (
                    compare_with(frame, indicator, benchmark).set_index("code")["comparison"],
                    frame.loc[frame["area_type"] == benchmark, "name"].iloc[0])
        trend = recent_trend(indicator_id)
        no_trend = dict.fromkeys(trend, "")
        for row in frame.itertuples():
            labels, comparator = comparisons.get(str(row.area_type), (None, ""))
            label = labels.get(row.code, "") if labels is not None else ""
            rows.append({
                "indicator": indicator_id, "title": indicator.title,
                "area_type": row.area_type, "area_code": row.code, "area_name": row.name,
                "period": row.period, "value": row.value, "lower": row.lower,
                "upper": row.upper, "confidence": row.confidence, "unit": indicator.unit,
                "statistic": indicator.statistic, "method": row.method,
                "suppression": row.suppression, "comparator": comparator,
                "significance": label,
                **(trend if row.area_type == "borough" else no_trend),
                "source": f"{indicator.source['publisher']}, {indicator.source['dataset']}",
                "licence": indicator.source["licence"],
            })
    table = pd.DataFrame(rows)
    return table.replace({np.nan: None}) if not table.empty else table
