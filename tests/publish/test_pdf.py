"""The report PDF: A4, tagged PDF/UA, titled, bookmarked, with alt text and attribution."""

from __future__ import annotations

import base64
import io
import logging
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
import weasyprint
from matplotlib.figure import Figure
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output
from pypdf import PdfReader

from thlib.errors import BuildError
from thlib.publish.html import notebook_to_html
from thlib.publish.pdf import WeasyPDFExporter, _drop_not_printed, html_to_pdf

TITLE = "Bow East: area profile"
ALT = "Line chart. Recorded offences per 1,000 residents fell from 120 in 2019 to 95 in 2024."
ATTRIBUTION = "Contains public sector information licensed under the Open Government Licence v3.0."
PROSE = "The 2021 Census counted everyone usually resident in the area on 21 March 2021. " * 14


def chart_png() -> str:
    fig = Figure(figsize=(6, 3))
    fig.subplots().plot([2019, 2020, 2021, 2022, 2023, 2024], [120, 104, 99, 101, 97, 95])
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=96)
    return base64.b64encode(buffer.getvalue()).decode()


def report_notebook(sections: int = 4) -> nbformat.NotebookNode:
    """A multi-section executed report with a chart per section."""
    chart = new_output("display_data", data={"image/png": chart_png(), "text/plain": "<Figure>"},
                       metadata={"image/png": {"alt": ALT, "width": 576}})
    cells = [new_markdown_cell(f"# {TITLE}\n\nA profile built from published open data."),
             new_code_cell("secret_input_code = 42")]
    for number in range(1, sections + 1):
        cells += [new_markdown_cell(f"## Section {number}\n\n{PROSE}\n\n{PROSE}"),
                  new_code_cell("chart()", outputs=[chart])]
    cells.append(new_markdown_cell(f"**Sources and licence.** {ATTRIBUTION}"))
    return new_notebook(cells=cells)


def struct_elements(node: object, kind: str) -> list:
    """Return the structure elements of type ``kind`` under ``node``."""
    node = node.get_object()
    found = [node] if node.get("/S") == kind else []
    kids = node.get("/K", [])
    for kid in kids if isinstance(kids, list) else [kids]:
        kid = kid.get_object() if hasattr(kid, "get_object") else kid
        if isinstance(kid, dict) and "/S" in kid:
            found += struct_elements(kid, kind)
    return found


@pytest.fixture(scope="module")
def pdf() -> PdfReader:
    data = html_to_pdf(notebook_to_html(report_notebook()))
    assert data.startswith(b"%PDF-")
    return PdfReader(io.BytesIO(data))


def test_a4_pages(pdf: PdfReader) -> None:
    assert len(pdf.pages) >= 2  # four sections of prose and charts do not fit on one page
    for page in pdf.pages:
        assert float(page.mediabox.width) == pytest.approx(595.28, abs=1)
        assert float(page.mediabox.height) == pytest.approx(841.89, abs=1)


def test_text_has_title_attribution_and_page_numbers(pdf: PdfReader) -> None:
    text = " ".join(" ".join(page.extract_text().split()) for page in pdf.pages)
    assert TITLE in text and ATTRIBUTION in text
    assert f"Page 2 of {len(pdf.pages)}" in text
    assert "secret_input_code" not in text


def test_tagged_pdf_ua_with_title_and_language(pdf: PdfReader) -> None:
    catalog = pdf.trailer["/Root"]
    assert catalog["/MarkInfo"]["/Marked"].value is True
    assert "/StructTreeRoot" in catalog
    assert catalog["/Lang"] == "en-GB"
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"].value is True
    assert pdf.metadata.title == TITLE
    assert b"pdfuaid:part" in catalog["/Metadata"].get_object().get_data().replace(b'"', b"")


def test_figures_carry_alt_text(pdf: PdfReader) -> None:
    figures = struct_elements(pdf.trailer["/Root"]["/StructTreeRoot"], "/Figure")
    assert [figure["/Alt"] for figure in figures] == [ALT] * 4


def test_bookmarks_follow_headings(pdf: PdfReader) -> None:
    titles = [item.title for item in pdf.outline if not isinstance(item, list)]
    nested = [item.title for group in pdf.outline if isinstance(group, list) for item in group]
    assert titles == [TITLE]
    assert nested == [f"Section {n}" for n in range(1, 5)]


def test_exporter_returns_pdf_bytes() -> None:
    exporter = WeasyPDFExporter()
    data, resources = exporter.from_notebook_node(report_notebook(sections=1))
    assert data.startswith(b"%PDF-") and resources["output_extension"] == ".pdf"


def test_css_noise_is_demoted_to_info(caplog: pytest.LogCaptureFixture) -> None:
    html = '<html lang="en-GB"><title>T</title><p style="colour: red">x</p></html>'
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        html_to_pdf(html)
    assert "colour" not in caplog.text
    with caplog.at_level(logging.INFO, logger="weasyprint"):
        html_to_pdf(html)
    assert any("colour" in r.getMessage() and r.levelno == logging.INFO for r in caplog.records)


def test_weasyprint_failure_is_a_build_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import weasyprint

    def fail(*args: object, **kwargs: object) -> bytes:
        raise RuntimeError("layout went wrong")

    monkeypatch.setattr(weasyprint.HTML, "write_pdf", fail)
    with pytest.raises(BuildError, match="'Broken report'.*layout went wrong.*DEBUG"):
        html_to_pdf('<html lang="en-GB"><title>Broken report</title></html>')


def test_jupyter_nbconvert_to_thlib_pdf(tmp_path: Path) -> None:
    notebook = tmp_path / "bow-east.ipynb"
    nbformat.write(report_notebook(sections=2), notebook)
    jupyter = Path(sys.executable).with_name("jupyter")
    subprocess.run([str(jupyter), "nbconvert", "--to", "thlib_pdf", str(notebook)],
                   check=True, capture_output=True, timeout=120)
    reader = PdfReader(tmp_path / "bow-east.pdf")
    assert reader.metadata.title == TITLE
    assert reader.trailer["/Root"]["/MarkInfo"]["/Marked"].value is True


def test_the_pdf_renderer_loads_nothing_from_the_network(monkeypatch):
    import urllib.request

    from thlib.publish.pdf import html_to_pdf

    opened = []
    monkeypatch.setattr(urllib.request.OpenerDirector, "open",
                        lambda self, *a, **k: opened.append(a) or (_ for _ in ()).throw(OSError()))
    page = ('<!DOCTYPE html><html lang="en-GB"><head><title>T</title></head><body><h1>T</h1>'
            '<img alt="remote" src="http://example.org/x.png"></body></html>')
    assert html_to_pdf(page).startswith(b"%PDF")
    assert opened == []  # refused before any request was made


def test_what_print_hides_is_removed_before_weasyprint_styles_it():
    html = ('<html lang="en-GB"><title>T</title><body><p>Kept</p><div><img alt="Chart">'
            '<details class="chart-data"><summary>Data</summary><table><tr><td>9</td></tr>'
            '</table></details></div><p class="note chart-data">Also hidden</p></body></html>')
    document = weasyprint.HTML(string=html)
    _drop_not_printed(document.etree_element)
    tags = [element.tag for element in document.etree_element.iter()]
    assert "details" not in tags and "td" not in tags
    assert tags.count("p") == 1 and "img" in tags  # the rest stays, in place
