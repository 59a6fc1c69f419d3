"""The framework's measures, computed: at a glance, by theme, and as a data appendix."""

from __future__ import annotations

import numpy as np
import pandas as pd

from thlib import stats
from thlib.charts.significance import SYMBOLS
from thlib.indicators import Framework, compare_with, earlier_values, get_indicator
from thlib.indicators import all_values as values
from thlib.narrative import format_value

#: Fingertips recent trend needs at least this many periods.
TREND_POINTS = 5


def _compare(indicator_id: str, benchmark: str) -> pd.DataFrame:
    return compare_with(values(indicator_id), indicator_id, benchmark)


def recent_trend(indicator_id: str) -> str:
    """The Fingertips recent trend for the borough over the last five periods, in words."""
    indicator = get_indicator(indicator_id)
    series = earlier_values(indicator, "series", ["borough"])
    if len(series) < TREND_POINTS or indicator.statistic not in ("proportion", "crude_rate"):
        return "too few periods"
    polarity = None if indicator.polarity == "no_judgement" else indicator.polarity
    result = stats.recent_trend(series["numerator"], series["denominator"], polarity=polarity)
    periods = f"{series['period'].iloc[-TREND_POINTS]} to {series['period'].iloc[-1]}"
    return f"{result['trend'].iloc[0]} ({periods})"


def direction_of_travel(indicator_id: str) -> str:
    """The borough's latest value against its previous period, tested like a benchmark."""
    indicator = get_indicator(indicator_id)
    previous = earlier_values(indicator, "previous", ["borough"])
    if previous.empty:
        return "no earlier period"
    latest = values(indicator_id).query("area_type == 'borough'").iloc[0]
    before = previous.iloc[0]
    label = stats.compare(latest["value"], latest["lower"], latest["upper"], before["value"],
                          indicator.polarity).iloc[0]
    words = {"better": "improved", "worse": "worsened", "similar": "no significant change",
             "higher": "rose", "lower": "fell", "not compared": "not tested"}[label]
    return f"{words} since {before['period']}"


def target_status(indicator_id: str) -> str:
    """Status against the latest target, if the catalogue sets one."""
    indicator = get_indicator(indicator_id)
    if not indicator.targets:
        return "none set"
    target = indicator.targets[-1]
    value = values(indicator_id).query("area_type == 'borough'")["value"].iloc[0]
    if indicator.polarity == "no_judgement":
        return f"target {target['value']} by {target['by']}"
    met = value >= target["value"] if indicator.polarity == "higher_is_better" \
        else value <= target["value"]
    return f"{'✓ met' if met else '✗ not met'}: target {target['value']} by {target['by']}"


def at_a_glance(framework: Framework) -> pd.DataFrame:
    """One row per measure in the framework: the borough's latest value and how it stands.

    Columns: ``theme``, ``indicator``, ``title``, ``period``, ``value`` (number),
    ``value_text``, ``london``, ``england`` (the comparators' values as text with the
    borough's significance against each), ``trend``, ``travel``, ``target``.
    """

    rows = []
    for theme in framework.themes:
        for outcome in theme["outcomes"]:
            for indicator_id in outcome["indicators"]:
                indicator = get_indicator(indicator_id)
                all_values = values(indicator_id)
                borough = all_values.query("area_type == 'borough'")
                if borough.empty:
                    continue
                row = borough.iloc[0]
                entry = {"theme": theme["title"], "outcome": outcome["title"],
                         "indicator": indicator_id, "title": indicator.label,
                         "period": row["period"], "value": row["value"],
                         "value_text": format_value(row["value"], indicator.unit,
                                                    indicator.decimals)}
                for benchmark in ("london", "england"):
                    compared = _compare(indicator_id, benchmark)
                    base = compared[compared["area_type"] == benchmark]
                    if base.empty:
                        entry[benchmark] = "not available"
                        continue
                    label = compared.query("area_type == 'borough'")["comparison"].iloc[0]
                    level = format_value(base["value"].iloc[0], indicator.unit,
                                         indicator.decimals)
                    entry[benchmark] = f"{level} ({SYMBOLS[label]})"
                entry["trend"] = recent_trend(indicator_id)
                entry["travel"] = direction_of_travel(indicator_id)
                entry["target"] = target_status(indicator_id)
                rows.append(entry)
    return pd.DataFrame(rows)


def appendix(framework: Framework) -> pd.DataFrame:
    """The data appendix: one row per measure and area, with interval, comparison and source.

    Wards and neighbourhoods are compared with the borough; the borough with London (or
    England where London is not available); London with England.
    """
    rows = []
    for indicator_id in framework.indicators():
        indicator = get_indicator(indicator_id)
        frame = values(indicator_id)
        if frame.empty:
            continue
        types = set(frame["area_type"])
        borough_benchmark = "london" if "london" in types else "england"
        comparisons = {
            "ward": _compare(indicator_id, "borough"),
            "neighbourhood": _compare(indicator_id, "borough"),
            "borough": _compare(indicator_id, borough_benchmark),
            "london": _compare(indicator_id, "england"),
        }
        trend = recent_trend(indicator_id)
        for row in frame.itertuples():
            compared = comparisons.get(row.area_type)
            comparator, label = "", ""
            if compared is not None:
                match = compared[compared["code"] == row.code]
                label = match["comparison"].iloc[0] if not match.empty else ""
                comparator = {"ward": "Tower Hamlets", "neighbourhood": "Tower Hamlets",
                              "borough": borough_benchmark.capitalize(),
                              "london": "England"}[row.area_type]
            rows.append({
                "indicator": indicator_id, "title": indicator.title,
                "area_type": row.area_type, "area_code": row.code, "area_name": row.name,
                "period": row.period, "value": row.value, "lower": row.lower,
                "upper": row.upper, "unit": indicator.unit, "statistic": indicator.statistic,
                "method": row.method, "suppression": row.suppression,
                "comparator": comparator, "significance": label,
                "trend": trend if row.area_type == "borough" else "",
                "source": f"{indicator.source['publisher']}, {indicator.source['dataset']}",
                "licence": indicator.source["licence"],
            })
    table = pd.DataFrame(rows)
    return table.replace({np.nan: None}) if not table.empty else table
