"""Render a chart as the PNG a report embeds; show it in a notebook with its text alternative."""

from __future__ import annotations

import io

import matplotlib.pyplot as plt
from matplotlib.figure import Figure
from matplotlib.layout_engine import PlaceHolderLayoutEngine
from PIL import Image as PILImage

from thlib.chartdata import ChartData
from thlib.display import mark_shown, show_html
from thlib.errors import ParameterError
from thlib.tables import chart_data_html

#: Print resolution: twice the screen's, so charts stay sharp in the PDF.
DPI = 192


def figure_png(fig: Figure) -> bytes:
    r"""Return the figure as an RGB PNG on its (opaque) face colour, with no metadata.

    RGB, not matplotlib's RGBA: WeasyPrint would split an alpha channel into a mask and
    encode both again for every chart of every PDF. No metadata: the bytes depend only
    on the drawing, so an unchanged chart gives an unchanged report.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The chart.

    Returns
    -------
    bytes
        The PNG, at :data:`DPI` dots per inch.

    Examples
    --------
    >>> from thlib.charts import new_figure
    >>> fig, ax = new_figure()
    >>> figure_png(fig)[:8] == b"\x89PNG\r\n\x1a\n"
    True
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    if isinstance(fig.get_layout_engine(), PlaceHolderLayoutEngine):
        # tight_layout has placed the axes already; this placeholder it leaves behind
        # would make savefig draw the whole figure once more before printing it
        fig.set_layout_engine(None)
    raw = io.BytesIO()
    fig.savefig(raw, format="rgba", dpi=DPI)
    width = int(fig.get_figwidth() * DPI)  # as matplotlib's Agg canvas truncates
    rgba = PILImage.frombuffer("RGBA", (width, len(raw.getbuffer()) // (4 * width)),
                               raw.getvalue(), "raw", "RGBA", 0, 1)
    png = io.BytesIO()
    rgba.convert("RGB").save(png, format="PNG")
    return png.getvalue()


def show_figure(fig: Figure, alt: str, data: ChartData | None = None) -> Figure:
    """Display ``fig`` as a PNG whose output metadata carries ``alt``, close it, return it.

    With ``data``, the chart's values follow the image as a table in a disclosure
    (:func:`thlib.tables.chart_data_html`).

    The report template turns that metadata into the image's ``alt`` text. The closed
    figure can still be saved (``fig.savefig``); it is marked as shown, so IPython does
    not display it again as a cell's result.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The chart.
    alt : str
        Its text alternative: what the chart shows and its key message.
    data : thlib.chartdata.ChartData, optional
        The values the chart plots, shown as a table after it.

    Returns
    -------
    matplotlib.figure.Figure
        ``fig``.

    Raises
    ------
    ParameterError
        If ``alt`` is empty: every chart needs a text alternative.

    Examples
    --------
    >>> from thlib.charts import new_figure
    >>> fig, ax = new_figure()
    >>> shown = show_figure(fig, "An empty chart.")
    <IPython.core.display.Image object>
    >>> shown is fig
    True
    """
    from IPython.display import Image, display

    if not alt.strip():
        raise ParameterError("every chart needs a text alternative: pass a non-empty alt")
    png = figure_png(fig)
    plt.close(fig)
    width = int(fig.get_figwidth() * 96)
    display(Image(data=png, format="png", width=width, metadata={"alt": alt}))
    if data is not None:
        show_html(chart_data_html(data))
    return mark_shown(fig)
