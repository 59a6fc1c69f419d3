"""Spine chart (Fingertips): an area against its comparator and the range of wards.

One row per indicator. At the left, a table: the indicator's name (and unit), the
area's value, the comparator's value and the comparison symbol. At the right, the
spine: a bar from the lowest to the highest ward, darker between the 25th and 75th
percentiles, a centre line for the comparator and a marker for the area, coloured
*and* shaped by its comparison label (:mod:`thlib.presentation.charts.significance`).

Each row has its own scale: the comparator sits in the middle and the half-width is
the largest distance from the comparator to any of the row's values, so every bar
and marker fits. Rows where lower is better are flipped, as in Fingertips, so the
better end is always on the right; rows with no judgement keep higher on the right.
"""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.patches import ConnectionPatch, Patch
from matplotlib.transforms import ScaledTranslation, blended_transform_factory

from thlib.errors import DataError
from thlib.presentation import formatting
from thlib.presentation.charts.significance import legend_handles, marker_kwargs, style
from thlib.presentation.charts.style import TEXT, figure_for, finish
from thlib.stats.compare import POLARITIES

REQUIRED = ["value", "comparator", "minimum", "q25", "q75", "maximum", "comparison",
            "polarity"]
#: Columns of the text table, in points left of the spine's left edge: the left edge of
#: the names, the right edges of the two value columns, the centre of the symbol column.
NAME_LEFT, AREA_RIGHT, COMPARATOR_RIGHT, SYMBOL_CENTRE = -306.0, -76.0, -28.0, -11.0
NAME_WIDTH = 43  # characters per line of an indicator's name at 7.5 pt
ROW_HEIGHT = 0.265  # inches: room for a name on two lines
#: The range bar and its middle half. The two fills contrast 3.6:1 (WCAG 1.4.11 asks 3:1);
#: the comparator line and every marker's near-black edge contrast at least 3.8:1 with
#: both; the range's outline contrasts 4.6:1 with the white page.
RANGE_FILL, RANGE_EDGE, MIDDLE_FILL = "#e5e5e5", "#6f777b", "#767676"
FONT = 7.5


def _check(frame: pd.DataFrame, label: str) -> None:
    missing = [c for c in [label, *REQUIRED] if c not in frame]
    if missing:
        raise DataError(f"spine_chart: the frame has no column(s) {', '.join(missing)}; it "
                        f"needs {', '.join([label, *REQUIRED])}")
    bad = sorted(set(frame["polarity"]) - set(POLARITIES))
    if bad:
        raise DataError(f"spine_chart: polarity {bad[0]!r} is not known; use one of "
                        + ", ".join(POLARITIES))
    if frame["comparator"].isna().any():
        row = frame.loc[frame["comparator"].isna(), label].iloc[0]
        raise DataError(f"spine_chart: {row!r} has no comparator value, so the spine has no "
                        "centre; drop the row or supply the comparator")


def spine_positions(frame: pd.DataFrame) -> pd.DataFrame:
    """Scale each row so the comparator sits at 0.5 and every value fits in [0, 1].

    The half-width of a row is the largest absolute distance from the comparator to
    the row's ``value``, ``minimum``, ``q25``, ``q75`` or ``maximum`` (Fingertips
    scales its spines the same way). Rows whose ``polarity`` is ``"lower_is_better"``
    are mirrored about the centre, so the better end is always on the right.

    Parameters
    ----------
    frame : pandas.DataFrame
        Columns ``value``, ``comparator``, ``minimum``, ``q25``, ``q75``, ``maximum``
        and ``polarity``.

    Returns
    -------
    pandas.DataFrame
        A copy of ``frame`` with ``x_value`` and ``x_comparator`` (always 0.5), and the
        range as drawn, left to right: ``x_min``, ``x_q25``, ``x_q75``, ``x_max`` (after a
        flip ``x_min`` is the scaled maximum). A row whose values all equal the
        comparator is drawn at the centre.
    """
    out = frame.copy()
    columns = ["value", "minimum", "q25", "q75", "maximum"]
    distance = pd.concat([(out[c] - out["comparator"]).abs() for c in columns], axis=1)
    spread = distance.max(axis=1, skipna=True).replace(0, 1.0).fillna(1.0)
    sign = np.where(out["polarity"] == "lower_is_better", -1.0, 1.0)
    scaled = {c: 0.5 + sign * (out[c] - out["comparator"]) / spread / 2 for c in columns}
    return out.assign(
        x_value=scaled["value"], x_comparator=0.5,
        x_min=np.fmin(scaled["minimum"], scaled["maximum"]),
        x_max=np.fmax(scaled["minimum"], scaled["maximum"]),
        x_q25=np.fmin(scaled["q25"], scaled["q75"]),
        x_q75=np.fmax(scaled["q25"], scaled["q75"]),
    )


def _points(ax: Axes, x: float, y: float, text: str, ha: str, **kwargs) -> None:
    """Write ``text`` at ``x`` points from the spine's left edge, at data height ``y``."""
    ax.annotate(text, (0, y), xycoords=("axes fraction", "data"), xytext=(x, 0),
                textcoords="offset points", ha=ha, va="center", fontsize=FONT, color=TEXT,
                annotation_clip=False, **kwargs)


def _number(value: float, decimals: int) -> str:
    return formatting.number(value, decimals)


def _name(row: pd.Series, label: str) -> str:
    unit = row.get("unit")
    name = str(row[label])
    if isinstance(unit, str) and unit.strip():
        name = f"{name} ({unit.strip()})"
    return "\n".join(textwrap.wrap(name, NAME_WIDTH)[:2])


def spine_chart(
    frame: pd.DataFrame,
    *,
    title: str,
    subtitle: str,
    source: str,
    note: str | None = None,
    ax: Axes | None = None,
    area_name: str = "Area",
    comparator_name: str | None = None,
    range_name: str = "wards",
    label: str | None = None,
) -> Figure:
    """Draw a Fingertips spine chart: one row per indicator.

    Parameters
    ----------
    frame : pandas.DataFrame
        One row per indicator, drawn top to bottom in the frame's order:

        ``indicator`` (or ``title``)
            The name printed in the first column (see ``label``).
        ``value``
            The area's value.
        ``comparator``
            The comparator's value (e.g. the borough's or England's): the centre line.
        ``minimum``, ``q25``, ``q75``, ``maximum``
            The range of the comparison areas (e.g. the wards): lowest, 25th and 75th
            percentiles, highest. NaN draws no bar.
        ``comparison``
            The area's comparison with the comparator, a label of
            :func:`thlib.stats.compare` ("better", "similar", "worse", "higher",
            "lower", "not compared").
        ``polarity``
            "higher_is_better", "lower_is_better" (the row is flipped so better is on
            the right) or "no_judgement" (higher on the right).
        ``unit``, ``decimals`` (optional)
            Unit printed after the name; decimal places of the printed values (1).
        ``comparator_name`` (optional)
            Used for the comparator column's heading if ``comparator_name`` is None.
    title, subtitle, source, note : str
        Title block and footer (:func:`thlib.presentation.charts.style.finish`).
    ax : matplotlib.axes.Axes, optional
        Draw on this axes and return its figure *without* the title block and footer
        (the caller calls :func:`~thlib.presentation.charts.style.finish` once for the whole
        figure). Without it a new 7 in wide figure is made and finished. The table is
        drawn in the 4.3 in left of the axes: leave that room.
    area_name, comparator_name : str
        Headings of the value columns (``comparator_name`` defaults to the frame's
        ``comparator_name`` column, else "Comparator").
    range_name : str
        What the bar spans, for the key ("wards").
    label : str, optional
        Column holding the printed names; default ``title`` if the frame has one (the
        indicator catalogue's summaries keep ids in ``indicator``), else ``indicator``.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    DataError
        If a column is missing, a polarity or comparison label is unknown, or a row
        has no comparator value.

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"indicator": ["Overcrowding"], "unit": ["%"], "decimals": [1],
    ...                       "value": [12.0], "comparator": [10.0], "minimum": [6.0],
    ...                       "q25": [8.0], "q75": [11.0], "maximum": [14.0],
    ...                       "comparison": ["worse"], "polarity": ["lower_is_better"]})
    >>> fig = spine_chart(frame, title="Bow compared", subtitle="Latest periods",
    ...                   source="Source: somewhere", area_name="Bow",
    ...                   comparator_name="Tower Hamlets")
    >>> type(fig).__name__
    'Figure'
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    label = label or ("title" if "title" in frame else "indicator")
    _check(frame, label)
    rows = spine_positions(frame.reset_index(drop=True))
    if comparator_name is None:
        comparator_name = (str(frame["comparator_name"].iloc[0])
                           if "comparator_name" in frame and len(frame) else "Comparator")
    fig, ax, own = figure_for(ax, 7.0, 0.75 + ROW_HEIGHT * len(rows))
    y = np.arange(len(rows))[::-1].astype(float)

    # Separators between rows, running under the table and the spine alike.
    start = blended_transform_factory(
        ax.transAxes + ScaledTranslation(NAME_LEFT / 72, 0, fig.dpi_scale_trans), ax.transData)
    across = blended_transform_factory(ax.transAxes, ax.transData)
    for edge in np.arange(len(rows) + 1) - 0.5:
        line = ConnectionPatch((0, edge), (1, edge), coordsA=start, coordsB=across,
                               color="#e5e5e5", linewidth=0.6, zorder=0, clip_on=False)
        line.set_in_layout(False)
        ax.add_artist(line)

    ax.barh(y, rows["x_max"] - rows["x_min"], left=rows["x_min"], height=0.6,
            color=RANGE_FILL, edgecolor=RANGE_EDGE, linewidth=0.5, zorder=1)
    ax.barh(y, rows["x_q75"] - rows["x_q25"], left=rows["x_q25"], height=0.6,
            color=MIDDLE_FILL, edgecolor=RANGE_EDGE, linewidth=0.5, zorder=1)
    ax.axvline(0.5, color=TEXT, linewidth=1.3, zorder=2)
    for row, position in zip(rows.to_dict("records"), y, strict=True):
        decimals = int(row.get("decimals", 1)) if pd.notna(row.get("decimals", 1)) else 1
        look = style(row["comparison"])
        if pd.notna(row["x_value"]):
            ax.plot(row["x_value"], position, zorder=3, **marker_kwargs(look.label, 7.5))
        _points(ax, NAME_LEFT, position, _name(row, label), "left", linespacing=1.0)
        _points(ax, AREA_RIGHT, position, _number(row["value"], decimals), "right")
        _points(ax, COMPARATOR_RIGHT, position, _number(row["comparator"], decimals), "right")
        _points(ax, SYMBOL_CENTRE, position, look.symbol, "center")

    top = len(rows) - 0.5
    headings = [(NAME_LEFT, "left", "Indicator (unit)"),
                (AREA_RIGHT, "right", textwrap.fill(area_name, 12)),
                (COMPARATOR_RIGHT, "right", textwrap.fill(comparator_name, 12))]
    for x, ha, text in headings:
        ax.annotate(text, (0, top), xycoords=("axes fraction", "data"), xytext=(x, 3),
                    textcoords="offset points", ha=ha, va="bottom", fontsize=FONT,
                    fontweight="bold", color=TEXT, annotation_clip=False)
    # Ends of the spine: better on the right (higher, for rows with no judgement).
    for x, ha, text in ((0, "left", "◀ worse\n(or lower)"), (1, "right", "better ▶\n(or higher)")):
        ax.annotate(text, (x, top), xycoords="data", xytext=(0, 3), textcoords="offset points",
                    ha=ha, va="bottom", fontsize=FONT, fontweight="bold", color=TEXT,
                    annotation_clip=False, linespacing=1.1)
    ax.set_xlim(-0.03, 1.03)
    ax.set_ylim(-0.5, top)
    ax.set_xticks([])
    ax.set_yticks([])
    for side in ("left", "bottom", "top", "right"):
        ax.spines[side].set_visible(False)

    key = Legend(ax, [Patch(facecolor=RANGE_FILL, edgecolor=RANGE_EDGE, linewidth=0.5),
                      Patch(facecolor=MIDDLE_FILL, edgecolor=RANGE_EDGE, linewidth=0.5),
                      Line2D([], [], color=TEXT, linewidth=1.3)],
                 [f"range of {range_name}", f"middle half of {range_name}",
                  comparator_name], loc="upper left", bbox_to_anchor=(0, -0.55),
                 bbox_transform=across,
                 frameon=False, fontsize=FONT, ncols=1, handlelength=1.4,
                 handletextpad=0.4, columnspacing=1.0, borderaxespad=0.2)
    key.set_in_layout(True)
    ax.add_artist(key)
    ax.legend(handles=legend_handles(rows["comparison"]), loc="upper left",
              bbox_to_anchor=(0, -0.55), bbox_transform=start, frameon=False,
              fontsize=FONT, ncols=3, handletextpad=0.3, columnspacing=1.0,
              borderaxespad=0.2, title=f"{area_name} compared with {comparator_name}:",
              title_fontsize=FONT, alignment="left")
    return finish(fig, title, subtitle, source, note) if own else fig

