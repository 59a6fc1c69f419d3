"""Compare areas (Fingertips): bars with confidence intervals, comparators pinned at the top.

Each area's bar is coloured by its comparison with the main comparator and the
comparison is also written beside it ("▲ better"), so nothing is carried by colour
alone. Comparators (the borough, London, England) come first, in grey, with bold
names; the main comparator's value is a dashed vertical line through every bar.
"""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.textpath import text_to_path
from matplotlib.transforms import ScaledTranslation

from thlib.errors import DataError, ParameterError
from thlib.presentation import formatting
from thlib.presentation.charts.significance import EDGE, legend_handles, style
from thlib.presentation.charts.style import TEXT, figure_for, finish

REQUIRED = ["name", "value", "lower", "upper", "comparison", "is_comparator"]
COMPARATOR_FILL = "#b1b4b6"
FONT = 7.5
ROW_HEIGHT = 0.19  # inches per bar
OVERHEAD = 1.2  # inches for the legend, column heading and value axis
GAP = 0.6  # rows of space between the comparators and the areas


def order_areas(frame: pd.DataFrame, sort: str | None = "descending") -> pd.DataFrame:
    """Order the rows: comparators first (in the order given), then the areas by value.

    Parameters
    ----------
    frame : pandas.DataFrame
        Columns ``value`` and ``is_comparator`` at least.
    sort : {"descending", "ascending", None}
        Order of the non-comparator areas; None keeps the frame's order. Ties keep
        the frame's order (stable sort); missing values go last.

    Returns
    -------
    pandas.DataFrame
        The rows in drawing order, top first, with a fresh index.
    """
    if sort not in ("descending", "ascending", None):
        raise ParameterError(f"sort is {sort!r}: use 'descending', 'ascending' or None")
    pinned = frame["is_comparator"].fillna(False).astype(bool)
    comparators, areas = frame[pinned], frame[~pinned]
    if sort is not None:
        areas = areas.sort_values("value", ascending=sort == "ascending", kind="stable",
                                  na_position="last")
    return pd.concat([comparators, areas], ignore_index=True)


def _check(frame: pd.DataFrame) -> None:
    missing = [c for c in REQUIRED if c not in frame]
    if missing:
        raise DataError(f"compare_areas: the frame has no column(s) {', '.join(missing)}; it "
                        f"needs {', '.join(REQUIRED)}")
    if frame.empty:
        raise DataError("compare_areas: the frame has no rows")
    swapped = frame["lower"] > frame["upper"]
    if swapped.any():
        area = frame.loc[swapped, "name"].iloc[0]
        raise DataError(f"compare_areas: {area!r} has lower above upper; check the limits "
                        "are not swapped")


def _number(value: float, decimals: int) -> str:
    return formatting.number(value, decimals)


def text_width(text: str, size: float = FONT) -> float:
    """Width in points of ``text`` set in the chart font at ``size`` points.

    The advance width, as matplotlib measures text to align it (not the glyphs' ink, whose
    exact bounds cost 25 times as much to compute).

    Examples
    --------
    A DejaVu Sans digit advances 1303/2048 em, so two at 7.5 pt take 2 x 1303/2048 x 7.5:

    >>> round(text_width("12"), 2), round(2 * 1303 / 2048 * 7.5, 2), text_width("")
    (9.54, 9.54, 0.0)
    """
    if not text:
        return 0.0
    width, _, _ = text_to_path.get_text_width_height_descent(
        text, FontProperties(size=size), ismath=False)
    return float(width)


def compare_areas(
    frame: pd.DataFrame,
    *,
    title: str,
    subtitle: str,
    source: str,
    note: str | None = None,
    ax: Axes | None = None,
    reference: str | None = None,
    sort: str | None = "descending",
    decimals: int = 1,
    xlabel: str | None = None,
    confidence: float,
) -> Figure:
    """Draw each area's value as a bar with its confidence interval, comparators first.

    Parameters
    ----------
    frame : pandas.DataFrame
        One row per area, e.g. indicator values with their comparison
        (:func:`thlib.indicators.compare_with`) and an ``is_comparator`` flag:

        ``name``
            The area's name, printed at the left.
        ``value``, ``lower``, ``upper``
            The value and its confidence limits (NaN limits: no whisker).
        ``comparison``
            The area's comparison with the main comparator, a label of
            :func:`thlib.stats.compare`; ignored for comparator rows.
        ``is_comparator``
            True for the comparator rows (e.g. borough, London, England), pinned at
            the top in the frame's order and drawn in grey.
    title, subtitle, source, note : str
        Title block and footer (:func:`thlib.presentation.charts.style.finish`).
    ax : matplotlib.axes.Axes, optional
        Draw on this axes and return its figure *without* the title block and footer
        (the caller calls :func:`~thlib.presentation.charts.style.finish` once for the whole
        figure). Without it a new 7 in wide figure is made and finished.
    reference : str, optional
        The main comparator's ``name``, drawn as the dashed line; default the first
        comparator row. With no comparator rows there is no line.
    sort : {"descending", "ascending", None}
        Order of the areas below the comparators (see :func:`order_areas`).
    decimals : int
        Decimal places of the printed values.
    xlabel : str, optional
        Label of the value axis, e.g. the unit.
    confidence : float
        Level of the intervals, for the column heading: the indicator's (no default, so
        a chart never says 95% of intervals made at another level).

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    DataError
        If a column is missing, the frame is empty, a lower limit is above its upper
        limit or a comparison label is unknown.
    ParameterError
        If ``reference`` is not a comparator row, or ``sort`` is not allowed.

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"name": ["Bow", "Mile End", "Tower Hamlets"],
    ...                       "value": [12.0, 8.0, 10.0], "lower": [11.0, 7.0, 9.5],
    ...                       "upper": [13.0, 9.0, 10.5],
    ...                       "comparison": ["worse", "better", None],
    ...                       "is_comparator": [False, False, True]})
    >>> fig = compare_areas(frame, title="Bow is highest", subtitle="A measure, %, 2021",
    ...                     source="Source: somewhere", confidence=0.95)
    >>> type(fig).__name__
    'Figure'
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    _check(frame)
    rows = order_areas(frame, sort)
    pinned = rows["is_comparator"].fillna(False).astype(bool).to_numpy()
    comparators = list(rows.loc[pinned, "name"])
    if reference is not None and reference not in comparators:
        raise ParameterError(f"reference {reference!r} is not a comparator row; comparators: "
                             + (", ".join(comparators) or "none"))
    reference = reference or (comparators[0] if comparators else None)
    looks = [None if c else style(s) for c, s in zip(pinned, rows["comparison"], strict=True)]

    fig, ax, own = figure_for(ax, 7.0, OVERHEAD + ROW_HEIGHT * (len(rows) + GAP))
    # Top row at the top; the areas sit a small gap below the comparators.
    y = -np.arange(len(rows), dtype=float) - np.where(pinned, 0.0, GAP if pinned.any() else 0)
    colours = [COMPARATOR_FILL if look is None else look.colour for look in looks]
    ax.barh(y, rows["value"], color=colours, edgecolor=EDGE, linewidth=0.4, height=0.72,
            zorder=2)
    has_ci = (rows["lower"].notna() & rows["upper"].notna()).to_numpy()
    whiskers = ax.errorbar(rows.loc[has_ci, "value"], y[has_ci],
                           xerr=[rows.loc[has_ci, "value"] - rows.loc[has_ci, "lower"],
                                 rows.loc[has_ci, "upper"] - rows.loc[has_ci, "value"]],
                           fmt="none", ecolor=EDGE, elinewidth=0.8, capsize=2.2,
                           capthick=0.8, zorder=3)
    if reference is not None:
        level = rows.loc[rows["name"] == reference, "value"].iloc[0]
        ax.axvline(level, color=EDGE, linestyle=(0, (4, 2)), linewidth=1.0, zorder=4)
    if pinned.any() and not pinned.all():
        ax.axhline(y[pinned][-1] - 0.5 - GAP / 2, color="#b1b4b6", linewidth=0.6, zorder=1)

    # Right-hand columns, in points right of the axes: value and interval, then words.
    numbers = [_number(r.value, decimals) + ("" if pd.isna(r.lower) or pd.isna(r.upper) else
               f" ({_number(r.lower, decimals)} to {_number(r.upper, decimals)})")
               for r in rows.itertuples()]
    heading = f"Value ({formatting.level(confidence)} CI)"
    value_right = 8 + max(text_width(t) for t in [*numbers, heading])
    words_left = value_right + 8
    for text, look, position in zip(numbers, looks, y, strict=True):
        ax.annotate(text, (1, position), xycoords=("axes fraction", "data"),
                    xytext=(value_right, 0), textcoords="offset points", ha="right",
                    va="center", fontsize=FONT, color=TEXT, annotation_clip=False)
        if look is not None:
            ax.annotate(look.text, (1, position), xycoords=("axes fraction", "data"),
                        xytext=(words_left, 0), textcoords="offset points", ha="left",
                        va="center", fontsize=FONT, color=TEXT, annotation_clip=False)
    level_name = f"{formatting.level(confidence)} confidence interval"
    ax.annotate(heading, (1, y[0] + 0.5),
                xycoords=("axes fraction", "data"), xytext=(value_right, 2),
                textcoords="offset points", ha="right", va="bottom", fontsize=FONT,
                fontweight="bold", color=TEXT, annotation_clip=False)

    ax.set_yticks(y, [textwrap.shorten(str(a), 34, placeholder="…") for a in rows["name"]],
                  fontsize=FONT)
    for tick, is_comparator in zip(ax.get_yticklabels(), pinned, strict=True):
        tick.set_fontweight("bold" if is_comparator else "normal")
    ax.tick_params(axis="y", length=0)
    ax.set_ylim(y[-1] - 0.6, y[0] + 0.6)
    values = np.r_[rows["value"], rows["lower"], rows["upper"]].astype(float)
    low, high = min(0.0, np.nanmin(values)), max(0.0, np.nanmax(values))
    ax.set_xlim(low, high + (high - low) * 0.04)  # bars start at zero (GAF guidance)
    ax.tick_params(axis="x", labelsize=FONT)
    if xlabel:
        ax.set_xlabel(xlabel, fontsize=FONT)
    ax.grid(axis="x", color="#e5e5e5", linewidth=0.6)
    ax.set_axisbelow(True)

    handles: list[Artist | tuple[Artist, ...]] = []
    handles += legend_handles((label for label, c in zip(rows["comparison"], pinned,
                                                       strict=True) if not c), kind="patch")
    if reference is not None:
        handles.append(Line2D([], [], color=EDGE, linestyle=(0, (4, 2)), linewidth=1.0,
                              label=reference))
    if has_ci.any():
        whiskers.set_label(level_name)
        handles.append(whiskers)
    # Raised above the column heading, so the legend may run across the whole width.
    raised = ax.transAxes + ScaledTranslation(0, 14 / 72, fig.dpi_scale_trans)
    ax.legend(handles=handles, loc="lower left", bbox_to_anchor=(0, 1.0),
              bbox_transform=raised, frameon=False, ncols=len(handles), fontsize=FONT,
              handletextpad=0.4, columnspacing=1.2, borderaxespad=0.2, handlelength=1.6,
              title=None if reference is None else f"Compared with {reference}:",
              title_fontsize=FONT, alignment="left")
    return finish(fig, title, subtitle, source, note) if own else fig
