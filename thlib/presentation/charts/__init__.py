"""Charts: each function takes computed data and returns a matplotlib Figure."""

from thlib.presentation.charts.choropleth import choropleth
from thlib.presentation.charts.compare import compare_bars
from thlib.presentation.charts.intervals import compare_areas
from thlib.presentation.charts.maps import decile_map, locator_map
from thlib.presentation.charts.render import figure_svg, show_figure
from thlib.presentation.charts.spc import spc_chart
from thlib.presentation.charts.spine import spine_chart
from thlib.presentation.charts.style import PALETTE, SERIES, finish, new_figure
from thlib.presentation.charts.trend import trend_chart

__all__ = [
    "PALETTE", "SERIES", "choropleth", "compare_areas", "compare_bars", "decile_map",
    "figure_svg", "finish", "locator_map", "new_figure", "show_figure", "spc_chart",
    "spine_chart", "trend_chart",
]
