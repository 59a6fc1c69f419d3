"""Classed map (choropleth) of a value by area, in British National Grid.

Areas are put in classes (equal-count quantiles by default, or given class edges) and
shaded light to dark in a colour-blind-safe sequential blue (ColorBrewer "Blues").
Each area also carries its value, or its class number, printed on it, and the legend
gives every class's range, so the map never relies on telling shades apart. Printed
values are white or black, whichever contrasts more with the shade (at least 4.5:1);
boundaries and the outline are cased (:mod:`thlib.presentation.charts.maps`), so they show at 3:1 or
more on every shade.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry
from shapely.ops import polylabel

from thlib.errors import DataError, ParameterError
from thlib.presentation import formatting
from thlib.presentation.charts.contrast import text_colour
from thlib.presentation.charts.maps import (
    BOUNDARY,
    OUTLINE,
    SWATCH_EDGE,
    draw_boundaries,
    outline_handle,
    plot_layer,
    simplified,
)
from thlib.presentation.charts.style import figure_for, finish

#: ColorBrewer "Blues" (Brewer, Pennsylvania State University), light to dark, for
#: 2 to 7 classes: colour-blind safe and readable in grey print.
BLUES = {
    2: ["#deebf7", "#3182bd"],
    3: ["#deebf7", "#9ecae1", "#3182bd"],
    4: ["#eff3ff", "#bdd7e7", "#6baed6", "#2171b5"],
    5: ["#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"],
    6: ["#eff3ff", "#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c"],
    7: ["#eff3ff", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#084594"],
}
NO_DATA: dict[str, Any] = {"facecolor": "#f3f2f1", "hatch": "////", "edgecolor": SWATCH_EDGE}
FONT = 7.5


def _check_crs(layer: gpd.GeoDataFrame, name: str) -> None:
    if layer.crs is None or layer.crs.to_epsg() != 27700:
        raise DataError(f"choropleth: the {name} layer is in {layer.crs or 'no CRS'}, not "
                        "EPSG:27700 (British National Grid); reproject it with "
                        ".to_crs(27700) first, or set its CRS if it is missing")


def quantile_bins(values: Sequence[float], classes: int = 5) -> np.ndarray:
    """Class edges at equal quantiles of ``values``, lowest and highest values included.

    Missing values are ignored; repeated edges (many equal values) are merged, so fewer
    classes may come back than were asked for.
    """
    data = np.asarray(values, dtype=float)
    data = data[~np.isnan(data)]
    if data.size == 0:
        raise DataError("choropleth: the column has no values to put in classes")
    return np.unique(np.quantile(data, np.linspace(0, 1, classes + 1)))


def classify(values: Sequence[float] | np.ndarray,
             edges: Sequence[float] | np.ndarray) -> np.ndarray:
    """Class of each value, 0 (lowest) upwards; -1 for a missing value.

    Classes include their lower edge and exclude their upper edge, except the last,
    which includes both: with edges 0, 10, 20 the value 10 is in class 1, 20 in class 1.
    """
    data = np.asarray(values, dtype=float)
    limits = np.asarray(edges, dtype=float)
    classes = np.searchsorted(limits, data, side="right") - 1
    classes = np.where(data == limits[-1], len(limits) - 2, classes)
    return np.where(np.isnan(data), -1, classes)


def _label_point(geometry: BaseGeometry) -> Point:
    """Return where to print an area's label.

    That is the point of the (largest) polygon farthest from its edge (pole of
    inaccessibility), so labels sit clear of narrow parts.
    """
    if geometry.geom_type == "MultiPolygon":
        geometry = max(geometry.geoms, key=lambda part: part.area)
    if geometry.geom_type != "Polygon":
        return geometry.representative_point()
    return polylabel(geometry, tolerance=max(geometry.length / 1000, 1e-9))


def choropleth(
    gdf: gpd.GeoDataFrame,
    column: str,
    *,
    title: str,
    subtitle: str,
    source: str,
    note: str | None = None,
    ax: Axes | None = None,
    bins: Sequence[float] | None = None,
    classes: int = 5,
    labels: str = "value",
    decimals: int = 1,
    legend_title: str | None = None,
    outline: gpd.GeoDataFrame | None = None,
    outline_label: str | None = None,
) -> Figure:
    """Shade areas by class of ``column`` and print each area's value (or class) on it.

    Parameters
    ----------
    gdf : geopandas.GeoDataFrame
        One row per area (e.g. ward), polygons in EPSG:27700, with the numeric
        ``column``; missing values are hatched and listed as "no data".
    column : str
        The value to map.
    title, subtitle, source, note : str
        Title block and footer (:func:`thlib.presentation.charts.style.finish`).
    ax : matplotlib.axes.Axes, optional
        Draw on this axes and return its figure *without* the title block and footer
        (the caller calls :func:`~thlib.presentation.charts.style.finish` once for the whole
        figure). Without it a new 7 in wide figure is made and finished.
    bins : sequence of float, optional
        Class edges, increasing, covering every value (at most 8 edges). Default:
        ``classes`` equal-count classes (:func:`quantile_bins`).
    classes : int
        Number of quantile classes when ``bins`` is not given (2 to 7).
    labels : {"value", "class"}
        Print each area's value, or its class number (1 = lowest), on the area.
    decimals : int
        Decimal places of printed values and class edges.
    legend_title : str, optional
        Title of the legend, e.g. the measure and unit.
    outline : geopandas.GeoDataFrame, optional
        A boundary drawn on top (e.g. the borough or neighbourhoods), in EPSG:27700.
    outline_label : str, optional
        Legend entry for the outline.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    DataError
        If a layer is not in EPSG:27700, the column is missing or not numeric, or it
        has no values.
    ParameterError
        If ``bins`` are not increasing or leave values out, or ``classes`` or
        ``labels`` are not allowed.

    Examples
    --------
    >>> import geopandas as gpd
    >>> from shapely.geometry import box
    >>> squares = gpd.GeoDataFrame({"value": [1.0, 2.0, 3.0]}, crs="EPSG:27700",
    ...     geometry=[box(535000 + 1000 * i, 181000, 536000 + 1000 * i, 182000) for i in range(3)])
    >>> fig = choropleth(squares, "value", title="Where it is highest", subtitle="A measure",
    ...                  source="Source: somewhere", classes=3)
    >>> type(fig).__name__
    'Figure'
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    _check_crs(gdf, "areas")
    if outline is not None:
        _check_crs(outline, "outline")
    if column not in gdf:
        raise DataError(f"choropleth: no column {column!r}; columns: "
                        + ", ".join(c for c in gdf.columns if c != gdf.geometry.name))
    if not pd.api.types.is_numeric_dtype(gdf[column]):
        raise DataError(f"choropleth: column {column!r} is not numeric")
    if labels not in ("value", "class"):
        raise ParameterError(f"labels is {labels!r}: use 'value' or 'class'")
    values = gdf[column].to_numpy(dtype=float)
    if bins is None:
        if not 2 <= classes <= 7:
            raise ParameterError(f"classes is {classes}: use 2 to 7")
        edges = quantile_bins(values, classes)
        if len(edges) < 2:  # every value the same: one class around it
            edges = np.array([edges[0], edges[0]])
    else:
        edges = np.asarray(bins, dtype=float)
        if not 3 <= len(edges) <= 8 or np.any(np.diff(edges) <= 0):
            raise ParameterError(f"bins {list(edges)} must be 3 to 8 increasing edges "
                                 "(2 to 7 classes)")
        present = values[~np.isnan(values)]
        if present.size and (present.min() < edges[0] or present.max() > edges[-1]):
            raise ParameterError(f"bins run from {edges[0]:g} to {edges[-1]:g} but the values "
                                 f"run from {present.min():g} to {present.max():g}; widen "
                                 "the first or last edge")
    count = max(len(edges) - 1, 1)
    colours = BLUES[max(count, 2)][-count:] if count > 1 else [BLUES[2][1]]
    level = classify(values, edges) if len(edges) > 1 else np.zeros(len(values), int)
    level = np.where(np.isnan(values), -1, np.clip(level, 0, count - 1))

    fig, ax, own = figure_for(ax, 7.0, 5.2)
    fills = [colours[c] if c >= 0 else NO_DATA["facecolor"] for c in level]
    drawn = simplified(gdf)  # for drawing only: labels are placed on the true shapes
    plot_layer(drawn, ax, color=fills, edgecolor="none")
    missing = level < 0
    if missing.any():
        plot_layer(drawn[missing], ax, **NO_DATA, linewidth=0)
    draw_boundaries(ax, drawn, BOUNDARY)
    if outline is not None:
        draw_boundaries(ax, simplified(outline, gdf), OUTLINE)
    for geometry, value, cls in zip(gdf.geometry, values, level, strict=True):
        if cls < 0 or geometry is None or geometry.is_empty:
            continue
        point = _label_point(geometry)
        text = formatting.number(value, decimals) if labels == "value" else str(cls + 1)
        ax.annotate(text, (point.x, point.y), ha="center", va="center", fontsize=FONT,
                    color=text_colour(colours[cls]))

    def edge(x: float) -> str:
        return formatting.number(x, decimals)

    handles: list = [
        Patch(facecolor=colours[i], edgecolor=SWATCH_EDGE, linewidth=0.5,
              label=("" if labels == "value" else f"{i + 1}: ")
              + f"{edge(edges[i])} to {edge(edges[min(i + 1, len(edges) - 1)])}")
        for i in range(count)]
    if missing.any():
        handles.append(Patch(**NO_DATA, linewidth=0.5, label="no data"))
    if outline is not None and outline_label:
        handles.append(outline_handle(outline_label))
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False,
              fontsize=FONT, title=legend_title, title_fontsize=FONT, alignment="left",
              handlelength=1.6, handleheight=1.1, borderaxespad=0.2)
    ax.set_axis_off()
    ax.set_aspect("equal")
    return finish(fig, title, subtitle, source, note) if own else fig
