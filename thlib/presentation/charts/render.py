"""Render a chart as the SVG a report embeds; show it in a notebook with its text alternative.

Charts are vector graphics with their words kept as text (searchable, selectable, sharp at
any zoom, and several times smaller than a PNG). Layers too dense to draw as vectors (the
many small-area polygons of a map) are drawn with ``rasterized=True`` and embedded in the
SVG as an image at :data:`SVG_RASTER_DPI`.
"""

from __future__ import annotations

import base64
import io
import re

import matplotlib.pyplot as plt
from IPython.display import SVG
from matplotlib.figure import Figure
from matplotlib.layout_engine import PlaceHolderLayoutEngine
from PIL import Image as PILImage

from thlib.errors import ParameterError
from thlib.presentation.chartdata import ChartData
from thlib.presentation.display import mark_shown
from thlib.presentation.tables import chart_data_html

#: Resolution of the raster layers inside an SVG (a map's many small-area fills): flat
#: colours whose edges are drawn as vectors on top, so 1.5 times the screen's is enough
#: and keeps the largest profile's page under 1 MB.
SVG_RASTER_DPI = 144
#: Coordinates (of paths, placed markers and text) longer than one decimal: matplotlib
#: writes six (a millionth of a point); a tenth of a point (1/720 inch, 0.035 mm) is below
#: the dot of a 600 dpi printer.
_COORDINATES = re.compile(r'(?<= d=")[^"]*|(?<= x=")[^"]*|(?<= y=")[^"]*'
                          r'|(?<= transform=")[^"]*')
_LONG_DECIMAL = re.compile(r"\d+\.\d{2,}")
#: Indentation between elements (never inside a ``<text>``, whose words matplotlib writes
#: on one line with its tags).
_BETWEEN_TAGS = re.compile(r">\s+<")
#: An element's ``style`` attribute, matched only inside a tag (never in a label's words).
_STYLE = re.compile(r'(<[a-zA-Z][^<>]*?) style="([^"<>]*)"')
#: matplotlib's one style sheet rule, for every element.
_SHEET = re.compile(r'<defs><style type="text/css">\*\{([^}<>]*)\}</style></defs>')
#: The CSS properties matplotlib writes that are also SVG presentation attributes.
_PRESENTATION = frozenset({
    "clip-path", "fill", "fill-opacity", "fill-rule", "font-family", "font-size",
    "font-style", "font-weight", "opacity", "stroke", "stroke-dasharray",
    "stroke-dashoffset", "stroke-linecap", "stroke-linejoin", "stroke-miterlimit",
    "stroke-opacity", "stroke-width", "text-anchor"})
#: A group's opening or closing tag; a group of the first form has nothing but an id.
_GROUP_TAG = re.compile(r'(?P<bare><g(?: id="(?P<id>[^"]*)")?>)|<g\b[^>]*?(?P<closed>/?)>|</g>')
#: The rotation by nothing matplotlib gives every text (only inside a tag, never in words).
_NO_ROTATION = re.compile(r'(<text\b[^<>]*?) transform="rotate\(-?0 [^"<>]*\)"')
#: A raster layer embedded by matplotlib (an RGBA PNG, base64).
_EMBEDDED_PNG = re.compile(r'(?<=xlink:href="data:image/png;base64,)[^"]*')


class _ChartSVG(SVG):
    """IPython's SVG display of :func:`figure_svg`'s markup as it is.

    ``SVG(data=...)`` parses the markup with minidom only to find the ``<svg>`` element,
    which ``figure_svg`` returns bare: that took a fifth of a second per profile.
    """

    data = property(lambda self: self._data,
                    lambda self, svg: setattr(self, "_data", svg))


#: No metadata block: the bytes depend only on the drawing (no date, no library version).
_NO_METADATA = dict.fromkeys(["Date", "Creator", "Format", "Type"])


def _unplaced(fig: Figure) -> None:
    """Drop the placeholder layout engine ``tight_layout`` leaves behind.

    tight_layout has placed the axes already; the placeholder would make ``savefig`` draw
    the whole figure once more before writing it.
    """
    if isinstance(fig.get_layout_engine(), PlaceHolderLayoutEngine):
        fig.set_layout_engine(None)


def _palette_png(match: re.Match[str]) -> str:
    """Re-encode an embedded RGBA PNG as a palette PNG of at most 256 colours.

    A map's raster layer holds a few fills and their anti-aliased edges: the palette keeps
    them (any loss is in edge pixels, invisible at print resolution) at a fifth of the size.
    """
    image = PILImage.open(io.BytesIO(base64.b64decode(match[0])))
    png = io.BytesIO()
    image.quantize(256, method=PILImage.Quantize.FASTOCTREE).save(png, format="PNG",
                                                                  optimize=True)
    return base64.b64encode(png.getvalue()).decode("ascii")


def _attributes(declarations: str) -> str:
    """Return CSS declarations as presentation attributes, the rest as a ``style``."""
    attributes, rest = [], []
    for declaration in declarations.split(";"):
        name, _, value = (part.strip() for part in declaration.partition(":"))
        if name in _PRESENTATION:
            attributes.append(f'{name}="{value}"')
        elif name:
            rest.append(f"{name}: {value}")
    return " ".join([*attributes, *([f'style="{"; ".join(rest)}"'] if rest else [])])


def _presentation_attributes(svg: str) -> str:
    """Write matplotlib's styles as presentation attributes, its sheet on the root.

    The drawing is the same (the sheet's rule becomes inherited defaults that an element's
    own attributes override, as its style did), but WeasyPrint no longer parses a style
    and matches a selector for each of a chart's thousands of elements (5 to 15% of a
    profile's PDF time, measured).
    """
    sheet = _SHEET.search(svg)
    if sheet:
        svg = svg[:sheet.start()] + svg[sheet.end():]
        svg = svg.replace("<svg ", f"<svg {_attributes(sheet[1])} ", 1)
    return _STYLE.sub(lambda m: f"{m[1]} {_attributes(m[2])}", svg)


def _flatten_groups(svg: str) -> str:
    """Drop the groups with no attribute but an id nothing refers to, keeping their content.

    matplotlib wraps every artist in such a group: two in every five elements of a chart,
    each one more element for WeasyPrint to style and draw, for no change in the drawing.
    """
    referenced = set(re.findall(r'#([^"\s)]+)', svg))
    kept: list[str] = []  # the text between the dropped tags
    dropped: list[bool] = []  # for each open group, whether its tags are dropped
    start = 0
    for match in _GROUP_TAG.finditer(svg):
        if match[0] == "</g>":
            drop = dropped.pop()
        elif match["bare"] and match["id"] not in referenced:
            drop = True
            dropped.append(True)
        else:
            drop = False
            if match["closed"] != "/":  # a group that closes itself opens nothing
                dropped.append(False)
        if drop:
            kept.append(svg[start:match.start()])
            start = match.end()
    kept.append(svg[start:])
    return "".join(kept)


def figure_svg(fig: Figure) -> str:
    """Return the figure as an SVG document with its text as text and no metadata.

    Words are ``<text>`` elements in DejaVu Sans (falling back to the reader's sans-serif),
    so they can be searched, selected and read aloud. Ids are hashed from a fixed salt and
    there is no date or version, so an unchanged chart gives the same bytes. Coordinates
    are rounded to 0.1 pt and indentation is dropped. Artists drawn with
    ``rasterized=True`` become an embedded palette PNG at :data:`SVG_RASTER_DPI`.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The chart.

    Returns
    -------
    str
        The ``<svg>`` element (no XML declaration or doctype), sized in points.

    Examples
    --------
    >>> from thlib.presentation.charts import new_figure
    >>> fig, ax = new_figure()
    >>> label = ax.set_title("Searchable words")
    >>> svg = figure_svg(fig)
    >>> svg.startswith("<svg"), "Searchable words</text>" in svg, svg == figure_svg(fig)
    (True, True, True)
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    _unplaced(fig)
    raw = io.StringIO()
    # text as <text>, not glyph outlines; ids (clip paths, markers, hatches) hashed from a
    # fixed salt, not a random one; any raster layer inside the file, not beside it
    with plt.rc_context({"svg.fonttype": "none", "svg.hashsalt": "thlib",
                         "svg.image_inline": True}):
        fig.savefig(raw, format="svg", dpi=SVG_RASTER_DPI, metadata=_NO_METADATA)
    svg = raw.getvalue()
    svg = _COORDINATES.sub(
        lambda value: _LONG_DECIMAL.sub(lambda x: f"{float(x[0]):.1f}", value[0]), svg)
    svg = _NO_ROTATION.sub(r"\1", _BETWEEN_TAGS.sub("><", svg))
    svg = _flatten_groups(_presentation_attributes(svg))
    svg = _EMBEDDED_PNG.sub(_palette_png, svg)
    return svg[svg.index("<svg"):]


def show_figure(fig: Figure, alt: str, data: ChartData | None = None) -> Figure:
    """Display ``fig`` as an SVG whose output metadata carries ``alt``, close it, return it.

    With ``data``, the chart's values follow the image as a table in a disclosure
    (:func:`thlib.presentation.tables.chart_data_html`).

    The report template turns that metadata into the image's ``alt`` text (the SVG is
    embedded as an ``<img>``, so its own text is not read twice). The closed figure can
    still be saved (``fig.savefig``); it is marked as shown, so IPython does not display
    it again as a cell's result.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The chart.
    alt : str
        Its text alternative: what the chart shows and its key message.
    data : thlib.presentation.chartdata.ChartData, optional
        The values the chart plots, shown as a table after it.

    Returns
    -------
    matplotlib.figure.Figure
        ``fig``, with ``alt_text`` and ``chart_data`` (``data``) for reuse; it displays
        itself again, table included, as the result of a later cell.

    Raises
    ------
    ParameterError
        If ``alt`` is empty: every chart needs a text alternative.

    Examples
    --------
    >>> from thlib.presentation.charts import new_figure
    >>> fig, ax = new_figure()
    >>> shown = show_figure(fig, "An empty chart.")
    <thlib.presentation.charts.render._ChartSVG object>
    >>> shown is fig
    True
    """
    from IPython.display import HTML, display

    if not alt.strip():
        raise ParameterError("every chart needs a text alternative: pass a non-empty alt")
    svg = figure_svg(fig)
    plt.close(fig)
    width = int(fig.get_figwidth() * 96)

    def show() -> None:
        display(_ChartSVG(data=svg, metadata={"alt": alt, "width": width}))
        if data is not None:
            display(HTML(chart_data_html(data)))

    show()
    fig.alt_text, fig.chart_data = alt, data  # type: ignore[attr-defined]
    return mark_shown(fig, show)
