"""Property: whatever text a name or commentary holds, what we publish never runs it.

Hypothesis draws arbitrary text (with markup-like pieces mixed in) and pushes it through
each path text from data takes into a page or a spreadsheet: Markdown prose
(:func:`thlib.presentation.prose.markdown_text`, then nbconvert's Markdown renderer, as the report
template does), HTML prose templates, commentary (:attr:`Commentary.html`) and CSV cells
(:func:`thlib.presentation.spreadsheet.safe_frame`). An HTML parser then looks for what could run.
"""

import csv
import io
import re
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st
from nbconvert.filters.markdown import markdown2html_mistune

from thlib.annual.commentary import Commentary
from thlib.presentation.prose import markdown_text, render
from thlib.presentation.spreadsheet import FORMULA_STARTS, csv_bytes

PIECES = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<svg onload=alert(1)>",
          "javascript:alert(1)", "[x](javascript:alert(1))", "<a href='javascript:x'>a</a>",
          "=HYPERLINK(\"http://x\")", "+1+1", "-2+3+cmd|' /C calc'!A0", "@SUM(A1)", "\t=1",
          "\r=1", "<!--", "-->", "]]>", "<![CDATA[", "&lt;script&gt;", "\"'><b>", "`", "*", "_"]
PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
HOSTILE = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=20)), max_size=6).map(
    "".join)


URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "srcset"}


class _Runnable(HTMLParser):
    """Collect anything in a page that could run: script elements, event handlers, js: URLs."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "iframe", "object", "embed"):
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{tag} {name}=")
            if name in URL_ATTRIBUTES and value \
                    and value.strip().lower().startswith(("javascript:", "vbscript:", "data:text")):
                self.found.append(f"{tag} {name}={value}")


def _runnable(page: str) -> list[str]:
    parser = _Runnable()
    parser.feed(page)
    parser.close()
    return parser.found


@settings(max_examples=300, deadline=None)
@given(HOSTILE)
def test_a_name_in_markdown_prose_never_runs(name):
    page = markdown2html_mistune(f"# {markdown_text(name)}: area profile\n\n"
                                 f"The area is {markdown_text(name)}.")
    assert _runnable(page) == []


@settings(max_examples=200, deadline=None)
@given(HOSTILE)
def test_a_title_in_an_html_prose_template_never_runs(title):
    page = render("prose/annual/title.html.j2", title=title, year=2025, objective=title,
                  draft=False)
    assert _runnable(page) == []


@settings(max_examples=300, deadline=None)
@given(HOSTILE)
def test_commentary_never_runs(text):
    page = Commentary("foreword", Path("foreword.md"), text, "final").html
    assert _runnable(page) == []


@settings(max_examples=300, deadline=None)
@given(st.lists(HOSTILE, min_size=1, max_size=5), st.lists(st.floats(-1e6, 1e6), min_size=1,
                                                            max_size=5))
def test_no_csv_cell_starts_a_formula_and_numbers_stay_numbers(names, numbers):
    size = min(len(names), len(numbers))
    frame = pd.DataFrame({"area": names[:size], "value": numbers[:size]})
    text = csv_bytes(frame).decode("utf-8")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    for area, value in rows[1:]:
        # a cell may start with a sign only if it is just a number (which is harmless)
        assert not area.startswith(FORMULA_STARTS) or PLAIN_NUMBER.fullmatch(area)
        assert float(value) in numbers
