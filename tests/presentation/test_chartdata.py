"""The data table shown after each chart (thlib.presentation.tables.chart_data_html)."""

import re

import pandas as pd
import pytest

from thlib.presentation.chartdata import CHART_DATA_COLUMNS, ChartData
from thlib.presentation.tables import chart_data_html

HOSTILE = "<img src=x onerror=alert(1)>"


def _chart(**extra):
    frame = pd.DataFrame({"area": ["Bow", "Borough", "Bow", "Borough"],
                          "category": ["Owned", "Owned", HOSTILE, HOSTILE],
                          "value": [20.04, 25.0, 79.96, 75.0], **extra})
    return ChartData("Tenure: Bow rents more", "Tenure", "Tenure: percentage of households",
                     "%", "Census 2021", "ONS, Census 2021", "OGL v3.0", frame,
                     category_label="Tenure")


def test_table_is_in_a_disclosure_naming_the_chart_with_caption_unit_period_and_source():
    html = chart_data_html(_chart())
    assert html.startswith('<details class="chart-data"><summary>Data for this chart: '
                           "Tenure: Bow rents more</summary>")
    assert html.endswith("</details>")
    assert re.search(r'<caption id="table-[0-9a-f]+">Tenure: percentage of households \(%\), '
                     r"Census 2021</caption>", html)
    assert '<p class="source">Source: ONS, Census 2021. Licence: OGL v3.0.</p>' in html
    # the source follows the table
    assert html.index("</table>") < html.index('class="source"')


def test_headers_are_scoped_and_rows_hold_the_rounded_values():
    html = chart_data_html(_chart())
    assert re.findall(r'<th scope="col">([^<]*)</th>', html) == ["Tenure", "Bow", "Borough"]
    assert '<tr><th scope="row">Owned</th><td>20.0</td><td>25.0</td></tr>' in html


def test_a_hostile_category_name_is_escaped():
    html = chart_data_html(_chart())
    assert HOSTILE not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "<img" not in html


def test_confidence_limits_get_their_own_columns_and_missing_values_say_so():
    html = chart_data_html(_chart(lower=[18.0, None, 77.5, None],
                                  upper=[22.1, None, 82.0, None]))
    heads = re.findall(r'<th scope="col">([^<]*)</th>', html)
    assert heads == ["Tenure", "Bow", "Bow: lower limit", "Bow: upper limit", "Borough"]
    assert ('<tr><th scope="row">Owned</th><td>20.0</td><td>18.0</td><td>22.1</td>'
            "<td>25.0</td></tr>") in html


def test_a_trend_without_categories_is_tabled_by_period():
    frame = pd.DataFrame({"area": ["TH", "London", "TH", "London"],
                          "period": ["2019", "2019", "2020", "2020"],
                          "value": [1.0, 2.0, 3.0, float("nan")]})
    html = chart_data_html(ChartData("Rate", "Rate", "Rate", "%", "2019 to 2020", "ONS",
                                     "OGL v3.0", frame))
    assert re.findall(r'<th scope="col">([^<]*)</th>', html) == ["Period", "TH", "London"]
    assert '<tr><th scope="row">2020</th><td>3.0</td><td>not available</td></tr>' in html


def test_tidy_rows_have_the_file_columns_and_defaults():
    tidy = _chart().tidy()
    assert list(tidy.columns) == CHART_DATA_COLUMNS
    assert set(tidy["unit"]) == {"%"} and set(tidy["period"]) == {"Census 2021"}
    assert tidy["lower"].isna().all()


def test_a_name_too_long_for_a_worksheet_is_refused():
    with pytest.raises(ValueError, match="31 characters"):
        ChartData("T", "x" * 32, "M", "%", "2021", "S", "L",
                  pd.DataFrame({"area": ["A"], "value": [1.0]}))
