"""Statistical process control (XmR) chart from :func:`thlib.stats.xmr` output.

Drawn as NHS England's "Making Data Count" charts are: the values as a grey line, the
mean as a solid line, the process limits as dashed lines, and special-cause points in
blue (improvement), orange (concern) or purple (neither, when no direction of
improvement is set). Each kind of point also has its own marker shape and size, and
the mean and limits are labelled with their values at the right, so the chart can be
read without telling colours apart.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from thlib.errors import DataError
from thlib.presentation import formatting
from thlib.presentation.charts.significance import legend_rows
from thlib.presentation.charts.style import PALETTE, TEXT, PlainNumbers, figure_for, finish

REQUIRED = ["x", "value", "mean", "lower_limit", "upper_limit", "variation"]
FONT = 7.5
EDGE = "#0b0c0c"
#: The line joining the points: mid grey, 4.6:1 on white, lighter than the mean and limits.
VALUE_LINE = "#6f777b"
#: Per kind of variation: fill, marker, size and the words of the legend.
VARIATION = {
    "common cause": ("#a6a6a6", "o", 3.5, "common cause"),
    "special cause improvement": (PALETTE["blue"], "o", 7.0, "special cause: improvement"),
    "special cause concern": (PALETTE["orange"], "v", 7.5, "special cause: concern"),
    "special cause neither": (PALETTE["purple"], "D", 6.0, "special cause: neither"),
}
TARGET: dict[str, Any] = {"color": PALETTE["green"], "linestyle": (0, (1, 1.5)), "linewidth": 1.6}


def _check(frame: pd.DataFrame) -> None:
    missing = [c for c in REQUIRED if c not in frame]
    if missing:
        raise DataError(f"spc_chart: the frame has no column(s) {', '.join(missing)}; pass "
                        "the output of thlib.stats.xmr")
    unknown = sorted(set(frame["variation"]) - set(VARIATION))
    if unknown:
        raise DataError(f"spc_chart: variation {unknown[0]!r} is not known; use one of "
                        + ", ".join(VARIATION))


def _label(x: object) -> str:
    """Return a point's tick label: dates as "Jan 2024" (or "15 Jan 2024"), others as given."""
    if isinstance(x, pd.Timestamp | np.datetime64):
        day = pd.Timestamp(x)
        return day.strftime("%b %Y" if day.day == 1 else "%d %b %Y")
    if isinstance(x, pd.Period) and x.freqstr.startswith("M"):
        return x.strftime("%b %Y")
    return str(x)


def _ticks(count: int, most: int = 16) -> np.ndarray:
    """Every k-th position, so that at most ``most`` tick labels are written."""
    step = max(1, int(np.ceil(count / most)))
    return np.arange(0, count, step)


def spc_chart(
    frame: pd.DataFrame,
    *,
    title: str,
    subtitle: str,
    source: str,
    note: str | None = None,
    ax: Axes | None = None,
    ylabel: str = "",
    target: float | None = None,
    decimals: int = 1,
) -> Figure:
    """Draw an XmR chart: values, mean (solid), process limits (dashed), special causes.

    Parameters
    ----------
    frame : pandas.DataFrame
        The output of :func:`thlib.stats.xmr`, one row per point in time order; used:
        ``x`` (labels of the points), ``value``, ``mean``, ``lower_limit``,
        ``upper_limit`` and ``variation`` ("common cause", "special cause
        improvement", "special cause concern", "special cause neither").
    title, subtitle, source, note : str
        Title block and footer (:func:`thlib.presentation.charts.style.finish`).
    ax : matplotlib.axes.Axes, optional
        Draw on this axes and return its figure *without* the title block and footer
        (the caller calls :func:`~thlib.presentation.charts.style.finish` once for the whole
        figure). Without it a new 7 in wide figure is made and finished.
    ylabel : str
        Label of the value axis (measure and unit).
    target : float, optional
        Drawn as a dotted green line, labelled with its value.
    decimals : int
        Decimal places of the labels of the mean, limits and target.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    DataError
        If a column is missing or a variation is unknown.

    Examples
    --------
    >>> from thlib import stats
    >>> frame = stats.xmr([10, 12, 9, 11, 10, 30, 11, 9, 10, 12, 10, 11])
    >>> fig = spc_chart(frame, title="One month stands out", subtitle="Count by month",
    ...                 source="Source: somewhere")
    >>> type(fig).__name__
    'Figure'
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    _check(frame)
    rows = frame.reset_index(drop=True)
    fig, ax, own = figure_for(ax, 7.0, 3.3)
    xs = np.arange(len(rows), dtype=float)
    ax.plot(xs, rows["value"], color=VALUE_LINE, linewidth=1.1, zorder=2)
    # Limits may change between phases (rebased limits): steps keep each phase flat.
    handles = ax.plot(xs, rows["mean"], color=EDGE, linewidth=1.3, label="mean",
                      drawstyle="steps-mid", zorder=1)
    handles += ax.plot(xs, rows["upper_limit"], color=EDGE, linestyle=(0, (5, 3)),
                       linewidth=0.9, label="process limits", drawstyle="steps-mid", zorder=1)
    ax.plot(xs, rows["lower_limit"], color=EDGE, linestyle=(0, (5, 3)), linewidth=0.9,
            drawstyle="steps-mid", zorder=1)
    ends = [(rows["upper_limit"].iloc[-1], "upper limit"), (rows["mean"].iloc[-1], "mean"),
            (rows["lower_limit"].iloc[-1], "lower limit")]
    if target is not None:
        handles += [ax.axhline(target, label="target", zorder=1, **TARGET)]
        ends.append((target, "target"))
    points = []
    for kind, (colour, marker, size, words) in VARIATION.items():
        chosen = (rows["variation"] == kind).to_numpy()
        if not chosen.any():
            continue
        ax.plot(xs[chosen], rows["value"][chosen], linestyle="none", marker=marker,
                markersize=size, markerfacecolor=colour, markeredgecolor=EDGE,
                markeredgewidth=0.7, zorder=3)
        points.append(Line2D([], [], linestyle="none", marker=marker, markersize=size,
                             markerfacecolor=colour, markeredgecolor=EDGE,
                             markeredgewidth=0.7, label=words))
    # Values of the mean, limits and target at the right edge, nudged apart if close.
    spread = np.nanmax(np.r_[rows["value"], [e[0] for e in ends]]) - np.nanmin(
        np.r_[rows["value"], [e[0] for e in ends]])
    placed: list[float] = []
    for level, name in sorted(ends, key=lambda e: -e[0]):
        at = level if not placed else min(level, placed[-1] - spread * 0.075)
        placed.append(at)
        ax.annotate(f"{name} {formatting.number(level, decimals)}", (1, at),
                    xycoords=("axes fraction", "data"), xytext=(4, 0),
                    textcoords="offset points", va="center", ha="left", fontsize=FONT,
                    color=TEXT, annotation_clip=False)

    shown = _ticks(len(rows))
    labels = [_label(x) for x in rows["x"]]
    ax.set_xticks(shown, [labels[i] for i in shown])
    long = max(len(label) for label in labels) > 4
    ax.tick_params(axis="x", labelsize=FONT, rotation=45 if long else 0)
    if long:
        for tick in ax.get_xticklabels():
            tick.set_horizontalalignment("right")
    ax.tick_params(axis="y", labelsize=FONT)
    ax.set_xlim(-0.5, len(rows) - 0.5)
    ax.set_ylabel(ylabel, fontsize=FONT, color=TEXT)
    ax.yaxis.set_major_formatter(PlainNumbers())
    ax.grid(axis="y", color="#e5e5e5", linewidth=0.6)
    ax.set_axisbelow(True)
    legend_rows(ax, [handles, points], loc="lower left", bbox_to_anchor=(0, 1.0),
                frameon=False, fontsize=FONT, handletextpad=0.4, columnspacing=1.4,
                borderaxespad=0.2, handlelength=2.4)
    return finish(fig, title, subtitle, source, note) if own else fig
