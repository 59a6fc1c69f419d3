"""Maps in British National Grid: where an area is, and its small areas by decile.

Boundaries between shaded areas are drawn *cased*: a thin near-black line on a wider white
one. Against any fill one of the two contrasts at least 4.4:1 (WCAG 1.4.11 asks 3:1),
so every boundary shows on light and dark shades alike. An outline drawn on top (the
area's boundary) is orange on a near-black casing, for the same reason.

Shapes are simplified before they are drawn, by :data:`SIMPLIFY` of the map's extent (a
third of a point or less on the page, narrower than the boundary lines), which keeps the
files light without changing the picture. The decile map's small areas (up to 169 in the
borough) are drawn as one raster layer inside the SVG; its outline, numbers and legend
stay vector and text.
"""

from __future__ import annotations

from typing import Any

import geopandas as gpd
import matplotlib.colors as mcolors
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.patheffects import Normal, Stroke

from thlib.errors import DataError
from thlib.presentation.charts.contrast import text_colour
from thlib.presentation.charts.style import PALETTE, TEXT, finish, new_figure

#: Near-black of boundaries and of the outline's casing.
LINE = "#0b0c0c"
#: Casing of a boundary between areas.
CASING = "#ffffff"
#: Outline of a legend swatch: 4.6:1 on the white page, so the palest swatch shows.
SWATCH_EDGE = "#6f777b"
#: A boundary between areas: near-black, on a white casing.
BOUNDARY: dict[str, Any] = {
    "color": LINE, "linewidth": 0.35,
    "path_effects": [Stroke(linewidth=1.1, foreground=CASING), Normal()]}
#: The area's outline: orange, on a near-black casing.
OUTLINE: dict[str, Any] = {
    "color": PALETTE["orange"], "linewidth": 1.8,
    "path_effects": [Stroke(linewidth=3.0, foreground=LINE), Normal()]}


#: Douglas-Peucker tolerance, as a fraction of the larger side of the map's extent.
SIMPLIFY = 1 / 1500


def simplified(areas: gpd.GeoDataFrame,
               extent: gpd.GeoDataFrame | None = None) -> gpd.GeoDataFrame:
    """Return ``areas`` with every shape simplified by :data:`SIMPLIFY` of the map's extent.

    The extent is that of ``extent`` (default ``areas``): on a map drawn 500 pt across the
    tolerance is a third of a point, narrower than the boundary lines. Each shape keeps its
    topology (no self-intersections).
    """
    west, south, east, north = (areas if extent is None else extent).total_bounds
    tolerance = max(east - west, north - south) * SIMPLIFY
    return areas.set_geometry(areas.geometry.simplify(tolerance, preserve_topology=True))


def plot_layer(layer: gpd.GeoDataFrame | gpd.GeoSeries, ax: Axes, **style: Any) -> None:
    """Draw ``layer`` on ``ax`` (geopandas ``plot``) without redrawing the figure.

    geopandas redraws the whole figure after every layer (``canvas.draw_idle``, on Agg a
    full raster drawing); a chart is drawn once, when it is written, so that is skipped.
    """
    figure = ax.get_figure(root=True)
    assert figure is not None  # axes drawn on always belong to a figure
    canvas = figure.canvas
    canvas.draw_idle = _no_redraw  # type: ignore[method-assign]
    try:
        layer.plot(ax=ax, **style)
    finally:
        del canvas.draw_idle


def _no_redraw(*args: Any, **kwargs: Any) -> None:
    pass


def draw_boundaries(ax: Axes, areas: gpd.GeoDataFrame, style: dict[str, Any],
                    rasterized: bool = False) -> None:
    """Draw the boundaries of ``areas`` on ``ax`` in a cased style (:data:`BOUNDARY`)."""
    plot_layer(areas.boundary, ax, rasterized=rasterized, **style)


def outline_handle(label: str) -> Line2D:
    """Return a legend entry drawn like :data:`OUTLINE`."""
    return Line2D([], [], label=label, **OUTLINE)

#: Locator map: every ward's fill and edge; the area is sky blue, hatched and outlined in
#: black (the outline and hatching, not the fill, set it apart at 3:1 or more).
WARD_FILL, WARD_EDGE, HIGHLIGHT = "#f3f2f1", "#505a5f", PALETTE["sky"]
#: Deciles 1 (most deprived) to 10, dark to light, readable in grey print.
DECILE_COLOURS = ["#08306b", "#08519c", "#2171b5", "#4292c6", "#6baed6",
                  "#9ecae1", "#c6dbef", "#deebf7", "#eef5fb", "#f7fbff"]


def _check_crs(*frames: gpd.GeoDataFrame) -> None:
    crs = {str(f.crs) for f in frames}
    if len(crs) != 1 or None in {f.crs for f in frames}:
        raise DataError(f"maps need layers in one CRS; got {', '.join(sorted(crs))}")


def locator_map(
    wards: gpd.GeoDataFrame,
    highlight: list[str],
    title: str,
    subtitle: str,
    source: str,
    labels: bool = True,
) -> Figure:
    """Map every ward, shading and outlining those whose ``ward_code`` is in ``highlight``.

    Parameters
    ----------
    wards : geopandas.GeoDataFrame
        Every ward, with ``ward_code`` and (for ``labels``) ``label`` columns.
    highlight : list of str
        Codes of the wards that make up the area.
    title, subtitle, source : str
        Title block and footer (see :func:`thlib.presentation.charts.style.finish`).
    labels : bool, default True
        Print each ward's label on it (the area's in bold).

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    DataError
        If the layer has no CRS.

    Examples
    --------
    >>> import geopandas as gpd
    >>> from shapely.geometry import box
    >>> squares = gpd.GeoDataFrame({"decile": [1, 7], "ward_code": ["E05000001", "E05000002"],
    ...                             "label": ["North", "South"]}, crs="EPSG:27700",
    ...                            geometry=[box(0, 0, 1000, 1000), box(1000, 0, 2000, 1000)])
    >>> fig = locator_map(squares, ["E05000001"], "Where North is", "Two wards", "Source: x")
    >>> fig.texts[0].get_text()
    'Where North is'
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    _check_crs(wards)
    fig, ax = new_figure(7.0, 5.4)
    chosen = wards["ward_code"].isin(highlight)
    drawn = simplified(wards)
    plot_layer(drawn, ax, color=WARD_FILL, edgecolor=WARD_EDGE, linewidth=0.5)
    plot_layer(drawn[chosen], ax, color=HIGHLIGHT, edgecolor=LINE, linewidth=1.6, hatch="///")
    if labels:
        for row in wards.itertuples():
            point = row.geometry.representative_point()
            ax.annotate(row.label, (point.x, point.y), ha="center", va="center", fontsize=6,
                        color=TEXT, fontweight="bold" if row.ward_code in highlight else "normal")
    ax.set_axis_off()
    ax.set_aspect("equal")
    ax.legend(handles=[Patch(facecolor=HIGHLIGHT, edgecolor=LINE, hatch="///",
                             label="This area")], loc="lower left", frameon=False, fontsize=8)
    return finish(fig, title, subtitle, source)


def decile_map(
    lsoas: gpd.GeoDataFrame,
    outline: gpd.GeoDataFrame,
    title: str,
    subtitle: str,
    source: str,
    column: str = "decile",
) -> Figure:
    """Shade small areas by decile (1 = most deprived) and print each decile on its area.

    The printed numbers carry the information for readers who cannot tell the shades apart.

    Parameters
    ----------
    lsoas : geopandas.GeoDataFrame
        The small areas, with their decile in ``column``.
    outline : geopandas.GeoDataFrame
        The area's boundary, drawn over them (same CRS).
    title, subtitle, source : str
        Title block and footer (see :func:`thlib.presentation.charts.style.finish`).
    column : str, default "decile"
        The column of deciles.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    DataError
        If the layers are not in one CRS.

    Examples
    --------
    >>> import geopandas as gpd
    >>> from shapely.geometry import box
    >>> squares = gpd.GeoDataFrame({"decile": [1, 7], "ward_code": ["E05000001", "E05000002"],
    ...                             "label": ["North", "South"]}, crs="EPSG:27700",
    ...                            geometry=[box(0, 0, 1000, 1000), box(1000, 0, 2000, 1000)])
    >>> fig = decile_map(squares, squares.dissolve(), "1 of 2 areas most deprived", "IMD 2025",
    ...                  "Source: somewhere")
    >>> type(fig).__name__
    'Figure'
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    _check_crs(lsoas, outline)
    fig, ax = new_figure(7.0, 5.4)
    cmap = mcolors.ListedColormap(DECILE_COLOURS)
    drawn = simplified(lsoas)
    plot_layer(drawn, ax, column=column, cmap=cmap, vmin=0.5, vmax=10.5, edgecolor="none",
               rasterized=True)
    draw_boundaries(ax, drawn, BOUNDARY, rasterized=True)
    draw_boundaries(ax, simplified(outline, lsoas), OUTLINE)
    size = 7 if len(lsoas) <= 40 else 4.5
    for row in lsoas.itertuples():
        point = row.geometry.representative_point()
        value = int(getattr(row, column))
        ax.annotate(str(value), (point.x, point.y), ha="center", va="center", fontsize=size,
                    color=text_colour(DECILE_COLOURS[value - 1]))
    handles = [Patch(facecolor=c, edgecolor=SWATCH_EDGE, label=str(i))
               for i, c in enumerate(DECILE_COLOURS, start=1)]
    ax.legend(handles=handles, title="Decile (1 = most deprived 10% in England)", ncols=10,
              loc="upper center", bbox_to_anchor=(0.5, 0.0), frameon=False, fontsize=7,
              title_fontsize=7.5, handlelength=1.2, columnspacing=0.8)
    ax.set_axis_off()
    ax.set_aspect("equal")
    return finish(fig, title, subtitle, source)
