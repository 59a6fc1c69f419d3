"""What a report section returns displays itself again in a later cell, never twice in one."""

import pandas as pd
import pytest
from IPython.core.interactiveshell import InteractiveShell
from IPython.display import SVG

from thlib.presentation.chartdata import ChartData
from thlib.presentation.charts import compare_bars, show_figure
from thlib.presentation.display import ShownParts, show_html, show_markdown


@pytest.fixture
def cells(monkeypatch):
    """An IPython shell whose cell number the test sets, and the displays it made."""
    shell = InteractiveShell.instance()
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda obj: shown.append(obj))
    try:
        yield shell, shown
    finally:
        InteractiveShell.clear_instance()


def test_text_shows_once_in_its_cell_and_again_in_a_later_one(cells):
    shell, shown = cells
    shell.execution_count = 5
    text = show_markdown("Some *words*.")
    markup = show_html("<p>Words.</p>")
    parts = ShownParts([text, markup])
    for made in (text, markup, parts):
        made._ipython_display_()  # as the result of the cell that made them: nothing more
    assert [type(s).__name__ for s in shown] == ["Markdown", "HTML"]
    shell.execution_count = 6
    text._ipython_display_()
    markup._ipython_display_()
    assert [type(s).__name__ for s in shown[2:]] == ["Markdown", "HTML"]
    assert shown[2].data == "Some *words*." and shown[3].data == "<p>Words.</p>"
    parts._ipython_display_()  # hands each part to IPython, which displays it as above
    assert shown[4:] == [text, markup]


def _kind(shown: object) -> str:
    return "SVG" if isinstance(shown, SVG) else type(shown).__name__


def test_a_chart_keeps_its_data_and_shows_with_its_table_in_a_later_cell(cells):
    shell, shown = cells
    frame = pd.DataFrame({"area": ["Bow", "Borough"], "value": [20.0, 25.0]})
    data = ChartData("Tenure", "Tenure", "Owned (%)", "%", "2021", "ONS", "OGL v3.0", frame)
    shell.execution_count = 7
    bars = pd.DataFrame({"name": ["Bow", "Bow", "Borough", "Borough"],
                         "category": ["Owned", "Rented", "Owned", "Rented"],
                         "percent": [20.0, 80.0, 25.0, 75.0]})
    fig = show_figure(compare_bars(bars, "Tenure: Bow rents more", "Percentage of households",
                                   "Source: ONS"), "Bar chart of tenure.", data)
    fig._ipython_display_()
    assert [_kind(s) for s in shown] == ["SVG", "HTML"]
    assert fig.chart_data is data and fig.alt_text == "Bar chart of tenure."
    shell.execution_count = 8
    fig._ipython_display_()
    assert [_kind(s) for s in shown[2:]] == ["SVG", "HTML"]
    assert "Data for this chart: Tenure" in shown[3].data
