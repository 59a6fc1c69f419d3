"""The figures layer: the indicator catalogue (YAML), values per area and period, progress.

Every figure a report shows is computed here (:mod:`thlib.indicators.figures` for area
figures, :mod:`thlib.indicators.values` for catalogue values with intervals and
comparisons, :mod:`thlib.indicators.progress` for trend, change and targets).
"""

from thlib.indicators.catalogue import (
    Indicator,
    catalogue,
    describe_indicator,
    get_indicator,
    load_catalogue,
)
from thlib.indicators.frameworks import Framework, frameworks, get_framework, load_framework
from thlib.indicators.progress import (
    TREND_CONFIDENCE,
    TREND_POINTS,
    direction_of_travel,
    recent_trend,
    target_status,
)
from thlib.indicators.values import (
    BENCHMARKS,
    all_values,
    benchmark_for,
    compare_with,
    custom_area_values,
    earlier_values,
    indicator_values,
    spread,
    time_series,
)

__all__ = [
    "BENCHMARKS", "TREND_CONFIDENCE", "TREND_POINTS", "Framework", "Indicator", "all_values",
    "benchmark_for", "catalogue", "compare_with", "custom_area_values", "describe_indicator",
    "direction_of_travel", "earlier_values",
    "frameworks", "get_framework", "get_indicator", "indicator_values", "load_catalogue",
    "load_framework", "recent_trend", "spread", "target_status", "time_series",
]
