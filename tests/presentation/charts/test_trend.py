"""Trend chart: the area's interval, comparator lines told apart, points marked by label."""

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.collections import PolyCollection
from matplotlib.colors import to_hex
from matplotlib.figure import Figure

from thlib import stats
from thlib.errors import DataError, ParameterError
from thlib.presentation.charts import figure_svg, trend_chart
from thlib.presentation.charts.significance import STYLES, style

YEARS = ["2019/20", "2020/21", "2021/22", "2022/23"]
ENGLAND = [20.0, 20.0, 20.0, 20.0]


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")  # chart functions make pyplot figures; don't let them pile up


def _frame(comparison=True):
    """Tower Hamlets (proportions with Wilson intervals) against London and England."""
    counts = stats.proportion([200, 240, 300, 150], [1000, 1000, 1000, 1000], multiplier=100)
    area = pd.DataFrame({"name": "Tower Hamlets", "period": YEARS,
                         "value": counts["value"], "lower": counts["lower"],
                         "upper": counts["upper"]})
    if comparison:
        area["comparison"] = stats.compare(counts["value"], counts["lower"],
                                           counts["upper"], ENGLAND, "lower_is_better")
    others = pd.concat([pd.DataFrame({"name": name, "period": YEARS, "value": values})
                        for name, values in (("London", [21.0, 22, 23, 24]),
                                             ("England", ENGLAND))])
    return pd.concat([area, others], ignore_index=True)


def _draw(frame=None, **kwargs):
    kwargs.setdefault("confidence", 0.95)
    return trend_chart(_frame() if frame is None else frame, title="T", subtitle="S",
                       source="Src", ylabel="Percent", benchmark="England", **kwargs)


def _single_points(ax):
    return [line for line in ax.get_lines() if len(line.get_xdata()) == 1]


def test_stats_labels_as_expected():
    # 20% (17.6 to 22.6) similar to 20; 24% worse; 30% worse; 15% better (lower is better)
    assert list(_frame()["comparison"].dropna()) == ["similar", "worse", "worse", "better"]


def test_legend_reads_area_interval_comparators_then_labels():
    legend = _draw().axes[0].get_legend()
    labels = [t.get_text() for t in legend.get_texts()]
    # two rows, handed to matplotlib column by column
    assert labels[0::2] == ["Tower Hamlets", "95% confidence interval", "London", "England"]
    assert labels[1::2] == ["▲ better", "● similar", "▼ worse", " "]
    assert legend.get_title().get_text() == "Points: Tower Hamlets compared with England"


def test_band_spans_lower_to_upper_at_each_period():
    frame = _frame()
    ax = _draw(frame).axes[0]
    band = next(c for c in ax.collections if isinstance(c, PolyCollection))
    vertices = band.get_paths()[0].vertices
    area = frame[frame["name"] == "Tower Hamlets"]
    for x, lower, upper in zip(range(4), area["lower"], area["upper"], strict=True):
        at = vertices[np.isclose(vertices[:, 0], x), 1]
        assert at.min() == pytest.approx(lower) and at.max() == pytest.approx(upper)


def test_error_bars_span_lower_to_upper():
    frame = _frame()
    ax = _draw(frame, interval="bars").axes[0]
    segments = ax.collections[0].get_segments()
    area = frame[frame["name"] == "Tower Hamlets"]
    assert [s[0][1] for s in segments] == pytest.approx(area["lower"].tolist())
    assert [s[1][1] for s in segments] == pytest.approx(area["upper"].tolist())
    assert not [c for c in ax.collections if isinstance(c, PolyCollection)]


def test_points_are_marked_by_label_colour_and_shape():
    points = _single_points(_draw().axes[0])
    assert [p.get_marker() for p in points] == ["o", "v", "v", "^"]
    worse, better = points[1], points[3]
    assert to_hex(worse.get_markerfacecolor()) == to_hex(style("worse").colour)
    assert to_hex(worse.get_markerfacecolor()) != to_hex(better.get_markerfacecolor())
    assert [p.get_ydata()[0] for p in points] == pytest.approx([20, 24, 30, 15])


def test_comparators_differ_by_dash_and_marker_and_avoid_label_colours():
    lines = [line for line in _draw().axes[0].get_lines() if len(line.get_xdata()) == 4]
    area, london, england = lines
    assert len({line.get_linestyle() for line in lines}) == 3
    assert london.get_marker() != england.get_marker()
    label_colours = {to_hex(s.colour) for s in STYLES.values()}
    assert not {to_hex(london.get_color()), to_hex(england.get_color())} & label_colours
    assert list(england.get_ydata()) == ENGLAND


def test_without_labels_or_intervals_the_area_line_has_markers():
    frame = _frame(comparison=False).drop(columns=["lower", "upper"])
    ax = _draw(frame).axes[0]
    assert not _single_points(ax)
    assert ax.get_lines()[0].get_marker() == "s"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "Tower Hamlets", "London", "England"]
    assert ax.get_legend().get_title().get_text() == ""


def test_periods_keep_their_order_and_area_can_be_chosen():
    ax = _draw().axes[0]
    assert [t.get_text() for t in ax.get_xticklabels()] == YEARS
    ax = _draw(area="England").axes[0]
    assert list(ax.get_lines()[0].get_ydata()) == ENGLAND


def test_bad_input_is_refused():
    with pytest.raises(ParameterError, match="area 'Wales'"):
        _draw(area="Wales")
    with pytest.raises(ParameterError, match="interval"):
        _draw(interval="shade")
    with pytest.raises(DataError, match="more than one value"):
        _draw(pd.concat([_frame(), _frame().iloc[:1]]))
    with pytest.raises(DataError, match="no column"):
        _draw(_frame().drop(columns="period"))


def test_given_axes_are_drawn_on_without_title_block():
    fig = Figure(figsize=(7, 3))
    assert _draw(ax=fig.add_subplot()) is fig
    assert fig.texts == []


def test_svg_is_deterministic():
    assert figure_svg(_draw()) == figure_svg(_draw())


def test_monthly_periods_draw_one_line_per_area_with_different_dashes():
    months = pd.period_range("2024-01", periods=3, freq="M")
    frame = pd.DataFrame({"name": ["A"] * 3 + ["B"] * 3,
                          "period": list(months) * 2, "value": [1, 2, 3, 2, 2, 2]})
    fig = trend_chart(frame, title="T", subtitle="S", source="Src", ylabel="y")
    lines = fig.axes[0].get_lines()
    assert len(lines) == 2 and lines[0].get_linestyle() != lines[1].get_linestyle()


def test_limits_without_a_confidence_level_are_refused():
    # a legend must not say 95% of intervals made at another level
    with pytest.raises(ParameterError, match="pass confidence"):
        trend_chart(_frame(), title="T", subtitle="S", source="Src")


def test_large_values_are_labelled_in_full_not_with_a_hidden_multiplier():
    # DWP children in low income families (count), England 2014/15 and 2021/22: 1,986,000
    # and 2,575,842; without a formatter matplotlib labels 2.0 and 2.5 and prints "1e6" apart
    frame = pd.DataFrame({"name": "England", "period": ["2014/15", "2021/22"],
                          "value": [1_986_000.0, 2_575_842.0]})
    fig = trend_chart(frame, title="T", subtitle="S", source="Src", ylabel="children")
    fig.canvas.draw()
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert "2,500,000" in labels and "500,000" in labels
    assert fig.axes[0].yaxis.get_offset_text().get_text() == ""


def test_small_values_keep_their_decimals():
    frame = pd.DataFrame({"name": "Area", "period": ["2022", "2023"], "value": [0.1, 0.35]})
    fig = trend_chart(frame, title="T", subtitle="S", source="Src", ylabel="rate")
    fig.canvas.draw()
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert {"0.00", "0.10", "0.30"} <= set(labels)
