"""Indicator values for every geography, with intervals and comparisons."""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd

from thlib import stats
from thlib.indicators.cache import cache_key, cached_catalogue_values
from thlib.indicators.catalogue import Indicator, get_indicator
from thlib.indicators.recipes import PERIODS, RECIPES, units

COLUMNS = ["indicator", "area_type", "code", "name", "period", "numerator", "denominator",
           "value", "lower", "upper", "statistic", "method", "confidence", "suppression"]
#: Counts of people from 1 to this are not published (values resting on them are withheld).
SUPPRESSION_THRESHOLD = 4
#: Recipes whose numerators count areas (LSOAs), not people: nothing to disclose.
_COUNTS_AREAS = ("iod_lsoa_share",)


def indicator_values(
    indicator: Indicator | str,
    geographies: list[str] | None = None,
    recipe: dict | None = None,
    threshold: int = SUPPRESSION_THRESHOLD,
):
    """Compute an indicator for every unit of its geographies.

    Proportions get Wilson score intervals and crude rates Byar's (exact Poisson below
    10 events), at the indicator's confidence level (95% unless it says 99.8%);
    published and modelled values carry no interval.

    ``recipe`` overrides the indicator's recipe (used for earlier periods). Values resting
    on a count of people from 1 to ``threshold`` are withheld (value and interval missing)
    and flagged in the ``suppression`` column (:func:`thlib.stats.suppress`). Where one
    ward (or neighbourhood) of a period is withheld, the smallest other one is too: the
    borough's value and every area's population are published, so a single gap could be
    worked out by subtraction.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`COLUMNS`; one row per geography unit the data reach.
    """
    if isinstance(indicator, str):
        indicator = get_indicator(indicator)
    wanted = [g for g in indicator.geographies if geographies is None or g in geographies]
    recipe = recipe or indicator.recipe
    raw = RECIPES[recipe["type"]](recipe, units(wanted))
    if raw.empty:
        return pd.DataFrame(columns=COLUMNS)
    raw = raw.reset_index(drop=True)
    for column in ("numerator", "denominator", "value", "lower", "upper"):
        if column not in raw:
            raw[column] = np.nan
    raw["method"] = "as published" if indicator.statistic == "published" else "value only"
    with_counts = raw["numerator"].notna() & raw["denominator"].notna()
    if with_counts.any() and indicator.statistic in ("proportion", "crude_rate"):
        counts = raw[with_counts]
        if indicator.statistic == "proportion":
            result = stats.proportion(counts["numerator"], counts["denominator"],
                                      confidence=indicator.confidence,
                                      multiplier=indicator.multiplier)
        else:
            result = stats.rate(counts["numerator"], counts["denominator"],
                                multiplier=indicator.multiplier,
                                confidence=indicator.confidence)
        for column in ("value", "lower", "upper", "method"):
            raw.loc[with_counts, column] = result[column].to_numpy()
    raw["suppression"] = ""
    if with_counts.any() and recipe["type"] not in _COUNTS_AREAS:
        counts = raw.loc[with_counts].assign(count=raw["numerator"].round().astype(int))
        counts["period"] = counts.get("period", indicator.period)
        flags = stats.suppress(counts, threshold=threshold,
                               group=["area_type", "period"])["suppression"]
        hidden = flags.str.startswith("suppressed").to_numpy()
        index = raw.index[with_counts][hidden]
        raw.loc[index, ["numerator", "value", "lower", "upper"]] = np.nan
        raw.loc[index, "suppression"] = flags.to_numpy()[hidden]
    raw["indicator"] = indicator.id
    raw["statistic"] = indicator.statistic
    raw["confidence"] = indicator.confidence
    if "period" not in raw:
        raw["period"] = indicator.period
    raw["period"] = raw["period"].fillna(indicator.period)
    return raw[COLUMNS]


def all_values(indicator_id: str) -> pd.DataFrame:
    """Every geography's value of a catalogue indicator (cached in the process and on disk).

    Treat the result as read-only.
    """
    values = _catalogue_values(cache_key())
    if indicator_id not in values:
        get_indicator(indicator_id)  # raises a clear error for an unknown id
    return values[indicator_id]


@functools.lru_cache(maxsize=2)
def _catalogue_values(_key: str) -> dict[str, pd.DataFrame]:
    from thlib.indicators.catalogue import catalogue

    return cached_catalogue_values(lambda: {i: indicator_values(i) for i in catalogue()})


def compare_with(values: pd.DataFrame, indicator: Indicator | str, benchmark: str):
    """Add a ``comparison`` column: each row against the ``benchmark`` area's value.

    ``benchmark`` is an area type ("borough", "london", "england") or a code. Rows
    without an interval are "not compared" (Fingertips compares only with intervals).
    """
    if isinstance(indicator, str):
        indicator = get_indicator(indicator)
    chosen = values[(values["area_type"] == benchmark) | (values["code"] == benchmark)]
    if chosen.empty:
        return values.assign(comparison="not compared", benchmark=np.nan)
    level = chosen["value"].iloc[0]
    labels = stats.compare(values["value"], values["lower"], values["upper"], level,
                           indicator.polarity, confidence=indicator.confidence)
    return values.assign(comparison=labels.to_numpy(), benchmark=level)


def earlier_values(indicator: Indicator | str, kind: str, geographies: list[str] | None = None):
    """Values for earlier periods: ``"previous"`` (the period before the latest) or
    ``"series"`` (a run of periods, oldest first, with a ``period_index`` column).

    Returns an empty frame when the indicator's data hold a single period.
    """
    if isinstance(indicator, str):
        indicator = get_indicator(indicator)
    periods = PERIODS.get(indicator.recipe["type"])
    if periods is None:
        return pd.DataFrame(columns=[*COLUMNS, "period_index"])
    frames = [indicator_values(indicator, geographies, recipe).assign(period_index=i)
              for i, recipe in enumerate(periods(indicator.recipe, kind))]
    return pd.concat(frames, ignore_index=True)
