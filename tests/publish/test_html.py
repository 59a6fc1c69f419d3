"""The report HTML: no code, accessible markup, embedded images, data-driven footer."""

from __future__ import annotations

import base64
import io
import logging
from html.parser import HTMLParser

import nbformat
import pandas as pd
import pytest
from matplotlib.figure import Figure
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from thlib.errors import BuildError
from thlib.publish.html import FALLBACK_ALT, first_heading, notebook_to_html

TITLE = "Spitalfields and Banglatown: area profile"
ALT = "Bar chart. Residents by age: 0-15 20%, 16-64 72%, 65+ 8%."


def chart_png() -> str:
    """Return a real matplotlib bar chart as base64 PNG."""
    fig = Figure(figsize=(4, 2.5))
    fig.subplots().bar(["0-15", "16-64", "65+"], [20, 72, 8])
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=72)
    return base64.b64encode(buffer.getvalue()).decode()


def chart_output(alt: str | None = ALT) -> nbformat.NotebookNode:
    meta = {"image/png": {"alt": alt, "width": 384}} if alt else {}
    return new_output("display_data", data={"image/png": chart_png(), "text/plain": "<Figure>"},
                      metadata=meta)


def report_notebook() -> nbformat.NotebookNode:
    """A small executed report: title, prose, a table, a chart, code and a removed cell."""
    table = pd.DataFrame({"Area": ["Ward", "Borough"], "Residents": [12_345, 310_300]})
    cells = [
        new_markdown_cell(f"# {TITLE}\n\nA profile built from published open data."),
        new_code_cell("secret_input_code = 42", outputs=[
            new_output("stream", name="stdout", text="printed by the analysis\n")]),
        new_markdown_cell("## Who lives here\n\nThe 2021 Census counted everyone."),
        new_code_cell("table_code()", outputs=[new_output(
            "execute_result", execution_count=3,
            data={"text/html": table.to_html(index=False), "text/plain": str(table)})]),
        new_code_cell("chart_code()", outputs=[chart_output()]),
        new_code_cell("hidden_cell_code()", metadata={"tags": ["remove_cell"]},
                      outputs=[new_output("stream", name="stdout", text="REMOVED CELL\n")]),
        new_code_cell("x", metadata={"tags": ["remove_output"]},
                      outputs=[new_output("stream", name="stdout", text="REMOVED OUTPUT\n")]),
    ]
    return new_notebook(cells=cells)


class Tags(HTMLParser):
    """Collect (tag, attributes) of every start tag."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def all(self, name: str) -> list[dict[str, str | None]]:
        return [attrs for tag, attrs in self.tags if tag == name]


@pytest.fixture(scope="module")
def html() -> str:
    return notebook_to_html(report_notebook(), {"metadata": {"name": "test-profile"}})


def test_no_code_input_prompts_or_removed_cells(html: str) -> None:
    assert "printed by the analysis" in html  # outputs stay
    for absent in ("secret_input_code", "table_code", "chart_code", "REMOVED CELL",
                   "REMOVED OUTPUT", "In&nbsp;[", "Out["):
        assert absent not in html


def test_document_language_title_and_landmarks(html: str) -> None:
    tags = Tags(html)
    assert tags.all("html") == [{"lang": "en-GB"}]
    assert f"<title>{TITLE}</title>" in html
    assert len(tags.all("main")) == 1 and tags.all("main")[0]["id"] == "main-content"
    assert tags.tags[tags.tags.index(("body", tags.all("body")[0])) + 1] == (
        "a", {"class": "skip-link", "href": "#main-content"})


def test_chart_is_a_figure_with_its_alt_text(html: str) -> None:
    images = Tags(html).all("img")
    assert len(images) == 1
    assert images[0]["alt"] == ALT
    assert images[0]["src"].startswith("data:image/png;base64,iVBOR")
    # the chart scrolls in a keyboard-focusable region named by its alt text's opening
    tags = Tags(html).tags
    at = tags.index(("figure", {"class": "chart"}))
    assert tags[at + 1] == ("div", {"aria-label": ALT, "class": "chart-scroll",
                                    "role": "region", "tabindex": "0"})
    assert tags[at + 2][0] == "img"


def test_a_long_alt_names_the_chart_region_by_its_first_sentences() -> None:
    alt = ("Line chart. Recorded crime by month in Bow East. Offences per 1,000 residents, "
           "Bow East, Tower Hamlets and London. Monthly average 9.1.")
    output = chart_output(alt)
    nb = new_notebook(cells=[new_code_cell("c", outputs=[output])])
    regions = Tags(notebook_to_html(nb)).all("div")
    assert [r["aria-label"] for r in regions if r.get("role") == "region"] == [
        "Line chart. Recorded crime by month in Bow East."]


def test_missing_alt_falls_back_to_chart_and_warns(caplog: pytest.LogCaptureFixture) -> None:
    nb = new_notebook(cells=[new_code_cell("c", outputs=[chart_output(alt=None)])])
    with caplog.at_level(logging.WARNING, logger="thlib.publish.html"):
        html = notebook_to_html(nb, {"metadata": {"name": "no-alt"}})
    assert [img["alt"] for img in Tags(html).all("img")] == [FALLBACK_ALT]
    assert "no alt text" in caplog.text and "'no-alt'" in caplog.text


def test_table_has_header_cells(html: str) -> None:
    assert "<table" in html
    assert [t for t, _ in Tags(html).tags].count("th") == 2


def test_self_contained(html: str) -> None:
    tags = Tags(html)
    assert not tags.all("script") and not tags.all("link") and not tags.all("iframe")
    assert "url(http" not in html and "@import" not in html
    for tag, attrs in tags.tags:
        for name in ("src", "href", "data", "poster", "srcset"):
            value = (attrs.get(name) or "").strip().lower()
            if value.startswith(("http:", "https:", "//")):
                assert tag == "a" and name == "href", (tag, name, value)
    assert "<style" in html


def test_title_from_metadata_wins_over_h1() -> None:
    nb = report_notebook()
    nb.metadata["title"] = "Ward profile: Spitalfields"
    assert "<title>Ward profile: Spitalfields</title>" in notebook_to_html(nb)


def test_first_heading_reads_outputs_and_skips_code_blocks() -> None:
    nb = new_notebook(cells=[
        new_markdown_cell("```python\n# not a heading\n```\n\nIntro."),
        new_code_cell("show()", outputs=[new_output(
            "display_data", data={"text/markdown": "# **Bow East**: [area](x.html) profile"})]),
        new_markdown_cell("Later\n=====")])
    assert first_heading(nb) == "Bow East: area profile"
    nb.cells.pop(1)
    assert first_heading(nb) == "Later"


def test_render_failure_is_a_build_error_naming_the_document() -> None:
    nb = report_notebook()
    del nb.cells[1].outputs[0]["text"]  # a stream output with no text
    with pytest.raises(BuildError, match="(?s)'broken-profile'.*papermill"):
        notebook_to_html(nb, {"metadata": {"name": "broken-profile"}})
