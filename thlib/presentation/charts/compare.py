"""Compare an area with its comparators: bars for the area, markers for the others."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from thlib.presentation import formatting
from thlib.presentation.charts.style import SERIES, TEXT, finish, new_figure


def compare_bars(
    frame: pd.DataFrame,
    title: str,
    subtitle: str,
    source: str,
    value: str = "percent",
    unit: str = "%",
    note: str | None = None,
) -> Figure:
    """Draw one horizontal bar per category for the first area, markers for the rest.

    Parameters
    ----------
    frame : pandas.DataFrame
        Long table with columns ``name`` (the area's name), ``category`` and the values
        (``value``); the first name in order of appearance is the area, the rest its
        comparators.
    title, subtitle, source : str
        Title block and footer (see :func:`thlib.presentation.charts.style.finish`).
    value : str, default "percent"
        The column of values.
    unit : str, default "%"
        Written after each of the area's values, printed beside its bar.
    note : str, optional
        A caveat printed above the source.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"name": ["Bow", "Bow", "Tower Hamlets", "Tower Hamlets"],
    ...                       "category": ["Owned", "Rented", "Owned", "Rented"],
    ...                       "percent": [30.0, 70.0, 25.0, 75.0]})
    >>> fig = compare_bars(frame, "Tenure: Bow owns more", "Percentage of households",
    ...                    "Source: somewhere")
    >>> fig.texts[0].get_text()
    'Tenure: Bow owns more'
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    names = list(dict.fromkeys(frame["name"]))
    categories = list(dict.fromkeys(frame["category"]))
    table = frame.pivot_table(index="category", columns="name", values=value,
                              observed=True, sort=False).reindex(index=categories)
    fig, ax = new_figure(7.0, 0.6 + 0.3 * len(categories))
    y = np.arange(len(categories))[::-1]
    area = names[0]
    ax.barh(y, table[area], color=SERIES[0]["color"], height=0.6, label=area)
    # The area's values in a column at the right, clear of bars and markers.
    for position, number in zip(y, table[area], strict=True):
        ax.annotate(f"{formatting.number(number)}{unit}", (1.0, position),
                    xycoords=("axes fraction", "data"),
                    xytext=(4, 0), textcoords="offset points", va="center", fontsize=7.5,
                    color=TEXT)
    for style, name in zip(SERIES[1:], names[1:], strict=False):
        ax.scatter(table[name], y, marker=style["marker"], color=style["color"], s=28,
                   zorder=3, label=name, edgecolors="white", linewidths=0.5)
    ax.set_yticks(y, categories)
    ax.set_xlabel(unit if unit != "%" else "Percent")
    ax.set_xlim(0, np.nanmax(table.to_numpy()) * 1.05)
    handles, labels = ax.get_legend_handles_labels()
    order = [labels.index(n) for n in names]
    ax.legend([handles[i] for i in order], names, loc="lower left",
              bbox_to_anchor=(0, 1.0), frameon=False, fontsize=8, ncols=len(names),
              borderaxespad=0.2, handletextpad=0.4)
    ax.grid(axis="x", color="#e5e5e5", linewidth=0.6)
    ax.set_axisbelow(True)
    return finish(fig, title, subtitle, source, note)
