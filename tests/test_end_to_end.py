"""End to end: real profiles of a ward, a neighbourhood and the borough, and the annual
report, built to HTML and PDF with ``thlib build`` (once per session: tests/conftest.py)
and read back."""

import re
from pathlib import Path

import pytest
from pypdf import PdfReader


@pytest.fixture
def built(built_reports: Path) -> Path:
    """The profiles and annual report built once for the session (tests/conftest.py)."""
    return built_reports


@pytest.mark.parametrize("output, heading", [
    ("profiles/neighbourhood/north-west", "North West neighbourhood: area profile"),
    ("profiles/borough/tower-hamlets", "Tower Hamlets: area profile"),
])
def test_neighbourhood_and_borough_profiles_are_built(built, output, heading):
    page = (built / f"{output}.html").read_text(encoding="utf-8")
    assert heading in page
    assert "Open Government Licence" in page
    assert "<script" not in page


def test_ward_profile_html_is_self_contained_and_accessible(built):
    page = (built / "profiles/ward/bethnal-green-west.html").read_text(encoding="utf-8")
    assert '<html lang="en-GB"' in page
    assert "Bethnal Green West ward: area profile" in page
    assert "Open Government Licence" in page
    images = re.findall(r"<img [^>]*>", page)
    assert len(images) >= 10
    assert all('alt="' in i and 'alt=""' not in i for i in images)
    assert "<script src=" not in page and 'src="http' not in page
    assert "report.population()" not in page  # no code in the published report


def test_ward_profile_pdf_is_tagged_a4_and_carries_the_licence(built):
    reader = PdfReader(built / "profiles/ward/bethnal-green-west.pdf")
    assert len(reader.pages) >= 2
    width, height = (float(v) for v in reader.pages[0].mediabox[2:])
    assert abs(width - 595.3) < 1 and abs(height - 841.9) < 1
    catalog = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalog and catalog["/MarkInfo"]["/Marked"]
    text = " ".join(p.extract_text() for p in reader.pages)
    text = " ".join(text.split())
    assert "Bethnal Green West" in text
    assert "Open Government Licence" in text
    # a figure from the data, worked out by hand: 19,797 usual residents (TS022)
    assert "19,797" in text
    assert "provisional" in text.lower()


def test_index_links_the_profile(built):
    index = (built / "index.html").read_text(encoding="utf-8")
    assert 'href="profiles/ward/bethnal-green-west.html"' in index
    assert 'href="profiles/ward/bethnal-green-west.pdf"' in index


@pytest.mark.parametrize("output", ["profiles/ward/bethnal-green-west",
                                    "profiles/neighbourhood/north-west",
                                    "profiles/borough/tower-hamlets"])
def test_every_chart_but_the_locator_map_is_followed_by_its_data_table(built, output):
    page = (built / f"{output}.html").read_text(encoding="utf-8")
    chunks = page.split('<figure class="chart">')[1:]  # from each chart to the next
    assert len(chunks) >= 15
    assert '<details class="chart-data">' not in chunks[0]  # where the area is: no values
    assert all(chunk.count('<details class="chart-data">') == 1 for chunk in chunks[1:])
    assert page.count("<summary>Data for this chart: ") == len(chunks) - 1


@pytest.mark.parametrize("output", ["profiles/ward/bethnal-green-west",
                                    "profiles/borough/tower-hamlets"])
def test_profile_data_files_are_published_and_linked_from_the_report_and_index(built, output):
    name = output.rsplit("/", 1)[1]
    page = (built / f"{output}.html").read_text(encoding="utf-8")
    index = (built / "index.html").read_text(encoding="utf-8")
    for suffix, kind, label in ((".csv", "CSV", "Data (CSV)"),
                                (".xlsx", "Excel workbook", "Data (Excel workbook)")):
        path = built / f"{output}-data{suffix}"
        assert path.stat().st_size > 1000
        assert re.search(rf'<a href="{name}-data{re.escape(suffix)}">Data for this profile '
                         rf"\({kind}, [\d.]+ KB\)</a>", page)
        assert f'<a href="{output}-data{suffix}">{label}<span' in index


def test_annual_report_pdf_has_themes_contents_and_licence(built):
    folder = built / "annual-report/2025"
    reader = PdfReader(folder / "annual-report-2025.pdf")
    assert len(reader.pages) >= 8
    assert "/StructTreeRoot" in reader.trailer["/Root"]
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    for theme in ("A better deal for children and young people: aspiration, education and "
                  "skills", "Good jobs and employment", "Strong, resilient and safe communities",
                  "Better health and wellbeing"):
        assert theme in text
    assert "Open Government Licence" in text
    assert "Example text, to be replaced" in text  # the example commentary says what it is
    assert reader.outline, "headings become PDF bookmarks"


def test_annual_report_csv_appendix_is_published_and_linked(built):
    import csv

    folder = built / "annual-report/2025"
    with (folder / "annual-report-2025-data.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) >= 20
    assert {"value", "lower", "upper", "significance", "source", "licence"} <= set(rows[0])
    page = (folder / "annual-report-2025.html").read_text(encoding="utf-8")
    assert 'href="annual-report-2025-data.csv"' in page
    index = (built / "index.html").read_text(encoding="utf-8")
    assert "annual-report/2025/annual-report-2025-data.csv" in index


def test_profile_and_annual_appendix_give_the_same_figures(built):
    import csv
    import html

    from thlib.indicators import get_indicator

    ward = "E05009331"
    page = (built / "profiles/ward/bethnal-green-west.html").read_text(encoding="utf-8")
    profile_rows = {html.unescape(header): html.unescape(cells) for header, cells in
                    re.findall(r'<tr><th scope="row">(.*?)</th>(.*?)</tr>', page)}
    with (built / "annual-report/2025/annual-report-2025-data.csv").open(
            encoding="utf-8") as handle:
        # the appendix lists periods oldest first: keep each measure's latest, as profiles show
        latest = {r["indicator"]: r for r in csv.DictReader(handle)
                  if r["area_code"] == ward and r["value"]}
    assert latest
    for row in latest.values():
        indicator = get_indicator(row["indicator"])
        cells = profile_rows[indicator.label]
        assert f"<td>{row['period']}" in cells, indicator.id  # "(out of date)" may follow
        assert f"{float(row['value']):,.{indicator.decimals}f}" in cells, indicator.id
