"""Spine chart: comparator in the middle, lower-is-better rows flipped, marks not colour alone."""

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_hex
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from thlib import stats
from thlib.errors import DataError
from thlib.presentation.charts import figure_svg, spine_chart
from thlib.presentation.charts.significance import style
from thlib.presentation.charts.spine import spine_positions


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")  # chart functions make pyplot figures; don't let them pile up


def _frame():
    # Hand-made: comparator 10; the farthest value from it is 14 (distance 4), so a row's
    # half-width is 4 and x = 0.5 + (v - 10) / 4 / 2.
    return pd.DataFrame({
        "indicator": ["Higher is better", "Lower is better", "No judgement"],
        "unit": ["%", "per 1,000", ""], "decimals": [1, 0, 2],
        "value": [12.0, 12.0, 8.0], "comparator": [10.0, 10.0, 10.0],
        "minimum": [6.0, 6.0, 6.0], "q25": [8.0, 8.0, 8.0], "q75": [11.0, 11.0, 11.0],
        "maximum": [14.0, 14.0, 14.0],
        "comparison": ["better", "worse", "lower"],
        "polarity": ["higher_is_better", "lower_is_better", "no_judgement"],
    })


def _wards_frame():
    """A realistic row per indicator from ward counts, compared with thlib.stats."""
    rng = np.random.default_rng(7)
    rows = []
    for name, polarity in (("Overcrowded households", "lower_is_better"),
                           ("Level 4+ qualifications", "higher_is_better"),
                           ("Born outside the UK", "no_judgement")):
        denominators = rng.integers(3000, 8000, 20)
        numerators = (denominators * rng.uniform(0.1, 0.5, 20)).astype(int)
        wards = stats.proportion(numerators, denominators, multiplier=100)
        borough = numerators.sum() / denominators.sum() * 100
        area = wards.iloc[0]
        label = stats.compare(area["value"], area["lower"], area["upper"], borough,
                              polarity).iloc[0]
        rows.append({"indicator": name, "unit": "%", "value": area["value"],
                     "comparator": borough, "minimum": wards["value"].min(),
                     "q25": wards["value"].quantile(0.25), "q75": wards["value"].quantile(0.75),
                     "maximum": wards["value"].max(), "comparison": label,
                     "polarity": polarity})
    return pd.DataFrame(rows)


def _draw(frame=None, **kwargs):
    return spine_chart(_frame() if frame is None else frame, title="T", subtitle="S",
                       source="Src", area_name="Bow East", comparator_name="Tower Hamlets",
                       **kwargs)


def _markers(fig):
    return [line for line in fig.axes[0].get_lines() if line.get_marker() not in ("None", None)
            and len(line.get_xdata()) == 1]


def test_positions_put_the_comparator_in_the_middle():
    rows = spine_positions(_frame())
    assert (rows["x_comparator"] == 0.5).all()
    assert rows.loc[0, "x_value"] == pytest.approx(0.75)  # 0.5 + 2 / 4 / 2
    assert rows.loc[0, ["x_min", "x_q25", "x_q75", "x_max"]].tolist() == pytest.approx(
        [0.0, 0.25, 0.625, 1.0])


def test_positions_flip_lower_is_better_rows():
    rows = spine_positions(_frame())
    # lower is better: 12 is worse than 10, so it sits left of centre; the wards' maximum
    # (the worst) is at the left end and the minimum at the right end
    assert rows.loc[1, "x_value"] == pytest.approx(0.25)
    assert rows.loc[1, ["x_min", "x_q25", "x_q75", "x_max"]].tolist() == pytest.approx(
        [0.0, 0.375, 0.75, 1.0])
    assert rows.loc[2, "x_value"] == pytest.approx(0.25)  # no judgement: lower on the left


def test_positions_make_room_for_a_value_beyond_the_range():
    frame = _frame().assign(value=[18.0, 2.0, 10.0])
    rows = spine_positions(frame)
    # half-width 8 for the first two rows: 18 -> right end; 2 (lower is better) -> right end
    assert rows.loc[0, "x_value"] == pytest.approx(1.0)
    assert rows.loc[1, "x_value"] == pytest.approx(1.0)
    assert rows.loc[0, "x_max"] == pytest.approx(0.75)


def test_a_row_all_at_the_comparator_is_centred():
    frame = _frame().iloc[:1].assign(value=10.0, minimum=10.0, q25=10.0, q75=10.0,
                                     maximum=10.0)
    assert spine_positions(frame).loc[0, ["x_value", "x_min", "x_max"]].tolist() == [0.5] * 3


def test_chart_draws_one_marker_per_row_where_the_positions_say():
    frame = _frame()
    fig = _draw(frame)
    marks = _markers(fig)
    assert len(marks) == 3
    assert [m.get_xdata()[0] for m in marks] == pytest.approx(
        spine_positions(frame)["x_value"].tolist())
    centre = [line for line in fig.axes[0].get_lines() if list(line.get_xdata()) == [0.5, 0.5]]
    assert len(centre) == 1  # the comparator's line


def test_range_bars_span_the_scaled_wards():
    fig = _draw()
    bars = [p for p in fig.axes[0].patches if isinstance(p, Rectangle)][:3]  # full range
    rows = spine_positions(_frame())
    assert [b.get_x() for b in bars] == pytest.approx(rows["x_min"].tolist())
    assert [b.get_x() + b.get_width() for b in bars] == pytest.approx(rows["x_max"].tolist())


def test_better_and_worse_marks_differ_in_colour_and_shape():
    better, worse, _ = _markers(_draw())
    assert better.get_marker() == "^" and worse.get_marker() == "v"
    assert to_hex(better.get_markerfacecolor()) != to_hex(worse.get_markerfacecolor())
    assert to_hex(better.get_markerfacecolor()) == to_hex(style("better").colour)


def test_table_columns_hold_names_units_values_and_symbols():
    texts = [t.get_text() for t in _draw().axes[0].texts]
    assert "Higher is better (%)" in texts and "Lower is better (per 1,000)" in texts
    assert "No judgement" in texts  # empty unit: no brackets
    assert {"12.0", "10.0", "12", "10", "8.00", "10.00"} <= set(texts)  # per-row decimals
    assert {"▲", "▼", style("lower").symbol} <= set(texts)
    assert {"Indicator (unit)", "Bow East", "Tower\nHamlets"} <= set(texts)


def test_legends_name_the_labels_and_the_spine():
    ax = _draw().axes[0]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "▲ better", "▼ worse", style("lower").text]
    assert ax.get_legend().get_title().get_text() == "Bow East compared with Tower Hamlets:"
    keys = [a for a in ax.artists if hasattr(a, "get_texts")]
    assert [t.get_text() for t in keys[0].get_texts()] == [
        "range of wards", "middle half of wards", "Tower Hamlets"]


def test_realistic_frame_and_title_column_of_catalogue_summaries():
    frame = _wards_frame().rename(columns={"indicator": "title"}).assign(indicator="id")
    fig = _draw(frame)
    texts = {t.get_text() for t in fig.axes[0].texts}
    assert "Overcrowded households (%)" in texts and "id" not in texts
    assert len(_markers(fig)) == 3


def test_text_stays_inside_the_figure():
    fig = _draw(_wards_frame())
    fig.canvas.draw()
    box = fig.bbox
    for text in fig.axes[0].texts + fig.texts:
        extent = text.get_window_extent()
        assert box.x0 <= extent.x0 and extent.x1 <= box.x1, text.get_text()


def test_bad_frames_are_refused():
    with pytest.raises(DataError, match="no column"):
        _draw(_frame().drop(columns="q25"))
    with pytest.raises(DataError, match="polarity 'up'"):
        _draw(_frame().assign(polarity="up"))
    with pytest.raises(DataError, match="no comparator"):
        _draw(_frame().assign(comparator=np.nan))
    with pytest.raises(DataError, match="not known"):
        _draw(_frame().assign(comparison="good"))


def test_given_axes_are_drawn_on_without_title_block():
    fig = Figure(figsize=(7, 3))
    ax = fig.add_subplot()
    assert _draw(ax=ax) is fig
    assert fig.texts == [] and fig.get_figheight() == 3


def test_svg_is_deterministic():
    assert figure_svg(_draw()) == figure_svg(_draw())
