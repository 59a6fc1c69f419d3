"""How a comparison label is drawn: colour and marker, with the vocabulary's symbol and word.

One mapping serves every chart (spine, compare areas, trend) so that a reader learns
it once. The labels are those of :func:`thlib.stats.compare`; their symbols and words
come from :mod:`thlib.presentation.vocabulary`, never from here, so a legend reads like a table.

Colours follow Fingertips (green, amber, red; dark and light blue for no
judgement) but are taken from the Okabe-Ito colour-blind-safe set, and each label
also has its own marker shape: a filled triangle up or down for better or worse, a
filled circle for similar, an empty circle for not compared. Higher and lower keep
the triangles' direction. Every marker and bar has the same near-black outline, which
contrasts at least 3:1 (WCAG 1.4.11) with the white page and with every band a marker
sits on; the fills themselves need not, as the shape and the word carry the label too.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from matplotlib.axes import Axes
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from thlib.errors import ParameterError
from thlib.presentation import vocabulary
from thlib.presentation.charts.style import PALETTE

#: Edge of every significance marker and bar: near-black, so a pale fill
#: (yellow, white) still has a visible outline on white paper.
EDGE = "#0b0c0c"


@dataclass(frozen=True)
class Style:
    """How one comparison label is drawn.

    Attributes
    ----------
    label : str
        The comparison label, e.g. ``"better"``.
    colour : str
        Fill of the marker or bar.
    edge : str
        Outline of the marker or bar.
    marker : str
        Matplotlib marker code.
    """

    label: str
    colour: str
    edge: str
    marker: str

    @property
    def symbol(self) -> str:
        """The label's symbol (▲ ▼ ● △ ▽ ○), from :mod:`thlib.presentation.vocabulary`."""
        return vocabulary.significance(self.label).symbol

    @property
    def word(self) -> str:
        """The label's word, from :mod:`thlib.presentation.vocabulary`."""
        return vocabulary.significance(self.label).word

    @property
    def text(self) -> str:
        """Symbol and word, e.g. ``"▲ better"``: what is printed beside a mark."""
        return vocabulary.significance(self.label).text


#: Every label in the vocabulary's (legend) order.
_LOOKS = {
    "better": (PALETTE["green"], EDGE, "^"),
    "similar": (PALETTE["yellow"], EDGE, "o"),
    "worse": (PALETTE["vermillion"], EDGE, "v"),
    "higher": (PALETTE["blue"], EDGE, "^"),
    "lower": (PALETTE["sky"], EDGE, "v"),
    "not compared": ("#ffffff", EDGE, "o"),
}
STYLES: dict[str, Style] = {label: Style(label, *_LOOKS[label])
                            for label in vocabulary.SIGNIFICANCE}


def style(label: object) -> Style:
    """Return the style of a comparison label.

    Parameters
    ----------
    label : str or None
        A label of :func:`thlib.stats.compare` (case and surrounding spaces are
        ignored). Missing labels (None, NaN, empty) are drawn as "not compared".

    Returns
    -------
    Style

    Raises
    ------
    DataError
        If the label is not one of :data:`STYLES` (a typo would otherwise be drawn
        silently as "not compared").
    """
    return STYLES[vocabulary.significance(label).label]


def marker_kwargs(label: object, size: float = 7.0) -> dict[str, Any]:
    """Keyword arguments for :meth:`matplotlib.axes.Axes.plot` drawing one label's marker."""
    look = style(label)
    return {"marker": look.marker, "markersize": size, "linestyle": "none",
            "markerfacecolor": look.colour, "markeredgecolor": look.edge,
            "markeredgewidth": 0.8}


def legend_handles(labels: Iterable[object], size: float = 7.0,
                   kind: str = "marker") -> list[Line2D | Patch]:
    """Legend entries (marker or patch, and ``"▲ better"``-style text) for the labels used.

    Parameters
    ----------
    labels : iterable of str
        Labels as they occur in the data; repeats and order do not matter, the entries
        come in the fixed order of :data:`STYLES`.
    size : float
        Marker size in points.
    kind : {"marker", "patch"}
        Draw each entry as the label's marker (for points) or as a filled box (for bars).
    """
    if kind not in ("marker", "patch"):
        raise ParameterError(f"kind is {kind!r}: use 'marker' or 'patch'")
    present = {style(label).label for label in labels}
    chosen = [s for s in STYLES.values() if s.label in present]
    if kind == "patch":
        return [Patch(facecolor=s.colour, edgecolor=s.edge, linewidth=0.6, label=s.text)
                for s in chosen]
    return [Line2D([], [], label=s.text, **marker_kwargs(s.label, size)) for s in chosen]


def legend_rows(ax: Axes, rows: list[list], **kwargs) -> Legend:
    """Add a legend whose entries read across in the given rows and return it.

    Matplotlib fills legend columns top to bottom; this hands it the grid column by
    column, padding short rows with blank cells, so that e.g. the series make one row
    and the significance labels the next. Empty rows are dropped; ``kwargs`` go to
    :meth:`matplotlib.axes.Axes.legend`.
    """
    rows = [list(row) for row in rows if row]
    ncols = max(len(row) for row in rows)
    blank = Line2D([], [], linestyle="none", label=" ")
    grid = [row + [blank] * (ncols - len(row)) for row in rows]
    handles = [grid[r][c] for c in range(ncols) for r in range(len(grid))]
    return ax.legend(handles=handles, labels=[h.get_label() for h in handles], ncols=ncols,
                     **kwargs)
