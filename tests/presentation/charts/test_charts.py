"""Charts: the title block, markers not colour alone, CRS checks, deterministic SVG."""

import base64
import io
import re
import urllib.parse

import geopandas as gpd
import pandas as pd
import pytest
from PIL import Image
from shapely.geometry import box

from thlib.errors import DataError
from thlib.presentation.charts import compare_bars, decile_map, figure_svg, show_figure


def _frame():
    return pd.DataFrame({
        "name": ["Ward", "Ward", "Borough", "Borough"],
        "category": ["A", "B", "A", "B"],
        "percent": [60.0, 40.0, 50.0, 50.0],
    })


def _texts(fig):
    return [t.get_text() for t in fig.texts]


def test_compare_bars_has_title_subtitle_source_and_distinct_markers():
    fig = compare_bars(_frame(), "Title here", "Subtitle here", "Source: somewhere")
    texts = _texts(fig)
    assert "Title here" in texts and "Subtitle here" in texts and "Source: somewhere" in texts
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Ward", "Borough"]
    # the area's values are written out, so the bars need no colour key to be read
    assert {"60.0%", "40.0%"} <= {t.get_text() for t in ax.texts}


def test_long_titles_are_wrapped_not_clipped():
    title = "A long active title " * 8
    fig = compare_bars(_frame(), title, "Subtitle", "Source")
    assert max(len(line) for line in _texts(fig)[0].splitlines()) <= int(7 * 9.6)


def test_maps_refuse_layers_in_different_crs():
    bng = gpd.GeoDataFrame({"decile": [1]}, geometry=[box(0, 0, 1, 1)], crs="EPSG:27700")
    wgs = gpd.GeoDataFrame(geometry=[box(0, 0, 1, 1)], crs="EPSG:4326")
    with pytest.raises(DataError, match="one CRS"):
        decile_map(bng, wgs, "T", "S", "Src")


def test_decile_map_prints_each_decile():
    squares = gpd.GeoDataFrame({"decile": [1, 7]}, geometry=[box(0, 0, 1, 1), box(1, 0, 2, 1)],
                               crs="EPSG:27700")
    fig = decile_map(squares, squares.dissolve(), "T", "S", "Src")
    assert {"1", "7"} <= {t.get_text() for t in fig.axes[0].texts}


def test_maps_are_drawn_once_when_written_not_after_each_layer(monkeypatch):
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    draws = []
    monkeypatch.setattr(FigureCanvasAgg, "draw", lambda self, *a, **k: draws.append(self))
    squares = gpd.GeoDataFrame({"decile": [1, 7]}, geometry=[box(0, 0, 1, 1), box(1, 0, 2, 1)],
                               crs="EPSG:27700")
    fig = decile_map(squares, squares.dissolve(), "T", "S", "Src")
    assert draws == []
    # the figure's own method is back: an analyst's later draw_idle still draws
    fig.canvas.draw_idle()
    assert draws == [fig.canvas]


def test_show_figure_needs_alt_text():
    with pytest.raises(ValueError, match="text alternative"):
        show_figure(compare_bars(_frame(), "T", "S", "Src"), alt=" ")


def test_svg_text_is_rotated_only_where_it_turns():
    fig = compare_bars(_frame(), "T", "S", "Src")
    fig.axes[0].set_ylabel("Turned label")
    svg = figure_svg(fig)
    turned = re.search(r'<text [^>]*>Turned label</text>', svg)[0]
    assert 'transform="rotate(-90 ' in turned
    # matplotlib's rotation by nothing on every other text is dropped
    assert "rotate(-0 " not in svg and ">Src</text>" in svg


def test_svg_keeps_text_as_text_and_is_deterministic():
    svg = figure_svg(compare_bars(_frame(), "Title here", "S", "Src"))
    assert svg == figure_svg(compare_bars(_frame(), "Title here", "S", "Src"))
    assert svg.startswith("<svg") and ">Title here</text>" in svg
    # no date, no metadata block, no embedded fonts or glyph outlines
    assert "<metadata" not in svg and "dc:date" not in svg and "glyph" not in svg
    assert "font-family=\"'DejaVu Sans', sans-serif\"" in svg


def test_svg_styles_are_presentation_attributes_and_words_are_left_alone():
    title = 'Rents: style="fill: red" is a label'
    svg = figure_svg(compare_bars(_frame(), title, "S", "Src"))
    # matplotlib's sheet rule is the root's default, its styles the elements' attributes
    assert "<style" not in svg and svg.startswith('<svg stroke-linejoin="round" '
                                                  'stroke-linecap="butt" ')
    assert " style=" not in svg.replace(' style="fill: red"', "")
    assert re.search(r'<path d="[^"]*" fill="#[0-9a-f]{6}"', svg)
    assert f">{title}</text>" in svg  # the label's words, style="..." included


def test_show_figure_displays_svg_with_alt_and_width(monkeypatch):
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda obj: shown.append(obj))
    fig = compare_bars(_frame(), "T", "S", "Src")
    show_figure(fig, "Bar chart of two groups.")
    data, metadata = shown[0]._repr_svg_()
    assert data.startswith("<svg") and ">T</text>" in data
    assert metadata == {"alt": "Bar chart of two groups.", "width": 7 * 96}


def test_svg_coordinates_are_rounded_to_a_tenth_of_a_point():
    svg = figure_svg(compare_bars(_frame(), "T", "S", "Src"))
    values = re.findall(r' (?:d|x|y|transform)="([^"]*)"', svg)
    assert len(values) > 20 and not any(re.search(r"\d\.\d\d", v) for v in values)
    assert re.search(r' d="M \d+\.\d ', svg)  # rounded, not cut to whole points


def test_decile_map_embeds_its_small_areas_as_one_palette_png():
    squares = gpd.GeoDataFrame({"decile": [1, 7]}, geometry=[box(0, 0, 1, 1), box(1, 0, 2, 1)],
                               crs="EPSG:27700")
    svg = figure_svg(decile_map(squares, squares.dissolve(), "T", "S", "Src"))
    images = re.findall(r'xlink:href="data:image/png;base64,([^"]*)"', svg)
    assert len(images) == 1
    assert Image.open(io.BytesIO(base64.b64decode(images[0]))).mode == "P"
    assert ">7</text>" in svg  # the printed deciles stay text


def test_shown_svg_reaches_the_report_as_an_img_with_its_alt_text(monkeypatch):
    from html.parser import HTMLParser

    from IPython.core.formatters import format_display_data
    from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

    from thlib.publish.html import notebook_to_html

    shown = []
    monkeypatch.setattr("IPython.display.display", lambda obj: shown.append(obj))
    alt = 'Bar chart. A "quoted" <b>label</b> & more.'
    show_figure(compare_bars(_frame(), "Searchable title", "S", "Src"), alt)
    data, metadata = format_display_data(shown[0])  # what a kernel sends
    nb = new_notebook(cells=[
        new_markdown_cell("# Report"),
        new_code_cell("chart()", outputs=[new_output("display_data", data=data,
                                                     metadata=metadata)])])
    html = notebook_to_html(nb, {"metadata": {"name": "svg-test"}})
    images = []
    parser = HTMLParser()
    parser.handle_starttag = lambda tag, attrs: images.append(dict(attrs)) if tag == "img" else None
    parser.feed(html)
    assert len(images) == 1 and "<b>" not in html  # the alt text is escaped, and arrives whole
    assert images[0]["alt"] == alt and images[0]["width"] == str(7 * 96)
    prefix = "data:image/svg+xml;charset=utf-8,"
    assert images[0]["src"].startswith(prefix)
    assert ">Searchable title</text>" in urllib.parse.unquote(images[0]["src"][len(prefix):])


def test_groups_with_nothing_but_an_id_are_dropped_and_the_drawing_kept():
    import xml.etree.ElementTree as ET

    from thlib.presentation.charts.render import _flatten_groups

    fig = compare_bars(_frame(), "Title", "S", "Src")
    raw = io.StringIO()
    fig.savefig(raw, format="svg")
    svg = raw.getvalue()
    flat = _flatten_groups(svg)

    def drawn(text):  # every element but groups, in document order, with its attributes
        return [(e.tag, e.attrib, e.text) for e in ET.fromstring(text).iter()
                if not e.tag.endswith("}g")]

    def groups(text):
        return [e.attrib for e in ET.fromstring(text).iter() if e.tag.endswith("}g")]

    assert drawn(flat) == drawn(svg) and len(drawn(svg)) > 50
    assert len(groups(svg)) > 20  # matplotlib's groups: an id each, a few with a clip path
    assert groups(flat) == [g for g in groups(svg) if set(g) != {"id"} and g]
