"""SPC chart: mean solid, limits dashed, special causes by colour AND marker shape."""

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.colors import to_hex
from matplotlib.figure import Figure

from thlib import stats
from thlib.errors import DataError
from thlib.presentation.charts import PALETTE, figure_svg, spc_chart
from thlib.presentation.charts.spc import VARIATION

# One point (30, the 6th) far above the rest. By hand: mean 145 / 12 = 12.083; moving
# ranges 2,3,2,1,20,19,2,1,2,2,1 average 55 / 11 = 5; limits 12.083 -/+ 2.66 * 5, i.e.
# -1.22 and 25.38; 2 sigma at 12.083 + 8.87 = 20.95. Only 30 is beyond either, no run of
# 7 on one side of the mean (5, then 6) and no run of 7 rising or falling points.
VALUES = [10, 12, 9, 11, 10, 30, 11, 9, 10, 12, 10, 11]
MEAN = 145 / 12


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")  # chart functions make pyplot figures; don't let them pile up


def _draw(frame, **kwargs):
    return spc_chart(frame, title="T", subtitle="S", source="Src", ylabel="Count", **kwargs)


def _points(ax, marker):
    return [line for line in ax.get_lines()
            if line.get_marker() == marker and line.get_linestyle() == "None"]


def test_xmr_input_as_worked_by_hand():
    frame = stats.xmr(VALUES)
    assert frame["mean"].iloc[0] == pytest.approx(MEAN)
    assert frame["upper_limit"].iloc[0] == pytest.approx(MEAN + 2.66 * 5)
    assert list(frame.index[frame["special_cause"]]) == [5]


def test_a_concern_is_an_orange_down_triangle():
    ax = _draw(stats.xmr(VALUES, improvement="decrease")).axes[0]
    (concern,) = _points(ax, "v")
    assert list(concern.get_xdata()) == [5] and list(concern.get_ydata()) == [30]
    assert to_hex(concern.get_markerfacecolor()) == to_hex(PALETTE["orange"])


def test_an_improvement_is_a_filled_blue_circle_bigger_than_common_cause():
    ax = _draw(stats.xmr(VALUES, improvement="increase")).axes[0]
    circles = _points(ax, "o")
    common, improvement = circles  # drawn in the order of VARIATION
    assert list(improvement.get_ydata()) == [30] and len(common.get_xdata()) == 11
    assert to_hex(improvement.get_markerfacecolor()) == to_hex(PALETTE["blue"])
    assert improvement.get_markersize() > common.get_markersize()
    assert not _points(ax, "v")


def test_improvement_and_concern_differ_in_colour_and_shape():
    improvement, concern = (VARIATION["special cause improvement"],
                            VARIATION["special cause concern"])
    assert improvement[0] != concern[0] and improvement[1] != concern[1]


def test_no_direction_gives_purple_neither_points():
    ax = _draw(stats.xmr(VALUES)).axes[0]
    (neither,) = _points(ax, "D")
    assert to_hex(neither.get_markerfacecolor()) == to_hex(PALETTE["purple"])


def test_mean_solid_and_limits_dashed_at_their_values():
    frame = stats.xmr(VALUES, improvement="decrease")
    ax = _draw(frame).axes[0]
    lines = {line.get_label(): line for line in ax.get_lines()}
    assert lines["mean"].get_linestyle() == "-"
    assert list(lines["mean"].get_ydata()) == pytest.approx([MEAN] * len(VALUES))
    assert lines["process limits"].get_linestyle() == "--"
    dashed = [line for line in ax.get_lines() if line.get_linestyle() == "--"]
    assert sorted(line.get_ydata()[0] for line in dashed) == pytest.approx(
        [frame["lower_limit"].iloc[0], frame["upper_limit"].iloc[0]])


def test_legend_names_the_variation_types_present_and_the_lines():
    ax = _draw(stats.xmr(VALUES, improvement="decrease"), target=12).axes[0]
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    # two rows handed over column by column: lines, then kinds of point
    assert labels[0::2] == ["mean", "process limits", "target"]
    assert labels[1::2] == ["common cause", "special cause: concern", " "]


def test_target_line_and_values_written_at_the_right():
    ax = _draw(stats.xmr(VALUES), target=12).axes[0]
    target = [line for line in ax.get_lines() if line.get_label() == "target"]
    assert len(target) == 1 and list(target[0].get_ydata()) == [12, 12]
    texts = {t.get_text() for t in ax.texts}
    assert {"mean 12.1", "upper limit 25.4", "lower limit -1.2", "target 12.0"} == texts


def test_month_labels_and_thinned_ticks():
    months = pd.period_range("2022-01", periods=40, freq="M")
    ax = _draw(stats.xmr(list(range(40)), x=months)).axes[0]
    labels = [t.get_text() for t in ax.get_xticklabels()]
    assert labels[0] == "Jan 2022" and len(labels) <= 16


def test_text_stays_inside_the_figure():
    fig = _draw(stats.xmr(VALUES), target=12)
    fig.canvas.draw()
    for text in fig.axes[0].texts:
        extent = text.get_window_extent()
        assert fig.bbox.x0 <= extent.x0 and extent.x1 <= fig.bbox.x1, text.get_text()


def test_bad_frames_are_refused():
    with pytest.raises(DataError, match="thlib.stats.xmr"):
        _draw(stats.xmr(VALUES).drop(columns="mean"))
    with pytest.raises(DataError, match="not known"):
        _draw(stats.xmr(VALUES).assign(variation="odd"))


def test_given_axes_are_drawn_on_without_title_block():
    fig = Figure(figsize=(7, 3))
    assert _draw(stats.xmr(VALUES), ax=fig.add_subplot()) is fig
    assert fig.texts == []


def test_svg_is_deterministic():
    frame = stats.xmr(VALUES, improvement="decrease")
    assert figure_svg(_draw(frame)) == figure_svg(_draw(frame))
