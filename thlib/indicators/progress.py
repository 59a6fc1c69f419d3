"""Progress of an indicator in the borough: recent trend, change, target status.

Numbers and labels only (labels of :mod:`thlib.vocabulary`); the reports turn them into
symbols and words. Computed here, in the figures layer, so every report that shows
progress shows the same.
"""

from __future__ import annotations

from typing import Any

from thlib import stats
from thlib.indicators.catalogue import get_indicator
from thlib.indicators.values import all_values, earlier_values
from thlib.stats.trend import TREND_CONFIDENCE, TREND_POINTS

__all__ = ["TREND_CONFIDENCE", "TREND_POINTS", "direction_of_travel", "recent_trend",
           "target_status"]

#: Statistics whose series the recent-trend test applies to (counts over a population).
_TRENDED = ("proportion", "crude_rate")


def recent_trend(indicator_id: str) -> dict[str, Any]:
    """Return the Fingertips recent trend of the borough over its last five periods.

    Parameters
    ----------
    indicator_id : str
        The indicator's catalogue id.

    Returns
    -------
    dict
        ``trend``: a label of :data:`thlib.vocabulary.TRENDS` ("too few periods" when the
        borough has fewer than :data:`TREND_POINTS`, "could not be calculated" for a
        statistic the test does not apply to); ``trend_from`` and ``trend_to``: the first
        and last periods tested (None when not tested).

    Examples
    --------
    >>> recent_trend("gcse-capped-points")
    {'trend': 'too few periods', 'trend_from': None, 'trend_to': None}
    """
    indicator = get_indicator(indicator_id)
    series = earlier_values(indicator, "series", ["borough"])
    untested: dict[str, Any] = {"trend": "too few periods", "trend_from": None,
                                "trend_to": None}
    if len(series) < TREND_POINTS:
        return untested
    if indicator.statistic not in _TRENDED:
        return {**untested, "trend": "could not be calculated"}
    polarity = None if indicator.polarity == "no_judgement" else indicator.polarity
    result = stats.recent_trend(series["numerator"], series["denominator"], polarity=polarity,
                                points=TREND_POINTS, confidence=TREND_CONFIDENCE)
    return {"trend": result["trend"].iloc[0],
            "trend_from": series["period"].iloc[-TREND_POINTS],
            "trend_to": series["period"].iloc[-1]}


def direction_of_travel(indicator_id: str) -> dict[str, Any]:
    """Return the borough's latest value against its previous period, tested like a benchmark.

    Parameters
    ----------
    indicator_id : str
        The indicator's catalogue id.

    Returns
    -------
    dict
        ``change``: a label of :data:`thlib.vocabulary.CHANGES` (the comparison of the
        latest value's interval with the previous value, or "no earlier period");
        ``change_since``: the previous period (None when there is none).

    Examples
    --------
    >>> direction_of_travel("overcrowded-households")
    {'change': 'no earlier period', 'change_since': None}
    """
    indicator = get_indicator(indicator_id)
    previous = earlier_values(indicator, "previous", ["borough"])
    if previous.empty:
        return {"change": "no earlier period", "change_since": None}
    latest = all_values(indicator_id).query("area_type == 'borough'").iloc[0]
    before = previous.iloc[0]
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
