"""Progress of an indicator in the borough: recent trend, change, target status.

Numbers and labels only (labels of :mod:`thlib.vocabulary`); the reports turn them into
symbols and words. Computed here, in the figures layer, so every report that shows
progress shows the same.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd

from thlib import stats
from thlib.indicators import figures
from thlib.indicators.catalogue import Indicator, get_indicator
from thlib.indicators.values import all_values, earlier_values
from thlib.periods import Period, parse_period
from thlib.stats.trend import TREND_CONFIDENCE, TREND_POINTS

__all__ = ["TREND_CONFIDENCE", "TREND_POINTS", "direction_of_travel", "recent_trend",
           "target_status"]

#: Statistics whose series the chi-squared recent-trend test applies to (counts over a
#: population); other series are judged by their published intervals.
_TRENDED = ("proportion", "crude_rate")


def _period_reader(indicator: Indicator) -> Callable[[str], Period]:
    """Turn a period label of the indicator into a Period (a series knows its own labels)."""
    known: dict[str, Period] = {}
    recipe = indicator.recipe
    if recipe["type"] == "series":
        measure = figures.series_measure(
            recipe["file"], **{k: recipe[k] for k in figures.SERIES_FILTERS if k in recipe})
        known = {p.label: p for p in figures.series_periods(measure)}
    return lambda label: known.get(label) or parse_period(label)


def _since_break(indicator: Indicator, series: pd.DataFrame) -> pd.DataFrame:
    """Keep the periods from the latest method break on (breaks after the last are ignored)."""
    if not indicator.breaks or series.empty:
        return series
    as_period = _period_reader(indicator)
    periods = [as_period(p) for p in series["period"]]
    starts = [b for b in map(as_period, indicator.breaks) if b <= periods[-1]]
    if not starts:
        return series
    start = max(starts)
    return series[[p >= start for p in periods]]


def recent_trend(indicator_id: str) -> dict[str, Any]:
    """Return the borough's recent trend by the method its data allow.

    The span is the last :data:`TREND_POINTS` (5) periods with a value, from the latest
    method break on (the catalogue's ``breaks``: a trend never spans one). Then:

    - counts and denominators in all five periods (proportions, crude rates): the
      Fingertips chi-squared test for trend (:func:`thlib.stats.recent_trend`);
    - otherwise, values with published confidence limits: the latest value against
      the first of the five, significant when their intervals do not overlap
      (:func:`thlib.stats.interval_trend`);
    - a value-only series without limits: "no interval: not tested".

    Sub-annual crime counts are never tested: the crime series are whole 12-month
    windows (:func:`thlib.indicators.recipes.crime_rate_periods`).

    Parameters
    ----------
    indicator_id : str
        The indicator's catalogue id.

    Returns
    -------
    dict
        ``trend``: a label of :data:`thlib.vocabulary.TRENDS` ("too few periods" when
        fewer than :data:`TREND_POINTS` periods are left since the latest break);
        ``trend_from`` and ``trend_to``: the first and last periods of the span tested;
        ``trend_method``: the method used. The three are None when nothing was tested.

    Examples
    --------
    Mean anxiety, 2018/19 to 2022/23: the latest interval overlaps the earlier one.

    >>> recent_trend("anxiety")  # doctest: +NORMALIZE_WHITESPACE
    {'trend': 'no significant change', 'trend_from': '2018/19', 'trend_to': '2022/23',
     'trend_method': 'non-overlap of 95% confidence intervals, first and last of the last 5
     periods'}
    >>> recent_trend("healthy-life-expectancy-male")["trend"]  # from 2021-23 on: 2 periods
    'too few periods'
    """
    indicator = get_indicator(indicator_id)
    series = _since_break(indicator, earlier_values(indicator, "series", ["borough"]))
    untested: dict[str, Any] = {"trend": "too few periods", "trend_from": None,
                                "trend_to": None, "trend_method": None}
    if len(series) < TREND_POINTS:
        return untested
    span = series.iloc[-TREND_POINTS:]
    polarity = None if indicator.polarity == "no_judgement" else indicator.polarity
    counted = span[["numerator", "denominator"]].notna().all(axis=None)
    if indicator.statistic in _TRENDED and counted:
        result = stats.recent_trend(span["numerator"], span["denominator"],
                                    polarity=polarity, points=TREND_POINTS,
                                    confidence=TREND_CONFIDENCE)
    else:
        result = stats.interval_trend(span["value"], span["lower"], span["upper"],
                                      polarity=polarity, points=TREND_POINTS,
                                      confidence=indicator.confidence)
    trend = result["trend"].iloc[0]
    if trend == stats.NO_INTERVAL:
        return {**untested, "trend": trend}
    return {"trend": trend, "trend_from": span["period"].iloc[0],
            "trend_to": span["period"].iloc[-1], "trend_method": result["method"].iloc[0]}


def direction_of_travel(indicator_id: str) -> dict[str, Any]:
    """Return the borough's latest value against its previous period, tested like a benchmark.

    The previous period is the one before the latest (for the 12-month crime rates, the
    12 months before). Across a method break (the catalogue's ``breaks``) the two are
    not compared.

    Parameters
    ----------
    indicator_id : str
        The indicator's catalogue id.

    Returns
    -------
    dict
        ``change``: a label of :data:`thlib.vocabulary.CHANGES` (the comparison of the
        latest value's interval with the previous value, "no earlier period", or
        "method changed" when a break falls between them); ``change_since``: the
        previous period (None when none is compared).

    Examples
    --------
    >>> direction_of_travel("overcrowded-households")
    {'change': 'no earlier period', 'change_since': None}
    >>> direction_of_travel("crime-rate")["change_since"]
    'Apr 2024 to Mar 2025'
    """
    indicator = get_indicator(indicator_id)
    previous = earlier_values(indicator, "previous", ["borough"])
    if previous.empty:
        return {"change": "no earlier period", "change_since": None}
    latest = all_values(indicator_id).query("area_type == 'borough'").iloc[0]
    before = previous.iloc[0]
    if indicator.breaks:
        as_period = _period_reader(indicator)
        then, now = as_period(before["period"]), as_period(latest["period"])
        if any(then < as_period(b) <= now for b in indicator.breaks):
            return {"change": "method changed", "change_since": None}
    label = stats.compare(latest["value"], latest["lower"], latest["upper"], before["value"],
                          indicator.polarity).iloc[0]
    return {"change": label, "change_since": before["period"]}


def target_status(indicator_id: str) -> dict[str, Any]:
    """Return the borough's status against the latest target, if the catalogue sets one.

    Parameters
    ----------
    indicator_id : str
        The indicator's catalogue id.

    Returns
    -------
    dict
        ``target_status``: a label of :data:`thlib.vocabulary.TARGETS` ("met", "not
        met", "no judgement" for a measure without a direction, or "none set");
        ``target_value`` and ``target_by`` (None when no target is set).

    Examples
    --------
    >>> target_status("gcse-capped-points")
    {'target_status': 'none set', 'target_value': None, 'target_by': None}
    """
    indicator = get_indicator(indicator_id)
    if not indicator.targets:
        return {"target_status": "none set", "target_value": None, "target_by": None}
    target = indicator.targets[-1]
    value = all_values(indicator_id).query("area_type == 'borough'")["value"].iloc[0]
    if indicator.polarity == "no_judgement":
        status = "no judgement"
    else:
        met = value >= target["value"] if indicator.polarity == "higher_is_better" \
            else value <= target["value"]
        status = "met" if met else "not met"
    return {"target_status": status, "target_value": target["value"],
            "target_by": target["by"]}
