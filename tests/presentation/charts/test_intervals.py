"""Compare areas: comparators pinned first, then sorted; whiskers are the intervals."""

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_hex
from matplotlib.figure import Figure

from thlib import stats
from thlib.errors import DataError, ParameterError
from thlib.presentation.charts import compare_areas, figure_svg
from thlib.presentation.charts.intervals import COMPARATOR_FILL, order_areas
from thlib.presentation.charts.significance import style


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")  # chart functions make pyplot figures; don't let them pile up


def _frame():
    """Three wards and two comparators; intervals (Wilson) and labels from thlib.stats."""
    counts = stats.proportion([30, 50, 10, 500, 9000], [100, 100, 100, 2000, 50000],
                              multiplier=100)
    borough = counts["value"].iloc[3]
    labels = stats.compare(counts["value"], counts["lower"], counts["upper"], borough,
                           "lower_is_better")
    return pd.DataFrame({
        "name": ["A", "B", "C", "Borough", "England"], "value": counts["value"],
        "lower": counts["lower"], "upper": counts["upper"],
        "comparison": labels.where([True, True, True, False, False], ""),
        "is_comparator": [False, False, False, True, True],
    })


def _draw(frame=None, **kwargs):
    kwargs.setdefault("confidence", 0.95)
    return compare_areas(_frame() if frame is None else frame, title="T", subtitle="S",
                         source="Src", **kwargs)


def _bars(ax):
    """Bars top to bottom (the axes' y grows upwards)."""
    return sorted(ax.patches, key=lambda p: -p.get_y())


def test_labels_come_from_stats_as_expected():
    # 30/100 = 30% with a Wilson interval (21.9, 39.6) around the borough's 25%: similar;
    # 50% is above it (worse, lower is better), 10% below it (better)
    assert list(_frame()["comparison"][:3]) == ["similar", "worse", "better"]


def test_comparators_are_pinned_first_in_their_order_then_areas_by_value():
    assert list(order_areas(_frame())["name"]) == ["Borough", "England", "B", "A", "C"]
    assert list(order_areas(_frame(), "ascending")["name"]) == [
        "Borough", "England", "C", "A", "B"]
    assert list(order_areas(_frame(), None)["name"]) == ["Borough", "England", "A", "B", "C"]
    with_gap = _frame().assign(value=[30.0, np.nan, 10.0, 25.0, 18.0])
    assert list(order_areas(with_gap)["name"])[-1] == "B"  # missing values last


def test_one_bar_per_row_in_drawing_order():
    ax = _draw().axes[0]
    bars = _bars(ax)
    rows = order_areas(_frame())
    assert len(bars) == 5
    assert [b.get_width() for b in bars] == pytest.approx(rows["value"].tolist())
    assert [t.get_text() for t in ax.get_yticklabels()] == rows["name"].tolist()
    assert [t.get_fontweight() for t in ax.get_yticklabels()][:2] == ["bold", "bold"]


def test_comparators_are_grey_and_areas_take_their_label_colour():
    bars = _bars(_draw().axes[0])
    colours = [to_hex(b.get_facecolor()) for b in bars]
    assert colours[:2] == [COMPARATOR_FILL] * 2
    assert colours[2:] == [to_hex(style(s).colour) for s in ("worse", "similar", "better")]
    assert colours[2] != colours[4]  # worse and better differ by colour ...


def test_words_are_written_beside_the_areas_only():
    texts = [t.get_text() for t in _draw().axes[0].texts]
    # ... and by words
    assert texts.count("▼ worse") == 1 and texts.count("▲ better") == 1
    assert texts.count("● similar") == 1
    assert "30.0 (21.9 to 39.6)" in texts  # Wilson interval of 30/100, worked by hand


def test_whiskers_run_from_lower_to_upper():
    frame = _frame()
    ax = _draw(frame).axes[0]
    segments = ax.collections[0].get_segments()
    spans = {(round(s[0][0], 9), round(s[1][0], 9)) for s in segments}
    assert spans == {(round(lo, 9), round(hi, 9))
                     for lo, hi in zip(frame["lower"], frame["upper"], strict=True)}
    bars = _bars(ax)  # each whisker sits on its own bar
    centres = sorted(b.get_y() + b.get_height() / 2 for b in bars)
    assert sorted(s[0][1] for s in segments) == pytest.approx(centres)


def test_reference_line_at_the_main_comparator():
    frame = _frame()
    ax = _draw(frame).axes[0]
    dashed = [line for line in ax.get_lines() if line.get_linestyle() == "--"]
    assert [line.get_xdata()[0] for line in dashed] == pytest.approx([25.0])
    ax = _draw(frame, reference="England").axes[0]
    dashed = [line for line in ax.get_lines() if line.get_linestyle() == "--"]
    assert [line.get_xdata()[0] for line in dashed] == pytest.approx([18.0])
    assert ax.get_legend().get_title().get_text() == "Compared with England:"
    with pytest.raises(ParameterError, match="not a comparator"):
        _draw(frame, reference="A")


def test_legend_names_labels_line_and_interval():
    labels = [t.get_text() for t in _draw().axes[0].get_legend().get_texts()]
    assert labels == ["▲ better", "● similar", "▼ worse", "Borough",
                      "95% confidence interval"]


def test_missing_intervals_and_no_comparators():
    frame = _frame().iloc[:3].assign(is_comparator=False)
    frame.loc[0, ["lower", "upper"]] = np.nan
    ax = _draw(frame).axes[0]
    assert len(ax.collections[0].get_segments()) == 2
    assert not [line for line in ax.get_lines() if line.get_linestyle() == "--"]
    assert "30.0" in [t.get_text() for t in ax.texts]


def test_text_columns_sit_right_of_the_bars_and_inside_the_figure():
    frame = _frame().assign(name=["A ward with a long name", "B", "C", "Borough", "England"],
                            value=lambda f: f["value"] * 1000, lower=lambda f: f["lower"] * 1000,
                            upper=lambda f: f["upper"] * 1000)
    fig = _draw(frame)
    fig.canvas.draw()
    ax = fig.axes[0]
    right = ax.get_window_extent().x1
    for text in ax.texts:
        extent = text.get_window_extent()
        assert extent.x0 >= right and extent.x1 <= fig.bbox.x1, text.get_text()


def test_bad_frames_are_refused():
    with pytest.raises(DataError, match="no column"):
        _draw(_frame().drop(columns="upper"))
    with pytest.raises(DataError, match="swapped"):
        _draw(_frame().assign(lower=_frame()["upper"], upper=_frame()["lower"]))
    with pytest.raises(ParameterError, match="sort"):
        _draw(sort="by name")


def test_given_axes_are_drawn_on_without_title_block():
    fig = Figure(figsize=(7, 3))
    assert _draw(ax=fig.add_subplot()) is fig
    assert fig.texts == []


def test_svg_is_deterministic():
    assert figure_svg(_draw()) == figure_svg(_draw())
