"""Indicator frames go straight into the charts: the same column names, no renaming.

``compare_with(all_values(...))`` names an area ``name`` and its label ``comparison``;
``compare_areas`` and ``trend_chart`` read those columns as they are.
"""

import matplotlib.pyplot as plt
import pytest
from matplotlib.colors import to_hex

from thlib.indicators import all_values, compare_with, get_indicator, time_series
from thlib.presentation.charts.intervals import COMPARATOR_FILL, compare_areas
from thlib.presentation.charts.significance import style
from thlib.presentation.charts.trend import trend_chart


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def test_compare_with_output_draws_in_compare_areas_as_it_is():
    frame = compare_with(all_values("crime-rate"), "crime-rate", "borough")
    wards = frame[frame.area_type.isin(["ward", "borough"])].assign(
        is_comparator=lambda f: f.area_type != "ward")
    fig = compare_areas(wards, title="T", subtitle="S", source="Src",
                        confidence=get_indicator("crime-rate").confidence)
    ax = fig.axes[0]
    bars = sorted(ax.patches, key=lambda p: -p.get_y())
    assert len(bars) == len(wards) == 21
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[0] == "Tower Hamlets"  # the comparator, pinned at the top
    assert sorted(labels[1:]) == sorted(wards.loc[wards.area_type == "ward", "name"])
    # each ward's bar takes the colour of its own comparison label
    by_name = wards.set_index("name")
    assert to_hex(bars[0].get_facecolor()) == to_hex(COMPARATOR_FILL)
    for bar, name in zip(bars[1:], labels[1:], strict=True):
        assert to_hex(bar.get_facecolor()) == to_hex(style(by_name.loc[name, "comparison"]).colour)
    assert bars[1].get_width() == pytest.approx(by_name["value"].drop("Tower Hamlets").max())


def test_a_compared_time_series_draws_in_trend_chart_as_it_is():
    indicator = get_indicator("employment-rate-aps")
    series = time_series(indicator, ["E09000030", "london", "england"])
    compared = compare_with(series, indicator, "england")  # each period with its own
    fig = trend_chart(compared, title="T", subtitle="S", source="Src",
                      confidence=indicator.confidence, benchmark="England")
    ax = fig.axes[0]
    periods = series["period"].nunique()
    lines = {line.get_label(): line for line in ax.get_lines() if len(line.get_xdata()) > 1}
    assert set(lines) == {"Tower Hamlets", "London", "England"}
    borough = compared[compared["name"] == "Tower Hamlets"]
    assert len(lines["Tower Hamlets"].get_xdata()) == periods == len(borough)
    assert list(lines["London"].get_ydata()) == \
        compared.loc[compared["name"] == "London", "value"].tolist()
    # one marker per period of the area, in the shape of its comparison with England
    points = [line for line in ax.get_lines() if len(line.get_xdata()) == 1]
    drawn = borough[borough["value"].notna()]
    assert len(points) == len(drawn) > 1
    assert [p.get_marker() for p in points] == \
        [style(label).marker for label in drawn["comparison"]]
