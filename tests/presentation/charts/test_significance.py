"""Significance styles: every comparison label by colour AND marker AND words."""

import numpy as np
import pytest
from matplotlib.colors import to_hex
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from thlib import stats
from thlib.errors import DataError
from thlib.presentation.charts.significance import (
    STYLES,
    legend_handles,
    legend_rows,
    marker_kwargs,
    style,
)


def _all_labels():
    """Every label thlib.stats.compare can give: area above, inside and below the benchmark's
    reach, with each polarity, and a row with no interval."""
    value, lower, upper = [12.0, 10.0, 8.0, 10.0], [11.0, 9.0, 7.0, np.nan], [13, 11, 9, np.nan]
    labels = set()
    for polarity in stats.POLARITIES:
        labels |= set(stats.compare(value, lower, upper, 10.0, polarity))
    return labels


def test_every_label_of_stats_compare_has_a_style():
    assert _all_labels() == set(STYLES)


def test_words_carry_the_symbols_of_the_brief():
    assert style("better").text == "▲ better"
    assert style("worse").text == "▼ worse"
    assert style("similar").text == "● similar"
    assert style("not compared").text == "○ not compared"
    assert style("higher").symbol in "▲△" and style("lower").symbol in "▼▽"


def test_better_and_worse_differ_by_colour_and_by_marker():
    better, worse = style("better"), style("worse")
    assert to_hex(better.colour) != to_hex(worse.colour)
    assert better.marker != worse.marker


def test_no_two_labels_look_or_read_the_same():
    looks = {(to_hex(s.colour), s.marker) for s in STYLES.values()}
    assert len(looks) == len(STYLES)
    assert len({s.text for s in STYLES.values()}) == len(STYLES)


def test_not_compared_is_white_with_a_grey_edge():
    look = style("not compared")
    assert to_hex(look.colour) == "#ffffff" and to_hex(look.edge) != "#ffffff"


def test_missing_labels_are_not_compared_and_unknown_labels_are_refused():
    for missing in (None, np.nan, "", "  "):
        assert style(missing).label == "not compared"
    assert style(" Better ").label == "better"
    with pytest.raises(DataError, match="'best' is not known"):
        style("best")


def test_marker_kwargs_draw_the_label():
    kwargs = marker_kwargs("worse", 9)
    assert kwargs["marker"] == "v" and kwargs["markersize"] == 9
    assert kwargs["markerfacecolor"] == style("worse").colour


def test_legend_handles_only_for_labels_present_in_a_fixed_order():
    handles = legend_handles(["worse", "better", "worse", None])
    assert [h.get_label() for h in handles] == ["▲ better", "▼ worse", "○ not compared"]
    assert [h.get_marker() for h in handles] == ["^", "v", "o"]
    patches = legend_handles(["similar"], kind="patch")
    assert isinstance(patches[0], Patch)
    assert to_hex(patches[0].get_facecolor()) == to_hex(style("similar").colour)


def test_legend_rows_read_across():
    ax = Figure().add_subplot()
    series = [ax.plot([], [], label=name)[0] for name in ("a", "b", "c")]
    legend = legend_rows(ax, [series, legend_handles(["better"]), []])
    # matplotlib fills columns top to bottom: a/better, b/blank, c/blank
    assert [t.get_text() for t in legend.get_texts()] == ["a", "▲ better", "b", " ", "c", " "]
