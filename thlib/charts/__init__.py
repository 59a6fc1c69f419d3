"""Charts: each function takes computed data and returns a matplotlib Figure."""

from thlib.charts.choropleth import choropleth
from thlib.charts.compare import compare_bars
from thlib.charts.intervals import compare_areas
from thlib.charts.maps import decile_map, locator_map
from thlib.charts.render import figure_svg, show_figure
from thlib.charts.spc import spc_chart
from thlib.charts.spine import spine_chart
from thlib.charts.style import PALETTE, SERIES, finish, new_figure
from thlib.charts.trend import trend_chart

__all__ = [
    "PALETTE", "SERIES", "choropleth", "compare_areas", "compare_bars", "decile_map",
    "figure_svg", "finish", "locator_map", "new_figure", "show_figure", "spc_chart",
    "spine_chart", "trend_chart",
]
