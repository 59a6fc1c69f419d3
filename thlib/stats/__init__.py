"""Public health statistics in the style of PHEindicatormethods, plus disclosure control.

Pure functions on array-likes returning pandas objects; bad input raises
:class:`thlib.errors.StatsInputError`. Positions in error messages count from 0.

* :func:`proportion` - Wilson score intervals
* :func:`rate`, :func:`dsr` - Byar's / exact Poisson limits; Dobson DSRs (ESP 2013)
* :func:`mean` - Student's t intervals
* :func:`compare`, :func:`compare_proportion`, :func:`compare_rate` - Fingertips benchmarking
* :func:`recent_trend`, :func:`chi_squared_trend` - Fingertips recent trend
* :func:`change_from_intervals`, :func:`change_in_proportions`, :func:`change_in_rates` -
  change between two periods using both periods' uncertainty (z-test from intervals;
  Newcombe interval; exact conditional Poisson test)
* :func:`weighted_trend` - inverse-variance weighted trend of values with intervals
* :func:`xmr` - SPC with Making Data Count rules
* :func:`funnel_limits` - funnel plot limits
* :func:`quantiles` - PHE quantile (decile) assignment
* :func:`suppress` - small-number suppression
"""

from thlib.stats.change import (
    change_from_intervals,
    change_in_proportions,
    change_in_rates,
    weighted_trend,
)
from thlib.stats.compare import POLARITIES, compare, compare_proportion, compare_rate
from thlib.stats.disclosure import suppress
from thlib.stats.funnel import funnel_limits
from thlib.stats.means import mean
from thlib.stats.proportions import proportion, wilson_lower, wilson_upper
from thlib.stats.quantiles import quantiles
from thlib.stats.rates import (
    ESP2013,
    ESP2013_AGE_BANDS,
    byars_lower,
    byars_upper,
    dsr,
    exact_lower,
    exact_upper,
    rate,
)
from thlib.stats.spc import xmr
from thlib.stats.trend import (
    TREND_CONFIDENCE,
    TREND_POINTS,
    chi_squared_trend,
    recent_trend,
)

__all__ = [
    "ESP2013",
    "ESP2013_AGE_BANDS",
    "POLARITIES",
    "TREND_CONFIDENCE",
    "TREND_POINTS",
    "byars_lower",
    "byars_upper",
    "change_from_intervals",
    "change_in_proportions",
    "change_in_rates",
    "chi_squared_trend",
    "compare",
    "compare_proportion",
    "compare_rate",
    "dsr",
    "exact_lower",
    "exact_upper",
    "funnel_limits",
    "mean",
    "proportion",
    "quantiles",
    "rate",
    "recent_trend",
    "suppress",
    "weighted_trend",
    "wilson_lower",
    "wilson_upper",
    "xmr",
]
