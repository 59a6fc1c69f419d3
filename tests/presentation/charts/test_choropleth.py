"""Choropleth: British National Grid only, classes by quantile or edges, values printed."""

import geopandas as gpd
import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.colors import to_hex
from matplotlib.figure import Figure
from shapely.geometry import box

from thlib.errors import DataError, ParameterError
from thlib.presentation.charts import choropleth, figure_svg
from thlib.presentation.charts.choropleth import BLUES, classify, quantile_bins


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")  # chart functions make pyplot figures; don't let them pile up


def _squares(values=(1.0, 2.0, 3.0, 4.0, 5.0)):
    """A row of 1 km squares in British National Grid, somewhere in Tower Hamlets."""
    return gpd.GeoDataFrame(
        {"value": list(values)},
        geometry=[box(535000 + 1000 * i, 181000, 536000 + 1000 * i, 182000)
                  for i in range(len(values))], crs="EPSG:27700")


def _draw(gdf=None, **kwargs):
    return choropleth(_squares() if gdf is None else gdf, "value", title="T", subtitle="S",
                      source="Src", **kwargs)


def _fills(ax):
    return [to_hex(c) for c in ax.collections[0].get_facecolor()]


def test_refuses_anything_but_british_national_grid():
    with pytest.raises(DataError, match="EPSG:27700"):
        _draw(_squares().to_crs(4326))
    with pytest.raises(DataError, match="EPSG:27700"):
        _draw(_squares().to_crs(3857))  # projected, but not the national grid
    with pytest.raises(DataError, match="no CRS"):
        _draw(_squares().set_crs(None, allow_override=True))
    with pytest.raises(DataError, match="outline layer"):
        _draw(outline=_squares().dissolve().to_crs(4326))


def test_quantile_edges_and_classes_by_hand():
    # five values, four classes: quartiles of 1..5 are 1, 2, 3, 4, 5
    assert list(quantile_bins([5, 1, 3, 2, 4, np.nan], 4)) == [1, 2, 3, 4, 5]
    # lower edge included, upper excluded, except the last class which has both
    assert list(classify([0, 5, 10, 15, 20, np.nan], [0, 10, 20])) == [0, 0, 1, 1, 1, -1]


def test_areas_are_shaded_light_to_dark_by_class():
    ax = _draw(classes=4).axes[0]
    # edges 1, 2, 3, 4, 5: each value opens a class but 5, which closes the last one
    assert _fills(ax) == BLUES[4] + BLUES[4][-1:]


def test_values_are_printed_on_each_area():
    texts = [t.get_text() for t in _draw().axes[0].texts]
    assert texts == ["1.0", "2.0", "3.0", "4.0", "5.0"]
    ax = _draw(_squares([1000.0, 20.0, 3.5]), decimals=0).axes[0]
    assert [t.get_text() for t in ax.texts] == ["1,000", "20", "4"]


def test_class_numbers_and_given_bins():
    ax = _draw(bins=[0, 2, 4, 6], labels="class").axes[0]
    assert [t.get_text() for t in ax.texts] == ["1", "2", "2", "3", "3"]
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["1: 0.0 to 2.0", "2: 2.0 to 4.0", "3: 4.0 to 6.0"]
    assert _fills(ax) == [BLUES[3][i] for i in (0, 1, 1, 2, 2)]


def test_dark_areas_get_white_text():
    texts = _draw(bins=[0, 1.5, 2.5, 3.5, 4.5, 5.5]).axes[0].texts
    assert texts[0].get_color() == "#000000" and texts[-1].get_color() == "#ffffff"


def test_missing_values_are_hatched_listed_and_not_printed():
    ax = _draw(_squares([1.0, np.nan, 3.0, 4.0])).axes[0]
    assert [t.get_text() for t in ax.texts] == ["1.0", "3.0", "4.0"]
    assert "no data" in [t.get_text() for t in ax.get_legend().get_texts()]
    assert ax.collections[1].get_hatch() == "////"


def test_outline_and_its_legend_entry():
    ax = _draw(outline=_squares().dissolve(), outline_label="Borough boundary",
               legend_title="Percent").axes[0]
    assert ax.get_legend().get_texts()[-1].get_text() == "Borough boundary"
    assert ax.get_legend().get_title().get_text() == "Percent"


def test_bad_bins_and_arguments_are_refused():
    with pytest.raises(ParameterError, match="widen"):
        _draw(bins=[2, 3, 4, 5])
    with pytest.raises(ParameterError, match="increasing"):
        _draw(bins=[0, 3, 2, 6])
    with pytest.raises(ParameterError, match="classes"):
        _draw(classes=9)
    with pytest.raises(ParameterError, match="labels"):
        _draw(labels="name")
    with pytest.raises(DataError, match="no column 'rate'"):
        choropleth(_squares(), "rate", title="T", subtitle="S", source="Src")


def test_one_value_everywhere_still_draws():
    ax = _draw(_squares([7.0, 7.0])).axes[0]
    assert [t.get_text() for t in ax.texts] == ["7.0", "7.0"]


def test_given_axes_are_drawn_on_without_title_block():
    fig = Figure(figsize=(7, 5))
    assert _draw(ax=fig.add_subplot()) is fig
    assert fig.texts == []


def test_svg_is_deterministic():
    assert figure_svg(_draw()) == figure_svg(_draw())
