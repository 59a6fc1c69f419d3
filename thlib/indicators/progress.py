"""Progress of an indicator in the borough: change, recent trend, target status.

Numbers and labels only (labels of :mod:`thlib.presentation.vocabulary`); the reports turn them into
symbols and words. Computed here, in the figures layer, so every report that shows
progress shows the same.

How change is judged depends on what the values are: the catalogue's ``uncertainty``
(:data:`thlib.indicators.schema.UNCERTAINTIES`) and what the data publish.

- **Which periods.** Only periods that share no time are compared: the latest with the
  latest earlier period that ends before it starts (2022-24 with 2019-21, not 2021-23),
  and a trend runs over the last :data:`TREND_POINTS` such periods. Nothing spans a method
  break (the catalogue's ``breaks``): the series restarts there. Periods the catalogue
  marks ``unreliable`` (a disrupted collection) are left out, and the method says so.
- **Counts with denominators** (``counts``, both periods counted): proportions by the
  two-proportion test with Newcombe's interval (:func:`thlib.stats.change_in_proportions`),
  rates by the exact conditional test on two Poisson counts
  (:func:`thlib.stats.change_in_rates`); the trend by the Fingertips chi-squared test for
  trend (:func:`thlib.stats.recent_trend`).
- **Published intervals** (samples, surveys, modelled estimates, and counts published with
  intervals only): a two-sample z-test with standard errors from both periods' intervals
  (:func:`thlib.stats.change_from_intervals`; on the log scale where the intervals are
  asymmetric); the trend by an inverse-variance weighted regression
  (:func:`thlib.stats.weighted_trend`).
- **Complete counts and administrative figures** (``complete``), and any series that
  publishes neither intervals nor counts: direction and size, never significance
  ("up", "down", "unchanged"), with the reason it is not tested.
- **Money in cash terms** (``prices: cash``): tested, but never judged better or worse.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from thlib import stats
from thlib.indicators import figures
from thlib.indicators.catalogue import Indicator, get_indicator
from thlib.indicators.values import all_values, earlier_values
from thlib.periods import Period, parse_period
from thlib.stats.compare import judgement
from thlib.stats.trend import TREND_CONFIDENCE, TREND_POINTS, trend_label

__all__ = ["CHANGE_CONFIDENCE", "CHANGE_KEYS", "TREND_CONFIDENCE", "TREND_KEYS", "TREND_POINTS",
           "UNTESTED", "direction_of_travel", "recent_trend", "target_status"]

#: The keys :func:`direction_of_travel` returns.
CHANGE_KEYS = ("change", "change_from", "change_method", "change_difference",
               "change_p_value", "change_reason", "record", "record_period")
#: The keys :func:`recent_trend` returns.
TREND_KEYS = ("trend", "trend_from", "trend_to", "trend_method", "trend_difference",
              "trend_p_value", "trend_reason")
#: Labels of a change or trend that is described, not tested (direction and size).
UNTESTED = ("up", "down", "unchanged")
#: Significance level of the change between two periods (the trend uses TREND_CONFIDENCE).
CHANGE_CONFIDENCE = 0.95
#: A latest value is called the highest (lowest) "since" a period only when at least this
#: many comparable periods lie between them; otherwise "since the year before" says little.
RECORD_GAP = 3
_CASH = "in cash terms, not adjusted for inflation"
_WHY_NOT_TESTED = {
    "complete": "a complete count or administrative figure, without sampling error",
    "sample": "no confidence interval is published",
    "modelled": "no confidence interval is published",
    "counts": "neither confidence intervals nor counts are published",
}


def _period_reader(indicator: Indicator) -> Callable[[str], Period]:
    """Turn a period label of the indicator into a Period (a series knows its own labels)."""
    known: dict[str, Period] = {}
    recipe = indicator.recipe
    if recipe["type"] == "series":
        measure = figures.series_measure(
            recipe["file"], **{k: recipe[k] for k in figures.SERIES_FILTERS if k in recipe})
        known = {p.label: p for p in figures.series_periods(measure)}
    return lambda label: known.get(label) or parse_period(label)


def _borough(indicator: Indicator) -> tuple[pd.DataFrame, Period | None, dict[Period, str]]:
    """Return the borough's comparable periods with a value, oldest first.

    Periods from the latest method break on, without those the catalogue marks
    ``unreliable`` (the latest excepted: it is the value reported). Also the break the
    series restarts at, when one cut earlier periods off, and the unreliable periods left
    out, each with a note saying why.
    """
    series = earlier_values(indicator, "series", ["borough"])
    if series.empty:  # a single period, whose label may be free text ("2019 (mostly 2015-16)")
        latest = all_values(indicator.id).query("area_type == 'borough' and value.notna()")
        return latest.assign(_period=None).reset_index(drop=True), None, {}
    as_period = _period_reader(indicator)
    series["_period"] = [as_period(str(p)) for p in series["period"]]
    series = series[series["value"].notna()].reset_index(drop=True)
    if series.empty:
        return series, None, {}
    latest = series["_period"].iloc[-1]
    starts = [b for b in map(as_period, indicator.breaks) if b <= latest]
    restart = max(starts) if starts else None
    if restart is not None:
        kept = series[[p >= restart for p in series["_period"]]].reset_index(drop=True)
        restart = restart if len(kept) < len(series) else None
        series = kept
    earlier = series.iloc[:-1]
    dropped = earlier[earlier["period"].astype(str).isin(indicator.unreliable)]
    notes = {p: f"{label} left out: {indicator.unreliable[label]}"
             for p, label in zip(dropped["_period"], dropped["period"].astype(str), strict=True)}
    return series.drop(index=dropped.index).reset_index(drop=True), restart, notes


def _comparable(series: pd.DataFrame) -> pd.DataFrame:
    """Keep the latest period, then each latest earlier one ending before the next starts."""
    chain = [len(series) - 1]
    for i in range(len(series) - 2, -1, -1):
        if series["_period"].iloc[i].end < series["_period"].iloc[chain[-1]].start:
            chain.append(i)
    return series.iloc[chain[::-1]]


def _time(period: Period) -> float:
    """Return the period's midpoint in years, to the month: the score of a trend test.

    Whole months keep consecutive years exactly one apart (days would not: leap years).
    """
    months = (period.start.year + period.end.year) * 12 + period.start.month + period.end.month
    return months / 24


def _polarity(indicator: Indicator) -> str:
    """Return the polarity change is judged by: none for money in cash terms (inflation)."""
    return "no_judgement" if indicator.prices == "cash" else indicator.polarity


def _untested(difference: float) -> str:
    return "up" if difference > 0 else "down" if difference < 0 else "unchanged"


def _restarted(restart: Period | None) -> str:
    return f"the series restarts at {restart.label} (method change)" if restart else ""


def _counted(rows: pd.DataFrame) -> bool:
    return bool(rows[["numerator", "denominator"]].notna().all(axis=None))


def _with_intervals(rows: pd.DataFrame) -> bool:
    # An interval of no width (a published 0 to 0, say) gives no standard error to test with.
    return bool((rows["upper"] > rows["lower"]).all())


def _method(text: str, indicator: Indicator, left_out: str = "") -> str:
    """Return the method with what qualifies it: money in cash terms, periods left out."""
    parts = [text, _CASH if indicator.prices == "cash" else "", left_out]
    return "; ".join(p for p in parts if p)


def _between(left_out: dict[Period, str], rows: pd.DataFrame) -> str:
    """Say which unreliable periods were left out between the first and last rows compared."""
    first, last = rows["_period"].iloc[0], rows["_period"].iloc[-1]
    return "; ".join(note for period, note in left_out.items() if first < period < last)


def _record(series: pd.DataFrame) -> dict[str, Any]:
    """Say whether the latest value is the highest or lowest for a while (comparable periods)."""
    chain = _comparable(series)
    values, labels = chain["value"].to_numpy(dtype=float), list(chain["period"].astype(str))
    if len(values) <= RECORD_GAP + 1:  # too short a series for a record to mean much
        return {"record": None, "record_period": None}
    latest, earlier = values[-1], values[:-1]
    for word, beaten in (("highest", earlier >= latest), ("lowest", earlier <= latest)):
        if not beaten.any():
            return {"record": f"{word} on record", "record_period": labels[0]}
        last = int(np.flatnonzero(beaten)[-1])
        if len(values) - 1 - last > RECORD_GAP:
            return {"record": f"{word} since", "record_period": labels[last]}
    return {"record": None, "record_period": None}


def direction_of_travel(indicator_id: str) -> dict[str, Any]:
    """Return the change in the borough since the latest comparable period, and how judged.

    The latest value is compared with the latest earlier period that shares no time with it
    (for pooled periods, 2022-24 with 2019-21), by the method the data allow (see the
    module's notes). Nothing is compared across a method break.

    Parameters
    ----------
    indicator_id : str
        The indicator's catalogue id.

    Returns
    -------
    dict
        Keys :data:`CHANGE_KEYS`. ``change``: a label of
        :data:`thlib.presentation.vocabulary.CHANGES`:
        tested, "better", "worse", "similar" (no significant change), or "higher" and
        "lower" where no judgement is made (no polarity, or money in cash terms); described,
        not tested, "up", "down" or "unchanged"; "no earlier period"; "method changed"
        (the series restarts); "not compared" (no latest value). ``change_from``: the
        period compared with; ``change_method`` (with its confidence level);
        ``change_difference`` (latest minus earlier, in the unit); ``change_p_value`` (tests
        only); ``change_reason`` (why not tested, or where the series restarts);
        ``record`` ("highest since", "lowest since", "highest on record", "lowest on
        record" or None; never for money in cash terms, where inflation alone makes
        records) and ``record_period`` (the last period at least as high or low; for a
        record, the series' first).

    Examples
    --------
    Robbery, 1,353 offences in the year to March 2025 and 1,267 in the next, among the same
    residents: an exact conditional test gives p of about 0.10, no significant change.

    >>> change = direction_of_travel("robbery-rate")
    >>> change["change"], change["change_from"], round(change["change_p_value"], 2)
    ('similar', 'Apr 2024 to Mar 2025', 0.1)
    >>> direction_of_travel("overcrowded-households")["change"]
    'no earlier period'
    """
    indicator = get_indicator(indicator_id)
    series, restart, left_out = _borough(indicator)
    out: dict[str, Any] = {**dict.fromkeys(CHANGE_KEYS), "change_difference": np.nan,
                           "change_p_value": np.nan}
    latest_rows = all_values(indicator_id).query("area_type == 'borough'")
    if latest_rows.empty or latest_rows["value"].isna().all():
        reason = latest_rows["suppression"].iloc[0] if len(latest_rows) else ""
        return {**out, "change": "not compared",
                "change_reason": reason or "no value in the latest period"}
    latest_label = str(latest_rows["period"].iloc[0])
    if latest_label in indicator.unreliable:
        return {**out, "change": "not compared", "change_reason": f"{latest_label} is not "
                f"comparable with other periods: {indicator.unreliable[latest_label]}"}
    chain = _comparable(series)
    if len(chain) < 2:
        if restart is not None:
            return {**out, "change": "method changed", "change_reason": _restarted(restart)}
        reason = ("a single period is published" if len(series) < 2 else
                  "every earlier period shares years with the latest")
        return {**out, "change": "no earlier period", "change_reason": reason}
    before, latest = chain.iloc[-2], chain.iloc[-1]
    pair = chain.iloc[-2:]
    difference = float(latest["value"] - before["value"])
    out.update(change_from=str(before["period"]), change_difference=difference,
               **({} if indicator.prices == "cash" else _record(series)))
    if indicator.uncertainty == "counts" and _counted(pair):
        test = stats.change_in_proportions if indicator.is_share else stats.change_in_rates
        result = test(before["numerator"], before["denominator"], latest["numerator"],
                      latest["denominator"], confidence=CHANGE_CONFIDENCE)
    elif indicator.uncertainty != "complete" and _with_intervals(pair):
        result = stats.change_from_intervals(
            before["value"], before["lower"], before["upper"], latest["value"],
            latest["lower"], latest["upper"], confidence=indicator.confidence,
            level=CHANGE_CONFIDENCE)
    else:
        return {**out, "change": _untested(difference),
                "change_method": _method("direction and size, not tested", indicator,
                                         _between(left_out, pair)),
                "change_reason": _WHY_NOT_TESTED[indicator.uncertainty]}
    label = (judgement(result["direction"] == "up", _polarity(indicator))
             if result["significant"] else "similar")
    method = f"{result['method']}, at {CHANGE_CONFIDENCE:.0%} confidence"
    return {**out, "change": label,
            "change_method": _method(method, indicator, _between(left_out, pair)),
            "change_p_value": float(result["p_value"])}


def recent_trend(indicator_id: str) -> dict[str, Any]:
    """Return the borough's trend over its last five comparable periods, and how judged.

    The span is the last :data:`TREND_POINTS` (5) periods that share no time with each
    other (every period of a yearly series; every third of a three-year pooled one), since
    the latest method break. Then, by the method the data allow (the module's notes): the
    Fingertips chi-squared test for trend on counts, an inverse-variance weighted
    regression on published intervals (both at :data:`TREND_CONFIDENCE`), or direction and
    size, not tested.

    Parameters
    ----------
    indicator_id : str
        The indicator's catalogue id.

    Returns
    -------
    dict
        Keys :data:`TREND_KEYS`. ``trend``: a label of :data:`thlib.presentation.vocabulary.TRENDS`
        ("increasing", "decreasing", "... and getting better/worse", "no significant
        change"; "up", "down", "unchanged" when not tested; "too few periods");
        ``trend_from`` and ``trend_to``: the span's first and last periods (None when
        too few); ``trend_method`` (with its confidence level); ``trend_difference`` (last
        minus first value); ``trend_p_value`` (tests only); ``trend_reason`` (why not
        tested, or why too few).

    Examples
    --------
    Mean anxiety, 2018/19 to 2022/23, published with 95% intervals: the weighted slope is
    not significant at 99.8%.

    >>> trend = recent_trend("anxiety")
    >>> trend["trend"], trend["trend_from"], trend["trend_to"]
    ('no significant change', '2018/19', '2022/23')
    >>> recent_trend("healthy-life-expectancy-male")["trend_reason"]
    'the series restarts at 2021-23 (method change); 1 comparable period since'
    """
    indicator = get_indicator(indicator_id)
    series, restart, left_out = _borough(indicator)
    out: dict[str, Any] = {**dict.fromkeys(TREND_KEYS), "trend_difference": np.nan,
                           "trend_p_value": np.nan}
    span = _comparable(series).iloc[-TREND_POINTS:] if len(series) else series
    if len(span) < TREND_POINTS:
        count = f"{len(span)} comparable period{'s' if len(span) != 1 else ''}"
        reason = f"{_restarted(restart)}; {count} since" if restart else count
        return {**out, "trend": "too few periods", "trend_reason": reason}
    difference = float(span["value"].iloc[-1] - span["value"].iloc[0])
    out.update(trend_from=str(span["period"].iloc[0]), trend_to=str(span["period"].iloc[-1]),
               trend_difference=difference)
    times = [_time(p) for p in span["_period"]]
    polarity = _polarity(indicator)
    if indicator.uncertainty == "counts" and _counted(span):
        result = stats.recent_trend(span["numerator"], span["denominator"], period=times,
                                    polarity=None if polarity == "no_judgement" else polarity,
                                    points=TREND_POINTS, confidence=TREND_CONFIDENCE).iloc[0]
        label, method = str(result["trend"]), str(result["method"])
        p_value = float(result["p_value"])
    elif indicator.uncertainty != "complete" and _with_intervals(span):
        result = stats.weighted_trend(span["value"], span["lower"], span["upper"],
                                      period=times, confidence=indicator.confidence,
                                      level=TREND_CONFIDENCE)
        method, p_value = str(result["method"]), float(result["p_value"])
        label = (trend_label(result["direction"] == "up", polarity) if result["significant"]
                 else "no significant change")
    else:
        return {**out, "trend": _untested(difference),
                "trend_method": _method("direction and size over the last "
                                        f"{TREND_POINTS} periods, not tested", indicator,
                                        _between(left_out, span)),
                "trend_reason": _WHY_NOT_TESTED[indicator.uncertainty]}
    method = f"{method}, at {TREND_CONFIDENCE:.1%} confidence"
    return {**out, "trend": label,
            "trend_method": _method(method, indicator, _between(left_out, span)),
            "trend_p_value": p_value}


def target_status(indicator_id: str) -> dict[str, Any]:
    """Return the borough's status against the latest target, if the catalogue sets one.

    Parameters
    ----------
    indicator_id : str
        The indicator's catalogue id.

    Returns
    -------
    dict
        ``target_status``: a label of :data:`thlib.presentation.vocabulary.TARGETS` ("met", "not
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
