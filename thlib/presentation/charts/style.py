"""The look of every chart: palette, markers, title block and source footer.

Colours are the Okabe-Ito colour-blind-safe set; every series also differs by
marker or line style, so no information is carried by colour alone.
"""

from __future__ import annotations

import textwrap

import matplotlib

matplotlib.use("Agg")  # charts are rendered to files (SVG, PNG), never to a window

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import ScalarFormatter  # noqa: E402

from thlib.presentation.charts.text_metrics import share_text_sizes  # noqa: E402

#: Okabe & Ito (2008) colour-blind-safe palette.
PALETTE = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "sky": "#56B4E9",
    "purple": "#CC79A7",
    "yellow": "#F0E442",
    "black": "#000000",
    "grey": "#767676",
}
#: Colour, marker and line style per geography role: the area, then its comparators.
SERIES = [
    {"color": PALETTE["blue"], "marker": "s", "linestyle": "-"},
    {"color": PALETTE["black"], "marker": "D", "linestyle": "--"},
    {"color": PALETTE["vermillion"], "marker": "^", "linestyle": ":"},
    {"color": PALETTE["green"], "marker": "o", "linestyle": "-."},
]
TEXT = "#1b1b1b"

plt.rcParams.update(
    {
        # DejaVu Sans (matplotlib's own) for the layout; an SVG's text falls back to the
        # reader's sans-serif where DejaVu Sans is not installed
        "font.family": "sans-serif",
        "font.sans-serif": ["DejaVu Sans"],
        "font.size": 9,
        "axes.edgecolor": "#6f777b",  # 4.6:1 on white: axis lines carry the zero
        "axes.labelcolor": TEXT,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "xtick.color": TEXT,
        "ytick.color": TEXT,
        "svg.hashsalt": "thlib",
    }
)
share_text_sizes()


class PlainNumbers(ScalarFormatter):
    """Tick labels in full with thousands separators: 2,500,000, never 2.5 and a "1e6".

    Matplotlib's default moves large values' magnitude into a separate "1e6" label at the
    top of the axis, which a legend can hide; here each label carries its whole value.
    Decimals are those matplotlib would choose for the ticks.

    Examples
    --------
    >>> fig, ax = new_figure()
    >>> ax.set_ylim(0, 2_500_000); ax.yaxis.set_major_formatter(PlainNumbers())
    (0.0, 2500000.0)
    >>> fig.canvas.draw(); [t.get_text() for t in ax.get_yticklabels()][-1]
    '2,500,000'
    >>> plt.close(fig)
    """

    def __init__(self) -> None:
        super().__init__(useOffset=False)
        self.set_scientific(False)

    def __call__(self, x: float, pos: int | None = None) -> str:
        """Return the label of the tick at ``x``."""
        decimals = len(super().__call__(x, pos).partition(".")[2])
        return f"{x:,.{decimals}f}".replace("-", "\N{MINUS SIGN}")


def new_figure(width: float = 7.0, height: float = 3.6) -> tuple[Figure, plt.Axes]:
    """Return a figure and axes sized in inches for an A4 column (7 in wide).

    Parameters
    ----------
    width, height : float
        Size in inches.

    Returns
    -------
    tuple of (matplotlib.figure.Figure, matplotlib.axes.Axes)

    Examples
    --------
    >>> fig, ax = new_figure(7.0, 3.0)
    >>> fig.get_size_inches().tolist()
    [7.0, 3.0]
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    fig, ax = plt.subplots(figsize=(width, height))
    return fig, ax


def figure_for(ax: plt.Axes | None, width: float, height: float) -> tuple[Figure, plt.Axes, bool]:
    """Return a new figure and axes of this size, or the figure of the given ``ax``.

    The flag says whether the figure is new: a chart finishes (titles) only its own
    figure; given axes belong to a caller who finishes the whole figure once.
    """
    if ax is None:
        fig, ax = new_figure(width, height)
        return fig, ax, True
    root = ax.get_figure(root=True)
    assert isinstance(root, Figure)  # axes drawn on always belong to a figure
    return root, ax, False


def finish(fig: Figure, title: str, subtitle: str, source: str, note: str | None = None) -> Figure:
    """Add the title block (active title, subtitle: measure, geography, period) and footer.

    Text is wrapped to the figure's width and space is reserved for it, so the title
    block and footer never overlap the plot.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The chart.
    title : str
        The active title: what the chart shows, as a finding.
    subtitle : str
        Measure, geography and period.
    source : str
        The source line (publisher, dataset, licence).
    note : str, optional
        A caveat printed above the source.

    Returns
    -------
    matplotlib.figure.Figure
        ``fig``.

    Examples
    --------
    >>> fig, ax = new_figure()
    >>> [t.get_text() for t in finish(fig, "Title", "Subtitle", "Source: x").texts]
    ['Title', 'Subtitle', 'Source: x']
    >>> plt.close(fig)
    """
    width, height = fig.get_figwidth(), fig.get_figheight()
    title_lines = textwrap.wrap(title, int(width * 9.6))
    subtitle_lines = textwrap.wrap(subtitle, int(width * 14.5))
    footer = "\n".join(
        line for part in ([note] if note else []) + [source]
        for line in textwrap.wrap(part, int(width * 17.5))
    )
    # heights in inches: 0.21 per title line, 0.16 per subtitle line, 0.13 per footer line
    top_in = 0.1 + 0.21 * len(title_lines) + 0.16 * len(subtitle_lines) + 0.12
    bottom_in = 0.08 + 0.13 * (footer.count("\n") + 1) + 0.08
    fig.set_figheight(height + top_in + bottom_in)
    total = fig.get_figheight()
    fig.tight_layout(rect=(0, bottom_in / total, 1, 1 - top_in / total))
    y = 1 - 0.1 / total
    fig.text(0.01, y, "\n".join(title_lines), ha="left", va="top", fontsize=11.5,
             fontweight="bold", color=TEXT, linespacing=1.15)
    y -= 0.21 * len(title_lines) / total
    fig.text(0.01, y, "\n".join(subtitle_lines), ha="left", va="top", fontsize=9, color=TEXT,
             linespacing=1.2)
    fig.text(0.01, 0.08 / total, footer, ha="left", va="bottom", fontsize=7.5,
             color="#505a5f", linespacing=1.25)
    return fig
