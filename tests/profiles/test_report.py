"""What the profile shows: the indicator table names the comparator of every row."""

import re

import matplotlib.pyplot as plt
import pytest

from thlib.profiles import ProfileReport


def _cells(html, tag):
    return [re.sub(r"<[^>]+>", "", cell) for cell in
            re.findall(rf"<{tag}[^>]*>(.*?)</{tag}>", html, re.S)]


@pytest.fixture(scope="module")
def borough_table():
    parts = ProfileReport("borough", "E09000030").indicators()
    plt.close("all")
    html = str(parts[-1])
    head = _cells(html.split("<tbody>")[0], "th")
    rows = {}
    for row in re.findall(r"<tr>(.*?)</tr>", html.split("<tbody>")[1], re.S):
        name, *cells = _cells(row, "th") + _cells(row, "td")
        rows[name] = dict(zip(head[1:], cells, strict=True))
    return html, head, rows


def test_the_heading_names_no_single_comparator(borough_table):
    _, head, _ = borough_table
    assert head == ["Indicator", "Period", "Tower Hamlets", "Compared with",
                    "Comparator value", "Comparison"]


def test_each_row_names_its_own_comparator(borough_table):
    html, _, rows = borough_table
    # IoD 2025 publishes no London figure, so these rows fall back to England, whose share
    # of LSOAs in its most deprived 20% is 20% by construction.
    for title in ("LSOAs in most deprived 20% (IMD 2025)",
                  "LSOAs most deprived for health", "LSOAs most deprived for children's "
                  "education"):
        row = rows[title.replace("'", "&#x27;")]
        assert row["Compared with"] == "England"
        assert row["Comparator value"] == "20.0%"
    # Census 2021 shares are set against London: 46,000 of 120,539 Tower Hamlets households
    # rent privately (TS054), 38.2%.
    assert rows["Private rented households"]["Compared with"] == "London"
    assert rows["Private rented households"]["Tower Hamlets"] == "38.2%"
    assert "against London and England" in html


def test_the_borough_locator_shades_the_borough_among_londons_boroughs():
    from unittest import mock

    import thlib.presentation.charts

    report = ProfileReport("borough", "E09000030")
    charts = thlib.presentation.charts
    with mock.patch.object(charts, "locator_map", wraps=charts.locator_map) as drawn:
        report.locator()
    layer, shaded = drawn.call_args.args[:2]
    assert shaded == ["E09000030"]  # Tower Hamlets' GSS code, a shape in the London layer
    assert "E09000030" in set(layer["ward_code"]) and len(layer) == 33
