"""Trend (Fingertips): an area's value over time with its interval and comparator lines.

The area is a solid line with a shaded confidence band (or error bars); each
comparator is a line with its own colour, dash and marker (:data:`SERIES`), so the
lines can be told apart in grey print. Where the frame says how each period compared
with a benchmark, the area's points are drawn in the colour *and* shape of that
label (:mod:`thlib.presentation.charts.significance`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure

from thlib.errors import DataError, ParameterError
from thlib.presentation import formatting
from thlib.presentation.charts.significance import legend_handles, legend_rows, marker_kwargs
from thlib.presentation.charts.style import PALETTE, SERIES, TEXT, PlainNumbers, figure_for, finish

REQUIRED = ["name", "period", "value"]
FONT = 7.5
#: The area: blue, solid. Comparators: colours and markers that no significance label
#: uses (so a comparator's marker is never mistaken for a "worse" point), each with its
#: own dash.
AREA = SERIES[0]
COMPARATORS = [
    {"color": "#0b0c0c", "marker": "D", "linestyle": "--"},
    {"color": "#6f777b", "marker": "s", "linestyle": ":"},
    {"color": PALETTE["purple"], "marker": "X", "linestyle": "-."},
]


def _check(frame: pd.DataFrame, interval: str) -> None:
    missing = [c for c in REQUIRED if c not in frame]
    if missing:
        raise DataError(f"trend_chart: the frame has no column(s) {', '.join(missing)}; it "
                        f"needs {', '.join(REQUIRED)} (and lower, upper for the interval)")
    if frame.empty:
        raise DataError("trend_chart: the frame has no rows")
    if interval not in ("band", "bars", "none"):
        raise ParameterError(f"interval is {interval!r}: use 'band', 'bars' or 'none'")
    repeated = frame.duplicated(["name", "period"])
    if repeated.any():
        row = frame[repeated].iloc[0]
        raise DataError(f"trend_chart: {row['name']!r} has more than one value for "
                        f"period {row['period']!r}")


def trend_chart(
    frame: pd.DataFrame,
    *,
    title: str,
    subtitle: str,
    source: str,
    note: str | None = None,
    ax: Axes | None = None,
    ylabel: str = "",
    area: str | None = None,
    interval: str = "band",
    confidence: float | None = None,
    benchmark: str | None = None,
    from_zero: bool = True,
) -> Figure:
    """Draw the area's value over periods with its interval; comparators as lines.

    Parameters
    ----------
    frame : pandas.DataFrame
        Long table, one row per area and period, e.g. indicator values over time
        (:func:`thlib.indicators.time_series`, compared period by period with
        :func:`thlib.indicators.compare_with`):

        ``name``
            Name of the area or comparator. The area is ``area``, by default the first
            name in the frame; the others are comparators, in order of appearance.
        ``period``
            Period label (str, int or pandas Period). Periods are drawn in order of
            first appearance in the frame, so sort the frame by period first.
        ``value``
            The value.
        ``lower``, ``upper`` (optional)
            The area's confidence limits (comparators' limits are not drawn).
        ``comparison`` (optional)
            The area's comparison with ``benchmark`` in each period, a label of
            :func:`thlib.stats.compare`; marks the area's points.
    title, subtitle, source, note : str
        Title block and footer (:func:`thlib.presentation.charts.style.finish`).
    ax : matplotlib.axes.Axes, optional
        Draw on this axes and return its figure *without* the title block and footer
        (the caller calls :func:`~thlib.presentation.charts.style.finish` once for the whole
        figure). Without it a new 7 in wide figure is made and finished.
    ylabel : str
        Label of the value axis (measure and unit).
    area : str, optional
        The ``name`` of the area (the others are comparators).
    interval : {"band", "bars", "none"}
        Draw the area's interval as a shaded band, as error bars, or not at all.
    confidence : float, optional
        Level of the interval, for the legend: the indicator's. Needed when the frame
        holds limits that are drawn.
    benchmark : str, optional
        What ``comparison`` compares with, for the legend's title (e.g. "England").
    from_zero : bool
        Start the value axis at zero (set False for values far from zero).

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    DataError
        If a column is missing, the frame is empty, a name has two values for one
        period or a comparison label is unknown.
    ParameterError
        If ``area`` is not in the frame or ``interval`` is not allowed.

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"name": ["Tower Hamlets"] * 3 + ["London"] * 3,
    ...                       "period": [2019, 2020, 2021] * 2,
    ...                       "value": [10.0, 11.0, 12.0, 9.0, 9.5, 10.0]})
    >>> fig = trend_chart(frame, title="Rising faster than London", subtitle="A measure, %",
    ...                   source="Source: somewhere")
    >>> type(fig).__name__
    'Figure'
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    _check(frame, interval)
    names = list(dict.fromkeys(frame["name"]))
    area = area if area is not None else names[0]
    if area not in names:
        raise ParameterError(f"area {area!r} is not in the frame; names: "
                             + ", ".join(map(str, names)))
    names = [area] + [n for n in names if n != area]
    if len(names) > 1 + len(COMPARATORS):
        raise ParameterError(f"trend_chart draws the area and at most {len(COMPARATORS)} "
                             f"comparators; got {len(names) - 1} comparators")
    periods = list(dict.fromkeys(frame["period"]))
    position = {p: i for i, p in enumerate(periods)}

    fig, ax, own = figure_for(ax, 7.0, 3.3)
    look = AREA
    part = frame[frame["name"] == area]
    xs = part["period"].map(position).to_numpy(dtype=float)
    marked = "comparison" in part
    handles: list[Artist | tuple[Artist, ...]] = []
    handles += ax.plot(xs, part["value"], color=look["color"], linestyle=look["linestyle"],
                      linewidth=1.8, label=str(area), zorder=3,
                      marker=None if marked else look["marker"], markersize=4)
    has_ci = {"lower", "upper"} <= set(part) and part[["lower", "upper"]].notna().any().any()
    if has_ci and interval != "none" and confidence is None:
        raise ParameterError("the frame holds confidence limits: pass confidence, the "
                             "indicator's level (e.g. 0.95), for the legend")
    level = f"{formatting.level(confidence)} confidence interval" if confidence else ""
    if has_ci and interval == "band":
        # a pale fill, edged in the area's colour: the edges, not the fill, show the limits
        # at 3:1 or more against the white page (WCAG 1.4.11)
        handles.append(ax.fill_between(xs, part["lower"].astype(float),
                                       part["upper"].astype(float),
                                       facecolor=to_rgba(look["color"], 0.2),
                                       edgecolor=look["color"], linewidth=0.6, label=level,
                                       zorder=1))
    elif has_ci and interval == "bars":
        handles.append(ax.errorbar(xs, part["value"], yerr=[part["value"] - part["lower"],
                                             part["upper"] - part["value"]],
                    fmt="none", ecolor=look["color"], elinewidth=0.9, capsize=2.5,
                    label=level, zorder=2))
    for comparator, style in zip(names[1:], COMPARATORS, strict=False):
        other = frame[frame["name"] == comparator]
        handles += ax.plot(other["period"].map(position).to_numpy(dtype=float), other["value"],
                color=style["color"], linestyle=style["linestyle"], marker=style["marker"],
                markersize=4, linewidth=1.4, label=str(comparator), zorder=2)
    if marked:
        for xi, yi, label in zip(xs, part["value"], part["comparison"], strict=True):
            if pd.notna(yi):
                ax.plot(xi, yi, zorder=4, **marker_kwargs(label, 6.5))

    ax.set_xticks(np.arange(len(periods)), [str(p) for p in periods])
    long = len(periods) > 8 or max(len(str(p)) for p in periods) > 7
    ax.tick_params(axis="x", labelsize=FONT, rotation=30 if long else 0)
    if long:
        for tick in ax.get_xticklabels():
            tick.set_horizontalalignment("right")
    ax.tick_params(axis="y", labelsize=FONT)
    ax.set_xlim(-0.4, len(periods) - 0.6)
    ax.set_ylabel(ylabel, fontsize=FONT, color=TEXT)
    ax.yaxis.set_major_formatter(PlainNumbers())
    if from_zero:
        ax.set_ylim(bottom=min(0.0, float(np.nanmin(frame["value"]))))
    ax.grid(axis="y", color="#e5e5e5", linewidth=0.6)
    ax.set_axisbelow(True)
    legend_rows(ax, [handles, legend_handles(part["comparison"], size=6.5) if marked
                     else []],
                loc="lower left", bbox_to_anchor=(0, 1.0), frameon=False, fontsize=FONT,
                handletextpad=0.4, columnspacing=1.4, borderaxespad=0.2, handlelength=2.2,
                title=f"Points: {area} compared with {benchmark}" if marked and benchmark
                else None, title_fontsize=FONT, alignment="left")
    return finish(fig, title, subtitle, source, note) if own else fig
