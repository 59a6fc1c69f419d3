"""Contrast (WCAG 2.2, 1.4.11): every meaningful line, marker, band and boundary is 3:1.

The ratio is checked first against values published with the WCAG definition and by
WebAIM's contrast checker; then every pair of neighbouring colours the charts draw is held
to 3:1 (4.5:1 for text printed on a fill). Fills that only repeat what a shape, a word or a
printed number already says (the significance fills, adjacent choropleth classes) are not
held to it; their outlines are.
"""

import matplotlib as mpl
import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.colors import to_hex

from thlib import stats
from thlib.presentation.charts import (
    maps,
    significance,
    spc,
    spc_chart,
    spine,
    style,
    trend,
    trend_chart,
)
from thlib.presentation.charts.choropleth import BLUES, NO_DATA
from thlib.presentation.charts.contrast import (
    GRAPHICS,
    SMALL_TEXT,
    contrast_ratio,
    relative_luminance,
    text_colour,
)

WHITE = "#ffffff"


@pytest.mark.parametrize(("first", "second", "expected"), [
    ("#000000", "#ffffff", 21.0),   # the largest ratio, by definition
    ("#ffffff", "#000000", 21.0),   # order does not matter
    ("#767676", "#ffffff", 4.54),   # WebAIM: the lightest grey passing 4.5:1 on white
    ("#777777", "#ffffff", 4.48),   # WebAIM: one step lighter fails
    ("#ff0000", "#ffffff", 4.00),   # WebAIM: pure red on white, 3.998:1
    ("#0000ff", "#ffffff", 8.59),   # WebAIM: pure blue on white
    ("#808080", "#808080", 1.0),    # a colour against itself
])
def test_contrast_ratio_matches_published_values(first, second, expected):
    assert contrast_ratio(first, second) == pytest.approx(expected, abs=0.005)


def test_relative_luminance_of_the_primaries_is_the_wcag_weights():
    assert relative_luminance("#ff0000") == pytest.approx(0.2126)
    assert relative_luminance("#00ff00") == pytest.approx(0.7152)
    assert relative_luminance("#0000ff") == pytest.approx(0.0722)


def _at_least(first, second, ratio=GRAPHICS):
    return contrast_ratio(first, second) >= ratio


# ---- lines and markers on the white page ----------------------------------------------

ON_WHITE = {
    "axis lines": mpl.rcParams["axes.edgecolor"],
    **{f"series {i}": s["color"] for i, s in enumerate(style.SERIES)},
    "trend area": trend.AREA["color"],
    **{f"trend comparator {i}": s["color"] for i, s in enumerate(trend.COMPARATORS)},
    "spc values": spc.VALUE_LINE,
    "spc mean and limits": spc.EDGE,
    "spc target": spc.TARGET["color"],
    "marker and bar outlines": significance.EDGE,
    **{f"outline of {s.label}": s.edge for s in significance.STYLES.values()},
    "spine range outline": spine.RANGE_EDGE,
    "legend swatch outline": maps.SWATCH_EDGE,
    "locator highlight outline": maps.LINE,
}


@pytest.mark.parametrize("name", ON_WHITE)
def test_lines_and_outlines_contrast_with_the_page(name):
    assert _at_least(ON_WHITE[name], WHITE), f"{name}: {contrast_ratio(ON_WHITE[name], WHITE):.2f}"


def test_every_drawn_line_of_a_trend_and_an_spc_chart_contrasts_with_the_page():
    years = ["2021", "2022", "2023"]
    counts = stats.proportion([200, 240, 300], [1000, 1000, 1000], multiplier=100)
    frame = pd.concat(
        [pd.DataFrame({"name": "Area", "period": years, "value": counts["value"],
                       "lower": counts["lower"], "upper": counts["upper"]})]
        + [pd.DataFrame({"name": name, "period": years, "value": [21.0, 22.0, 23.0]})
           for name in ("Borough", "London", "England")], ignore_index=True)
    charts = [trend_chart(frame, title="T", subtitle="S", source="Src", ylabel="Percent",
                          confidence=0.95),
              spc_chart(stats.xmr([10, 12, 9, 11, 10, 30, 11, 9, 10, 12, 10, 11]), title="T",
                        subtitle="S", source="Src", ylabel="Count", target=15)]
    lines = [line for fig in charts for line in fig.axes[0].get_lines()]
    assert len(lines) >= 10  # area, 3 comparators; values, mean, limits, target, points
    for line in lines:
        colour = line.get_color() if line.get_linestyle() != "None" else (
            line.get_markeredgecolor())
        assert _at_least(colour, WHITE), f"{line.get_label()}: {to_hex(colour)}"
    band = charts[0].axes[0].collections[0]  # the confidence band: its edge, not its fill
    assert _at_least(band.get_edgecolor()[0], WHITE)
    plt.close("all")


def test_markers_on_the_area_bar_have_a_white_edge_that_contrasts_with_it():
    assert _at_least(WHITE, style.SERIES[0]["color"])


# ---- the spine chart ------------------------------------------------------------------

def test_spine_bands_contrast_with_each_other():
    assert _at_least(spine.RANGE_FILL, spine.MIDDLE_FILL)


@pytest.mark.parametrize("band", [spine.RANGE_FILL, spine.MIDDLE_FILL])
def test_comparator_line_and_every_marker_contrast_with_both_spine_bands(band):
    assert _at_least(style.TEXT, band)  # the comparator's centre line
    for look in significance.STYLES.values():
        # a marker shows by its outline, or (an empty circle) by its white body
        assert _at_least(look.edge, band) or _at_least(look.colour, band), look.label


def test_spine_range_outline_contrasts_with_the_range_fill():
    assert _at_least(spine.RANGE_EDGE, spine.RANGE_FILL)


# ---- maps ------------------------------------------------------------------------------

FILLS = sorted({*maps.DECILE_COLOURS, *(c for ramp in BLUES.values() for c in ramp),
                NO_DATA["facecolor"]})


@pytest.mark.parametrize("fill", FILLS)
def test_cased_boundaries_show_on_every_shade(fill):
    # a cased line shows by its core or by its casing, whichever contrasts with the fill
    assert _at_least(maps.BOUNDARY["color"], fill) or _at_least(maps.CASING, fill)
    assert _at_least(maps.OUTLINE["color"], fill) or _at_least(maps.LINE, fill)


@pytest.mark.parametrize("fill", FILLS)
def test_values_printed_on_a_shade_are_readable_text(fill):
    assert _at_least(text_colour(fill), fill, SMALL_TEXT)


def test_boundary_core_and_casing_contrast_with_each_other():
    assert _at_least(maps.BOUNDARY["color"], maps.CASING)
    assert _at_least(maps.OUTLINE["color"], maps.LINE)


def test_locator_map_outlines_contrast_with_both_fills():
    assert _at_least(maps.WARD_EDGE, maps.WARD_FILL)
    assert _at_least(maps.LINE, maps.WARD_FILL) and _at_least(maps.LINE, maps.HIGHLIGHT)


def test_the_old_spine_bands_fail_so_the_check_can_fail():
    # the bands used until November 2026 (#dcdddf, #989c9f) contrast 2.04:1
    assert contrast_ratio("#dcdddf", "#989c9f") == pytest.approx(2.04, abs=0.005)
    assert not _at_least("#dcdddf", "#989c9f")
